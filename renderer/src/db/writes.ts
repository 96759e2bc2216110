/**
 * One-shot writes of the records that are not edited field by field: settings (the comparison
 * selections) and user presets (hardware and system copies, imported calibration profiles, an
 * edit saved with Save, a deletion). The same guarantees as an autosaved edit:
 * - the write is journalled first (localStorage, synchronous: `cluster-planner.pending.<n>`), then
 *   applied; the entry is removed once IndexedDB holds it;
 * - a failed write (a full disk, a quota, a closed database) stays journalled, is reported to the
 *   listeners (the status bar says "Not saved … retrying" with Retry now) and retried after 1, 3,
 *   10 and then every 30 seconds, and before the next write; a reload or a crash replays it at
 *   start-up (replayPendingWrites);
 * - an edit of a user preset says which version it started from: when another window saved the
 *   preset in between, both are kept (the other window's as a copy, "… (other window)").
 * Settings are preferences: the last write wins.
 */
import { db, type UserPreset } from './db';
import { describeWriteError } from './autosave';

const PREFIX = 'cluster-planner.pending.';

export type WriteOp =
  | { type: 'setting'; key: string; value: unknown }
  | { type: 'put-preset'; preset: UserPreset }
  | { type: 'delete-preset'; id: string }
  /** An edit of a preset's data, from `base` (its data.version when the edit started; null = unknown). */
  | { type: 'edit-preset'; id: string; data: Record<string, unknown>; base: number | null };

export interface WriteState {
  /** Writes journalled and not yet in the database. */
  pending: number;
  /** Why the last attempt failed, or null. */
  failed: string | null;
  /** A copy made because another window had changed the preset: its name. */
  keptOther?: string;
}

const listeners = new Set<(s: WriteState) => void>();
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let running: Promise<void> = Promise.resolve();
const RETRY_MS = [1000, 3000, 10_000, 30_000];

/** Subscribes to the queue's state (the status bar); returns the unsubscribe. */
export function onWriteState(l: (s: WriteState) => void): () => void {
  listeners.add(l);
  return () => void listeners.delete(l);
}

const emit = (s: WriteState): void => listeners.forEach((l) => l(s));

function journalled(): Array<{ key: string; at: number; op: WriteOp }> {
  const out: Array<{ key: string; at: number; op: WriteOp }> = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      if (!key.startsWith(PREFIX)) continue;
      try {
        const o = JSON.parse(localStorage.getItem(key) ?? 'null') as { at: number; op: WriteOp };
        if (o && typeof o.at === 'number' && o.op && typeof o.op.type === 'string') out.push({ key, ...o });
      } catch {
        /* an entry this version cannot read stays for a newer one */
      }
    }
  } catch {
    return [];
  }
  return out.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

let counter = 0;
/** Journals an op; false when localStorage refused (the write is still tried once). */
function journal(op: WriteOp): string | null {
  const key = `${PREFIX}${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  try {
    localStorage.setItem(key, JSON.stringify({ at: Date.now(), op }));
    return key;
  } catch {
    return null;
  }
}

const drop = (key: string): void => {
  try {
    localStorage.removeItem(key);
  } catch {
    /* ignore */
  }
};

/** Applies one op to the database; returns the name of a copy kept for another window's version. */
async function apply(op: WriteOp): Promise<string | undefined> {
  if (op.type === 'setting') return void (await db.settings.put({ key: op.key, value: op.value }));
  if (op.type === 'put-preset') return void (await db.userPresets.put(op.preset));
  if (op.type === 'delete-preset') return void (await db.userPresets.delete(op.id));
  let kept: string | undefined;
  await db.transaction('rw', db.userPresets, async () => {
    const cur = await db.userPresets.get(op.id);
    if (!cur) return;
    const data = (cur.data ?? {}) as Record<string, unknown>;
    const theirs = typeof data['version'] === 'number' ? data['version'] : null;
    if (op.base !== null && theirs !== null && theirs !== op.base) {
      kept = `${cur.name} (other window)`;
      const id = `${cur.id}-other-${Date.now().toString(36)}`;
      await db.userPresets.put({ ...cur, id, name: kept, data: { ...data, id }, createdAt: new Date().toISOString() });
    }
    const version = Math.max(op.base ?? 0, theirs ?? 0) + 1;
    await db.userPresets.put({ ...cur, data: { ...op.data, user: true, version } });
  });
  return kept;
}

/** Applies every journalled op in order; stops at the first failure (kept, retried later). */
function drain(): Promise<void> {
  running = running.then(async () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    const queue = journalled();
    for (const [i, { key, op }] of queue.entries()) {
      try {
        const kept = await apply(op);
        drop(key);
        if (kept) emit({ pending: queue.length - i - 1, failed: null, keptOther: kept });
      } catch (e) {
        failures++;
        emit({ pending: queue.length - i, failed: describeWriteError(e) });
        retryTimer = setTimeout(() => void drain(), RETRY_MS[Math.min(failures - 1, RETRY_MS.length - 1)]);
        return;
      }
    }
    if (failures > 0 || queue.length) emit({ pending: 0, failed: null });
    failures = 0;
  });
  return running;
}

/**
 * Journals and applies a write. Resolves true when the database holds it, false when it failed
 * (it stays journalled and is retried; the listeners were told).
 */
export async function durableWrite(op: WriteOp): Promise<boolean> {
  const key = journal(op);
  if (key === null) {
    // localStorage refused (full or off): no journal, so one direct attempt, reported if it fails.
    try {
      await apply(op);
      return true;
    } catch (e) {
      emit({ pending: 1, failed: `${describeWriteError(e)} (and the crash journal could not be written)` });
      return false;
    }
  }
  await drain();
  return !journalled().some((j) => j.key === key);
}

/** Writes left by a reload or a crash (or never accepted): applied at start-up, in order. */
export const replayPendingWrites = (): Promise<void> => drain();
/** Retry now (the status bar's button). */
export const retryPendingWrites = (): Promise<void> => drain();

export const writeSetting = (key: string, value: unknown): Promise<boolean> =>
  durableWrite({ type: 'setting', key, value });
export const putUserPreset = (preset: UserPreset): Promise<boolean> => durableWrite({ type: 'put-preset', preset });
export const deleteUserPreset = (id: string): Promise<boolean> => durableWrite({ type: 'delete-preset', id });
export const editUserPreset = (id: string, data: Record<string, unknown>, base: number | null): Promise<boolean> =>
  durableWrite({ type: 'edit-preset', id, data, base });
