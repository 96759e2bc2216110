/**
 * The CI fuzz suite, shared by test/unit/fuzz-1.test.ts and fuzz-2.test.ts: each file runs every
 * other registry entry, so vitest spreads the parsers over two workers. Every run fuzzes each
 * parser twice: on the fixed seed (FUZZ_SEED, FUZZ_RUNS: 20261123 and 1,500 inputs unless set),
 * and on a fresh seed (FUZZ_FRESH_RUNS inputs, 500 unless set) printed in the test's name and
 * the log, so what a fresh seed finds is reproduced with `npm run fuzz -- --seed <seed> --runs
 * <runs> --only <name> --show <index>` (or replayed in CI with FUZZ_FRESH_SEED). The corpus
 * (test/fuzz/corpus) runs first in both. This is the short fuzz that keeps the unit suite within
 * its two-minute budget on two cores; the long one is `npm run fuzz` (100,000 inputs per parser on
 * a fresh seed, docs/development.md), run before a release and after a parser changes.
 */
import { describe, expect, it } from 'vitest';
import { FUZZ_LABELS, FUZZ_REGISTRY } from './registry';
import {
  EVALUATE_BUDGET_MS,
  PARSER_FAILURES,
  runFuzz,
  totalFailures,
  type FuzzEntry,
  type FuzzReport,
} from './harness';

export const CI_SEED = Number(process.env['FUZZ_SEED'] ?? 20261123);
export const CI_RUNS = Number(process.env['FUZZ_RUNS'] ?? 1_500);
export const FRESH_SEED = Number(process.env['FUZZ_FRESH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
export const FRESH_RUNS = Number(process.env['FUZZ_FRESH_RUNS'] ?? 500);

export function formatReport(r: FuzzReport): string {
  const known = Object.entries(r.knownBugs)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return (
    `fuzz ${r.name}: seed ${r.seed}, corpus ${r.corpus}, tried ${r.tried} (built valid ${r.labelledValid}, ` +
    `built invalid ${r.labelledInvalid}), rejected ${r.rejected}, accepted ${r.accepted} ` +
    `(engine refused ${r.engineRejected}, evaluated ${r.evaluated}, slowest ${r.maxEvaluateMs.toFixed(1)} ms, ` +
    `re-timed ${r.retried}), failures ${totalFailures(r)}${known ? `, known engine bugs: ${known}` : ''}, ` +
    `${(r.wallMs / 1000).toFixed(1)} s`
  );
}

function fuzzOne(entry: FuzzEntry, seed: number, runs: number): void {
  const r = runFuzz(entry, { seed, runs, labels: FUZZ_LABELS });
  console.log(formatReport(r));
  const hint = `reproduce: npm run fuzz -- --seed ${seed} --runs ${runs} --only ${entry.name} --show <index>`;
  expect(r.failures, `${formatReport(r)}\n${hint}`).toEqual([]);
  expect(r.tried).toBe(runs);
  const parserFailures = PARSER_FAILURES.reduce((n, k) => n + r.failureCounts[k], 0);
  expect(r.rejected + r.accepted + parserFailures).toBe(r.tried);
  // The mutations must reach the engine, not only the parser's first check; the oracle must label.
  expect(r.accepted).toBeGreaterThan(runs * 0.03);
  expect(r.labelledValid).toBeGreaterThan(runs * 0.05);
  expect(r.labelledInvalid).toBeGreaterThan(runs * 0.1);
}

export function fuzzShard(shard: number, of: number): void {
  const mine = FUZZ_REGISTRY.filter((_e, i) => i % of === shard);
  const what = `every input is refused naming a field (the broken one, for inputs built invalid), or accepted (always, for inputs built valid) and evaluates to finite numbers within ${EVALUATE_BUDGET_MS} ms`;
  describe(`fuzz (shard ${shard + 1} of ${of}): fixed seed ${CI_SEED}, ${CI_RUNS} inputs per parser`, () => {
    for (const entry of mine) it(`${entry.name}: ${what}`, () => fuzzOne(entry, CI_SEED, CI_RUNS), 300_000);
  });
  describe(`fuzz (shard ${shard + 1} of ${of}): fresh seed ${FRESH_SEED}, ${FRESH_RUNS} inputs per parser`, () => {
    for (const entry of mine) it(`${entry.name}: ${what}`, () => fuzzOne(entry, FRESH_SEED, FRESH_RUNS), 300_000);
  });
}
