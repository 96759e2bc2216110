/**
 * The editor side of a cluster or sizing spec, kept like a plan (the Plans page wires the same
 * Autosave by hand): every edit goes to the crash journal at once and to IndexedDB shortly after;
 * a failed write says so ("Not saved"), stays in the journal and is retried; pending edits are
 * saved when the window hides, loses focus or closes; opening the record recovers journalled edits
 * (a reload, a crash, a write that never succeeded); a save over another window's change keeps
 * both (the other as a copy); and another window's save is shown here when nothing is pending.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { navigate } from '../app/router';
import { useStatus } from '../app/status';
import { Autosave, type AutosaveEvents, type SaveState } from './autosave';
import { sameEdit } from './journal';
import { readRecord, saveRecord, type RecordKind } from './record-store';

type Named = { id: string; name: string };

const time = (ms: number | string): string => new Date(ms).toLocaleTimeString();

/** Saves pending edits when the window hides, loses focus or is closed (and when the page unmounts). */
export function useFlushOnLeave(flush: () => void): void {
  useEffect(() => {
    const onHide = (): void => flush();
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('beforeunload', onHide);
    window.addEventListener('pagehide', onHide);
    window.addEventListener('blur', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', onHide);
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('blur', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [flush]);
}

/** The status-bar messages for one kind's autosave events. */
function useAutosaveEvents<T extends Named>(
  kind: RecordKind<T>,
  page: string,
  setState: (s: SaveState) => void,
  retry: () => void,
): AutosaveEvents<T> {
  const status = useStatus();
  const statusRef = useRef(status);
  statusRef.current = status;
  return useMemo<AutosaveEvents<T>>(() => {
    const open = (id: string | undefined) =>
      id ? { label: 'Open it', run: () => navigate(`${page}/${id}`) } : undefined;
    return {
      state(state, detail) {
        setState(state);
        if (state === 'failed')
          statusRef.current.show({
            kind: 'error',
            text: `Not saved: ${detail}. Your edit is kept in this browser's crash journal and saved as soon as the database accepts it; retrying.`,
            action: { label: 'Retry now', run: retry },
          });
        else if (state === 'saved' && detail) statusRef.current.show({ kind: 'success', text: `Saved (${detail}).` });
      },
      conflict({ plan, theirsSavedAt, copyId }) {
        statusRef.current.show({
          kind: 'info',
          text: `“${plan.name}” was also changed in another window (saved ${time(theirsSavedAt)}). Both versions are kept: yours is current, the other is the ${kind.noun} “… (other window)”.`,
          action: open(copyId),
        });
      },
      recovered({ plan, at, asCurrent, fromOtherWindow, copyId }) {
        const where = fromOtherWindow ? 'another window' : 'this window';
        statusRef.current.show(
          asCurrent
            ? { kind: 'info', text: `Recovered an unsaved edit of “${plan.name}” from ${where} (${time(at)}).` }
            : {
                kind: 'info',
                text: `An unsaved edit of “${plan.name}” from ${where} (${time(at)}) predates a newer version: it is kept as the ${kind.noun} “… (recovered)”.`,
                action: open(copyId),
              },
        );
      },
      journalFailed() {
        statusRef.current.show({
          kind: 'error',
          text: 'Could not write the crash journal (browser storage is full or off): an edit can be lost if this window closes before it is saved.',
        });
      },
    };
  }, [kind, page, setState, retry]);
}

/** The draft of one stored record, its save state and the function that edits it (see the module comment). */
export function useDurableRecord<T extends Named>(
  kind: RecordKind<T>,
  stored: { value: T; updatedAt: string },
  page: string,
): { draft: T; change: (v: T) => void; saveState: SaveState; flush: () => Promise<void> } {
  const [draft, setDraft] = useState<T>(stored.value);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const ref = useRef<Autosave<T> | null>(null);
  const retry = useCallback(() => void ref.current?.flush(), []);
  const events = useAutosaveEvents(kind, page, setSaveState, retry);
  const autosave = useMemo(
    () => new Autosave<T>(events, { delayMs: 300, journal: kind.journal, save: (v, o) => saveRecord(kind, v, o) }),
    [events, kind],
  );
  ref.current = autosave;
  const flush = useCallback(() => autosave.flush(), [autosave]);
  const flushNow = useCallback(() => void autosave.flush(), [autosave]);
  const id = stored.value.id;
  // Opening the record: journalled edits (a reload, a crash, a write that never succeeded) come back.
  const first = useRef(stored);
  useEffect(() => {
    let live = true;
    void autosave.recover({ plan: first.current.value, updatedAt: first.current.updatedAt }).then((v) => {
      if (live) setDraft(v);
    });
    return () => {
      live = false;
    };
  }, [autosave]);
  useFlushOnLeave(flushNow);
  // Another window saved this record: show its version unless an edit here is on its way.
  const current = useLiveQuery(() => readRecord(kind, id), [kind, id]);
  useEffect(() => {
    if (!current?.ok) return;
    const base = autosave.base(id);
    const s = current.stored;
    if (base === undefined || (base !== null && s.updatedAt <= base) || autosave.hasPending(id)) return;
    autosave.setBase(id, s.updatedAt);
    setDraft((d) => (sameEdit(current.value, d) ? d : current.value));
  }, [current, autosave, id]);
  const change = useCallback(
    (v: T) => {
      setDraft(v);
      autosave.edit(v);
    },
    [autosave],
  );
  return { draft, change, saveState, flush };
}
