/**
 * `cluster-planner report <plan.json> [--compare other.json …] --pdf out.pdf [--page A4|Letter]`
 * renders the app's report route (#/print/…, the same layout as the app's Export PDF) headless in
 * the system Chromium through playwright-core and prints it to PDF. A clear message names the
 * paths it tried when no Chromium is installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CliError, type ParsedArgs } from '../format';
import { serveDir } from '../report-server';
import { readPlan } from './infer';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const DEFAULT_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** $CHROMIUM_PATH when set (and then only it), else the first system browser found. */
export function chromiumPath(
  env: string | undefined = process.env['CHROMIUM_PATH'],
  exists: (p: string) => boolean = existsSync,
): { path: string | null; tried: string[] } {
  const tried = env ? [env] : DEFAULT_BROWSERS;
  return { path: tried.find((c) => exists(c)) ?? null, tried };
}

export async function runReport(args: ParsedArgs): Promise<number> {
  const out = args.flags.get('pdf');
  if (typeof out !== 'string') throw new CliError('Give the output file: --pdf out.pdf');
  const plans = [readPlan(args.positional[1]), ...(args.multi.get('compare') ?? []).map((p) => readPlan(p))];
  const pageSize = args.flags.get('page') === 'Letter' ? 'Letter' : 'A4';
  const { path: exe, tried } = chromiumPath();
  if (!exe)
    throw new CliError(
      `No Chromium found (looked at ${tried.join(', ')}). Install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.`,
    );
  const dist = join(ROOT, 'dist-web');
  if (!existsSync(join(dist, 'index.html'))) {
    process.stderr.write('Building the renderer (dist-web) once…\n');
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        join(ROOT, 'vite.web.config.ts'),
        '--logLevel',
        'error',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
  }
  const { server, url } = await serveDir(dist);
  const browser = await chromium.launch({
    executablePath: exe,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const data = Buffer.from(JSON.stringify(plans), 'utf8').toString('base64url');
    await page.goto(`${url}/#/print/${data}`);
    await page.locator('[data-report-ready="true"]').waitFor({ timeout: 60_000 });
    await page.evaluate(() => document.fonts.ready);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({
      path: resolve(out),
      format: pageSize,
      printBackground: true,
      margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
    });
    process.stdout.write(`Wrote ${resolve(out)} (${plans.length} plan${plans.length > 1 ? 's' : ''}, ${pageSize})\n`);
    return 0;
  } finally {
    await browser.close();
    server.close();
  }
}
