import { readFileSync } from 'node:fs';
import { cliText } from './helpers/cli';
import { expect, test } from '@playwright/test';
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
});
