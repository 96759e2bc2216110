import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { cliPairs, cliText } from './helpers/cli';
import { ComparePage } from './pages/compare';
import { PlansPage } from './pages/plans';

test.describe('plan workspace', () => {
  test('first run lists the example plans', async ({ page }) => {
    const app = new PlansPage(page);
    await app.open('/plans');
    await expect(app.list).toContainText('DeepSeek-V3 decode on 18 × HGX H800');
    await expect(app.list).toContainText('Llama 3.1 8B on one H100');
    await expect(page.getByTestId('pick-plan')).toBeVisible();
  });

  test('create a plan, edit fields, see results change, reload and find it intact', async ({ page }) => {
    const app = new PlansPage(page);
    await app.open('/plans');
    const id = await app.newInferencePlan();
    const tpot1 = await app.card('tpot').innerText();
    const thr1 = await app.card('throughput').innerText();
    await app.setField('inference.workload.concurrentRequests', '64');
    await expect(app.card('throughput')).not.toHaveText(thr1);
    await app.setField('name', 'My 8B chat plan');
    await app.field('inference.precision.weights').selectOption('fp8');
    await expect(app.card('tpot')).not.toHaveText(tpot1);
    await app.waitSaved();
    await page.reload();
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(app.field('name')).toHaveValue('My 8B chat plan');
    await expect(app.field('inference.workload.concurrentRequests')).toHaveValue('64');
    await expect(app.field('inference.precision.weights')).toHaveValue('fp8');
    await expect(app.list).toContainText('My 8B chat plan');
    expect(page.url()).toContain(id);
    await expect(page.getByTestId('show-math')).toContainText('Decode step time');
  });

  test('a plan that does not fit is shown refused, with the change that makes it fit one click away', async ({
    page,
  }) => {
    const app = new PlansPage(page);
    await app.open('/plans');
    await app.newInferencePlan();
    await expect(app.results.locator('[data-refused="true"]')).toHaveCount(0);
    // Llama-3.1-70B in BF16 on one 80 GB device: 141 GB of weights alone.
    await app.field('modelId').selectOption('llama-3.1-70b');
    await app.settle();
    await expect(app.results.locator('.cards[data-refused="true"]').first()).toBeVisible();
    const note = page.getByTestId('plan-refused');
    await expect(note).toContainText('Does not fit:');
    await note.getByTestId('apply-fit').first().click();
    await app.settle();
    await expect(page.getByTestId('plan-refused')).toHaveCount(0);
    await expect(app.results.locator('[data-refused="true"]')).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });

  test('invalid input shows a named error and nothing is lost', async ({ page }) => {
    const app = new PlansPage(page);
    await app.open('/plans');
    await app.newInferencePlan();
    await app.setField('inference.workload.concurrentRequests', '16');
    await app.waitSaved();
    await app.setField('inference.workload.concurrentRequests', '12x');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Concurrent requests: "12x" is not a number' }),
    ).toBeVisible();
    await expect(app.field('inference.workload.concurrentRequests')).toHaveValue('12x');
    await app.setField('inference.parallelism.tp', '16');
    await expect(page.getByTestId('results').or(page.getByTestId('plan-errors'))).toContainText(
      /TP 16 × PP 1 × DP 1 = 16, but the plan has 1 devices|TP 16/,
    );
    await app.setField('inference.parallelism.tp', '1');
    await app.waitSaved();
    await page.reload();
    await expect(app.field('inference.workload.concurrentRequests')).toHaveValue('16');
  });

  test('delete with undo', async ({ page }) => {
    const app = new PlansPage(page);
    await app.open('/plans');
    await app.newInferencePlan();
    await app.setField('name', 'Plan to delete');
    await app.waitSaved();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(app.list).not.toContainText('Plan to delete');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(app.list).toContainText('Plan to delete');
  });

  test('compare two plans: side-by-side table with the best value highlighted', async ({ page }) => {
    const app = new PlansPage(page);
    await app.open('/compare');
    await expect(page.getByTestId('compare-empty')).toBeVisible();
    await page.getByLabel(/Llama 3.1 8B on one H100/).check();
    await page.getByLabel(/Llama 3.1 70B on 4 × H100/).check();
    const table = page.getByTestId('compare-table');
    await expect(table).toContainText('TPOT');
    await expect(table.locator('td[data-best="true"]').first()).toBeVisible();
    await expect(table).toContainText('%');
    await expect(page.getByTestId('chart-sweep')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('compare-table')).toBeVisible();
  });

  test('import a config.json on the Models page and see the derived numbers', async ({ page }) => {
    const app = new PlansPage(page);
    await app.open('/models');
    const cfg = {
      model_type: 'qwen2',
      hidden_size: 8192,
      num_hidden_layers: 80,
      num_attention_heads: 64,
      num_key_value_heads: 8,
      intermediate_size: 29568,
      vocab_size: 152064,
      tie_word_embeddings: false,
    };
    await page.getByLabel('config.json text').fill(JSON.stringify(cfg));
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByTestId('model-kv')).toHaveText('328 KB');
    await expect(page.getByTestId('model-total')).toHaveText('72.7B');
    await page.getByLabel('config.json text').fill(JSON.stringify({ ...cfg, model_type: 'mamba' }));
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByTestId('import-error')).toContainText('model_type: "mamba" is not supported');
  });

  test('Save As downloads the plan and Open imports it without overwriting', async ({ page }, info) => {
    const app = new PlansPage(page);
    await app.open('/plans/llama-3.1-8b-h100');
    await expect(app.results).toBeVisible();
    const dl = page.waitForEvent('download');
    await app.shortcut('Control+Shift+S');
    const d = await dl;
    expect(d.suggestedFilename()).toBe('llama-3-1-8b-on-one-h100.clusterplan.json');
    const path = info.outputPath(d.suggestedFilename());
    await d.saveAs(path);
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.id).toBe('llama-3.1-8b-h100');
    await app.openWithShortcut(path);
    await expect(app.status).toContainText('Opened');
    await expect(app.list).toContainText('Llama 3.1 8B on one H100 (imported)');
    // hostile files are covered in files.spec.ts (drop and open share importAnyText)
  });

  test('every page renders without console errors; screenshots for the README', async ({ page }) => {
    const app = new PlansPage(page);
    // README screenshots are taken at a laptop's 1280 × 720.
    await page.setViewportSize({ width: 1280, height: 720 });
    const shots: Array<[string, string]> = [
      ['/start', 'start'],
      ['/plans/deepseek-v3-hgx-h800-ep144', 'plans'],
      ['/compare', 'compare'],
      ['/hardware/h800', 'hardware'],
      ['/models/deepseek-v3', 'models'],
      ['/network', 'network'],
      ['/validation', 'validation'],
      ['/report/llama-3.1-8b-h100', 'report'],
      ['/plans/deepseek-v3-train-2048-h800', 'training'],
    ];
    await app.open('/compare');
    // The Compare screenshot shows a real comparison: the same model on H800 and on GB200 NVL72.
    await page.getByLabel(/DeepSeek-V3 decode on 18 × HGX H800/).check();
    await page.getByLabel(/DeepSeek-V3 decode on one GB200 NVL72/).check();
    await expect(page.getByTestId('compare-table')).toBeVisible();
    for (const [path, name] of shots) {
      await page.goto(`/#${path}`);
      await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
      await expect(app.errorBoundary).toHaveCount(0);
      if (name === 'plans' || name === 'training') await expect(app.results).toBeVisible();
      if (name === 'compare') await expect(page.getByTestId('compare-table').locator('thead th')).toHaveCount(3);
      if (name === 'start') await expect(page.getByTestId('start-figures').first()).toContainText('TPOT');
      await expect(app.main.locator('[aria-busy="true"]')).toHaveCount(0);
      if (name === 'network') {
        await expect(page.getByTestId('network-table')).toContainText('16,384');
        // The scale-up domain under each NIC group changes the devices a network reaches.
        const devices = page.getByTestId('network-table').getByRole('row', { name: /Devices reached/ });
        const before = (await devices.textContent()) ?? '';
        const domain = page.getByLabel('Scale-up domain under each group of NICs');
        await domain.selectOption('pcie-host');
        await expect(devices).not.toHaveText(before);
        await domain.selectOption('');
        await expect(devices).toHaveText(before);
      }
      if (name === 'validation') {
        await expect(page.getByTestId('validation-table')).toContainText('DeepSeek');
        await expect(page.getByTestId('validation-table')).toContainText('Plain roofline');
        await expect(page.getByTestId('roofline-error').first()).toContainText('%');
        // The page's summary is the CLI's: the same engine catalog (kernel profiles included).
        const cli = /serving and training: median \|error\| ([\d.]+)%, (\d+) of (\d+) rows/.exec(
          cliText(['validate']),
        )!;
        await expect(page.locator('section.page > p').first()).toContainText(`Median |error| ${cli[1]}%`);
        await expect(page.locator('section.page > p').first()).toContainText(`${cli[2]} of ${cli[3]} rows within ±25%`);
        await expect(page.getByTestId('validation-split')).toContainText('Held-out part: median |error|');
      }
      await page.screenshot({ path: `docs/screenshot-${name}.png` });
    }
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('calibration on the Hardware page', () => {
  test('shows measured vs datasheet and imports a profile', async ({ page }) => {
    const app = new PlansPage(page);
    await app.open('/hardware/h100-sxm');
    await expect(page.getByTestId('calibration-panel')).toContainText('Measured with calibration/kit.py');
    await expect(page.getByTestId('chart-calibration').first()).toBeVisible();
    await page.getByLabel('Import calibration profile').setInputFiles('presets/calibration/h200-sxm-2026-11-23.json');
    await expect(app.status).toContainText('Imported profile h200-sxm-2026-11-23');
    const bad = { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"schemaVersion":1}') };
    await page.getByLabel('Import calibration profile').setInputFiles(bad);
    await expect(app.status).toContainText('bad.json');
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('serving options in the editor', () => {
  test('MTP speculative decoding and prefill/decode disaggregation', async ({ page }) => {
    const app = new PlansPage(page);
    await app.open('/plans');
    await app.newInferencePlan();
    const tpot = await app.card('tpot').innerText();
    await page.getByLabel('MTP / speculative decoding').check();
    await expect(app.field('inference.serving.speculative.acceptanceRate')).toHaveValue('0.85');
    await expect(app.card('tpot')).not.toHaveText(tpot);
    await page.getByLabel('Prefill/decode disaggregation').check();
    await expect(app.field('inference.serving.disaggregation.prefillDevices')).toHaveValue('1');
    await expect(app.field('devices')).toHaveValue('2');
    await expect(app.results).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test('stack and version, a prefill pool on another system, FP8 attention beside NVFP4 experts: results, file and CLI agree', async ({
    page,
  }, info) => {
    // Arrange: Qwen3-30B-A3B on two B200s, FP8, laid out by Auto layout
    const app = new PlansPage(page);
    const name = 'Qwen3-30B on B200, SGLang, prefill on H200';
    await app.open('/plans');
    await app.newInferencePlan();
    await app.field('name').fill(name);
    await app.field('modelId').selectOption('qwen3-30b-a3b');
    await app.field('systemId').selectOption('dgx-b200');
    await app.field('devices').fill('2');
    await app.field('inference.precision.weights').selectOption('fp8');
    await app.field('inference.precision.compute').selectOption('fp8');
    await app.autoLayout();
    // Engine copies multiply the layout: the devices follow
    await app.field('inference.parallelism.replicas').fill('2');
    await expect(app.field('devices')).toHaveValue('4');
    await app.field('inference.parallelism.replicas').fill('1');
    await expect(app.field('devices')).toHaveValue('2');
    await app.settle();
    const generic = await app.cardValue('tpot').innerText();

    // Act: the stack and its version (the versions measured on the B200), the scheduler's defaults shown (SGLang's
    // chunked_prefill_size on a 180 GB B200: 16,384)
    await expect(app.field('inference.serving.stack.version')).toHaveCount(0);
    await app.field('inference.serving.stack.name').selectOption('sglang');
    expect(await app.optionTexts('inference.serving.stack.version')).toEqual(['newest measured (0.5.14)', '0.5.14']);
    await app.field('inference.serving.stack.version').selectOption('0.5.14');
    await expect(app.field('inference.serving.scheduler.maxBatchedTokens')).toHaveAttribute('placeholder', '16384');
    await expect(app.field('inference.serving.scheduler.policy')).toHaveValue('');
    expect(await app.optionTexts('inference.serving.scheduler.chunkedPrefill')).toEqual([
      'stack default (on)',
      'on',
      'off',
    ]);
    await app.field('inference.serving.scheduler.chunkedPrefill').selectOption('false');
    await expect(app.field('inference.serving.scheduler.chunkedPrefill')).toHaveValue('false');
    await app.field('inference.serving.scheduler.chunkedPrefill').selectOption('');
    await expect(app.cardValue('tpot')).not.toHaveText(generic);
    await app.settle();
    const sglang = await app.cardValue('tpot').innerText();

    // Act: disaggregated, with a prefill pool of its own layout on HGX H200
    await app.toggle('Prefill/decode disaggregation').check();
    await expect(app.field('inference.parallelism.replicas')).toHaveCount(0);
    await app.toggle('Prefill pool laid out on its own').check();
    await app.field('inference.serving.disaggregation.prefillDevices').fill('2');
    await expect(app.field('devices')).toHaveValue('4');
    await app.field('inference.serving.disaggregation.prefill.dp').fill('2');
    await app.field('inference.serving.disaggregation.prefill.ep').fill('2');
    await app.field('inference.serving.disaggregation.prefill.ep').fill('3');
    await expect(app.fieldError('inference.serving.disaggregation.prefill.ep')).toHaveText(
      'prefill EP 3 must divide its TP × DP = 2',
    );
    await app.field('inference.serving.disaggregation.prefill.ep').fill('2');
    await app.field('inference.serving.disaggregation.prefill.systemId').selectOption('hgx-h200');
    await app.field('inference.serving.disaggregation.kvTransferBytesPerS').fill('0');
    await expect(app.fieldError('inference.serving.disaggregation.kvTransferBytesPerS')).toHaveText(
      'KV transfer bandwidth must be > 0',
    );
    await app.field('inference.serving.disaggregation.kvTransferBytesPerS').fill('50');

    // Act: FP8 attention beside NVFP4 experts
    await app.toggle('Attention at its own precision').check();
    await app.field('inference.precision.attention.weights').selectOption('fp8');
    await app.field('inference.precision.attention.compute').selectOption('fp8');
    await app.toggle('Experts at their own precision').check();
    await app.field('inference.precision.experts.weights').selectOption('nvfp4');
    await app.field('inference.precision.experts.compute').selectOption('fp4');
    await app.field('inference.precision.dispatch').selectOption('nvfp4');
    await app.settle();
    await expect(app.cardValue('tpot')).not.toHaveText(sglang);

    // Assert: the saved file holds every setting, and the CLI on it gives the numbers on screen
    const file = await app.saveAs((n) => info.outputPath(n));
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.devices).toBe(4);
    expect(saved.inference.serving.stack).toEqual({ name: 'sglang', version: '0.5.14' });
    expect(saved.inference.serving.disaggregation).toEqual({
      prefillDevices: 2,
      decodeDevices: 2,
      prefill: { tp: 1, pp: 1, dp: 2, ep: 2, systemId: 'hgx-h200' },
      kvTransferBytesPerS: 50e9,
    });
    expect(saved.inference.precision).toMatchObject({
      dispatch: 'nvfp4',
      attention: { weights: 'fp8', compute: 'fp8' },
      experts: { weights: 'nvfp4', compute: 'fp4' },
    });
    const pairs = cliPairs(cliText(['infer', file]));
    await expect(app.cardValue('ttft')).toHaveText(pairs.get('TTFT, one prompt on an idle system')!);
    await expect(app.cardValue('tpot')).toHaveText(pairs.get("TPOT at the plan's batch")!);
    await expect(app.card('tpot')).toContainText('80% band');

    // Assert: Compare lists the stack as the CLI names it, the prefill pool, the components' precision and the bands
    const compare = new ComparePage(page);
    await compare.open('/compare');
    await compare.choose([name, 'Llama 3.1 8B on one H100']);
    const inputs = await compare.inputs();
    expect(inputs.get('Serving stack')?.[0]).toBe(pairs.get('serving stack'));
    expect(inputs.get('Prefill pool')?.[0]).toBe(
      '2 devices, TP1 PP1 DP2 EP2 on HGX H200 (8 × H200 SXM); KV transfer 50.0 GB/s per worker',
    );
    expect(inputs.get('Per-component precision')?.[0]).toBe(
      'attention FP8 weights, FP8 matmuls; experts NVFP4 weights, FP4 matmuls',
    );
    const tpot = (await compare.rows()).find((r) => r.id === 'tpot')!;
    expect(tpot.cells[0]).toContain('80% band');
    expect(app.consoleErrors).toEqual([]);
  });
});
