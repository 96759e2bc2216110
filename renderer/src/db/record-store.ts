/**
 * Clusters and sizing specs, stored like plans: the same guarantees through the same machinery.
 * - Reading is defensive (like records.ts for plans): every record is checked; one missing an
 *   envelope field it can do without (updatedAt, createdAt) is repaired on read — listed, opened
 *   and exported as usual, and written whole on its next save — and one that cannot be read
 *   (the value missing or malformed, its id not the record's) is listed as damaged, with the
 *   problem named and its raw contents kept for export. Records are read by primary key, never
 *   through the updatedAt index, so a record without updatedAt cannot drop out of the list.
 * - Saving says which stored version the edit started from (`base`); when another window saved in
 *   between, the save still goes through and the other window's version is kept as a copy
 *   ("… (other window)"), in the same transaction, and reported (autosave.ts tells the user).
 * - Edits are journalled and retried by autosave.ts (Journal per kind).
 */
import { parseCluster, type Cluster } from '@shared/schema/cluster';
import type { SizingSpecInput } from '@shared/schema/sizing';
import type { SaveOutcome, StoreSaveOptions } from './autosave';
import { db, type StoredCluster } from './db';
import { Journal, sameEdit } from './journal';
import { newId } from './plans';
import type { DamagedRecord } from './records';
import type { StoredSizingSpec } from './sizing';

type Named = { id: string; name: string };

export interface RecordKind<T extends Named> {
  table: 'clusters' | 'sizingSpecs';
  /** The property of the stored record holding the value. */
  field: 'cluster' | 'spec';
  /** What the user calls it, for messages. */
  noun: string;
  journal: Journal<T>;
  /** The value as this version reads it (throws naming the field when it cannot). */
  read(raw: unknown): T;
  /** A new id for a copy. */
  newId(): string;
}

/** A sizing spec is stored as typed (a draft may fail validation): it needs an id and a name. */
function readSpec(raw: unknown): SizingSpecInput {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('(root): is not an object');
  const r = raw as Record<string, unknown>;
  if (typeof r['id'] !== 'string') throw new Error('id: is missing or not text');
  if (typeof r['name'] !== 'string') throw new Error('name: is missing or not text');
  return raw as SizingSpecInput;
}

export const CLUSTER_KIND: RecordKind<Cluster> = {
  table: 'clusters',
  field: 'cluster',
  noun: 'cluster',
  journal: new Journal<Cluster>('cluster-planner.draft-cluster.', (x) => parseCluster(x)),
  read: (x) => parseCluster(x, '(value)'),
  newId: () => newId('cluster'),
};

export const SPEC_KIND: RecordKind<SizingSpecInput> = {
  table: 'sizingSpecs',
  field: 'spec',
  noun: 'sizing spec',
  journal: new Journal<SizingSpecInput>('cluster-planner.draft-sizing.', readSpec),
  read: readSpec,
  newId: () => newId('sizing'),
};

/** The stored record of a kind: { id, cluster | spec, createdAt, updatedAt, trashedAt?, example? }. */
export type StoredOf<T> = T extends Cluster ? StoredCluster : StoredSizingSpec;

export type CheckedOf<T extends Named> =
  { ok: true; stored: StoredOf<T>; value: T; repaired: string[] } | { ok: false; damaged: DamagedRecord };

const str = (x: unknown): x is string => typeof x === 'string';
const EPOCH = '1970-01-01T00:00:00.000Z';

/** Checks one raw record: readable (with the envelope fields it lacked filled in), or damaged. */
export function checkRecord<T extends Named>(kind: RecordKind<T>, raw: unknown, key?: unknown): CheckedOf<T> {
  const r = raw as Record<string, unknown> | null;
  const id = r && typeof r === 'object' && str(r['id']) ? r['id'] : String(key ?? '(no id)');
  const damaged = (problem: string): CheckedOf<T> => ({ ok: false, damaged: { id, problem, raw, table: kind.table } });
  if (!r || typeof r !== 'object' || Array.isArray(r)) return damaged('(record): is not an object');
  if (!str(r['id'])) return damaged('id: is missing or not text');
  let value: T;
  try {
    value = kind.read(r[kind.field]);
  } catch (e) {
    const m = (e as Error).message.replace(/^\(value\): /, '');
    return damaged(`${kind.field}${m.startsWith('(root)') ? m.slice('(root)'.length) : `.${m}`}`);
  }
  if (value.id !== r['id']) return damaged(`${kind.field}.id: "${value.id}" does not match the record id "${r['id']}"`);
  const repaired: string[] = [];
  const inner = value as unknown as Record<string, unknown>;
  let updatedAt = r['updatedAt'];
  if (!str(updatedAt)) {
    updatedAt = [inner['updatedAt'], r['createdAt'], inner['createdAt']].find(str) ?? EPOCH;
    repaired.push('updatedAt');
  }
  let createdAt = r['createdAt'];
  if (!str(createdAt)) {
    createdAt = [inner['createdAt']].find(str) ?? updatedAt;
    repaired.push('createdAt');
  }
  const stored = {
    id: r['id'],
    [kind.field]: value,
    createdAt,
    updatedAt,
    ...(str(r['trashedAt']) ? { trashedAt: r['trashedAt'] } : {}),
    ...(r['example'] === true ? { example: true } : {}),
  } as unknown as StoredOf<T>;
  return { ok: true, stored, value, repaired };
}

export interface RecordsOf<T extends Named> {
  /** Readable records not in the trash, newest first. */
  records: Array<StoredOf<T>>;
  /** Ids of records read with envelope fields filled in (listed as usual). */
  repaired: string[];
  damaged: DamagedRecord[];
}

/** Every record of a kind, checked, by primary key (a record without updatedAt is still found). */
export async function readRecords<T extends Named>(kind: RecordKind<T>): Promise<RecordsOf<T>> {
  const out: RecordsOf<T> = { records: [], repaired: [], damaged: [] };
  await db.table(kind.table).each((raw: unknown, cursor) => {
    const c = checkRecord(kind, raw, cursor.primaryKey);
    if (!c.ok) return void out.damaged.push(c.damaged);
    if (c.repaired.length) out.repaired.push(c.stored.id);
    if (!c.stored.trashedAt) out.records.push(c.stored);
  });
  out.records.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  return out;
}

/** One record by id, checked; undefined when there is none. */
export async function readRecord<T extends Named>(kind: RecordKind<T>, id: string): Promise<CheckedOf<T> | undefined> {
  const raw: unknown = await db.table(kind.table).get(id);
  return raw === undefined ? undefined : checkRecord(kind, raw, id);
}

const now = (): string => new Date().toISOString();

/** A copy of `value` under a new id, its name marked (`… (other window)`), stored as a new record. */
async function putCopy<T extends Named>(kind: RecordKind<T>, value: T, mark: string, t: string): Promise<string> {
  const id = kind.newId();
  const copy = { ...value, id, name: `${value.name} ${mark}`.slice(0, 200), updatedAt: t };
  await db.table(kind.table).put({ id, [kind.field]: copy, createdAt: t, updatedAt: t });
  return id;
}

/**
 * Saves a record (see the module comment). `base` undefined = do not check for other windows;
 * `revisionOnly` keeps the edit as a copy beside the current version (a stale journal entry).
 */
export async function saveRecord<T extends Named>(
  kind: RecordKind<T>,
  value: T,
  opts: Partial<StoreSaveOptions> & { base?: string | null | undefined } = {},
): Promise<SaveOutcome<T>> {
  const table = db.table(kind.table);
  let t = now();
  const out: SaveOutcome<T> = { savedAt: t, conflict: null };
  await db.transaction('rw', table, async () => {
    const raw: unknown = await table.get(value.id);
    const checked = raw === undefined ? undefined : checkRecord(kind, raw, value.id);
    if (checked && !checked.ok)
      throw new Error(
        `the stored record for "${value.id}" is damaged (${checked.damaged.problem}); export it from the list before saving over it`,
      );
    const existing = checked?.ok ? checked : undefined;
    // Timestamps are ISO strings compared as text: never go backwards on a skewed clock.
    if (existing && existing.stored.updatedAt >= t)
      t = new Date(Date.parse(existing.stored.updatedAt) + 1).toISOString();
    if (opts.revisionOnly && existing) {
      out.copyId = await putCopy(kind, value, '(recovered)', t);
      out.savedAt = existing.stored.updatedAt;
      return;
    }
    const stale = existing && opts.base !== undefined && existing.stored.updatedAt !== opts.base;
    if (existing && stale && !sameEdit(existing.value, value)) {
      out.conflict = { theirs: existing.value, theirsSavedAt: existing.stored.updatedAt };
      out.copyId = await putCopy(kind, existing.value, '(other window)', t);
    }
    await table.put({
      createdAt: existing?.stored.createdAt ?? t,
      ...(existing?.stored.example ? { example: true } : {}),
      id: value.id,
      [kind.field]: { ...value, updatedAt: t },
      updatedAt: t,
    });
    out.savedAt = t;
  });
  return out;
}
