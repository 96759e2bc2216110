/**
 * Reading stored plans defensively. A record written by an older or foreign version, or damaged
 * on disk, must not stop the app: every record is checked like a plan file (migratePlanObject:
 * versions, hostile keys, the schema) and sorted into the plans that work and the damaged ones,
 * each with the problem named and its raw contents kept for export. Nothing is deleted here.
 */
import { migratePlanObject } from '@shared/schema/migrations';
import { db, type StoredPlan } from './db';

export interface DamagedRecord {
  /** The record's primary key as stored (a string for any record the app wrote). */
  id: string;
  /** What is wrong, naming the field ("plan.inference.workload.promptTokens: …"). */
  problem: string;
  /** The record exactly as IndexedDB returned it. */
  raw: unknown;
}

export type CheckedRecord = { ok: true; stored: StoredPlan } | { ok: false; damaged: DamagedRecord };

const str = (x: unknown): x is string => typeof x === 'string';

export function checkStoredPlan(raw: unknown, key?: unknown): CheckedRecord {
  const r = raw as Partial<StoredPlan> | null;
  const id = r && typeof r === 'object' && str(r.id) ? r.id : String(key ?? '(no id)');
  const damaged = (problem: string): CheckedRecord => ({ ok: false, damaged: { id, problem, raw } });
  if (!r || typeof r !== 'object' || Array.isArray(r)) return damaged('(record): is not an object');
  if (!str(r.id)) return damaged('id: is missing or not text');
  if (!str(r.updatedAt)) return damaged('updatedAt: is missing or not text');
  let plan;
  try {
    plan = migratePlanObject(r.plan);
  } catch (e) {
    return damaged(`plan.${(e as Error).message}`.replace(/^plan\.\(root\)/, 'plan'));
  }
  if (plan.id !== r.id) return damaged(`plan.id: "${plan.id}" does not match the record id "${r.id}"`);
  return {
    ok: true,
    stored: {
      id: r.id,
      plan,
      createdAt: str(r.createdAt) ? r.createdAt : r.updatedAt,
      updatedAt: r.updatedAt,
      ...(str(r.trashedAt) ? { trashedAt: r.trashedAt } : {}),
      ...(r.example === true ? { example: true } : {}),
    },
  };
}

export interface PlanRecords {
  /** Working plans, not in the trash, newest first. */
  plans: StoredPlan[];
  damaged: DamagedRecord[];
}

/** Every plan record, checked; a damaged one is reported, never thrown. */
export async function readPlanRecords(): Promise<PlanRecords> {
  const plans: StoredPlan[] = [];
  const damaged: DamagedRecord[] = [];
  await db.plans.each((raw, cursor) => {
    const c = checkStoredPlan(raw, cursor.primaryKey);
    if (c.ok) {
      if (!c.stored.trashedAt) plans.push(c.stored);
    } else damaged.push(c.damaged);
  });
  plans.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  return { plans, damaged };
}

/** One record by id, checked; undefined when there is none. */
export async function readPlanRecord(id: string): Promise<CheckedRecord | undefined> {
  const raw: unknown = await db.plans.get(id);
  return raw === undefined ? undefined : checkStoredPlan(raw, id);
}

/** A damaged record as a file the user can keep or send: the raw record and what is wrong with it. */
export function damagedRecordFile(d: DamagedRecord): { name: string; text: string } {
  const safe = d.id.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 80) || 'record';
  const text = JSON.stringify(
    {
      kind: 'cluster-planner-damaged-record',
      table: 'plans',
      problem: d.problem,
      exportedAt: new Date().toISOString(),
      record: d.raw,
    },
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    2,
  );
  return { name: `damaged-plan-${safe}.json`, text: text + '\n' };
}
