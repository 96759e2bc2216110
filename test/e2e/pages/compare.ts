// Page object for Compare: the plan picker and the side-by-side table, read as label → cells.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppFrame } from './app';

export class ComparePage extends AppFrame {
  readonly picker: Locator;
  readonly table: Locator;
  constructor(page: Page) {
    super(page);
    this.picker = page.getByTestId('compare-picker');
    this.table = page.getByTestId('compare-table');
  }
  /** Ticks exactly the plans named. */
  async choose(names: string[]): Promise<void> {
    await expect(this.picker.getByRole('checkbox').first()).toBeVisible();
    for (const box of await this.picker.getByRole('checkbox').all()) if (await box.isChecked()) await box.uncheck();
    for (const n of names) await this.picker.getByRole('checkbox', { name: n, exact: true }).check();
    await expect(this.table).toBeVisible();
    await expect(this.main.locator('[aria-busy="true"]')).toHaveCount(0);
  }
  /** The inputs table (what is compared) as label → the plans' cells. */
  async inputs(): Promise<Map<string, string[]>> {
    const rows = await this.page
      .getByTestId('compare-inputs')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          (tr.querySelector('th')?.textContent ?? '').trim(),
          [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()),
        ]),
      );
    return new Map(rows as Array<[string, string[]]>);
  }
  /** Each metric row: its label (without the unit note) and the cells' texts. */
  async rows(): Promise<Array<{ id: string; label: string; cells: string[] }>> {
    return this.table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const th = tr.querySelector('th')!;
        return {
          id: tr.getAttribute('data-metric') ?? '',
          label: (th.firstChild?.textContent ?? '').trim(),
          cells: [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()),
        };
      }),
    );
  }
}
