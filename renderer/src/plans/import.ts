import { parsePlanFile } from '@shared/plan/migrations';
import type { Plan } from '@shared/plan/schema';
import { db } from '../db/db';
import { newId, savePlan } from '../db/plans';

export const PLAN_FILE_FILTER = [{ name: 'Cluster Planner plan', extensions: ['json'] }];

export function planFileName(plan: Plan): string {
  const slug =
    plan.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'plan';
  return `${slug}.clusterplan.json`;
}

export function serialisePlan(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}

/**
 * Imports a plan file's text. Throws PlanFileError (naming the field) on bad input and writes
 * nothing; never overwrites: a plan whose id exists gets a new id and "(imported)" in its name.
 */
export async function importPlanText(text: string): Promise<Plan> {
  const plan = parsePlanFile(text);
  const clash = await db.plans.get(plan.id);
  const toSave: Plan = clash ? { ...plan, id: newId(), name: `${plan.name} (imported)` } : plan;
  await savePlan(toSave);
  return toSave;
}
