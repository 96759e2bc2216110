// Page object for the plan workspace, Compare, Models and Validation pages.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppFrame } from './app';

export class PlansPage extends AppFrame {
  readonly list: Locator;
  readonly results: Locator;
  constructor(page: Page) {
    super(page);
    this.list = page.getByTestId('plan-list');
    this.results = page.getByTestId('results');
  }
  field(path: string): Locator {
    return this.page.locator(`[data-field="${path}"]`);
  }
  card(name: string): Locator {
    return this.page.getByTestId(`card-${name}`);
  }
  /** The message under a field (a value the schema refuses, or a problem the engine found with it). */
  fieldError(path: string): Locator {
    return this.page.locator('.field', { has: this.field(path) }).locator('.error');
  }
  /** Under load: the same arrival rate through the scheduler's simulation, beside the analytic cards. */
  get loadSimulated(): Locator {
    return this.page.getByTestId('load-simulated');
  }
  /** The Served section's open-loop card (the simulation at the workload's arrival rate). */
  get servedOpen(): Locator {
    return this.card('served-open');
  }
  /** A result card's value ("5.88 ms"). */
  cardValue(name: string): Locator {
    return this.card(name).locator('.value');
  }
  /** The checkbox that switches an optional part of the plan on or off, by its label. */
  toggle(label: string): Locator {
    return this.page.getByRole('checkbox', { name: label });
  }
  /** A select's option texts, in order. */
  async optionTexts(path: string): Promise<string[]> {
    return (await this.field(path).locator('option').allTextContents()).map((t) => t.trim());
  }
  /** Auto layout, then the results of the plan as laid out. */
  async autoLayout(): Promise<void> {
    await this.page.getByTestId('auto-layout').click();
    await this.settle();
  }
  /** The last edit is saved and its results are shown (no evaluation in flight). */
  async settle(): Promise<void> {
    await this.waitSaved();
    await expect(this.main.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(this.results).toBeVisible();
  }
  async newInferencePlan(): Promise<string> {
    await this.page.getByRole('button', { name: 'New inference plan' }).click();
    await expect(this.page).toHaveURL(/#\/plans\/plan-/);
    await expect(this.results).toBeVisible();
    return this.page.url().split('#/plans/')[1]!;
  }
  async setField(path: string, value: string): Promise<void> {
    const f = this.field(path);
    await f.fill(value);
  }
  /** Every result card on screen: its test id, label, value and the line under it. */
  async cards(): Promise<Array<{ id: string; label: string; value: string; sub: string }>> {
    await expect(this.main.locator('[aria-busy="true"]')).toHaveCount(0);
    return this.results.locator('.card').evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-testid') ?? '',
        label: el.querySelector('.label')?.textContent?.trim() ?? '',
        value: el.querySelector('.value')?.textContent?.trim() ?? '',
        sub: el.querySelector('.sub')?.textContent?.trim() ?? '',
      })),
    );
  }
  /** Save As (Ctrl+Shift+S): the plan's file, saved under `dir`; returns its path. */
  async saveAs(dir: (name: string) => string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.shortcut('Control+Shift+S');
    const d = await download;
    const path = dir(d.suggestedFilename());
    await d.saveAs(path);
    return path;
  }
  /** Waits for the debounced autosave to reach IndexedDB (the toolbar's data-save-state). */
  async waitSaved(): Promise<void> {
    await expect(this.page.locator('[data-save-state="saved"]')).toBeVisible();
  }
}
