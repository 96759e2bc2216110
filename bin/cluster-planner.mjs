#!/usr/bin/env node
// The `cluster-planner` command. In a clone (tsx, a development dependency, is installed) it runs
// the TypeScript CLI through tsx, so it works right after `npm ci` with no build step. In a
// production install (`npm install --omit=dev`: no tsx) it runs the built JavaScript,
// dist-cli/cluster-planner.mjs (`npm run build:cli`), which needs only the runtime dependencies.
// Output piped into a reader that stops early (`| head`) ends the command quietly; anything that
// escapes main() prints one line, never a stack trace.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

const built = new URL('../dist-cli/cluster-planner.mjs', import.meta.url);
const source = new URL('../cli/main.ts', import.meta.url);

/** tsx when it is installed and the sources are here; the built CLI otherwise. */
async function loadMain() {
  let tsx;
  try {
    tsx = existsSync(source) ? await import('tsx/esm/api') : null;
  } catch {
    tsx = null;
  }
  if (tsx) {
    tsx.register();
    return (await import(source.href)).main;
  }
  if (existsSync(built)) return (await import(built.href)).main;
  throw new Error(
    'the built CLI (dist-cli/cluster-planner.mjs) is missing: run `npm run build:cli` in the package folder',
  );
}

try {
  const main = await loadMain();
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`cluster-planner: ${String(e instanceof Error ? e.message : e).replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = 2;
}
