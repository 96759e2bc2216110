/**
 * Turning search results into plans the user can open, edit and compare: a ranked deployment
 * becomes one copy at its per-copy arrival rate (planOf, so the plan's "under load" numbers are the
 * search's); a frontier point becomes one copy at the arrival rate its batch sustains. Plans are
 * created in the database once: opening the same configuration again reuses the stored plan
 * unless the user has changed it.
 */
import { judge } from '@shared/sizing/judge';
import { planOf } from '@shared/sizing/run';
import { COL, evaluateCandidate, NCOL, type Candidate, type SearchContext } from '@shared/sizing/search';
import type { FrontierPoint, RankedEntry } from '@shared/sizing/summary';
import type { InferencePlan } from '@shared/plan/schema';
import { db } from '../db/db';
import { newId, savePlan } from '../db/plans';
import { devicesText, layoutText } from './describe';

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
  const name = `${devicesText(sc, cand)}, ${layoutText(cand)}, ${cand.weights.toUpperCase()}, batch ${p.batch} — frontier of “${sc.spec.name}”`;
  const plan = planOf(sc, { ...e, at: { batch: p.batch } as RankedEntry['at'] }, name.slice(0, 200));
  return { ...plan, id: `${plan.id}-b${p.batch}`.slice(0, 100) };
}

const same = (a: InferencePlan, b: InferencePlan): boolean => {
  const strip = ({ createdAt: _c, updatedAt: _u, ...rest }: InferencePlan) => JSON.stringify(rest);
  return strip(a) === strip(b);
};

/** Stores the plan (or finds the identical one stored before) and returns its id. */
export async function storePlan(plan: InferencePlan): Promise<string> {
  const existing = await db.plans.get(plan.id);
  if (existing && !existing.trashedAt && existing.plan.kind === 'inference' && same(existing.plan, plan))
    return plan.id;
  const toSave = existing ? { ...plan, id: newId('sized') } : plan;
  await savePlan({ ...toSave, createdAt: new Date().toISOString() });
  return toSave.id;
}

/** Stores each plan and makes them the Compare page's selection (it compares at most four). */
export async function compareSelection(plans: InferencePlan[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of plans.slice(0, 4)) ids.push(await storePlan(p));
  await db.settings.put({ key: 'compare.selection', value: ids });
  return ids;
}

export const planForEntry = (sc: SearchContext, e: RankedEntry): InferencePlan =>
  planOf(
    sc,
    e,
    `${devicesText(sc, e.cand)}, ${layoutText(e.cand)}, ${e.cand.weights.toUpperCase()} — 1 of ${e.verdict.replicas} copies for “${sc.spec.name}”`.slice(
      0,
      200,
    ),
  );
