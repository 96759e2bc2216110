/**
 * The CI fuzz suite, shared by test/unit/fuzz-1.test.ts and fuzz-2.test.ts: each file runs every
 * other registry entry, so vitest spreads the parsers over two workers. Seed and size come from
 * FUZZ_SEED and FUZZ_RUNS (defaults: a fixed seed and 10,000 inputs per parser), so a CI failure
 * is reproduced with the same numbers: `npm run fuzz -- --seed <seed> --only <name> --show <index>`.
 */
import { describe, expect, it } from 'vitest';
import { FUZZ_LABELS, FUZZ_REGISTRY } from './registry';
import { EVALUATE_BUDGET_MS, runFuzz, totalFailures, type FuzzReport } from './harness';

export const CI_SEED = Number(process.env['FUZZ_SEED'] ?? 20261123);
export const CI_RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);

export function formatReport(r: FuzzReport): string {
  const known = Object.entries(r.knownBugs)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return (
    `fuzz ${r.name}: seed ${r.seed}, tried ${r.tried}, rejected ${r.rejected}, accepted ${r.accepted} ` +
    `(engine refused ${r.engineRejected}, evaluated ${r.evaluated}, slowest ${r.maxEvaluateMs.toFixed(1)} ms, ` +
    `re-timed ${r.retried}), failures ${totalFailures(r)}${known ? `, known engine bugs: ${known}` : ''}, ` +
    `${(r.wallMs / 1000).toFixed(1)} s`
  );
}

export function fuzzShard(shard: number, of: number): void {
  describe(`fuzz (shard ${shard + 1} of ${of}): seed ${CI_SEED}, ${CI_RUNS} inputs per parser`, () => {
    FUZZ_REGISTRY.forEach((entry, i) => {
      if (i % of !== shard) return;
      it(`${entry.name}: every input is refused naming a field, or evaluates to finite numbers within ${EVALUATE_BUDGET_MS} ms`, () => {
        const r = runFuzz(entry, { seed: CI_SEED, runs: CI_RUNS, labels: FUZZ_LABELS });
        console.log(formatReport(r));
        expect(r.tried).toBe(CI_RUNS);
        const parserFailures = r.failureCounts['parser-crash'] + r.failureCounts['unnamed-rejection'];
        expect(r.rejected + r.accepted + parserFailures).toBe(r.tried);
        // The mutations must reach the engine, not only the parser's first check.
        expect(r.accepted).toBeGreaterThan(CI_RUNS * 0.03);
        const hint = `reproduce: npm run fuzz -- --seed ${CI_SEED} --only ${entry.name} --show <index>`;
        expect(r.failures, `${formatReport(r)}\n${hint}`).toEqual([]);
      }, 300_000);
    });
  });
}
