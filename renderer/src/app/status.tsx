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
}

const StatusContext = createContext<StatusApi | null>(null);

export function StatusProvider({ children }: { children: ReactNode }): ReactNode {
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const show = useCallback((m: StatusMessage) => setMessage(m), []);
  const clear = useCallback(() => setMessage(null), []);
  const api = useMemo(() => ({ message, show, clear }), [message, show, clear]);
  return <StatusContext.Provider value={api}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusApi {
  const ctx = useContext(StatusContext);
  if (!ctx) throw new Error('useStatus outside StatusProvider');
  return ctx;
}
