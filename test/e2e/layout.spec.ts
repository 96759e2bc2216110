// The app on a laptop. Every page (read from the sidebar, so a new page is covered
// without editing this file) at 1280 × 720, 1440 × 900 and 1920 × 1080, light and dark: no
// horizontal overflow of the main pane and nothing cut off (select labels and column headers
// included); an axe-core scan (WCAG 2.1 A/AA) with
// no serious or critical violation; the sidebar and the plan editor work by keyboard with a
// visible focus ring; the first run lands on "Start here"; charts explain their points.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LayoutProbe, SIZES } from './pages/layout';
import { PlansPage } from './pages/plans';

/**
 * axe rules that may report serious/critical on purpose, each with the reason (the README's
 * "Accessibility" section lists the same). Empty: every serious or critical violation fails.
 */
const AXE_ACCEPTED: Record<string, string> = {};

for (const scheme of ['light', 'dark'] as const) {
  test(`no page overflows horizontally at laptop and desktop sizes (${scheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    const app = new LayoutProbe(page);
    await page.emulateMedia({ colorScheme: scheme });
    await app.open('/start');
    await app.pickExampleComparison();
    const sidebar = await app.allRoutes();
    expect(sidebar).toEqual(expect.arrayContaining(['/start', '/plans', '/compare', '/hardware', '/validation']));
    // Detail pages with their own wide content: an MoE plan, an RL plan, a cluster and its report.
    const routes = [
      ...sidebar,
      '/plans/deepseek-v3-hgx-h800-ep144',
      '/plans/qwen2.5-7b-grpo-8xh100',
      '/clusters/deepseek-2048-h800-mpft',
      '/cluster-report/deepseek-2048-h800-mpft',
    ];
    const problems: string[] = [];
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      for (const r of routes) {
        await app.visit(r);
        for (const p of [...(await app.overflow()), ...(await app.cutLabels())])
          problems.push(`${w}×${h} ${scheme} ${r}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  test(`axe-core finds no serious or critical WCAG 2.1 AA violation (${scheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    const app = new LayoutProbe(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: scheme });
    await app.open('/start');
    await app.pickExampleComparison();
    const found: string[] = [];
    const minor = new Set<string>();
    for (const r of await app.allRoutes()) {
      await app.visit(r);
      const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(res.passes.length + res.incomplete.length, `axe ran its rules on ${r}`).toBeGreaterThan(10);
      // Text below the fold of a scrolling pane is "obscured" to axe, which then skips its contrast:
      // check contrast again with the window as tall as the page, so every line is on screen.
      const tall = await page.evaluate(() =>
        Math.max(...[...document.querySelectorAll('main, main *')].map((e) => e.scrollHeight)),
      );
      await page.setViewportSize({ width: 1280, height: Math.min(tall + 100, 12_000) });
      const full = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
      await page.setViewportSize({ width: 1280, height: 720 });
      for (const v of [...res.violations, ...full.violations]) {
        if (v.impact !== 'serious' && v.impact !== 'critical') minor.add(`${v.id} (${v.impact})`);
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        if (AXE_ACCEPTED[v.id]) continue;
        const where = v.nodes
          .slice(0, 3)
          .map(
            (n) =>
              `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join('')}` : ''}`,
          )
          .join('; ');
        found.push(`${scheme} ${r}: ${v.id} (${v.impact}, ${v.nodes.length}×): ${where}`);
      }
    }
    if (minor.size) console.log(`[axe ${scheme}] moderate or minor: ${[...minor].join(', ')}`);
    expect(found).toEqual([]);
  });
}

test('the overflow probe catches a too-wide element and content cut off in a box', async ({ page }) => {
  const app = new LayoutProbe(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open('/validation');
  expect(await app.overflow()).toEqual([]);
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.style.width = '2000px';
    wide.textContent = 'too wide';
    document.querySelector('main .page')?.append(wide);
  });
  expect((await app.overflow()).join('\n')).toContain('main: scrollWidth');
  await page.evaluate(() => {
    const main = document.querySelector('main .page')!;
    main.lastElementChild?.remove();
    main.insertAdjacentHTML(
      'beforeend',
      '<div style="overflow:hidden;width:100px"><span style="display:inline-block;width:400px">cut off</span></div>',
    );
  });
  expect((await app.overflow()).join('\n')).toContain('cuts 300px');
});

test('the sidebar and the plan editor work by keyboard, with a visible focus ring', async ({ page }) => {
  const app = new PlansPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open('/plans/llama-3.1-8b-h100');
  await expect(app.results).toBeVisible();
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const cs = el ? getComputedStyle(el) : null;
      return {
        text: el?.textContent?.trim() ?? '',
        field: el?.getAttribute('data-field') ?? '',
        outline: cs ? `${cs.outlineStyle} ${parseFloat(cs.outlineWidth)}` : '',
      };
    });
  // The first Tab stop is the skip link; Enter moves focus into the page.
  await page.keyboard.press('Tab');
  expect((await focused()).text).toBe('Skip to the page');
  await expect(page.getByRole('link', { name: 'Skip to the page' })).toBeInViewport();
  // Then the sidebar: Down arrow moves between its links, Enter opens one.
  await page.keyboard.press('Tab');
  expect(await focused()).toMatchObject({ text: 'Start here', outline: 'solid 2' });
  await page.keyboard.press('ArrowDown');
  expect((await focused()).text).toBe('Size a deployment');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect((await focused()).text).toBe('Compare');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/compare$/);
  // The editor: Tab walks the fields in reading order, typing updates the results.
  await app.open('/plans/llama-3.1-8b-h100');
  await expect(app.results).toBeVisible();
  await app.field('devices').focus();
  expect(await focused()).toMatchObject({ field: 'devices', outline: 'solid 2' });
  await page.keyboard.press('Tab');
  expect((await focused()).field).toBe('powerFractionOfTdp');
  const thr = await app.card('throughput').innerText();
  await app.field('inference.workload.concurrentRequests').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('48');
  await expect(app.card('throughput')).not.toHaveText(thr);
  // Checkboxes toggle with Space.
  const dmb = app.field('inference.serving.dualMicroBatch');
  const before = await dmb.isChecked();
  await dmb.focus();
  await page.keyboard.press('Space');
  await expect(dmb).toBeChecked({ checked: !before });
  expect(app.consoleErrors).toEqual([]);
});

test('first run lands on "Start here"; each of its examples leads to a working page', async ({ page }) => {
  const app = new PlansPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await expect(app.heading()).toHaveText('Start here');
  await expect(page.getByTestId('start-page').locator('article')).toHaveCount(6);
  // The first item opens the sizing page.
  await page.getByTestId('start-size').getByRole('button').click();
  await expect(page).toHaveURL(/#\/sizing/);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await app.open('/start');
  // The example figures are computed by the engine, not typed in.
  await expect(page.getByTestId('start-serve').getByTestId('start-figures')).toContainText(/TPOT \d/);
  await page.getByTestId('start-serve').getByRole('button').click();
  await expect(page).toHaveURL(/#\/plans\/deepseek-v3-hgx-h800-ep144$/);
  await expect(app.results).toBeVisible();
  await app.open('/start');
  await page.getByTestId('start-compare').getByRole('button').click();
  await expect(page).toHaveURL(/#\/compare$/);
  await expect(page.getByTestId('compare-table').locator('thead th')).toHaveCount(3);
  await app.open('/start');
  await page.getByTestId('start-train').getByRole('button').click();
  await expect(page.getByTestId('card-mfu')).toBeVisible();
  await app.open('/start');
  await page.getByTestId('start-rl').getByRole('button').click();
  await expect(page).toHaveURL(/#\/plans\/qwen2\.5-7b-grpo-8xh100$/);
  await expect(app.results).toBeVisible();
  await app.open('/start');
  await page.getByTestId('start-cluster').getByRole('button').click();
  await expect(page).toHaveURL(/#\/clusters/);
  expect(app.consoleErrors).toEqual([]);
});

test('empty states say what to do next', async ({ page }) => {
  const app = new PlansPage(page);
  await app.open('/plans');
  await expect(page.getByTestId('pick-plan').getByRole('link', { name: /DeepSeek-V3 example/ })).toBeVisible();
  await app.open('/compare');
  const empty = page.getByTestId('compare-empty');
  await expect(empty).toContainText('Pick two plans');
  await empty.getByRole('button').click();
  await expect(page.getByTestId('compare-table')).toBeVisible();
});

test('the batch-sweep chart: units on both axes, legend outside the plot, a tooltip with the configuration', async ({
  page,
}) => {
  const app = new PlansPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open('/plans/deepseek-v3-hgx-h800-ep144');
  const chart = page.getByTestId('chart-sweep');
  await expect(chart).toContainText('TPOT (ms per output token)');
  await expect(chart).toContainText('output tokens/s per device');
  // The legend is an HTML list above the plot, so it cannot cover a point.
  const legend = await chart.getByTestId('chart-legend').boundingBox();
  const plot = await chart.locator('.recharts-cartesian-grid').boundingBox();
  expect(legend && plot && legend.y + legend.height <= plot.y).toBe(true);
  await chart.scrollIntoViewIfNeeded();
  const dots = chart.locator('.recharts-scatter-symbol');
  expect(await dots.count()).toBeGreaterThan(10);
  // Neighbouring points' hover targets overlap; whichever is on top answers with its own configuration.
  await dots.nth(5).hover({ force: true });
  const tip = chart.getByTestId('chart-tooltip');
  await expect(tip).toContainText('batch (sequences in flight)');
  await expect(tip).toContainText('fits in memory');
  await expect(tip).toContainText('DeepSeek-V3 decode');
});
