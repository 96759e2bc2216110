// "Import measured kernels": a folder of NVIDIA AIConfigurator's kernel database (a newer release
// than the bundled one, or one a user collected) converted in a worker, with progress and cancel,
// into kernel profiles stored beside the user's hardware; plans on those systems then use them.
import { useRef, type ReactNode } from 'react';
import type { KernelProfile } from '@shared/schema/kernels';
import { formatBytes } from '@shared/units';
import { stackLabel } from '@shared/kernels/kernel-set';
import { useStatus } from '../app/status';
import { pickedFiles, useAicImport, type AicImportState } from './useAicImport';

interface Props {
  /** Stores the profiles (replacing any with the same id); rejects with a message naming the problem. */
  onSave: (profiles: KernelProfile[]) => Promise<void>;
}

const sizeOf = (p: KernelProfile): string => formatBytes(JSON.stringify(p).length);

function Running({ s, onCancel }: { s: Extract<AicImportState, { phase: 'running' }>; onCancel: () => void }) {
  return (
    <div role="status" data-testid="aic-import-progress">
      <progress max={Math.max(s.total, 1)} value={s.done} aria-label="Import progress" />{' '}
      {s.total ? `${s.done} of ${s.total} profiles: ${s.label}` : s.label}{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function Done({ s, onSave }: { s: Extract<AicImportState, { phase: 'done' }>; onSave: () => void }) {
  const skipped: ReactNode = s.skipped.length ? (
    <details>
      <summary>{s.skipped.length} folders not converted</summary>
      <ul>
        {s.skipped.map((k) => (
          <li key={k}>{k}</li>
        ))}
      </ul>
    </details>
  ) : null;
  return (
    <div data-testid="aic-import-result">
      <p>
        {s.cancelled ? 'Cancelled: ' : ''}
        {s.profiles.length} kernel {s.profiles.length === 1 ? 'profile' : 'profiles'} converted.
      </p>
      <ul>
        {s.profiles.map((p) => (
          <li key={p.id}>
            {p.device} · {stackLabel(p.stack)} {p.version} ({sizeOf(p)})
          </li>
        ))}
      </ul>
      {skipped}
      {s.profiles.length > 0 && (
        <button type="button" onClick={onSave}>
          Use these profiles
        </button>
      )}
    </div>
  );
}

export function AicImport({ onSave }: Props) {
  const { state, start, cancel, reset } = useAicImport();
  const status = useStatus();
  const input = useRef<HTMLInputElement>(null);
  const save = (profiles: KernelProfile[]) =>
    void onSave(profiles).then(
      () => {
        status.show({
          kind: 'success',
          text: `Saved ${profiles.length} kernel profiles: plans on their systems use them`,
        });
        reset();
      },
      // The converted profiles stay on screen: a failed save loses nothing.
      (e: unknown) => status.show({ kind: 'error', text: `The profiles were not saved: ${(e as Error).message}` }),
    );
  return (
    <div className="card" data-testid="aic-import">
      <h3>Import measured kernels (AIConfigurator)</h3>
      <p className="muted">
        Pick a folder of NVIDIA AIConfigurator&apos;s kernel database (its checkout, <code>systems</code> or{' '}
        <code>systems/data</code>; Apache-2.0): each system, serving stack and version becomes a kernel profile, as{' '}
        <code>npm run import:aic</code> makes the bundled ones. Nothing leaves this computer.
      </p>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="AIConfigurator data folder"
        {...{ webkitdirectory: '', directory: '' }}
        onChange={(e) => {
          const list = e.target.files;
          if (!list?.length) return;
          const name = list[0]!.webkitRelativePath.split('/')[0] || 'picked folder';
          start(pickedFiles(list), name);
          e.target.value = '';
        }}
      />
      {state.phase === 'running' ? (
        <Running s={state} onCancel={cancel} />
      ) : (
        <button type="button" onClick={() => input.current?.click()}>
          Choose folder…
        </button>
      )}
      {state.phase === 'done' && <Done s={state} onSave={() => save(state.profiles)} />}
      {state.phase === 'error' && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
    </div>
  );
}
