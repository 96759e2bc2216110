/**
 * A synchronous crash journal for edits not yet in IndexedDB. Every edit is written to
 * localStorage at once (synchronous, so it survives a reload, a crash, or a database that refuses
 * writes), keyed by plan and by window, with the stored version the edit started from (`base`).
 * An entry is removed only once the database holds that edit. On load, `journalEntries` returns
 * every entry for the plan — this window's and those of windows that closed or crashed — and the
 * caller recovers each one (see autosave.ts: an entry whose base is still the stored version
 * becomes current; one whose base is stale is kept as a revision beside the newer version).
 */
import { migratePlanObject } from '@shared/schema/migrations';
import type { Plan } from '@shared/schema/plan';

const PREFIX = 'cluster-planner.draft.';
const WINDOW_KEY = 'cluster-planner.window-id';

export interface JournalEntry {
  key: string;
  planId: string;
  /** The window that wrote it (sessionStorage id: stable across reloads of one tab). */
  window: string;
  /** When it was written (ms since the epoch). */
  at: number;
  /** updatedAt of the stored record the edit started from; null when unknown (older journal). */
  base: string | null;
  plan: Plan;
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

const keyFor = (planId: string, window = currentWindowId()): string => `${PREFIX}${planId}.${window}`;

/** Writes this window's entry for the plan; false when localStorage refused (full or unavailable). */
export function journalWrite(plan: Plan, base: string | null): boolean {
  try {
    localStorage.setItem(keyFor(plan.id), JSON.stringify({ at: Date.now(), base, plan }));
    return true;
  } catch {
    return false;
  }
}

/** Removes this window's entry once the database holds `savedPlan` (a newer edit stays). */
export function journalClear(id: string, savedPlan: Plan): void {
  try {
    const key = keyFor(id);
    const raw = localStorage.getItem(key);
    if (raw && sameEdit((JSON.parse(raw) as { plan: unknown }).plan, savedPlan)) localStorage.removeItem(key);
  } catch {
    /* ignore */
  }
}

export function journalRemove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* ignore */
  }
}

/** Every readable entry for the plan, oldest first. Unreadable entries are kept aside, not deleted. */
export function journalEntries(planId: string): JournalEntry[] {
  const out: JournalEntry[] = [];
  let keys: string[];
  try {
    keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '');
  } catch {
    return [];
  }
  for (const key of keys) {
    if (!key.startsWith(PREFIX)) continue;
    const rest = key.slice(PREFIX.length);
    // Keys are "<planId>.<window>"; entries from before windows were tracked are "<planId>".
    const legacy = rest === planId;
    if (!legacy && !rest.startsWith(`${planId}.`)) continue;
    const window = legacy ? '' : rest.slice(planId.length + 1);
    if (window.includes('.')) continue;
    try {
      const o = JSON.parse(localStorage.getItem(key) ?? 'null') as { at?: unknown; base?: unknown; plan?: unknown };
      const plan = migratePlanObject(o.plan);
      if (plan.id !== planId) continue;
      out.push({
        key,
        planId,
        window,
        at: typeof o.at === 'number' ? o.at : 0,
        base: typeof o.base === 'string' ? o.base : null,
        plan,
      });
    } catch {
      // An entry this version cannot read: leave it for a newer version (or export) rather than lose it.
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

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
