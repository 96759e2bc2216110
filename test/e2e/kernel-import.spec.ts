// The Calibration side of the Hardware page imports a folder of AIConfigurator's kernel database
// (here one real table, test/e2e/fixtures/aic-data): converted in a worker with progress, listed,
// kept as a user preset, deleted; a folder with no tables is refused with a message that says what
// to pick, and nothing is stored.
import { expect, test } from '@playwright/test';
import { AppFrame } from './pages/app';

test.describe('importing measured kernels from an AIConfigurator folder', () => {
  test('a data folder becomes a kernel profile the user keeps or deletes', async ({ page }) => {
    const app = new AppFrame(page);
    await app.open('/hardware');
    const panel = page.getByTestId('aic-import');
    await panel.getByLabel('AIConfigurator data folder').setInputFiles('test/e2e/fixtures/aic-data');
    const result = panel.getByTestId('aic-import-result');
    await expect(result).toContainText('1 kernel profile converted');
    await expect(result).toContainText('vLLM 0.14.0');
    await result.getByRole('button', { name: 'Use these profiles' }).click();
    const list = page.getByTestId('kernel-profiles');
    await expect(list).toContainText('vLLM');
    await expect(list).toContainText('0.14.0');
    await page.reload();
    await expect(page.getByTestId('kernel-profiles')).toContainText('0.14.0');
    await page.getByTestId('kernel-profiles').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('kernel-profiles')).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });

  test('a folder with no tables is refused, saying what to pick', async ({ page }) => {
    const app = new AppFrame(page);
    await app.open('/hardware');
    const panel = page.getByTestId('aic-import');
    await panel.getByLabel('AIConfigurator data folder').setInputFiles('test/e2e/pages');
    await expect(panel.getByRole('alert')).toContainText('no AIConfigurator tables in this folder');
    await expect(page.getByTestId('kernel-profiles')).toHaveCount(0);
  });
});
