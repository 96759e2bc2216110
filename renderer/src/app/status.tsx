import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type StatusKind = 'info' | 'success' | 'error';
export interface StatusMessage {
  kind: StatusKind;
  text: string;
  /** Optional undo action shown beside the message. */
  action?: { label: string; run: () => void } | undefined;
}

export interface StatusApi {
  message: StatusMessage | null;
  show(msg: StatusMessage): void;
  clear(): void;
  /** Clears a message shown for another page (the status bar speaks of the page on screen). */
  leftPage(hash: string): void;
}

const StatusContext = createContext<StatusApi | null>(null);

export function StatusProvider({ children }: { children: ReactNode }): ReactNode {
  const [shown, setShown] = useState<{ m: StatusMessage; hash: string } | null>(null);
  // A message belongs to the address it was shown at (actions that navigate show theirs after).
  const show = useCallback((m: StatusMessage) => setShown({ m, hash: window.location.hash }), []);
  const clear = useCallback(() => setShown(null), []);
  const leftPage = useCallback((hash: string) => setShown((s) => (s && s.hash !== hash ? null : s)), []);
  const message = shown?.m ?? null;
  const api = useMemo(() => ({ message, show, clear, leftPage }), [message, show, clear, leftPage]);
  return <StatusContext.Provider value={api}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusApi {
  const ctx = useContext(StatusContext);
  if (!ctx) throw new Error('useStatus outside StatusProvider');
  return ctx;
}
