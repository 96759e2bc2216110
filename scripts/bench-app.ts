// `npm run bench`, second part: the app itself in Chromium (playwright-core, the system Chromium at
// /usr/bin/chromium or CHROMIUM_PATH), against the built web app (dist-web/, served here on a
// loopback port). Prints numbers; asserts nothing (speed is measured here, never by timed test
// assertions). Two measurements (targets: < 1 s and < 50 ms on a 2-core machine), after the bundle's sizes:
//
// - Cold start to interactive: a fresh browser profile (empty HTTP cache, empty IndexedDB, so the
//   first run seeds the example plans) opens the app; the clock runs from navigation start to the
//   first animation frame after the frame holds `[data-app-state="ready"]` (the app answers input
//   from then on), and on to the first frame showing computed results. The browser process is
//   already running: an Electron window adds its own process start, not measured here.
// - Edit → results updated: on an open plan, a value is typed into "Concurrent requests" (an input
//   event, as a keystroke makes) and the clock runs until the throughput card shows the new result
//   (the worker evaluated the plan and its 48-point batch sweep, React re-rendered results and
//   charts), and on to the next frame (the new numbers on screen).
import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = resolve('dist-web');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const COLD_RUNS = 7;
const EDIT_RUNS = 30;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(ROOT, path === '/' ? 'index.html' : path);
    if (!file.startsWith(ROOT) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      ok({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    }),
  );
}

/**
 * Marks, in page time (ms from navigation start), when a selector first matches and when the frame
 * after it has been drawn. Page code is kept in strings: the TypeScript loader would wrap functions
 * in helpers that the page does not have.
 */
const MARK_SCRIPT = `(() => {
  const marks = (window.__cp = {});
  const watch = (name, sel) => {
    const hit = () => {
      if (marks[name] !== undefined || !document.querySelector(sel)) return false;
      marks[name] = performance.now();
      requestAnimationFrame(() => {
        // The frame that paints the change has started; the next task runs once it is drawn.
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (marks[name + ':frame'] = performance.now());
        ch.port2.postMessage(0);
      });
      return true;
    };
    const obs = new MutationObserver(() => hit() && obs.disconnect());
    obs.observe(document, { subtree: true, childList: true, attributes: true });
  };
  watch('ready', '[data-app-state="ready"]');
  watch('results', '[data-testid="card-tpot"] .value, [data-testid="start-figures"][aria-busy="false"]');
})();`;

/**
 * One edit timed inside the page: input event → the throughput card shows the new result (DOM) →
 * the frame with it is drawn (screen) → the batch-sweep chart is redrawn for it (charts follow the
 * numbers, after their frame, at low priority).
 */
const EDIT_SCRIPT = `(value) => {
  const input = document.querySelector('[data-field="inference.workload.concurrentRequests"]');
  const text = (sel) => document.querySelector(sel)?.textContent ?? '';
  const CARD = '[data-testid="card-throughput"]';
  const CHART = '[data-testid="chart-sweep"] [data-testid="chart-legend"]';
  const card0 = text(CARD);
  const chart0 = text(CHART);
  const afterFrame = (fn) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => fn(performance.now());
      ch.port2.postMessage(0);
    });
  return new Promise((done, fail) => {
    const timeout = setTimeout(() => fail(new Error('results did not change for ' + value)), 5000);
    const t = { start: 0, dom: 0, screen: 0, charts: 0 };
    const finish = () => {
      if (!t.screen || !t.charts) return;
      clearTimeout(timeout);
      obs.disconnect();
      done({ dom: t.dom - t.start, frame: t.screen - t.start, charts: t.charts - t.start });
    };
    const obs = new MutationObserver(() => {
      if (!t.dom && text(CARD) !== card0) {
        t.dom = performance.now();
        afterFrame((now) => ((t.screen = now), finish()));
      }
      if (t.dom && !t.charts && text(CHART) !== chart0) afterFrame((now) => ((t.charts = now), finish()));
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    t.start = performance.now();
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}`;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p90: q(0.9), min: s[0]!, max: s[s.length - 1]! };
};
const ms = (v: number): string => `${v.toFixed(1).padStart(7)} ms`;
function line(label: string, xs: number[], target: number): void {
  const s = stats(xs);
  console.log(
    `${label.padEnd(58)} median ${ms(s.median)}  p90 ${ms(s.p90)}  (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}; ${xs.length} runs; target < ${target} ms)`,
  );
}

async function coldStart(browser: Browser, url: string, route: string): Promise<{ ready: number; results: number }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.addInitScript({ content: MARK_SCRIPT });
  await page.goto(`${url}/#${route}`);
  await page.waitForFunction(() => {
    const m = (window as unknown as { __cp?: Record<string, number> }).__cp;
    return m?.['results:frame'] !== undefined && m['ready:frame'] !== undefined;
  });
  const m = await page.evaluate(() => (window as unknown as { __cp: Record<string, number> }).__cp);
  await ctx.close();
  return { ready: m['ready:frame']!, results: m['results:frame']! };
}

async function editToResults(
  browser: Browser,
  url: string,
  planId: string,
): Promise<{ dom: number[]; frame: number[]; charts: number[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.goto(`${url}/#/plans/${planId}`);
  await page.locator('[data-testid="card-throughput"]').waitFor();
  await page.locator('[data-testid="chart-sweep"] .recharts-scatter-symbol').first().waitFor();
  const dom: number[] = [];
  const frame: number[] = [];
  const charts: number[] = [];
  for (let i = 0; i < EDIT_RUNS + 3; i++) {
    const r = (await page.evaluate(`(${EDIT_SCRIPT})(${JSON.stringify(String(1000 + i * 37))})`)) as {
      dom: number;
      frame: number;
      charts: number;
    };
    if (i >= 3) {
      // the first edits warm the JIT and the worker
      dom.push(r.dom);
      frame.push(r.frame);
      charts.push(r.charts);
    }
  }
  await ctx.close();
  return { dom, frame, charts };
}

/** What a first window loads before any page code: the entry script named in index.html; then the rest. */
function bundleSizes(): void {
  const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html)?.[1] ?? '';
  const assets = readdirSync(join(ROOT, 'assets')).filter((f) => f.endsWith('.js'));
  const kB = (f: string): number => statSync(join(ROOT, 'assets', f)).size / 1024;
  const total = assets.reduce((a, f) => a + kB(f), 0);
  const entryName = entry.replace(/^assets\//, '');
  const worker = assets.filter((f) => f.includes('.worker'));
  const pages = assets.filter((f) => f !== entryName && !worker.includes(f));
  console.log(
    `\nBundle (dist-web/assets, minified, not gzipped): entry ${entryName} ${kB(entryName).toFixed(0)} kB; ` +
      `${worker.length} worker script(s) ${worker.map((f) => `${f} ${kB(f).toFixed(0)} kB`).join(', ')}; ` +
      `${pages.length} lazily loaded chunks ${pages.reduce((a, f) => a + kB(f), 0).toFixed(0)} kB (largest ` +
      `${pages
        .sort((a, b) => kB(b) - kB(a))
        .slice(0, 3)
        .map((f) => `${f} ${kB(f).toFixed(0)} kB`)
        .join(', ')}); ${total.toFixed(0)} kB of scripts in all`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'index.html'))) throw new Error('dist-web/ is missing: run `npm run build:web` first');
  bundleSizes();
  if (!existsSync(CHROMIUM)) {
    console.log(`App timings skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH).`);
    return;
  }
  const { server, url } = await serve();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    console.log(
      `\nApp in Chromium ${browser.version()} (playwright-core), built web app, ${cpus().length} cores, load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const start = { ready: [] as number[], results: [] as number[] };
    const plan = { ready: [] as number[], results: [] as number[] };
    await coldStart(browser, url, '/start'); // a first launch fills the OS file cache; not counted
    for (let i = 0; i < COLD_RUNS; i++) {
      const a = await coldStart(browser, url, '/start');
      start.ready.push(a.ready);
      start.results.push(a.results);
      const b = await coldStart(browser, url, '/plans/deepseek-v3-hgx-h800-ep144');
      plan.ready.push(b.ready);
      plan.results.push(b.results);
    }
    line('cold start → interactive (first run, Start here)', start.ready, 1000);
    line('cold start → example figures on screen (Start here)', start.results, 1000);
    line('cold start → interactive (a plan, DeepSeek-V3 EP144)', plan.ready, 1000);
    line('cold start → plan results on screen (DeepSeek-V3 EP144)', plan.results, 1000);
    for (const id of ['deepseek-v3-hgx-h800-ep144', 'llama-3.1-8b-h100']) {
      const e = await editToResults(browser, url, id);
      line(`edit → results updated in the DOM (${id})`, e.dom, 50);
      line(`edit → results updated on screen (${id})`, e.frame, 50);
      line(`edit → charts redrawn on screen (${id})`, e.charts, 50);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
