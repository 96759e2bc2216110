// The search's fast path against an independent evaluation of the same configuration. The search
// compiles a candidate's family from its own settings, sweeps batches with decode curves reused
// across candidates (sizing/search.ts), and writes each row's TPOT and TTFT percentiles under the
// load that batch sustains. The same row opened as a plan goes the way a user's plan goes: plan
// file → resolvePlan → compileFamily → the serving evaluation with its explained steps and its own
// load model solved for the plan's arrival rate (serving/plan-load.ts). Both must give the same
// numbers for any candidate of any example spec, at any swept batch, in any order of evaluation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presetCatalog, sizingPresets } from '../../presets/load';
import { resolvePlan } from '../../shared/plan/context';
import { evaluateServing } from '../../shared/serving/evaluate';
import { curveRow } from '../../shared/sizing/curve';
import { candidatesOf, prepareSearch } from '../../shared/sizing/search-context';
import { evaluateCandidate } from '../../shared/sizing/search';
import { planForPoint } from '../../shared/sizing/run';

const catalog = presetCatalog();
const searches = sizingPresets().map((spec) => {
  const sc = prepareSearch(spec, catalog);
  return { spec, sc, cands: candidatesOf(sc) };
});
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);

describe('the search path and the explained path agree', () => {
  it('on random candidates and swept batches of every example spec: TPOT, TTFT p50/p90/p99 and the batch under load', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: searches.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, cu, ru) => {
          const { sc, cands, spec } = searches[s]!;
          const cand = cands[Math.min(cands.length - 1, Math.floor(cu * cands.length))]!;
          const ev = evaluateCandidate(sc, cand, null);
          if (ev.points === 0) return; // refused structurally (does not fit): nothing swept
          const row = curveRow(ev, Math.min(ev.points - 1, Math.floor(ru * ev.points)));
          if (!row.stable) return;
          const plan = planForPoint(sc, cand, { id: cand.id, systemId: cand.systemId, ...row, x: 0, y: 0 });
          const load = evaluateServing(plan, resolvePlan(plan, catalog)).underLoad!;
          const what = `${spec.id} ${cand.id} batch ${row.batch}`;
          expect(load.sustainable, what).toBe(true);
          expect(rel(load.batch, row.batch), what).toBeLessThan(1e-6);
          expect(rel(load.tpotS, row.tpotS), what).toBeLessThan(1e-6);
          for (const p of ['p50', 'p90', 'p99'] as const)
            expect(rel(load.ttftS[p], row.ttftS(p)), what).toBeLessThan(1e-6);
          checked++;
        },
      ),
      { numRuns: 1_000, seed: 20261207 },
    );
    expect(checked).toBeGreaterThan(200);
  }, 120_000);
});
