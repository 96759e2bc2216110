/**
 * The plan being edited, as a document: loaded from the database by id (journalled edits recovered
 * after a reload or crash), saved as the user types (Autosave: nothing typed is lost), kept in step
 * with other windows that save the same plan, and flushed when the window hides, loses focus or goes away.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Plan } from '@shared/schema/plan';
import { navigate } from '../app/router';
import { useStatus, type StatusApi } from '../app/status';
import { Autosave, type AutosaveEvents, type SaveState } from '../db/autosave';
import { sameEdit } from '../db/journal';
import { duplicatePlan } from '../db/plans';
import { readPlanRecord, type DamagedRecord } from '../db/records';
import { useFlushOnLeave } from '../db/useDurableRecord';

export const timeOf = (ms: number | string): string => new Date(ms).toLocaleTimeString();

export interface PlanDocument {
  draft: Plan | null;
  /** The stored record of the plan in the address is damaged (it cannot be opened). */
  damaged: DamagedRecord | null;
  saveState: SaveState;
  /** An edit: shown at once, saved in the background. */
  edit: (next: Plan) => void;
  /** Saves pending edits now. */
  flush: () => void;
}

/** What the autosave tells the user: failed writes, conflicts with other windows, recovered edits. */
function autosaveEvents(
  status: { current: StatusApi },
  setSaveState: (s: SaveState) => void,
  retry: () => void,
): AutosaveEvents {
  const openCopy = (plan: Plan, copy: Plan, suffix: string) => () =>
    void duplicatePlan(plan.id, copy, suffix).then((id) => id && navigate(`/plans/${id}`));
  return {
    state(state, detail) {
      setSaveState(state);
      if (state === 'failed')
        status.current.show({
          kind: 'error',
          text: `Not saved: ${detail}. Your edit is kept in this browser's crash journal and saved as soon as the database accepts it; retrying.`,
          action: { label: 'Retry now', run: retry },
        });
      else if (state === 'saved' && detail) status.current.show({ kind: 'success', text: `Saved (${detail}).` });
    },
    conflict({ plan, theirs, theirsSavedAt }) {
      status.current.show({
        kind: 'info',
        text: `“${plan.name}” was also changed in another window (saved ${timeOf(theirsSavedAt)}). Both versions are kept: yours is current, the other is in History.`,
        action: { label: 'Open the other as a copy', run: openCopy(plan, theirs, '(other window)') },
      });
    },
    recovered({ plan, at, asCurrent, fromOtherWindow }) {
      const where = fromOtherWindow ? 'another window' : 'this window';
      status.current.show(
        asCurrent
          ? { kind: 'info', text: `Recovered an unsaved edit of “${plan.name}” from ${where} (${timeOf(at)}).` }
          : {
              kind: 'info',
              text: `An unsaved edit of “${plan.name}” from ${where} (${timeOf(at)}) predates a newer version: it is kept in History.`,
              action: { label: 'Open it as a copy', run: openCopy(plan, plan, '(recovered)') },
            },
      );
    },
    journalFailed() {
      status.current.show({
        kind: 'error',
        text: 'Could not write the crash journal (browser storage is full or off): an edit can be lost if this window closes before it is saved.',
      });
    },
  };
}

/** Loads the plan named in the address, recovering journalled edits (reload, crash, failed writes). */
function useLoadPlan(
  planId: string | undefined,
  autosave: Autosave,
  flush: () => void,
  setDraft: (p: Plan | null) => void,
  setDamaged: (d: DamagedRecord | null) => void,
): void {
  useEffect(() => {
    flush();
    setDamaged(null);
    if (!planId || planId === 'new') {
      setDraft(null);
      return;
    }
    let live = true;
    void readPlanRecord(planId).then(async (c) => {
      if (!live) return;
      if (!c || (c.ok && c.stored.trashedAt)) return setDraft(null);
      if (!c.ok) {
        setDraft(null);
        return setDamaged(c.damaged);
      }
      const plan = await autosave.recover(c.stored);
      if (live) setDraft(plan);
    });
    return () => {
      live = false;
    };
  }, [planId, flush, autosave, setDraft, setDamaged]);
}

/**
 * Another window saved this plan: show its version unless an edit here is on its way (that save
 * detects the conflict and keeps both). Our own saves carry the base autosave knows.
 */
function useOtherWindows(
  planId: string | undefined,
  draft: Plan | null,
  autosave: Autosave,
  setDraft: (p: Plan) => void,
  status: { current: StatusApi },
): void {
  const current = useLiveQuery(async () => (planId && planId !== 'new' ? readPlanRecord(planId) : undefined), [planId]);
  useEffect(() => {
    if (!current?.ok || !draft || current.stored.id !== draft.id || current.stored.trashedAt) return;
    const s = current.stored;
    const base = autosave.base(s.id);
    // Saves stamp strictly increasing times (plans.ts), so an older result is a stale query: skip it.
    if (base === undefined || (base !== null && s.updatedAt <= base) || autosave.hasPending(s.id)) return;
    autosave.setBase(s.id, s.updatedAt);
    if (sameEdit(s.plan, draft)) return;
    setDraft(s.plan);
    status.current.show({
      kind: 'info',
      text: `“${s.plan.name}” was changed in another window (${timeOf(s.updatedAt)}): showing that version. The one shown before is in History.`,
    });
  }, [current, draft, autosave, setDraft, status]);
}

export function usePlanDocument(planId: string | undefined): PlanDocument {
  const status = useStatus();
  const [draft, setDraft] = useState<Plan | null>(null);
  const [damaged, setDamaged] = useState<DamagedRecord | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  // The status API object changes with every message: keep it in a ref so the autosave's events
  // (and the effects that depend on them) stay stable and never reload the plan mid-edit.
  const statusRef = useRef(status);
  statusRef.current = status;
  const autosave = useMemo(() => {
    const a: Autosave = new Autosave(autosaveEvents(statusRef, setSaveState, () => void a.flush()));
    return a;
  }, []);
  const flush = useCallback(() => void autosave.flush(), [autosave]);
  useLoadPlan(planId, autosave, flush, setDraft, setDamaged);
  useOtherWindows(planId, draft, autosave, setDraft, statusRef);
  // Pending edits are saved when the window hides, loses focus or goes away (as clusters and specs).
  useFlushOnLeave(flush);
  const edit = useCallback(
    (next: Plan) => {
      setDraft(next);
      autosave.edit(next);
    },
    [autosave],
  );
  return { draft, damaged, saveState, edit, flush };
}
