/**
 * A synchronous crash journal for edits not yet in IndexedDB, for every record the app autosaves
 * (plans, clusters, sizing specs). Every edit is written to localStorage at once (synchronous, so
 * it survives a reload, a crash, or a database that refuses writes), keyed by record and by
 * window, with the stored version the edit started from (`base`). An entry is removed only once
 * the database holds that edit. On load, `entries` returns every entry for the record — this
 * window's and those of windows that closed or crashed — and the caller recovers each one (see
 * autosave.ts: an entry whose base is still the stored version becomes current; one whose base is
 * stale is kept beside the newer version: a plan revision, or a copy of a cluster or spec).
 */
import { migratePlanObject } from '@shared/schema/migrations';
import type { Plan } from '@shared/schema/plan';

const WINDOW_KEY = 'cluster-planner.window-id';

export interface JournalEntry<T = Plan> {
  key: string;
  /** The record's id. */
  planId: string;
  /** The window that wrote it (sessionStorage id: stable across reloads of one tab). */
  window: string;
  /** When it was written (ms since the epoch). */
  at: number;
  /** updatedAt of the stored record the edit started from; null when unknown (older journal). */
  base: string | null;
  plan: T;
}

let windowId: string | null = null;

/** This window's id: kept in sessionStorage, so a reload of the same tab finds its own entries. */
export function currentWindowId(): string {
  if (windowId) return windowId;
  try {
    windowId = sessionStorage.getItem(WINDOW_KEY);
    if (!windowId) {
      windowId = `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      sessionStorage.setItem(WINDOW_KEY, windowId);
    }
  } catch {
    windowId ??= `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  }
  return windowId;
}

/** The journal of one kind of record: its localStorage prefix and how an entry's value is read back. */
export class Journal<T extends { id: string }> {
  constructor(
    /** Keys are `${prefix}<id>.<window>` (plans: also `${prefix}<id>` from before windows were tracked). */
    readonly prefix: string,
    /** The value of an entry, or a throw when this version cannot read it. */
    private readonly read: (raw: unknown) => T,
  ) {}

  private keyFor(id: string, window = currentWindowId()): string {
    return `${this.prefix}${id}.${window}`;
  }

  /** Writes this window's entry for the record; false when localStorage refused (full or unavailable). */
  write(value: T, base: string | null): boolean {
    try {
      localStorage.setItem(this.keyFor(value.id), JSON.stringify({ at: Date.now(), base, plan: value }));
      return true;
    } catch {
      return false;
    }
  }

  /** Removes this window's entry once the database holds `saved` (a newer edit stays). */
  clear(id: string, saved: T): void {
    try {
      const key = this.keyFor(id);
      const raw = localStorage.getItem(key);
      if (raw && sameEdit((JSON.parse(raw) as { plan: unknown }).plan, saved)) localStorage.removeItem(key);
    } catch {
      /* ignore */
    }
  }

  /** Every readable entry for the record, oldest first. Unreadable entries are kept aside, not deleted. */
  entries(id: string): Array<JournalEntry<T>> {
    const out: Array<JournalEntry<T>> = [];
    for (const key of storageKeys()) {
      if (!key.startsWith(this.prefix)) continue;
      const rest = key.slice(this.prefix.length);
      // Keys are "<id>.<window>"; plan entries from before windows were tracked are "<id>".
      const legacy = rest === id;
      if (!legacy && !rest.startsWith(`${id}.`)) continue;
      const window = legacy ? '' : rest.slice(id.length + 1);
      if (window.includes('.')) continue;
      const entry = this.entryAt(key, id, window);
      if (entry) out.push(entry);
    }
    return out.sort((a, b) => a.at - b.at);
  }

  private entryAt(key: string, id: string, window: string): JournalEntry<T> | null {
    try {
      const o = JSON.parse(localStorage.getItem(key) ?? 'null') as { at?: unknown; base?: unknown; plan?: unknown };
      const value = this.read(o.plan);
      if (value.id !== id) return null;
      const at = typeof o.at === 'number' ? o.at : 0;
      return { key, planId: id, window, at, base: typeof o.base === 'string' ? o.base : null, plan: value };
    } catch {
      // An entry this version cannot read: leave it for a newer version (or export) rather than lose it.
      return null;
    }
  }
}

function storageKeys(): string[] {
  try {
    return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '');
  } catch {
    return [];
  }
}

export function journalRemove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* ignore */
  }
}

/** The plans' journal (keys `cluster-planner.draft.<plan id>.<window>`, as since plans were journalled). */
export const planJournal = new Journal<Plan>('cluster-planner.draft.', migratePlanObject);

/** Writes this window's entry for the plan; false when localStorage refused (full or unavailable). */
export const journalWrite = (plan: Plan, base: string | null): boolean => planJournal.write(plan, base);
/** Removes this window's entry once the database holds `savedPlan` (a newer edit stays). */
export const journalClear = (id: string, savedPlan: Plan): void => planJournal.clear(id, savedPlan);
/** Every readable entry for the plan, oldest first. */
export const journalEntries = (planId: string): JournalEntry[] => planJournal.entries(planId);

/** Two plans hold the same edit: equal apart from the updatedAt stamp the database adds (key order ignored). */
export function sameEdit(a: unknown, b: unknown): boolean {
  const strip = (p: unknown): unknown => {
    if (!p || typeof p !== 'object' || Array.isArray(p)) return p;
    const { updatedAt: _u, ...rest } = p as Record<string, unknown>;
    return rest;
  };
  return canonical(strip(a)) === canonical(strip(b));
}

function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object')
    return `{${Object.keys(x)
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}
