// The state of an AIConfigurator folder import: idle, running (with progress and cancel), done
// (profiles and what was skipped) or failed (one message). The worker lives as long as the import.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KernelProfile } from '@shared/schema/kernels';
import type { PickedFile } from './aic-files';
import type { AicImportMessage, AicImportRequest } from './protocol';

export type AicImportState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number; label: string }
  | { phase: 'done'; profiles: KernelProfile[]; skipped: string[]; cancelled: boolean }
  | { phase: 'error'; message: string };

/** The picked files of an <input webkitdirectory>, each with its path from the picked folder. */
export const pickedFiles = (list: FileList): PickedFile[] =>
  [...list].map((f) => ({ path: f.webkitRelativePath || f.name, file: f }));

export function useAicImport() {
  const [state, setState] = useState<AicImportState>({ phase: 'idle' });
  const worker = useRef<Worker | null>(null);
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(
    (files: PickedFile[], folderName: string) => {
      stop();
      const w = new Worker(new URL('./aic-import.worker.ts', import.meta.url), { type: 'module' });
      worker.current = w;
      setState({ phase: 'running', done: 0, total: 0, label: 'reading the folder' });
      w.onmessage = (e: MessageEvent<AicImportMessage>) => {
        const m = e.data;
        if (m.type === 'progress') return setState({ phase: 'running', done: m.done, total: m.total, label: m.label });
        setState(m.type === 'done' ? { phase: 'done', ...m } : { phase: 'error', message: m.message });
        stop();
      };
      w.onerror = (e) => {
        setState({ phase: 'error', message: e.message || 'the import stopped unexpectedly' });
        stop();
      };
      const req: AicImportRequest = {
        type: 'start',
        files,
        origin: `folder "${folderName}" imported ${new Date().toISOString().slice(0, 10)}`,
      };
      w.postMessage(req);
    },
    [stop],
  );
  const cancel = useCallback(() => worker.current?.postMessage({ type: 'cancel' } satisfies AicImportRequest), []);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, cancel, reset };
}
