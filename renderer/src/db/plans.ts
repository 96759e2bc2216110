/** Plan storage operations: save with revisions, duplicate, rename, soft delete and restore. */
import type { Plan } from '@shared/plan/schema';
import { db, MAX_REVISIONS, type StoredPlan } from './db';

const now = (): string => new Date().toISOString();

export function newId(prefix = 'plan'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Saves a plan and records a revision; keeps the last MAX_REVISIONS revisions per plan. */
export async function savePlan(plan: Plan): Promise<void> {
  const t = now();
  await db.transaction('rw', db.plans, db.revisions, async () => {
    const existing = await db.plans.get(plan.id);
    await db.plans.put({
      ...(existing ?? { createdAt: t }),
      id: plan.id,
      plan: { ...plan, updatedAt: t },
      updatedAt: t,
      trashedAt: undefined,
    });
    await db.revisions.add({ planId: plan.id, savedAt: t, plan });
    const revs = await db.revisions.where('planId').equals(plan.id).sortBy('savedAt');
    const extra = revs.length - MAX_REVISIONS;
    if (extra > 0) await db.revisions.bulkDelete(revs.slice(0, extra).map((r) => r.rev!));
  });
}

export async function createPlan(plan: Plan): Promise<string> {
  await savePlan(plan);
  return plan.id;
}

export async function duplicatePlan(id: string): Promise<string | null> {
  const p = await db.plans.get(id);
  if (!p) return null;
  const copy: Plan = { ...p.plan, id: newId(), name: `${p.plan.name} (copy)`, createdAt: now() };
  await savePlan(copy);
  return copy.id;
}

export async function renamePlan(id: string, name: string): Promise<void> {
  const p = await db.plans.get(id);
  if (!p) return;
  await savePlan({ ...p.plan, name });
}

export async function trashPlan(id: string): Promise<void> {
  await db.plans.update(id, { trashedAt: now() });
}

export async function restorePlan(id: string): Promise<void> {
  await db.plans.update(id, { trashedAt: undefined });
}

export async function listRevisions(id: string) {
  return (await db.revisions.where('planId').equals(id).sortBy('savedAt')).reverse();
}

export async function activePlans(): Promise<StoredPlan[]> {
  const all = await db.plans.orderBy('updatedAt').reverse().toArray();
  return all.filter((p) => !p.trashedAt);
}
