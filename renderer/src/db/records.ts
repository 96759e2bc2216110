/**
 * Reading stored plans defensively. A record written by an older or foreign version, or damaged
 * on disk, must not stop the app: every record is checked like a plan file (migratePlanObject:
 * versions, hostile keys, the schema) and sorted into the plans that work and the damaged ones,
 * each with the problem named and its raw contents kept for export. A record whose plan reads but
 * whose envelope lacks updatedAt or createdAt is repaired on read (the plan's own timestamps, or
 * the other one): it stays listed and exported, and its next save writes it whole. Nothing is
 * deleted here. Clusters and sizing specs follow the same rules (record-store.ts).
 */
import { migratePlanObject } from '@shared/schema/migrations';
import { db, type StoredPlan } from './db';

export type StoredTable = 'plans' | 'clusters' | 'sizingSpecs' | 'userPresets';

export interface DamagedRecord {
  /** The table it is in (plans when absent). */
  table?: StoredTable;
  /** The record's primary key as stored (a string for any record the app wrote). */
  id: string;
  /** What is wrong, naming the field ("plan.inference.workload.promptTokens: …"). */
  problem: string;
  /** The record exactly as IndexedDB returned it. */
  raw: unknown;
}

export type CheckedRecord =
  | { ok: true; stored: StoredPlan; /** Envelope fields filled in on read. */ repaired?: string[] }
  | { ok: false; damaged: DamagedRecord };

const str = (x: unknown): x is string => typeof x === 'string';
const EPOCH = '1970-01-01T00:00:00.000Z';

export function checkStoredPlan(raw: unknown, key?: unknown): CheckedRecord {
  const r = raw as Partial<StoredPlan> | null;
  const id = r && typeof r === 'object' && str(r.id) ? r.id : String(key ?? '(no id)');
  const damaged = (problem: string): CheckedRecord => ({ ok: false, damaged: { id, problem, raw } });
  if (!r || typeof r !== 'object' || Array.isArray(r)) return damaged('(record): is not an object');
  if (!str(r.id)) return damaged('id: is missing or not text');
  let plan;
  try {
    plan = migratePlanObject(r.plan);
  } catch (e) {
    return damaged(`plan.${(e as Error).message}`.replace(/^plan\.\(root\)/, 'plan'));
  }
  if (plan.id !== r.id) return damaged(`plan.id: "${plan.id}" does not match the record id "${r.id}"`);
  const updatedAt = str(r.updatedAt) ? r.updatedAt : ([plan.updatedAt, r.createdAt, plan.createdAt].find(str) ?? EPOCH);
  return {
    ok: true,
    ...(str(r.updatedAt) && str(r.createdAt)
      ? {}
      : { repaired: ['updatedAt', 'createdAt'].filter((k) => !str(r[k as 'updatedAt'])) }),
    stored: {
      id: r.id,
      plan,
      createdAt: str(r.createdAt) ? r.createdAt : updatedAt,
      updatedAt,
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

const FILE_NOUN: Record<StoredTable, string> = {
  plans: 'plan',
  clusters: 'cluster',
  sizingSpecs: 'sizing-spec',
  userPresets: 'preset',
};

/** A damaged record as a file the user can keep or send: the raw record and what is wrong with it. */
export function damagedRecordFile(d: DamagedRecord): { name: string; text: string } {
  const safe = d.id.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 80) || 'record';
  const table = d.table ?? 'plans';
  const text = JSON.stringify(
    {
      kind: 'cluster-planner-damaged-record',
      table,
      problem: d.problem,
      exportedAt: new Date().toISOString(),
      record: d.raw,
    },
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    2,
  );
  return { name: `damaged-${FILE_NOUN[table]}-${safe}.json`, text: text + '\n' };
}
