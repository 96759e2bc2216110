// The fuzz oracle catches lax parsers by itself: each deliberate mutant (test/fuzz/mutants.ts)
// run through the fuzz harness against every parser it applies to is reported (the real parsers
// pass the CI fuzz suite, oracle included: test/fuzz/suite.ts). Without the oracle, the same runs report nothing for most of them
// (a parser mutated to accept any JSON object passed every fuzz run with 0 failures).
import { describe, expect, it } from 'vitest';
import { runFuzz, type FailureKind, type FuzzEntry } from '../fuzz/harness';
import { MUTANTS, mutated } from '../fuzz/mutants';
import { namesField } from '../fuzz/oracle';
import { FUZZ_LABELS, FUZZ_REGISTRY } from '../fuzz/registry';
import { CI_SEED } from '../fuzz/suite';

const RUNS = 400;
/** The parsers the mutants are tried on: every kind of parser, without the two slowest inputs (workspaces, profiles). */
const TRIED = ['plan', 'hf-config', 'system', 'hardware', 'cluster', 'sizing'];
const run = (e: FuzzEntry, runs = RUNS) => runFuzz(e, { seed: CI_SEED, runs, labels: FUZZ_LABELS, corpus: false });
/** A fraction is a few fields of hundreds: the fraction mutant needs a longer run to meet one. */
const RUNS_FOR: Record<string, number> = { 'no-fraction-bound': 1500 };

const CAUGHT_AS: Record<string, FailureKind> = {
  'accept-anything': 'accepted-invalid',
  'reject-everything': 'rejected-valid',
  'no-depth-limit': 'accepted-invalid',
  'no-bad-key-check': 'accepted-invalid',
  'no-fraction-bound': 'accepted-invalid',
  'vague-field': 'misnamed-rejection',
};
/** The parsers each mutant can weaken: the tree checks and fraction bounds exist only where the parser has them. */
const APPLIES: Record<string, (e: FuzzEntry) => boolean> = {
  'no-depth-limit': (e) => !!e.oracle?.treeChecked,
  'no-bad-key-check': (e) => !!e.oracle?.treeChecked,
  'no-fraction-bound': (e) => ['plan', 'hardware', 'cluster', 'sizing'].includes(e.name),
};

describe('the oracle', () => {
  it('names a field as broken when the refusal names it, a field under it or an ancestor below the root', () => {
    expect(namesField('plans[0].devices', 'plans.0.devices')).toBe(true);
    expect(namesField('fuzzDeep.a.a.a', 'fuzzDeep')).toBe(true);
    expect(namesField('workload.prompt', 'workload.prompt.mean')).toBe(true);
    expect(namesField('(root)', 'workload.prompt.mean')).toBe(false);
    expect(namesField('(file)', '(root)')).toBe(true);
    expect(namesField('name', 'devices')).toBe(false);
  });
});

describe('parser mutants are each caught by the fuzz alone', () => {
  for (const [name, mutant] of Object.entries(MUTANTS)) {
    const entries = FUZZ_REGISTRY.filter((e) => TRIED.includes(e.name) && (APPLIES[name] ?? (() => true))(e));
    it(`${name}: reported as ${CAUGHT_AS[name]} for ${entries.map((e) => e.name).join(', ')}`, () => {
      for (const entry of entries) {
        const r = run(mutated(entry, mutant), RUNS_FOR[name]);
        expect(r.failureCounts[CAUGHT_AS[name]!], `${name} on ${entry.name}`).toBeGreaterThan(0);
      }
    }, 120_000);
  }
  it('without the oracle, accept-anything passes every run (what a review found)', () => {
    for (const entry of FUZZ_REGISTRY.filter((e) => TRIED.includes(e.name))) {
      const { oracle: _o, ...plain } = mutated(entry, MUTANTS['accept-anything']!);
      expect(run(plain).failures, entry.name).toEqual([]);
    }
  }, 120_000);
});
