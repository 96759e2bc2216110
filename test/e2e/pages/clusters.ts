// Page object for the Clusters page and the cluster report: every locator the cluster specs use.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppFrame } from './app';

export class ClustersPage extends AppFrame {
  readonly list: Locator;
  readonly results: Locator;
  readonly compareTable: Locator;
  readonly bom: Locator;
  readonly diagram: Locator;
  constructor(page: Page) {
    super(page);
    this.list = page.getByTestId('cluster-list');
    this.results = page.getByTestId('cluster-results');
    this.compareTable = page.getByTestId('cluster-compare-table');
    this.bom = page.getByTestId('bom-table');
    this.diagram = page.getByTestId('cluster-diagram');
  }
  field(path: string): Locator {
    return this.page.locator(`[data-field="${path}"]`);
  }
  card(name: string): Locator {
    return this.page.getByTestId(`cluster-card-${name}`).locator('.value');
  }
  async newCluster(): Promise<string> {
    await this.page.getByRole('button', { name: 'New cluster' }).click();
    await expect(this.page).toHaveURL(/#\/clusters\/cluster-/);
    await expect(this.results).toBeVisible();
    return decodeURIComponent(this.page.url().split('#/clusters/')[1]!);
  }
  async setField(path: string, value: string): Promise<void> {
    await this.field(path).fill(value);
  }
  async waitSaved(): Promise<void> {
    await expect(this.page.locator('[data-save-state="saved"]')).toBeVisible();
  }
  compareBox(name: string): Locator {
    return this.page.getByRole('checkbox', { name: `Compare ${name}` });
  }
  reportReady(): Locator {
    return this.page.locator('[data-report-ready="true"]');
  }
}
