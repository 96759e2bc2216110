/**
 * Plan storage operations: save with revisions, duplicate, rename, soft delete and restore.
 *
 * Concurrent edits (two windows on one plan): a save may say which stored version its edit
 * started from (`base`, the record's updatedAt). When the record has moved on since — another
 * window saved in between — the save still goes through (the edit being typed is never thrown
 * away) and reports the other version as a conflict; both versions stay in the plan's revisions,
 * so the caller tells the user and can offer the other one as a copy. Nothing is silently dropped.
 */
import type { Plan } from '@shared/schema/plan';
import { db, MAX_REVISIONS, type StoredPlan } from './db';
import type { SaveOutcome } from './autosave';
import { sameEdit } from './journal';
import { checkStoredPlan, readPlanRecords } from './records';

const now = (): string => new Date().toISOString();

export function newId(prefix = 'plan'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export interface SaveOptions {
  /** updatedAt of the stored version the edit started from; undefined = do not check. */
  base?: string | null | undefined;
  /** The window that saves (recorded on the revision). */
  window?: string | undefined;
  /** Store as a revision only, leaving the current version as it is (recovering an older edit). */
  revisionOnly?: boolean | undefined;
}

export type { SaveOutcome };

/** Saves a plan and records a revision; keeps the last MAX_REVISIONS revisions per plan. */
export async function savePlan(plan: Plan, opts: SaveOptions = {}): Promise<SaveOutcome> {
  let t = now();
  let conflict: SaveOutcome['conflict'] = null;
  await db.transaction('rw', db.plans, db.revisions, async () => {
    const raw: unknown = await db.plans.get(plan.id);
    const checked = raw === undefined ? undefined : checkStoredPlan(raw, plan.id);
    if (checked && !checked.ok)
      throw new Error(
        `the stored record for "${plan.id}" is damaged (${checked.damaged.problem}); export it from the plan list before saving over it`,
      );
    const existing = checked?.stored;
    // Timestamps are ISO strings compared as text: never go backwards on a skewed clock.
    if (existing && existing.updatedAt >= t) t = new Date(Date.parse(existing.updatedAt) + 1).toISOString();
    if (existing && opts.base !== undefined && existing.updatedAt !== opts.base && !sameEdit(existing.plan, plan))
      conflict = { theirs: existing.plan, theirsSavedAt: existing.updatedAt };
    if (opts.revisionOnly && existing) {
      await db.revisions.add({ planId: plan.id, savedAt: t, plan, ...(opts.window ? { window: opts.window } : {}) });
      t = existing.updatedAt;
    } else {
      await db.plans.put({
        createdAt: existing?.createdAt ?? t,
        ...(existing?.example ? { example: true } : {}),
        id: plan.id,
        plan: { ...plan, updatedAt: t },
        updatedAt: t,
        trashedAt: undefined,
      } satisfies StoredPlan);
      await db.revisions.add({ planId: plan.id, savedAt: t, plan, ...(opts.window ? { window: opts.window } : {}) });
    }
    const revs = await db.revisions.where('planId').equals(plan.id).sortBy('savedAt');
    const extra = revs.length - MAX_REVISIONS;
    if (extra > 0) await db.revisions.bulkDelete(revs.slice(0, extra).map((r) => r.rev!));
  });
  return { savedAt: t, conflict };
}

export async function createPlan(plan: Plan): Promise<string> {
  await savePlan(plan);
  return plan.id;
}

/** A copy of a plan (or of a given version of it) under a new id. */
export async function duplicatePlan(id: string, version?: Plan, suffix = '(copy)'): Promise<string | null> {
  const source = version ?? (await readStored(id))?.plan;
  if (!source) return null;
  const copy: Plan = { ...source, id: newId(), name: `${source.name} ${suffix}`.slice(0, 200), createdAt: now() };
  await savePlan(copy);
  return copy.id;
}

export async function renamePlan(id: string, name: string): Promise<void> {
  const p = await readStored(id);
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

/** Working plans, newest first (damaged records are left out: see records.ts). */
export async function activePlans(): Promise<StoredPlan[]> {
  return (await readPlanRecords()).plans;
}

async function readStored(id: string): Promise<StoredPlan | undefined> {
  const raw: unknown = await db.plans.get(id);
  if (raw === undefined) return undefined;
  const c = checkStoredPlan(raw, id);
  return c.ok ? c.stored : undefined;
}
