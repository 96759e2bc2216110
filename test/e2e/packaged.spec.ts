// The packaged renderer as users get it, as close as this machine gets without the Electron
// binary: the `electron-vite build` output (out/renderer) opened from file:// in Chromium, with
// the production CSP from its index.html. Electron grants file:// pages module scripts and
// workers from their own folder (its grantFileProtocolExtraPrivileges fuse, left on); plain
// Chromium needs --allow-file-access-from-files for the same. The engine worker must start,
// IndexedDB must work, the seeded plans must appear, and nothing may load from anywhere else.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { StoragePage } from './pages/storage';

const INDEX = resolve('out/renderer/index.html');
const RENDERER = String(pathToFileURL(resolve('out/renderer')));
const built = existsSync(INDEX);

test.describe('packaged renderer from file://', () => {
  test.skip(!built, 'out/renderer/index.html missing: run `npx electron-vite build` (npm run test:e2e does)');
  let browser: Browser;
  let page: Page;
  let requests: string[] = [];
  let blockedByCsp: string[] = [];

  test.beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--allow-file-access-from-files',
      ],
    });
  });
  test.afterAll(async () => browser?.close());
  test.beforeEach(async () => {
    requests = [];
    blockedByCsp = [];
    page = await (await browser.newContext({ viewport: { width: 1360, height: 880 } })).newPage();
    page.context().on('request', (r) => requests.push(r.url()));
    page.context().on('requestfailed', (r) => {
      // Chromium reports a request the CSP refused as failed with "csp" (net::ERR_BLOCKED_BY_CSP).
      if (/csp/i.test(r.failure()?.errorText ?? '')) blockedByCsp.push(r.url());
    });
  });

  /** Every request went to the renderer folder, or was refused by the CSP before it left. */
  const expectOnlyAppRequests = (): void => {
    const outside = requests.filter((u) => !u.startsWith(`${RENDERER}/`) && !/^(data|blob):/.test(u));
    expect(outside.filter((u) => !blockedByCsp.includes(u))).toEqual([]);
  };

  const open = async (hash: string): Promise<StoragePage> => {
    await page.goto(`${pathToFileURL(INDEX)}#${hash}`);
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
    return new StoragePage(page);
  };

  test('the engine worker runs, the seeded plans appear, IndexedDB keeps an edit across a reload', async () => {
    const app = await open('/plans');
    const examples = readdirSync('presets/plans').filter((f) => f.endsWith('.json')).length;
    await expect(app.list.getByRole('listitem')).toHaveCount(examples);
    await page.goto(`${pathToFileURL(INDEX)}#/plans/llama-3.1-8b-h100`);
    await expect(app.results).toBeVisible(); // computed by the engine worker
    await expect(page.getByTestId('show-math')).toContainText('Decode step time');
    await app.setField('name', 'Edited in the packaged renderer');
    await app.expectSaved();
    await page.reload();
    await expect(app.field('name')).toHaveValue('Edited in the packaged renderer');
    expect(app.consoleErrors).toEqual([]);
    expect(requests.some((u) => /engine\.worker/.test(u))).toBe(true);
    expectOnlyAppRequests();
  });

  test('the production CSP is in force: no inline script, no remote image', async () => {
    await open('/plans');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    const violations = await page.evaluate(
      () =>
        new Promise<string[]>((done) => {
          const seen: string[] = [];
          document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true';
          document.body.append(s);
          const img = document.createElement('img');
          img.src = 'https://example.com/tracker.png';
          document.body.append(img);
          setTimeout(() => done(seen), 1000);
        }),
    );
    expect(violations).toEqual(expect.arrayContaining(['script-src-elem', 'img-src']));
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    expect(blockedByCsp).toEqual(['https://example.com/tracker.png']);
    expectOnlyAppRequests();
  });
});
