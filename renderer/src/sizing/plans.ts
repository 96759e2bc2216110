/**
 * Turning search results into plans: a ranked deployment becomes one copy at its per-copy arrival
 * rate (planOf, so the plan's "under load" numbers are the search's); a frontier point becomes one
 * copy at the arrival rate its batch sustains (the candidate is re-timed on this thread: a sweep of
 * at most 16 batches).
 */
import { judge } from '@shared/sizing/judge';
import { planOf } from '@shared/sizing/run';
import { COL, evaluateCandidate, NCOL, type Candidate, type SearchContext } from '@shared/sizing/search';
import type { FrontierPoint, RankedEntry } from '@shared/sizing/summary';
import type { InferencePlan } from '@shared/schema/plan';
import { compactText } from './describe';

/** A frontier point as a ranked-entry shape planOf understands: one copy at the rate of that batch. */
export function entryForPoint(sc: SearchContext, cand: Candidate, batch: number): RankedEntry | null {
  const ev = evaluateCandidate(sc, cand, null);
  let row = -1;
  for (let k = 0; k < ev.points; k++) if (ev.curve[k * NCOL + COL.batch] === batch) row = k;
  if (row < 0) return null;
  const lambda = ev.curve[row * NCOL + COL.lambda]!;
  const v = judge(sc, ev, sc.spec.slo);
  return {
    cand,
    verdict: { ...v, row, replicas: 1, lambdaTotal: lambda, lambdaMax: lambda, devicesTotal: cand.devices },
    at: null,
  };
}

export function planForPoint(sc: SearchContext, cand: Candidate, p: FrontierPoint): InferencePlan | null {
  const e = entryForPoint(sc, cand, p.batch);
  if (!e) return null;
  const name = `${compactText(sc, cand)} · batch ${p.batch} — frontier of “${sc.spec.name}”`;
  const plan = planOf(sc, { ...e, at: { batch: p.batch } as RankedEntry['at'] }, name.slice(0, 200));
  return { ...plan, id: `${plan.id}-b${p.batch}`.slice(0, 100) };
}

export const planForEntry = (sc: SearchContext, e: RankedEntry): InferencePlan =>
  planOf(
    sc,
    e,
    `${compactText(sc, e.cand)} — 1 of ${e.verdict.replicas} ${e.verdict.replicas === 1 ? 'copy' : 'copies'} for “${sc.spec.name}”`.slice(
      0,
      200,
    ),
  );
