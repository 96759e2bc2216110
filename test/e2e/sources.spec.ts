// Citations in the app: hover a number to see its sources, open a document in the browser (never in
// the app), the Sources page with what cites each document, the Hardware page's freshness filters,
// and the report's bibliography.
import { expect, test } from '@playwright/test';
import { AppFrame } from './pages/app';

test.describe('sources and citations', () => {
  test('a hardware number shows its citation on hover and opens the document outside the app', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __opened: string[] };
      w.__opened = [];
      window.open = ((url?: string | URL) => {
        w.__opened.push(String(url));
        return null;
      }) as typeof window.open;
    });
    const app = new AppFrame(page);
    await app.open('/hardware/h100-sxm');
    const detail = page.getByTestId('hardware-detail');
    await expect(page.getByTestId('hardware-checked')).toContainText(/checked on \d{4}-\d{2}-\d{2}/i);
    const bw = detail
      .getByRole('row', { name: /Memory bandwidth/ })
      .locator('.cite')
      .first();
    await bw.hover();
    const pop = bw.getByRole('tooltip');
    await expect(pop).toBeVisible();
    await expect(pop).toContainText('NVIDIA H100 Tensor Core GPU Datasheet');
    await expect(pop).toContainText('GPU memory bandwidth 3.35 TB/s');
    await pop.getByRole('link', { name: /resources\.nvidia\.com/ }).click();
    expect(await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened)).toEqual([
      'https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet',
    ]);
    await expect(page).toHaveURL(/#\/hardware\/h100-sxm$/);
    expect(app.consoleErrors).toEqual([]);
  });

  test('the Hardware page filters unverified and stale presets', async ({ page }) => {
    const app = new AppFrame(page);
    await app.open('/hardware');
    const table = page.getByTestId('hardware-table');
    await expect(table).toContainText('NVIDIA H100 SXM 80GB');
    await page.getByLabel('with unverified values').check();
    await expect(table).toContainText('Huawei Ascend 910C');
    await expect(table).not.toContainText('NVIDIA H100 SXM 80GB');
    await page.getByLabel('with unverified values').uncheck();
    await page.getByLabel('checked more than 12 months ago').check();
    await expect(table).toContainText('Nothing matches');
    expect(app.consoleErrors).toEqual([]);
  });

  test('the Sources page lists every document with what cites it', async ({ page }) => {
    const app = new AppFrame(page);
    await app.open('/plans');
    await app.goTo('Sources');
    await expect(app.heading()).toHaveText('Sources');
    const list = page.getByTestId('sources-list');
    const doc = list.locator('[data-doc="deepseek-insights-isca2025"]');
    await expect(doc).toContainText('Insights into DeepSeek-V3');
    await expect(doc).toContainText('arXiv:2505.09343');
    await expect(doc.getByRole('link', { name: 'NVIDIA H800 SXM 80GB' })).toBeVisible();
    await page.getByLabel('Search documents').fill('trainium');
    await expect(page.getByTestId('sources-count')).toContainText('1 of');
    await expect(list).toContainText('Trainium2 Architecture');
    await page.getByLabel('Search documents').fill('');
    await page.getByLabel('Document kind').selectOption('third-party');
    await expect(list).toContainText('third party');
    expect(app.consoleErrors).toEqual([]);
  });

  test('the report ends with a bibliography of the documents its numbers used', async ({ page }) => {
    const app = new AppFrame(page);
    await app.open('/report/llama-3.1-8b-h100');
    const bib = page.getByTestId('report-bibliography');
    await expect(bib).toBeVisible();
    await expect(bib.locator('li[data-doc="nvidia-h100-datasheet"]')).toContainText('H100 Tensor Core GPU Datasheet');
    await expect(bib.locator('li[data-doc="hf-llama-3.1-8b"]')).toContainText('huggingface.co/meta-llama/Llama-3.1-8B');
    await expect(bib.locator('li[data-doc="cp-calibration-h100-sxm-2026-11-23"]')).toContainText(
      'presets/calibration/h100-sxm-2026-11-23.json',
    );
    const last = await page.locator('article.report > section').last().getAttribute('data-testid');
    expect(last).toBe('report-bibliography');
    expect(app.consoleErrors).toEqual([]);
  });
});
