// The app makes no network requests: through a tour of every page (each route of the page
// registry, About and the not-found page) and the common actions — an edit saved, a sizing search
// on the workers, the reports — every request the browser makes (page, workers, images, fonts)
// goes to the app's own origin or is a data:/blob: URL it made itself. README "How your data is
// kept" promises this. A page added to renderer/src/pages/registry.tsx without a stop on the tour
// fails the first test.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { AppFrame } from './pages/app';
import { PlansPage } from './pages/plans';
import { SizingPage } from './pages/sizing';

const PLAN = JSON.parse(readFileSync('presets/plans/llama-3.1-8b-h100.json', 'utf8')) as object;

/** Each route of the app, with what shows it is ready (a ready signal, never a fixed wait). */
const TOUR: Record<string, (page: Page) => Promise<void>> = {
  start: async (page) => {
    await page.goto('/#/start');
    await expect(page.getByTestId('start-figures').first()).toHaveAttribute('aria-busy', 'false');
  },
  plans: async (page) => {
    await page.goto('/#/plans/deepseek-v3-train-2048-h800');
    await expect(page.getByTestId('results')).toBeVisible();
  },
  compare: async (page) => {
    await page.goto('/#/compare');
    await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  },
  hardware: async (page) => {
    await page.goto('/#/hardware/h100-sxm');
    await expect(page.getByTestId('calibration-panel')).toBeVisible();
  },
  models: async (page) => {
    await page.goto('/#/models/deepseek-v3');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  },
  network: async (page) => {
    await page.goto('/#/network');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  },
  clusters: async (page) => {
    await page.goto('/#/clusters/deepseek-2048-h800-mpft');
    await expect(page.getByTestId('cluster-results')).toBeVisible();
  },
  'cluster-report': async (page) => {
    await page.goto('/#/cluster-report/deepseek-2048-h800-mpft');
    await expect(page.locator('[data-report-ready="true"]')).toBeVisible();
  },
  validation: async (page) => {
    await page.goto('/#/validation');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  },
  sources: async (page) => {
    await page.goto('/#/sources/deepseek-insights-isca2025');
    await expect(page.getByTestId('sources-list')).toBeVisible();
  },
  report: async (page) => {
    await page.goto('/#/report/llama-3.1-8b-h100');
    await expect(page.locator('[data-report-ready="true"]')).toBeVisible();
  },
  print: async (page) => {
    await page.goto(`/#/print/${Buffer.from(JSON.stringify([PLAN])).toString('base64url')}`);
    await expect(page.locator('[data-report-ready="true"]')).toBeVisible();
  },
  sizing: async (page) => {
    const sizing = new SizingPage(page);
    await page.goto('/#/sizing');
    await sizing.loadExample('A desk-side assistant on two RTX 4090s');
    await sizing.waitDone(); // the search ran on the workers
  },
  'sizing-report': async (page) => {
    const id = decodeURIComponent(page.url().split('#/sizing/')[1] ?? '');
    await page.goto(`/#/sizing-report/${encodeURIComponent(id)}`);
    await expect(page.locator('[data-report-ready="true"]')).toBeVisible({ timeout: 45_000 });
  },
  about: async (page) => {
    await page.goto('/#/about');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  },
  'not-found': async (page) => {
    await page.goto('/#/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  },
};

test('the tour stops at every page the app has', () => {
  const registry = readFileSync('renderer/src/pages/registry.tsx', 'utf8');
  // Each page is a line of MODULES (its module and export): `name: [() => import('./X'), 'XPage'],`.
  const block = /const MODULES[^=]*=\s*\{([\s\S]*?)\};/.exec(registry)?.[1] ?? '';
  const pages = [...block.matchAll(/^\s*'?([a-z-]+)'?:\s*\[/gm)].map((m) => m[1]!);
  expect(pages.length).toBeGreaterThan(10);
  expect(Object.keys(TOUR).sort()).toEqual([...pages, 'about', 'not-found'].sort());
});

test('a session across every page issues no request outside the app’s own origin', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const app = new PlansPage(page);
  await app.open('/plans');
  await app.newInferencePlan();
  await app.setField('inference.workload.concurrentRequests', '32');
  await app.waitSaved();
  const frame = new AppFrame(page);
  const engineWorkers = (): number => requests.filter((u) => /engine\.worker/.test(u)).length;
  for (const [route, visit] of Object.entries(TOUR)) {
    await test.step(route, async () => {
      const before = engineWorkers();
      await visit(page);
      await expect(frame.errorBoundary).toHaveCount(0);
      // The sizing search's pool starts workers of its own (engine.worker.ts, search-pool.ts): their requests are seen.
      if (route === 'sizing') expect(engineWorkers()).toBeGreaterThan(before);
    });
  }

  const origin = new URL(baseURL!).origin;
  // The page, its script and stylesheet, and the engine workers: workers' requests are seen too.
  expect(engineWorkers()).toBeGreaterThan(0);
  const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u));
  expect(outside).toEqual([]);
});
