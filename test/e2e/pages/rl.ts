// Page object for RL plans: the results cards, charts, split table and editor fields.
import { expect, type Locator, type Page } from '@playwright/test';
import { PlansPage } from './plans';

export class RlPlanPage extends PlansPage {
  readonly timeline: Locator;
  readonly splitTable: Locator;
  readonly splitAnswer: Locator;
  constructor(page: Page) {
    super(page);
    this.timeline = page.getByTestId('chart-rl-timeline');
    this.splitTable = page.getByTestId('rl-split');
    this.splitAnswer = page.getByTestId('rl-split-answer');
  }
  async openPlan(id: string): Promise<void> {
    await this.open(`/plans/${id}`);
    await expect(this.page.locator('[data-plan-kind="rl"]')).toBeVisible();
  }
  /** The split table's row for a rollout pool of `devices`. */
  splitRow(devices: number): Locator {
    return this.splitTable.locator(`tr[data-rollout="${devices}"]`);
  }
  /** The seconds per step of a phase in the phases table ("Generation", "Training"). */
  phaseSeconds(phase: string): Locator {
    return this.page.getByTestId('rl-phases').locator('tbody tr').filter({ hasText: phase }).first().locator('td.num');
  }
  currentSplitRow(): Locator {
    return this.splitTable.locator('tr[data-current="true"]');
  }
}
