import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { RlPlanPage } from './pages/rl';

// The engine's numbers come from the CLI (Playwright's loader cannot import the JSON presets).
const rl = (plan: string): { stepTimeS: number; binding: string } =>
  JSON.parse(execFileSync(process.execPath, ['bin/cluster-planner.mjs', 'rl', plan, '--json'], { encoding: 'utf8' }));
const seconds = (s: string): number => {
  const m = /([\d.,]+)\s*(ms|s|min|h)/.exec(s);
  if (!m) throw new Error(`no duration in "${s}"`);
  const v = Number(m[1]!.replace(/,/g, ''));
  return v * ({ ms: 1e-3, s: 1, min: 60, h: 3600 } as Record<string, number>)[m[2]!]!;
};

test.describe('RL plans', () => {
  test('the colocated 7B example shows its step, timeline, memory and split answer', async ({ page }) => {
    const app = new RlPlanPage(page);
    await app.openPlan('qwen2.5-7b-grpo-8xh100');
    const cli = rl('presets/plans/qwen2.5-7b-grpo-8xh100.json');
    const step = seconds(await app.cardValue('step').innerText());
    expect(Math.abs(step / cli.stepTimeS - 1)).toBeLessThan(0.01);
    await expect(app.card('step')).toContainText(`${cli.binding} binds`);
    await expect(app.timeline).toBeVisible();
    await expect(app.timeline.locator('svg.recharts-surface')).toBeVisible();
    await expect(page.getByTestId('chart-rl-memory')).toBeVisible();
    await expect(page.getByTestId('chart-rl-generation')).toBeVisible();
    await expect(app.splitAnswer).toContainText(/rollout \+ \d+ training devices|No split fits/);
    await expect(page.getByTestId('show-math')).toContainText('RL step time');
    expect(app.consoleErrors).toEqual([]);
  });

  test('editing the rollout batch changes the step, and a bad value is named', async ({ page }) => {
    const app = new RlPlanPage(page);
    await app.openPlan('qwen2.5-7b-grpo-8xh100');
    const before = await app.cardValue('step').innerText();
    await app.setField('rl.workload.samplesPerPrompt', '10');
    await expect(app.cardValue('step')).not.toHaveText(before);
    await app.waitSaved();
    await app.setField('rl.workload.promptsPerStep', '0');
    await expect(page.getByRole('alert').filter({ hasText: 'at least 1' })).toBeVisible();
    await app.setField('rl.workload.promptsPerStep', '1024');
    // Two pools: the timeline gains a rollout and a training row, and the pools add up.
    await app.field('rl.placement.mode').selectOption('disaggregated');
    await expect(app.timeline).toContainText('rollout pool');
    await expect(app.field('rl.placement.rolloutDevices')).toHaveValue('4');
    await expect(app.field('rl.placement.trainingDevices')).toHaveValue('4');
    await expect(page.getByTestId('plan-errors')).toHaveCount(0);
  });

  test('the rollout engine’s serving stack: SGLang with its measured release changes the generation time', async ({
    page,
  }) => {
    const app = new RlPlanPage(page);
    await app.openPlan('qwen2.5-7b-grpo-8xh100');
    const generation = app.phaseSeconds('Generation');
    const generic = await generation.innerText();
    await expect(app.field('rl.rollout.serving.stack.version')).toHaveCount(0); // generic: no release to pick
    // By way of TensorRT-LLM's measured kernels: the generic stack is the three stacks' median, and SGLang's
    // kernels on the H100 come within 0.3% of it for this rollout (both show 13.7 s)
    await app.field('rl.rollout.serving.stack.name').selectOption('trtllm');
    await app.field('rl.rollout.serving.stack.version').selectOption('1.3.0rc20');
    await expect(generation).not.toHaveText(generic);
    const trtllm = await generation.innerText();
    await app.field('rl.rollout.serving.stack.name').selectOption('sglang');
    expect(await app.optionTexts('rl.rollout.serving.stack.version')).toContain('0.5.14');
    await app.field('rl.rollout.serving.stack.version').selectOption('0.5.14');
    await expect(generation).not.toHaveText(trtllm);
    await app.waitSaved();
    await expect(page.getByTestId('plan-errors')).toHaveCount(0);
  });

  test('the disaggregated MoE example shows both pools and opens in the report', async ({ page }) => {
    const app = new RlPlanPage(page);
    await app.openPlan('deepseek-v3-grpo-320xh800-disagg');
    await expect(app.timeline).toContainText('rollout pool');
    await expect(app.timeline).toContainText('training pool');
    await expect(app.splitTable.locator('tbody tr')).not.toHaveCount(0);
    await app.open('/report/deepseek-v3-grpo-320xh800-disagg');
    await expect(page.locator('[data-report-ready="true"]')).toBeVisible();
    await expect(page.getByTestId('report-appendix')).toContainText('RL step time');
    await expect(page.locator('.report')).toContainText('Placement');
  });

  test('editing one pool moves the other; the split table marks this plan’s split and applies another', async ({
    page,
  }) => {
    // Arrange: 64 rollout + 256 training devices
    const app = new RlPlanPage(page);
    await app.openPlan('deepseek-v3-grpo-320xh800-disagg');
    await expect(app.currentSplitRow()).toHaveAttribute('data-rollout', '64');
    // Act: 128 rollout devices (the training pool used to stay at 256: "128 + 256 ≠ 320")
    await app.setField('rl.placement.rolloutDevices', '128');
    // Assert: the training pool follows and the plan still evaluates
    await expect(app.field('rl.placement.trainingDevices')).toHaveValue('192');
    await expect(page.getByTestId('plan-errors')).toHaveCount(0);
    await expect(app.currentSplitRow()).toHaveAttribute('data-rollout', '128');
    // Apply another split from the table
    await app.splitRow(96).getByTestId('apply-split').click();
    await expect(app.field('rl.placement.rolloutDevices')).toHaveValue('96');
    await expect(app.field('rl.placement.trainingDevices')).toHaveValue('224');
    await expect(app.currentSplitRow()).toHaveAttribute('data-rollout', '96');
    await expect(page.getByTestId('plan-errors')).toHaveCount(0);
  });

  test('Compare puts two RL plans side by side', async ({ page }) => {
    const app = new RlPlanPage(page);
    await app.open('/compare');
    const picker = page.getByTestId('compare-picker');
    await picker.getByText('GRPO on Qwen2.5 7B').click();
    await picker.getByText('GRPO on DeepSeek-V3').click();
    await expect(page.getByTestId('compare-table')).toContainText('RL step time');
    await expect(page.getByTestId('chart-rl-breakdown')).toBeVisible();
  });
});
