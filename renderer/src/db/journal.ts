/**
 * A synchronous crash journal for edits not yet in IndexedDB. Every edit is written to
 * localStorage at once (synchronous, so it survives a reload or a crash between the keystroke
 * and the debounced autosave); the journal entry is dropped once the database holds that edit.
 */
import { migratePlanObject } from '@shared/plan/migrations';
import type { Plan } from '@shared/plan/schema';

const key = (id: string): string => `cluster-planner.draft.${id}`;

export function journalWrite(plan: Plan): void {
  try {
    localStorage.setItem(key(plan.id), JSON.stringify({ at: Date.now(), plan }));
  } catch {
    // storage full or unavailable: the debounced autosave still runs
  }
}

export function journalClear(id: string, savedPlan: Plan): void {
  try {
    const raw = localStorage.getItem(key(id));
    if (raw && JSON.stringify((JSON.parse(raw) as { plan: unknown }).plan) === JSON.stringify(savedPlan))
      localStorage.removeItem(key(id));
  } catch {
    /* ignore */
  }
}

/** A journalled edit for this plan, validated like a plan file; null if none or unreadable. */
export function journalRead(id: string): Plan | null {
  try {
    const raw = localStorage.getItem(key(id));
    if (!raw) return null;
    return migratePlanObject((JSON.parse(raw) as { plan: unknown }).plan);
  } catch {
    localStorage.removeItem(key(id));
    return null;
  }
}
