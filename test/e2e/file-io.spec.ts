import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppFrame } from './pages/app';

test.describe('browser platform adapter', () => {
  test('Save As downloads a file and Open reads one back', async ({ page }, info) => {
    const app = new AppFrame(page);
    await app.open('/plans/llama-3.1-70b-4xh100-tp4');
    await expect(page.getByTestId('results')).toBeVisible();
    const downloadPromise = page.waitForEvent('download');
    await app.shortcut('Control+Shift+S');
    const download = await downloadPromise;
    const saved = info.outputPath(download.suggestedFilename());
    await download.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    expect(JSON.parse(text).schemaVersion).toBe(1);

    await app.openWithShortcut(saved);
    await expect(app.status).toContainText('Opened');
  });
});
