// Every page and every report of every example and preset, read in full: no NaN, Infinity,
// undefined, [object Object] or exponent notation anywhere a reader can see it (text, labels,
// tooltips, field values). The CLI's side is test/unit/cli-no-bad-text.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ScanFrame } from './pages/scan';
import { SizingPage } from './pages/sizing';

const presets = <T>(dir: string, ext = '.json'): T[] =>
  readdirSync(`presets/${dir}`)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => JSON.parse(readFileSync(`presets/${dir}/${f}`, 'utf8')) as T);
const ids = (dir: string): string[] => presets<{ id: string }>(dir).map((p) => p.id);

const PLANS = ids('plans');
const SIZING = presets<{ id: string; name: string }>('sizing', '.clustersearch.json');

test.describe('no NaN, Infinity, undefined, [object Object] or exponent on any page', () => {
  test.describe.configure({ timeout: 600_000 });

  test('plans, their reports, and Compare of every example', async ({ page }) => {
    const app = new ScanFrame(page);
    await app.open('/plans');
    const bad: string[] = [];
    const scan = async (path: string): Promise<void> => {
      await app.go(path);
      await app.waitSettled();
      bad.push(...(await app.badText()).map((b) => `${path} ${b}`));
    };
    for (const id of PLANS) {
      await app.go(`/plans/${id}`);
      await expect(app.results()).toBeVisible();
      await scan(`/plans/${id}`);
      await scan(`/report/${id}`);
    }
    // Compare, four examples at a time
    await app.go('/compare');
    const boxes = page.getByTestId('compare-picker').getByRole('checkbox');
    for (let i = 0; i < PLANS.length; i += 4) {
      for (const box of await boxes.all()) if (await box.isChecked()) await box.uncheck();
      for (const box of (await boxes.all()).slice(i, i + 4)) await box.check();
      await scan('/compare');
    }
    expect(bad).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  test('every sizing example and its report', async ({ page }) => {
    const app = new ScanFrame(page);
    const sizing = new SizingPage(page);
    await app.open('/sizing');
    const bad: string[] = [];
    for (const s of SIZING) {
      await app.go('/sizing');
      await sizing.loadExample(s.name);
      await sizing.waitDone();
      await app.waitSettled();
      bad.push(...(await app.badText()).map((b) => `/sizing/${s.id} ${b}`));
      await app.go(`/sizing-report/${s.id}`);
      await expect(sizing.reportReady()).toBeVisible({ timeout: 120_000 });
      bad.push(...(await app.badText()).map((b) => `/sizing-report/${s.id} ${b}`));
    }
    expect(bad).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  test('clusters, hardware, models and the other pages', async ({ page }) => {
    const app = new ScanFrame(page);
    await app.open('/start');
    const paths = [
      '/start',
      '/plans',
      '/sizing',
      '/clusters',
      ...ids('clusters').flatMap((id) => [`/clusters/${id}`, `/cluster-report/${id}`]),
      '/hardware',
      ...ids('hardware').map((id) => `/hardware/${id}`),
      '/models',
      ...ids('models').map((id) => `/models/${id}`),
      '/network',
      '/validation',
      '/sources',
      '/about',
    ];
    const bad: string[] = [];
    for (const path of paths) {
      await app.go(path);
      await app.waitSettled();
      bad.push(...(await app.badText()).map((b) => `${path} ${b}`));
    }
    expect(bad).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
