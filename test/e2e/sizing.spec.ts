import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { cliPairs, cliText } from './helpers/cli';
import { holdSearchEnd, installSearchHold } from './helpers/hold-search';
import { page1Ink, pdfText } from './helpers/pdf';
import { PlansPage } from './pages/plans';
import { SizingPage } from './pages/sizing';

interface CliBest {
  best: { metrics: { devices: number; usdPerHour: number; ttftS: { p90: number }; tpotS: number } } | null;
  candidates: number;
}
/** The CLI's single-threaded search of a spec file (Playwright's loader cannot import the presets). */
const cliSearch = (file: string): CliBest =>
  JSON.parse(
    execFileSync(process.execPath, ['bin/cluster-planner.mjs', 'search', file, '--json', '--top', '20'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );

const DEEPSEEK = 'DeepSeek-V3 at 50 ms TPOT, 400 requests/s';
const CHAT = 'Chat service on Llama-3.1-70B, 20 requests/s';

test.describe('Size a deployment', () => {
  // Two cores, like CI: the pool starts two workers whatever machine runs the tests.
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 2 }));
  });

  test('load an example, edit the load, watch the search, open the best as a plan, compare the top three', async ({
    page,
  }, info) => {
    const sizing = new SizingPage(page);
    await sizing.open('/sizing');
    // The planner is the first tool in the sidebar, after "Start here".
    await expect(sizing.sidebar.getByRole('link').nth(1)).toHaveText('Size a deployment');
    await expect(page.getByTestId('sizing-welcome')).toBeVisible();

    // Arrange: the DeepSeek-V3 example, searched as it opens; then half the load.
    await sizing.loadExample(DEEPSEEK);
    await sizing.waitDone();
    await page.screenshot({ path: 'docs/screenshot-sizing.png' }); // for the README
    await sizing.field('workload.load.requestsPerSecond').fill('200');
    await sizing.waitSaved();
    await expect(page.getByTestId('stale-note')).toBeVisible();

    // Act: search again and watch it
    await sizing.recordProgress();
    await sizing.runButton.click();
    await sizing.waitDone();

    // Assert: progress was shown as candidates streamed in, and the answer equals the CLI's one-thread search
    const seen = await sizing.progressSeen();
    expect(seen.some((s) => /^running: Searching: [\d,]+ \/ 5,542 configurations/.test(s))).toBe(true);
    expect(seen.at(-1)).toMatch(/^done: Searched 5,542 configurations/);
    await expect(sizing.answer).toHaveAttribute('data-final', 'true');
    const specFile = info.outputPath('deepseek-200.clustersearch.json');
    const base = JSON.parse(readFileSync('presets/sizing/deepseek-v3-50ms.clustersearch.json', 'utf8'));
    writeFileSync(
      specFile,
      JSON.stringify({
        ...base,
        workload: { ...base.workload, load: { mode: 'arrival-rate', requestsPerSecond: 200 } },
      }),
    );
    const cli = cliSearch(specFile);
    expect(cli.best).not.toBeNull();
    await expect(sizing.answerCard('devices')).toHaveText(
      `${cli.best!.metrics.devices.toLocaleString('en-US')} devices`,
    );
    const ttft = (await sizing.answerCard('ttft').innerText()).trim();
    const tpot = (await sizing.answerCard('tpot').innerText()).trim();
    expect(ttft).toMatch(/^[\d.]+ (ms|s)$/);
    expect(Number.parseFloat(tpot)).toBeCloseTo(cli.best!.metrics.tpotS * 1e3, 0);
    await expect(sizing.whyNot).toContainText('does not fit in memory');

    // Act: open the best configuration as a plan
    await page.getByTestId('open-best').click();
    await expect(page).toHaveURL(/#\/plans\/sized-/);
    const plans = new PlansPage(page);
    await expect(plans.results).toBeVisible();
    // Assert: the plan, under its per-copy load, shows the answer card's TTFT and TPOT
    await expect(page.getByTestId('load-ttft-p90')).toHaveText(ttft);
    await expect(page.getByTestId('load-tpot').locator('.value')).toHaveText(tpot);
    // …and under them the same rate simulated, with the TPOT the Served section's open-loop card shows
    await expect(plans.loadSimulated).toContainText('Simulated at this rate');
    const simTpot = (await plans.servedOpen.locator('.sub').innerText()).match(/TPOT ([\d.]+ (?:ms|s))/)?.[1];
    expect(simTpot).toBeDefined();
    await expect(plans.loadSimulated).toContainText(`TPOT ${simTpot}`);

    // Act: back to the search, tick the top three and compare them
    await page.goBack();
    await sizing.waitDone();
    for (const rank of [1, 2, 3]) await sizing.rankRow(rank).getByRole('checkbox').check();
    await page.getByTestId('compare-selected').click();
    // Assert: the Compare page shows those three plans side by side
    await expect(page).toHaveURL(/#\/compare$/);
    await expect(page.getByTestId('compare-table').locator('thead th')).toHaveCount(4);
    expect(sizing.consoleErrors).toEqual([]);
  });

  test('fill a spec: field-named messages, your own price, a looser SLO re-filters without searching again', async ({
    page,
  }) => {
    const sizing = new SizingPage(page);
    await sizing.open('/sizing');
    await page.getByRole('button', { name: 'New spec' }).click();
    await expect(page).toHaveURL(/#\/sizing\/sizing-/);
    await sizing.waitDone();

    // Bad input names the field and blocks the search; the typed value is kept.
    await sizing.field('workload.prompt.mean').fill('1000');
    await sizing.field('workload.prompt.p90').fill('5000');
    await expect(sizing.errorFor('workload.prompt.p90')).toContainText('Prompt p90');
    await expect(sizing.specErrors).toContainText('2.27');
    await expect(sizing.runButton).toBeDisabled();
    await sizing.field('workload.prompt.p90').fill('2000');
    await expect(sizing.specErrors).toHaveCount(0);
    // A refused value keeps Search disabled (the spec still holds the last accepted value).
    await sizing.field('workload.load.requestsPerSecond').fill('-5');
    await expect(sizing.errorFor('workload.load.requestsPerSecond')).toHaveText('Arrival rate must be > 0');
    await expect(sizing.specErrors).toContainText('Arrival rate must be > 0');
    await expect(sizing.runButton).toBeDisabled();
    await sizing.field('workload.load.requestsPerSecond').fill('20');
    await sizing.field('slo.tpotMs').fill('1,5');
    await expect(sizing.errorFor('slo.tpotMs')).toContainText('use a point for decimals');
    await expect(sizing.runButton).toBeDisabled();
    await sizing.field('slo.tpotMs').fill('50');
    await expect(sizing.specErrors).toHaveCount(0);
    await expect(sizing.runButton).toBeEnabled();

    // The user's spec: Llama 3.1 8B on HGX H100 only, at their own $2.50 per device-hour.
    await sizing.field('name').fill('E2E chat on 8B');
    await sizing.field('modelId').selectOption({ label: 'Llama 3.1 8B' });
    await sizing.field('workload.load.requestsPerSecond').fill('50');
    await sizing.field('slo.ttftMs').fill('800');
    await sizing.field('slo.tpotMs').fill('40');
    for (const name of [
      'HGX H200 (8 × H200 SXM)',
      '8 × AMD Instinct MI300X platform (OAM, Infinity Fabric)',
      '8 × RTX 4090 PCIe server',
    ])
      await sizing.systemBox(name).uncheck();
    await sizing.field('constraints.usdPerDeviceHour.hgx-h100').fill('2.5');
    await sizing.waitSaved();
    await sizing.runButton.click();
    await sizing.waitDone();
    const devices = Number.parseInt(await sizing.answerCard('devices').innerText(), 10);
    await expect(sizing.answerCard('usd')).toHaveText(`$${(devices * 2.5).toFixed(2)}/h`);

    // A looser TPOT objective re-filters the stored curves: no new search, a note says so.
    await sizing.recordProgress();
    await sizing.field('slo.tpotMs').fill('80');
    await expect(page.getByTestId('refilter-note')).toBeVisible();
    await sizing.waitDone();
    expect((await sizing.progressSeen()).some((s) => s.startsWith('running'))).toBe(false);
    expect(Number.parseInt(await sizing.answerCard('devices').innerText(), 10)).toBeLessThanOrEqual(devices);

    // The spec survives a reload exactly as typed.
    await page.reload();
    await expect(sizing.field('name')).toHaveValue('E2E chat on 8B');
    await expect(sizing.field('constraints.usdPerDeviceHour.hgx-h100')).toHaveValue('2.5');

    // A damaged record names what is wrong instead of breaking the page, and can be replaced.
    await sizing.putRawSpec({ id: 'damaged', name: 'Damaged spec', workload: 5, slo: { ttftMs: 1 } });
    await sizing.open('/sizing/damaged');
    await page.reload(); // the app reads the database afresh, as on the next start
    await expect(page.getByTestId('damaged-spec')).toContainText('workload: missing or not an object');
    await expect(page.getByTestId('damaged-spec')).toContainText('constraints: missing or not an object');
    await page.getByRole('button', { name: 'New spec under this name' }).click();
    await expect(sizing.field('name')).toHaveValue('Damaged spec');
    await sizing.waitDone();
    expect(sizing.consoleErrors).toEqual([]);
  });

  test('size at the pessimistic edge of the error band: the answer names the factors the CLI prints', async ({
    page,
  }, info) => {
    // Arrange: the chat example, sized at the estimate, shows the 80% band beside its latencies
    const sizing = new SizingPage(page);
    await sizing.open('/sizing');
    await sizing.loadExample(CHAT);
    await sizing.waitDone();
    await expect(sizing.sizedAt()).toHaveText(/^Sized at the engine's estimate/);
    await expect(sizing.answerSub('tpot')).toContainText('80% band');
    await expect(sizing.answerSub('ttft')).toContainText('80% band');

    // Act: size at the pessimistic edge (a new search: every step is taken at another speed)
    await sizing.field('slo.sizeAt').selectOption('pessimistic');
    await sizing.field('constraints.strategies.prefillDpAttention').check();
    await sizing.waitSaved();
    await expect(page.getByTestId('stale-note')).toBeVisible();
    await sizing.runButton.click();
    await sizing.waitDone();

    // Assert: the file holds both settings; the answer says what the CLI says it was sized at
    const file = info.outputPath('chat-pessimistic.clustersearch.json');
    await sizing.saveSpec(file);
    const spec = JSON.parse(readFileSync(file, 'utf8'));
    expect(spec.slo.sizeAt).toBe('pessimistic');
    expect(spec.constraints.strategies.prefillDpAttention).toBe(true);
    const line = cliPairs(cliText(['search', file])).get('sized at')!;
    expect(line).toMatch(/^the pessimistic edge of the error band: decode steps \+\d+%, prompt prefill \+\d+%/);
    await expect(sizing.sizedAt()).toContainText(`Sized at ${line.split('; `infer`')[0]}`);
    await expect(sizing.answerSub('tpot')).toContainText("at the error band's pessimistic edge");
    await expect(sizing.answerCard('devices')).toHaveText(
      `${cliSearch(file).best!.metrics.devices.toLocaleString('en-US')} devices`,
    );
    expect(sizing.consoleErrors).toEqual([]);
  });

  test('a vision-language model: images per request in the spec, the answer as the CLI sizes it', async ({
    page,
  }, info) => {
    const sizing = new SizingPage(page);
    await sizing.open('/sizing');
    await sizing.loadExample(CHAT);
    await sizing.waitDone();
    await sizing.field('modelId').selectOption({ label: 'Qwen2.5-VL 7B (vision-language)' });
    await sizing.field('workload.images').check();
    await sizing.field('workload.images.perRequest').fill('2');
    await sizing.waitSaved();
    await sizing.runButton.click();
    await sizing.waitDone();
    const file = info.outputPath('vl.clustersearch.json');
    await sizing.saveSpec(file);
    const spec = JSON.parse(readFileSync(file, 'utf8'));
    expect(spec.workload.images).toEqual({ perRequest: 2, widthPx: 1920, heightPx: 1080 });
    await expect(sizing.answerCard('devices')).toHaveText(
      `${cliSearch(file).best!.metrics.devices.toLocaleString('en-US')} devices`,
    );
    expect(sizing.consoleErrors).toEqual([]);
  });

  test('export and re-open a .clustersearch.json; simulate the best; print the report', async ({ page }, info) => {
    const sizing = new SizingPage(page);
    await sizing.open('/sizing');
    const id = await sizing.loadExample(CHAT);
    await sizing.waitDone();

    // Shift-click selects a frontier point; a click opens it as a plan at the rate its batch sustains
    const point = page.getByTestId('frontier-interactivity').getByTestId('frontier-point').first();
    await point.dispatchEvent('click', { shiftKey: true });
    await expect(point).toHaveAttribute('data-selected', 'true');
    await expect(page.getByTestId('compare-selected')).toHaveText('Compare selected (1)');
    const batch = (await point.getAttribute('data-key'))!.split('@')[1]!;
    await point.dispatchEvent('click');
    await expect(page).toHaveURL(new RegExp(`#/plans/sized-.*-b${batch}$`));
    await expect(page.getByTestId('load-batch').locator('.value')).toHaveText(`${batch}.0`);
    await page.goBack();
    await sizing.waitDone();

    // Simulate the best configuration beside the analytical model
    await page.getByRole('button', { name: 'Simulate the best' }).click();
    await expect(page.getByTestId('simulate-table')).toContainText('TTFT p90', { timeout: 30_000 });
    await expect(page.getByTestId('simulate-table').locator('tbody tr')).toHaveCount(6);

    // Export, then open the file again: it comes back as a new spec (never overwriting)
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save .clustersearch.json' }).click();
    const download = await downloadPromise;
    const saved = info.outputPath(download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/\.clustersearch\.json$/);
    expect(JSON.parse(readFileSync(saved, 'utf8')).kind).toBe('cluster-planner-sizing-spec');
    const chooserPromise = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open .clustersearch.json' }).click();
    await (await chooserPromise).setFiles(saved);
    await expect(sizing.status).toContainText('Opened');
    await expect(page).not.toHaveURL(new RegExp(`#/sizing/${id}$`));
    await sizing.waitDone();

    // A broken file is refused with the field named, and nothing changes
    const bad = info.outputPath('bad.clustersearch.json');
    const text = JSON.parse(readFileSync(saved, 'utf8'));
    writeFileSync(bad, JSON.stringify({ ...text, slo: { ...text.slo, ttftMs: -5 } }));
    const chooser2 = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open .clustersearch.json' }).click();
    await (await chooser2).setFiles(bad);
    await expect(sizing.status).toContainText('slo.ttftMs');
    await expect(sizing.status).toContainText('Nothing was changed');

    // The PDF report: the spec, the answer, both frontiers, the ranked table
    await sizing.open(`/sizing-report/${encodeURIComponent(id)}`);
    await expect(sizing.reportReady()).toBeVisible({ timeout: 45_000 });
    const headline = (await sizing.answer.locator('h2').innerText()).trim();
    await page.emulateMedia({ media: 'print' });
    const path = info.outputPath('sizing.pdf');
    await page.pdf({ path, format: 'A4', printBackground: true });
    const pdf = pdfText(path).replace(/\s+/g, ' ');
    for (const s of [
      'Chat service on Llama-3.1-70B',
      'The spec',
      'Cheapest meeting your SLOs',
      'Frontier: output tokens/s per device vs per user',
      'Frontier: $ per million output tokens vs TPOT',
      'deployments, cheapest first',
      'Why not the others',
    ])
      expect(pdf).toContain(s);
    expect(pdf).toContain(headline.slice(0, 40).replace(/\s+/g, ' '));
    expect(page1Ink(path, info.outputPath('page'))).toBeGreaterThan(0.01);
  });

  test('a long search streams progress with an ETA, can be cancelled, and searched again', async ({ page }) => {
    const sizing = new SizingPage(page);
    await installSearchHold(page);
    await sizing.open('/sizing');
    await sizing.loadExample(DEEPSEEK);
    await sizing.waitDone();
    // Fourteen times the space: pipeline parallelism, KV offload and an FP8 KV cache too (75,360 configurations)
    await sizing.field('constraints.strategies.pp').check();
    await sizing.field('constraints.strategies.kvOffload').check();
    await sizing.field('constraints.precisions.kvCache').getByRole('checkbox', { name: 'FP8' }).check();
    await sizing.waitSaved();
    // Every 8-bit-or-less weight format as well would be too many to hold: refused, naming why
    const weights = sizing.field('constraints.precisions.weights');
    for (const f of ['INT8', 'FP6', 'MXFP4', 'NVFP4', 'INT4'])
      await weights.getByRole('checkbox', { name: f, exact: true }).check();
    await sizing.runButton.click();
    await expect(page.getByTestId('search-error')).toContainText(
      /allows [\d,]+ configurations .* the limit is 200,000/,
    );
    // INT8 and FP6 weights stay: 169,248 configurations, under the limit.
    for (const f of ['MXFP4', 'NVFP4', 'INT4']) await weights.getByRole('checkbox', { name: f, exact: true }).uncheck();
    await sizing.waitSaved();

    // 169,248 configurations take a few seconds on two workers here, and the search keeps getting
    // faster (63,360 once ended before Cancel was clicked on a loaded CI machine): the workers'
    // last reports are held in the page (helpers/hold-search.ts) until Cancel has been clicked, so
    // the search is still running then. Progress streams in with an ETA.
    await holdSearchEnd(page, 'final');
    await sizing.runButton.click();
    await expect(sizing.progress).toContainText(
      /Searching: [1-9][\d,]* \/ 169,248 configurations .* about [\d.]+ m?s left · 2 workers/,
    );
    // The click can wait while the page merges two workers' streamed reports on a starved CPU (a CI
    // run beside other jobs once needed more than 5 s); the search cannot end meanwhile (held above).
    await sizing.progress.getByRole('button', { name: 'Cancel' }).click({ timeout: 15_000 });
    await expect(sizing.progress).toHaveAttribute('data-status', 'cancelled');
    await holdSearchEnd(page, null);
    const done = /Cancelled after ([\d,]+) of 169,248 configurations/.exec(await sizing.progress.innerText());
    expect(done).not.toBeNull();
    expect(Number(done![1]!.replace(/,/g, ''))).toBeLessThan(169_248);
    await expect(sizing.runButton).toBeEnabled();
    await sizing.runButton.click();
    await sizing.waitDone();
    await expect(sizing.progress).toContainText('Searched 169,248 configurations');
    expect(sizing.consoleErrors).toEqual([]);
  });

  test('the ranking step can be cancelled too, and the next search runs', async ({ page }) => {
    const sizing = new SizingPage(page);
    await installSearchHold(page);
    await sizing.open('/sizing');
    await sizing.loadExample(CHAT);
    await sizing.waitDone();
    await holdSearchEnd(page, 'ranking');
    await sizing.runButton.click();
    await expect(sizing.progress).toHaveAttribute('data-status', 'ranking');
    await sizing.progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(sizing.progress).toHaveAttribute('data-status', 'cancelled');
    await expect(sizing.progress).toContainText('Cancelled after 192 of 192 configurations');
    await holdSearchEnd(page, null);
    await sizing.runButton.click();
    await sizing.waitDone();
    expect(sizing.consoleErrors).toEqual([]);
  });

  test('coming back shows the spec and the search left there; the status bar forgets the page it spoke of', async ({
    page,
  }) => {
    const sizing = new SizingPage(page);
    await sizing.open('/sizing');
    const id = await sizing.loadExample(CHAT);
    await sizing.waitDone();
    const results = page.getByTestId('sizing-results');
    const run = await results.getAttribute('data-search-run');
    const answer = await page.getByTestId('answer-text').innerText();

    // Open the best as a plan: the status bar says so on the Plans page, and not on the next page
    await page.getByTestId('open-best').click();
    await sizing.waitShown();
    await expect(sizing.status).toContainText('as a plan');
    await sizing.goTo('Hardware');
    await sizing.waitShown();
    await expect(sizing.status).toHaveText('Ready');

    // Back on Size a deployment: the same spec, its finished search (not a new one), the same answer
    await sizing.goTo('Size a deployment');
    await expect(page).toHaveURL(new RegExp(`#/sizing/${id}$`));
    await sizing.waitShown();
    await sizing.waitDone();
    await expect(results).toHaveAttribute('data-search-run', run!);
    await expect(page.getByTestId('answer-text')).toHaveText(answer);
    expect(sizing.consoleErrors).toEqual([]);
  });
});
