import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { page1Ink, pdfText } from './helpers/pdf';
import { AppFrame } from './pages/app';

// The engine's numbers come from the CLI (Playwright's loader cannot import the JSON presets).
const infer = (plan: string): { tpotS: number } =>
  JSON.parse(
    execFileSync(process.execPath, ['bin/cluster-planner.mjs', 'infer', plan, '--json'], { encoding: 'utf8' }),
  );

test.describe('PDF reports', () => {
  test('the app exports a PDF with the plan name, headline numbers and chart titles', async ({ page }, info) => {
    const app = new AppFrame(page);
    await app.open('/report/llama-3.1-8b-h100');
    await expect(page.locator('[data-report-ready="true"]')).toBeVisible();
    const tpot = (await page.getByTestId('card-tpot').locator('.value').innerText()).trim();
    const ttft = (await page.getByTestId('card-ttft').locator('.value').innerText()).trim();
    await page.emulateMedia({ media: 'print' });
    const path = info.outputPath('report.pdf');
    await page.pdf({ path, format: 'A4', printBackground: true });
    const text = pdfText(path);
    expect(text).toContain('Llama 3.1 8B on one H100');
    expect(text).toContain(tpot);
    expect(text).toContain(ttft);
    for (const title of [
      'Output throughput vs TPOT over batch sizes',
      'Memory per device against capacity',
      'Roofline',
      'KV cache per sequence vs context length',
      'Appendix: the math behind each number',
    ])
      expect(text).toContain(title);
    expect(page1Ink(path, info.outputPath('page'))).toBeGreaterThan(0.01);
  });

  test('the CLI writes the same report, with a side-by-side table for --compare', async ({ page: _page }, info) => {
    const out = info.outputPath('cli.pdf');
    execFileSync(
      process.execPath,
      [
        'bin/cluster-planner.mjs',
        'report',
        'presets/plans/llama-3.1-8b-h100.json',
        '--compare',
        'presets/plans/llama-3.1-70b-4xh100-tp4.json',
        '--pdf',
        out,
      ],
      { encoding: 'utf8' },
    );
    const text = pdfText(out);
    expect(text).toContain('Comparison: Llama 3.1 8B on one H100 vs Llama 3.1 70B');
    expect(text).toContain('Side by side');
    const r = infer('presets/plans/llama-3.1-8b-h100.json');
    expect(text).toContain((r.tpotS * 1e3).toPrecision(3)); // the comparison table prints TPOT in ms with 3 significant digits
    expect(text).toContain('Output throughput vs TPOT over batch sizes');
    expect(page1Ink(out, info.outputPath('cli-page'))).toBeGreaterThan(0.01);
  });

  test('the CLI names the problem when no Chromium is found', async () => {
    let err = '';
    try {
      execFileSync(
        process.execPath,
        ['bin/cluster-planner.mjs', 'report', 'presets/plans/llama-3.1-8b-h100.json', '--pdf', '/tmp/x.pdf'],
        {
          encoding: 'utf8',
          env: { ...process.env, CHROMIUM_PATH: '/nonexistent', PATH: '/nonexistent' },
          stdio: 'pipe',
        },
      );
    } catch (e) {
      err = String((e as { stderr?: string }).stderr ?? e);
    }
    expect(err).toMatch(/No Chromium found \(looked at \/nonexistent\)/);
  });
});
