#!/usr/bin/env node
// The `cluster-planner` command. It runs the TypeScript CLI through tsx, so a clone works right
// after `npm ci` with no build step. Output piped into a reader that stops early (`| head`) ends
// the command quietly; anything that escapes main() prints one line, never a stack trace.
import { register } from 'tsx/esm/api';

for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

try {
  register();
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`cluster-planner: ${String(e instanceof Error ? e.message : e).replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = 2;
}
