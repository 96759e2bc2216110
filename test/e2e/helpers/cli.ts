// The CLI on the files the app saved, for the specs that check a screen against it. Playwright's
// loader cannot import the presets, so the CLI runs as the user runs it: the real bin, text out.
import { execFileSync } from 'node:child_process';

export function cliText(args: string[]): string {
  return execFileSync(process.execPath, ['bin/cluster-planner.mjs', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

export function cliJson<T>(args: string[]): T {
  return JSON.parse(cliText([...args, '--json'])) as T;
}

/**
 * The CLI's "label   value" lines as label → value (a label is followed by two or more spaces; an
 * 80% band after a value, set off by two spaces, is dropped). Table rows come back too and are
 * simply not asked for.
 */
export function cliPairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\S(?:.*?\S)?) {2,}(\S.*)$/.exec(line);
    if (m && !pairs.has(m[1]!)) pairs.set(m[1]!, m[2]!.split(/ {2,}/)[0]!.trim());
  }
  return pairs;
}

/** The value of the first pair whose label starts with `prefix`. */
export function pairStarting(pairs: Map<string, string>, prefix: string): string {
  for (const [k, v] of pairs) if (k.startsWith(prefix)) return v;
  throw new Error(`the CLI printed no line starting “${prefix}”: ${[...pairs.keys()].join(' | ')}`);
}
