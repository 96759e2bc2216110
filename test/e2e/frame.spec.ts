import { expect, test } from '@playwright/test';
import { AppFrame } from './pages/app';

test.describe('app frame', () => {
  test('renders the frame with sidebar, main pane and status bar', async ({ page }) => {
    const app = new AppFrame(page);
    await app.open();
    for (const label of ['Plans', 'Compare', 'Hardware', 'Models', 'Network', 'Validation']) {
      await expect(app.nav(label)).toBeVisible();
    }
    await expect(page.getByRole('status')).toContainText('Offline');
    await expect(app.heading()).toHaveText('Plans');
  });

  test('navigation moves between pages and the address follows', async ({ page }) => {
    const app = new AppFrame(page);
    await app.open();
    for (const [label, hash] of [
      ['Compare', '#/compare'],
      ['Hardware', '#/hardware'],
      ['Models', '#/models'],
      ['Network', '#/network'],
      ['Validation', '#/validation'],
      ['Plans', '#/plans'],
    ] as const) {
      await app.goTo(label);
      await expect(page).toHaveURL(new RegExp(`${hash.replace('/', '\\/')}$`));
    }
    await page.goto('/#/no-such-page');
    await expect(app.heading()).toContainText('Nothing at');
    expect(app.consoleErrors).toEqual([]);
  });

  test('the error boundary catches a render error and offers a way back', async ({ page }) => {
    const app = new AppFrame(page);
    await app.open('/__crash');
    await expect(app.errorBoundary).toBeVisible();
    await expect(app.errorBoundary).toContainText('Deliberate render error');
    await expect(app.sidebar).toBeVisible();
    await app.errorBoundary.getByRole('button', { name: 'Back to Plans' }).click();
    await expect(app.errorBoundary).toHaveCount(0);
    await expect(app.heading()).toHaveText('Plans');
  });

  test('the theme follows the OS colour scheme', async ({ page }) => {
    const app = new AppFrame(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.open();
    const dark = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(dark).not.toEqual(light);
  });
});
