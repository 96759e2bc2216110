// Five tasks as a new user does them, at 1280 × 720 in both themes, each screen checked against the
// CLI run on the file the app saves: size DeepSeek-V3 for 2,000 users under SLOs; H800 against
// Ascend 910C for Qwen3-235B; a 1,024-GPU cluster with its bill of materials and PDF; a new RL
// split; what-if edits of a plan.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { cliJson, cliPairs, cliText, pairStarting } from './helpers/cli';
import { pdfText } from './helpers/pdf';
import { ClustersPage } from './pages/clusters';
import { ComparePage } from './pages/compare';
import { PlansPage } from './pages/plans';
import { RlPlanPage } from './pages/rl';
import { SizingPage } from './pages/sizing';

const DEEPSEEK = 'DeepSeek-V3 at 50 ms TPOT, 400 requests/s';

/** Labels shared by a screen's cards and the CLI's lines: each card's value is the CLI's. */
function expectSameValues(cards: Array<{ label: string; value: string }>, pairs: Map<string, string>, least: number) {
  const shared = cards.filter((c) => pairs.has(c.label));
  for (const c of shared) expect(pairs.get(c.label), c.label).toBe(c.value);
  expect(
    shared.length,
    `cards that share a label with the CLI: ${shared.map((c) => c.label).join(', ')}`,
  ).toBeGreaterThanOrEqual(least);
}

/** A new inference plan of `model` on `devices` × `system`, FP8 weights, laid out by Auto layout. */
async function newPlan(plans: PlansPage, name: string, model: string, system: string, devices: number) {
  await plans.open('/plans');
  await plans.newInferencePlan();
  await plans.field('name').fill(name);
  await plans.field('modelId').selectOption(model);
  await plans.field('systemId').selectOption(system);
  await plans.field('devices').fill(String(devices));
  await plans.field('inference.precision.weights').selectOption('fp8');
  await plans.page.getByTestId('auto-layout').click();
  await plans.waitSaved();
  await expect(plans.results).toBeVisible();
}

async function settle(page: Page): Promise<void> {
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`five tasks at 1280 × 720 (${scheme})`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1280, height: 720 } });
    test.beforeEach(async ({ page }) => {
      await page.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 2 }));
    });

    test('size DeepSeek-V3 for 2,000 users under SLOs', async ({ page }, info) => {
      const sizing = new SizingPage(page);
      await sizing.open('/sizing');
      await sizing.loadExample(DEEPSEEK);
      await sizing.waitDone();
      await sizing.field('workload.load.mode').selectOption('concurrent-users');
      await sizing.field('workload.load.users').fill('2000');
      await sizing.waitSaved();
      await sizing.runButton.click();
      await sizing.waitDone();

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Save .clustersearch.json' }).click();
      const file = info.outputPath('users.clustersearch.json');
      await (await download).saveAs(file);
      expect(JSON.parse(readFileSync(file, 'utf8')).workload.load).toEqual({
        mode: 'concurrent-users',
        users: 2000,
        thinkTimeS: 30,
      });
      const text = cliText(['search', file, '--top', '20']);
      const pairs = cliPairs(text);
      const json = cliJson<{ best: { metrics: { devices: number }; summary: string } }>(['search', file]);

      await expect(sizing.answerCard('devices')).toHaveText(
        `${json.best.metrics.devices.toLocaleString('en-US')} devices`,
      );
      await expect(page.getByTestId('answer-text')).toHaveText(
        /^(.*?) — /.exec(
          text
            .split('\n')
            .find((l) => l.startsWith('Cheapest meeting your SLOs: '))!
            .slice(28),
        )![1]!,
      );
      const cards = await page
        .getByTestId('answer-card')
        .locator('.card')
        .evaluateAll((els) =>
          els.map((el) => ({
            label: el.querySelector('.label')!.textContent!.trim(),
            value: el.querySelector('.value')!.textContent!.trim(),
          })),
        );
      expectSameValues(cards, pairs, 3);
      const [p50, p90] = pairStarting(pairs, 'TTFT p50 / p90').split(' / ');
      await expect(sizing.answerCard('ttft')).toHaveText(p90!);
      await expect(page.getByTestId('answer-card').getByTestId('answer-ttft')).toContainText(`p50 ${p50}`);
      const load = pairs.get('load')!;
      const shown = (await page.getByTestId('answer-load').innerText()).replace(/^Load: /, '').replace(/\.$/, '');
      expect(load.startsWith(shown), `${load} / ${shown}`).toBe(true);
      await expect(page.getByTestId('answer-binding')).toContainText(pairs.get('binding limit')!);
      expect(sizing.consoleErrors).toEqual([]);
    });

    test('H800 against Ascend 910C for Qwen3-235B', async ({ page }, info) => {
      const plans = new PlansPage(page);
      const names = ['Qwen3-235B on 8 × H800', 'Qwen3-235B on 8 × Ascend 910C'];
      await newPlan(plans, names[0]!, 'qwen3-235b-a22b', 'hgx-h800', 8);
      const h800 = await plans.saveAs((n) => info.outputPath(`h800-${n}`));
      await newPlan(plans, names[1]!, 'qwen3-235b-a22b', 'cloudmatrix-384', 8);
      const ascend = await plans.saveAs((n) => info.outputPath(`910c-${n}`));

      const compare = new ComparePage(page);
      await compare.open('/compare');
      await compare.choose(names);
      const rows = await compare.rows();
      const cli = [cliPairs(cliText(['infer', h800])), cliPairs(cliText(['infer', ascend]))];
      let same = 0;
      for (const row of rows)
        for (const [i, pairs] of cli.entries()) {
          const v = pairs.get(row.label);
          if (v === undefined) continue;
          same++;
          if (v === 'no price set') expect(row.cells[i], `${row.label}, ${names[i]}`).toMatch(/^no price/);
          else expect(row.cells[i]!.startsWith(v), `${row.label}, ${names[i]}: ${row.cells[i]} vs ${v}`).toBe(true);
        }
      expect(same).toBeGreaterThanOrEqual(8);
      // Its inputs are listed, and memory is judged by headroom (the 910C's 128 GB leave more)
      await expect(page.getByTestId('compare-inputs')).toContainText('Huawei Ascend 910C');
      const headroom = rows.findIndex((r) => r.id === 'memoryHeadroom');
      expect(headroom).toBeGreaterThanOrEqual(0);
      await expect(compare.table.locator('tr[data-metric="memoryHeadroom"] td').nth(1)).toHaveAttribute(
        'data-best',
        'true',
      );
      expect(compare.consoleErrors).toEqual([]);
    });

    test('a 1,024-GPU cluster: bill of materials and PDF', async ({ page }, info) => {
      const clusters = new ClustersPage(page);
      const id = 'h200-1024-rail-optimised';
      await clusters.open(`/clusters/${id}`);
      await expect(clusters.results).toBeVisible();
      const text = cliText(['cluster', id]);
      const pairs = cliPairs(text);
      const cards = await page
        .getByTestId('cluster-totals')
        .locator('.card')
        .evaluateAll((els) =>
          els.map((el) => ({
            label: el.querySelector('.label')!.textContent!.trim(),
            value: `${el.querySelector('.value')!.textContent!.trim()} (${el.querySelector('.sub')!.textContent!.trim()})`,
          })),
        );
      expectSameValues(cards, pairs, 8);
      await expect(clusters.card('devices')).toHaveText('1,024');

      // The bill of materials: every line as the CLI lists it
      const bom = await clusters.bom
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 5).map((td) => (td.textContent ?? '').trim())),
        );
      const cliBom = text
        .slice(text.indexOf('\nitem '))
        .split('\n')
        .filter((l) => bom.some(([item]) => l.startsWith(`${item!}  `)))
        .map((l) => l.split(/ {2,}/));
      expect(cliBom.length).toBe(bom.length);
      for (const [i, row] of bom.entries()) expect(row).toEqual(cliBom[i]);

      // The report as a PDF carries the same totals
      await clusters.open(`/cluster-report/${id}`);
      await expect(clusters.reportReady()).toBeVisible();
      await page.emulateMedia({ media: 'print' });
      const path = info.outputPath('cluster.pdf');
      await page.pdf({ path, format: 'A4', printBackground: true });
      const pdf = pdfText(path).replace(/\s+/g, ' ');
      for (const label of ['Capex', 'TCO', 'Opex per year'])
        expect(pdf).toContain(pairs.get(label)!.replace(/ \(.*$/, ''));
      expect(clusters.consoleErrors).toEqual([]);
    });

    test('change an RL split', async ({ page }, info) => {
      const rl = new RlPlanPage(page);
      await rl.openPlan('deepseek-v3-grpo-320xh800-disagg');
      await expect(rl.currentSplitRow()).toHaveAttribute('data-rollout', '64');
      await rl.splitRow(128).getByTestId('apply-split').click();
      await expect(rl.currentSplitRow()).toHaveAttribute('data-rollout', '128');
      await rl.waitSaved();
      await settle(page);
      const step = (await rl.splitRow(128).locator('td').nth(2).innerText()).trim();
      await expect(rl.cardValue('step')).toHaveText(step);

      const file = await rl.saveAs((n) => info.outputPath(n));
      expect(JSON.parse(readFileSync(file, 'utf8')).rl.placement).toMatchObject({ rolloutDevices: 128 });
      const pairs = cliPairs(cliText(['rl', file]));
      const cards = (await rl.cards()).map((c) => ({ label: c.label, value: `${c.value} (${c.sub})` }));
      expectSameValues(cards, pairs, 6);
      // The split table is the CLI's sweep
      const sweep = cliText(['rl', file, '--sweep', 'split'])
        .split('\n')
        .find((l) => /^128 +192 /.test(l))!
        .split(/ {2,}/);
      const row = await rl.splitRow(128).locator('td').allInnerTexts();
      expect(row.slice(1, 5).map((t) => t.trim())).toEqual(sweep.slice(1, 5));
      expect(rl.consoleErrors).toEqual([]);
    });

    test('what-if edits of a plan', async ({ page }, info) => {
      const plans = new PlansPage(page);
      await plans.open('/plans/llama-3.1-70b-4xh100-tp4');
      await expect(plans.results).toBeVisible();
      const before = (await plans.card('tpot').locator('.value').innerText()).trim();
      await plans.field('inference.precision.weights').selectOption('fp8');
      await plans.field('devices').fill('8');
      await page.getByTestId('auto-layout').click();
      await plans.field('inference.workload.concurrentRequests').fill('64');
      await plans.waitSaved();
      await settle(page);
      await expect(plans.card('tpot').locator('.value')).not.toHaveText(before);

      const file = await plans.saveAs((n) => info.outputPath(n));
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      expect(saved.devices).toBe(8);
      expect(saved.inference.workload.concurrentRequests).toBe(64);
      const pairs = cliPairs(cliText(['infer', file]));
      const value = async (id: string): Promise<string> => (await plans.card(id).locator('.value').innerText()).trim();
      expect(await value('ttft')).toBe(pairs.get('TTFT, one prompt on an idle system'));
      expect(await value('tpot')).toBe(pairs.get("TPOT at the plan's batch"));
      expect(await value('served-ttft')).toBe(
        pairStarting(pairs, 'served TTFT')
          .replace(/^mean /, '')
          .split(/[;(]/)[0]!
          .trim(),
      );
      expect(await value('served-tpot')).toBe(
        pairStarting(pairs, 'served TPOT')
          .replace(/^mean /, '')
          .split(/[;(]/)[0]!
          .trim(),
      );
      expect(await value('served-e2e')).toBe(
        pairs
          .get('served end-to-end latency')!
          .replace(/^mean /, '')
          .split(',')[0],
      );
      expect(await value('ttft-burst')).toBe(/last (.*)$/.exec(pairStarting(pairs, 'TTFT of 64 prompts'))![1]);
      expectSameValues(await plans.cards(), pairs, 2);

      // A committed term: the book has no committed rate for the H100, so the plan has no $ and says where to set one.
      const cost = (await value('cost')).trim();
      await plans.field('prices.rate').selectOption('committed');
      await plans.settle();
      await expect(plans.card('cost').locator('.value')).not.toHaveText(cost);
      await expect(plans.card('cost')).toContainText('price book');
      const committed = JSON.parse(readFileSync(await plans.saveAs((n) => info.outputPath(`committed-${n}`)), 'utf8'));
      expect(committed.prices).toMatchObject({ mode: 'hourly', rate: 'committed', usdPerDeviceHour: null });
      expect(plans.consoleErrors).toEqual([]);
    });
  });
}
