// Page object for "Size a deployment" and the sizing report: every locator the sizing specs use.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppFrame } from './app';

export class SizingPage extends AppFrame {
  readonly progress: Locator;
  readonly answer: Locator;
  readonly ranked: Locator;
  readonly whyNot: Locator;
  readonly specErrors: Locator;
  readonly runButton: Locator;
  constructor(page: Page) {
    super(page);
    this.progress = page.getByTestId('search-progress');
    this.answer = page.getByTestId('answer-card');
    this.ranked = page.getByTestId('ranked-table');
    this.whyNot = page.getByTestId('why-not-table');
    this.specErrors = page.getByTestId('spec-errors');
    this.runButton = page.getByTestId('run-search');
  }
  field(path: string): Locator {
    return this.page.locator(`[data-field="${path}"]`);
  }
  errorFor(path: string): Locator {
    return this.page.locator(`[data-error-for="${path}"]`);
  }
  answerCard(name: 'devices' | 'usd' | 'usd-per-m' | 'ttft' | 'tpot' | 'utilisation'): Locator {
    return this.page.getByTestId(`answer-${name}`).locator('.value');
  }
  /** The line under a card of the answer (percentiles, the error band). */
  answerSub(name: 'ttft' | 'tpot'): Locator {
    return this.page.getByTestId(`answer-${name}`).locator('.sub');
  }
  /** What the answer was sized at, once the answer's error bands are read. */
  sizedAt(): Locator {
    return this.page.locator('[data-testid="answer-sized-at"][data-ready="true"]');
  }
  /** Saves the spec as a .clustersearch.json under `path`. */
  async saveSpec(path: string): Promise<void> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Save .clustersearch.json' }).click();
    await (await download).saveAs(path);
  }
  async loadExample(name: string): Promise<string> {
    await this.page.getByTestId('example-picker').selectOption({ label: name });
    await expect(this.page).toHaveURL(/#\/sizing\/.+/);
    return decodeURIComponent(this.page.url().split('#/sizing/')[1]!);
  }
  /** Records every state and text the progress line shows from now on (the search may be fast). */
  async recordProgress(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __progress: string[] };
      w.__progress = [];
      const el = document.querySelector('[data-testid="search-progress"]')!;
      const note = (): void => {
        const text = el.querySelector('[data-testid="progress-text"]')?.textContent ?? '';
        w.__progress.push(`${el.getAttribute('data-status')}: ${text}`);
      };
      new MutationObserver(note).observe(el, { attributes: true, childList: true, subtree: true, characterData: true });
    });
  }
  async progressSeen(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
  }
  async waitDone(): Promise<void> {
    await expect(this.progress).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
    await expect(this.page.getByTestId('sizing-results')).toHaveAttribute('data-exact', 'true');
  }
  async waitSaved(): Promise<void> {
    await expect(this.page.locator('[data-save-state="saved"]')).toBeVisible();
  }
  rankRow(rank: number): Locator {
    return this.ranked.locator(`tr[data-rank="${rank}"]`);
  }
  systemBox(name: string): Locator {
    return this.page.getByRole('checkbox', { name: `Consider ${name}`, exact: true });
  }
  /** Writes a record straight into IndexedDB, as a damaged database would hold it. */
  async putRawSpec(spec: Record<string, unknown>): Promise<void> {
    await this.page.evaluate(
      (rec) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cluster-planner');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('sizingSpecs', 'readwrite');
            const t = new Date().toISOString();
            tx.objectStore('sizingSpecs').put({ id: rec['id'], spec: rec, createdAt: t, updatedAt: t });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      spec,
    );
  }
  reportReady(): Locator {
    return this.page.locator('[data-report-ready="true"]');
  }
}
