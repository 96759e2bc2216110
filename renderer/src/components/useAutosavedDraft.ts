/**
 * A stored record being edited (a cluster, a sizing spec): each change shows at once and is saved
 * a moment after the last one, and any change still waiting is saved when the editor goes away.
 */
import { useEffect, useRef, useState } from 'react';

const AUTOSAVE_MS = 300;

export function useAutosavedDraft<T>(initial: T, save: (value: T) => Promise<unknown>) {
  const [draft, setDraft] = useState<T>(initial);
  const [saveState, setSaveState] = useState<'saved' | 'pending'>('saved');
  const timer = useRef<number | null>(null);
  const pending = useRef<T | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(
    () => () => {
      if (timer.current) window.clearTimeout(timer.current);
      if (pending.current !== null) void saveRef.current(pending.current);
      pending.current = null;
    },
    [],
  );
  const change = (value: T): void => {
    setDraft(value);
    setSaveState('pending');
    pending.current = value;
    if (timer.current) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const p = pending.current;
      pending.current = null;
      if (p !== null) void saveRef.current(p).then(() => setSaveState('saved'));
    }, AUTOSAVE_MS);
  };
  return { draft, saveState, change };
}
