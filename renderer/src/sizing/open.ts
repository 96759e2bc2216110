/**
 * Storing plans made from search results: created once — opening the same configuration again
 * reuses the stored plan unless the user has changed it — and handed to the Compare page.
 */
import type { InferencePlan } from '@shared/schema/plan';
import { db } from '../db/db';
import { newId, savePlan } from '../db/plans';
import { writeSetting } from '../db/writes';

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
  await writeSetting('compare.selection', ids);
  return ids;
}
