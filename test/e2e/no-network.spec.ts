// The app makes no network requests: through a tour of every page and the common actions, every
// request the browser makes (page, worker, images, fonts) goes to the app's own origin or is a
// data:/blob: URL it made itself. README "How your data is kept" promises this.
import { expect, test } from '@playwright/test';
import { PlansPage } from './pages/plans';

test('a session across every page issues no request outside the app’s own origin', async ({
  page,
  context,
  baseURL,
}) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const app = new PlansPage(page);
  await app.open('/plans');
  await app.newInferencePlan();
  await app.setField('inference.workload.concurrentRequests', '32');
  await app.waitSaved();
  await page.goto('/#/plans/deepseek-v3-train-2048-h800');
  await expect(app.results).toBeVisible();
  for (const label of ['Compare', 'Hardware', 'Models', 'Network', 'Validation', 'Plans']) {
    await app.goTo(label);
    await expect(app.errorBoundary).toHaveCount(0);
  }
  await page.goto('/#/report/llama-3.1-8b-h100');
  await expect(page.getByText('Back to the plan')).toBeVisible();
  await page.goto('/#/hardware/h100-sxm');
  await expect(page.getByTestId('calibration-panel')).toBeVisible();
  await page.goto('/#/about');
  await expect(app.heading()).toBeVisible();

  const origin = new URL(baseURL!).origin;
  // The page, its script and stylesheet, and the engine worker: workers' requests are seen too.
  expect(requests.some((u) => /engine\.worker/.test(u))).toBe(true);
  const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u));
  expect(outside).toEqual([]);
});
