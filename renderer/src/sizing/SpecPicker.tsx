/** The sizing page's top: pick a stored spec, start one, load an example or open a file; and what shows without a spec. */
import { sizingPresets } from '@presets/load';
import { parseSizingSpec } from '@shared/schema/sizing';
import { navigate } from '../app/router';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { newId } from '../db/plans';
import { importSizingSpec, saveSizingSpec, trashSizingSpec, type StoredSizingSpec } from '../db/sizing';
import { checkDraft, newSpecDraft, searchKey, sloKey, SIZING_FILE_FILTER } from './draft';

/** New spec, example, open file: each stores a spec and opens it. */
export function useSpecActions(list: readonly StoredSizingSpec[]) {
  const platform = usePlatform();
  const status = useStatus();
  const create = (): void => {
    const d = newSpecDraft(newId('sizing'));
    void saveSizingSpec(d).then(() => navigate(`/sizing/${d.id}`));
  };
  const fromExample = (id: string): void => {
    const ex = sizingPresets().find((s) => s.id === id);
    if (!ex) return;
    // An untouched copy of this example is already here: open it rather than add another "(copy)".
    const same = (x: StoredSizingSpec): boolean => {
      const c = checkDraft(x.spec).spec;
      return !!c && c.name === ex.name && searchKey(c) === searchKey(ex) && sloKey(c) === sloKey(ex);
    };
    const untouched = list.find(same);
    if (untouched) return navigate(`/sizing/${untouched.id}`);
    void importSizingSpec({ ...structuredClone(ex), createdAt: new Date().toISOString() }, ' (copy)').then((s) =>
      navigate(`/sizing/${s.id}`),
    );
  };
  const open = async (): Promise<void> => {
    const f = await platform.openFile(SIZING_FILE_FILTER);
    if (!f.ok) {
      if (f.reason === 'error') status.show({ kind: 'error', text: f.message ?? 'Could not open the file' });
      return;
    }
    try {
      const s = await importSizingSpec(parseSizingSpec(f.contents, f.name));
      navigate(`/sizing/${s.id}`);
      status.show({ kind: 'success', text: `Opened ${f.name} as “${s.name}”` });
    } catch (e) {
      status.show({ kind: 'error', text: `${(e as Error).message}. Nothing was changed.` });
    }
  };
  return { create, fromExample, open };
}

export function SpecToolbar({
  list,
  currentId,
  actions,
}: {
  list: readonly StoredSizingSpec[];
  currentId: string | undefined;
  actions: ReturnType<typeof useSpecActions>;
}) {
  return (
    <div className="toolbar">
      <label className="spec-picker">
        Spec{' '}
        <select
          aria-label="Sizing spec"
          data-testid="spec-picker"
          value={currentId ?? ''}
          onChange={(e) => navigate(e.target.value ? `/sizing/${e.target.value}` : '/sizing')}
        >
          <option value="">{list.length ? 'Choose a spec…' : 'No specs yet'}</option>
          {list.map((s) => (
            <option key={s.id} value={s.id}>
              {s.spec.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={actions.create}>
        New spec
      </button>
      <select
        aria-label="Load an example"
        data-testid="example-picker"
        value=""
        onChange={(e) => e.target.value && actions.fromExample(e.target.value)}
      >
        <option value="">Load an example…</option>
        {sizingPresets().map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <button type="button" className="secondary" onClick={() => void actions.open()}>
        Open .clustersearch.json
      </button>
    </div>
  );
}

/** A stored spec the form cannot show (a damaged record): say what is wrong; offer a fresh spec under its name. */
export function DamagedSpec({ stored, problems }: { stored: StoredSizingSpec; problems: string[] }) {
  const status = useStatus();
  const replace = (): void =>
    void saveSizingSpec({ ...newSpecDraft(stored.id), name: stored.spec.name }).then(() =>
      status.show({ kind: 'info', text: `Replaced the damaged “${stored.spec.name}” with a new spec` }),
    );
  return (
    <div className="error-boundary" role="alert" data-testid="damaged-spec">
      <h2>This stored spec cannot be opened</h2>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p className="muted">Nothing was changed. Start a new spec under the same name, or delete this one.</p>
      <div className="toolbar">
        <button type="button" onClick={replace}>
          New spec under this name
        </button>
        <button
          type="button"
          className="link danger"
          onClick={() => void trashSizingSpec(stored.id).then(() => navigate('/sizing'))}
        >
          Delete
        </button>
      </div>
    </div>
  );
}

export function Welcome({ onExample }: { onExample: (id: string) => void }) {
  return (
    <div className="sizing-welcome" data-testid="sizing-welcome">
      <p>
        Tell the planner what you must serve — a model, the load, prompt and output lengths — and the latency you
        promise (TTFT, TPOT). It searches systems, device counts, parallelism, precision, batch, prefill/decode
        disaggregation and speculative decoding on every core of this machine, and returns the cheapest deployment that
        meets every objective, the Pareto frontiers, and why the rest failed.
      </p>
      <h2>Start from an example</h2>
      <ul className="examples">
        {sizingPresets().map((s) => (
          <li key={s.id}>
            <button type="button" className="link" onClick={() => onExample(s.id)}>
              {s.name}
            </button>
            {s.notes && <div className="muted">{s.notes}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}
