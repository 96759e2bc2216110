/**
 * `cluster-planner report <plan.json> [--compare other.json …] --pdf out.pdf [--page A4|Letter]`
 * renders the app's report route (#/print/…, the same layout as the app's Export PDF) headless in
 * the system Chromium through playwright-core and prints it to PDF, written atomically (a
 * temporary file beside the target, fsync, rename). A clear message names the paths it tried
 * when no Chromium is installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { writeFileAtomic } from '../../electron/main/atomic-write';
import type { Plan } from '../../shared/schema/plan';
import { CliError, type ParsedArgs } from '../format';
import { serveDir } from '../report-server';
import { readPlan } from './infer';

/** The package root: the folder above this file holding package.json (the TypeScript or the built CLI). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4 && !existsSync(join(dir, 'package.json')); i++) dir = dirname(dir);
  return dir;
}

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

/** The built renderer: dist-web, built once with vite in a clone (a production install ships it or says how). */
function builtRenderer(root: string): string {
  const dist = join(root, 'dist-web');
  if (existsSync(join(dist, 'index.html'))) return dist;
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite))
    throw new CliError(
      `the report needs the built renderer (${dist}), and vite, which builds it, is a development dependency: run \`npm run build:web\` in a clone, or install with development dependencies`,
    );
  process.stderr.write('Building the renderer (dist-web) once…\n');
  execFileSync(process.execPath, [vite, 'build', '--config', join(root, 'vite.web.config.ts'), '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  return dist;
}

/**
 * Renders the plans' report to PDF bytes. The plan list goes to the page as a temporary file the
 * local server serves (#/print/@plans), not in the address: a long list made an address of
 * hundreds of kilobytes, and an error message quoting it.
 */
async function renderPdf(exe: string, dist: string, plans: Plan[], pageSize: 'A4' | 'Letter'): Promise<Uint8Array> {
  const tmp = mkdtempSync(join(tmpdir(), 'cluster-planner-report-'));
  const list = join(tmp, 'plans.json');
  writeFileSync(list, JSON.stringify(plans));
  const { server, url } = await serveDir(dist, new Map([['/__report/plans.json', list]]));
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
    await page.goto(`${url}/#/print/@plans`);
    await page.locator('[data-report-ready="true"]').waitFor({ timeout: 60_000 });
    await page.evaluate(() => document.fonts.ready);
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: pageSize,
      printBackground: true,
      margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
    });
  } finally {
    await browser.close();
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
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
  const pdf = await renderPdf(exe, builtRenderer(packageRoot()), plans, pageSize);
  await writeFileAtomic(resolve(out), pdf);
  process.stdout.write(`Wrote ${resolve(out)} (${plans.length} plan${plans.length > 1 ? 's' : ''}, ${pageSize})\n`);
  return 0;
}
