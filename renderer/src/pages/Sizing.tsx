/**
 * "Size a deployment" (#/sizing/:id): a sizing spec (model, load, SLOs, constraints) and the
 * search for the cheapest deployment meeting it, run on every core. Specs autosave; changing an
 * SLO re-filters the stored results, changing anything else asks for a new search.
 * Also the printable sizing report (#/sizing-report/:id).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { sizingPresets } from '@presets/load';
import type { InferencePlan } from '@shared/schema/plan';
import { parseSizingSpec } from '@shared/schema/sizing';
import { navigate } from '../app/router';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { newId } from '../db/plans';
import {
  activeSizingSpecs,
  duplicateSizingSpec,
  importSizingSpec,
  restoreSizingSpec,
  saveSizingSpec,
  storedSizingSpec,
  trashSizingSpec,
  type StoredSizingSpec,
} from '../db/sizing';
import { SPEC_KIND } from '../db/record-store';
import { useDurableRecord } from '../db/useDurableRecord';
import { DamagedRecords } from '../components/DamagedRecords';
import { useUserCalibrations, useUserCatalog } from '../engine/client';
import { requestCatalog } from '../engine/evaluate';
import {
  checkDraft,
  fileNameOf,
  newSpecDraft,
  searchKey,
  sloKey,
  structureProblems,
  SIZING_FILE_FILTER,
} from '../sizing/draft';
import { FieldRegistryContext, withLabel, type FieldRegistry } from '../sizing/field-registry';
import { compareSelection, storePlan } from '../sizing/open';
import { SizingReportView } from '../sizing/SizingReport';
import { ProgressLine, SizingResults } from '../sizing/SizingResults';
import { SpecForm } from '../sizing/SpecForm';
import { useSizingSearch } from '../sizing/useSearch';
import type { PageProps } from './registry';
import { RecordActions, type RecordStore } from '../components/RecordActions';

const SPEC_STORE: RecordStore = { duplicate: duplicateSizingSpec, trash: trashSizingSpec, restore: restoreSizingSpec };

const REFILTER_MS = 250;

function useEngineInputs() {
  const user = useUserCatalog();
  const calibrations = useUserCalibrations();
  const catalog = useMemo(
    () => (user && calibrations ? requestCatalog(user, calibrations) : undefined),
    [user, calibrations],
  );
  return { user, calibrations, catalog };
}

type Paths = ReadonlyMap<string, string>;

const setEntry = (prev: Paths, key: string, value: string | null): Paths => {
  if ((prev.get(key) ?? null) === value) return prev;
  const next = new Map(prev);
  if (value === null) next.delete(key);
  else next.set(key, value);
  return next;
};

/**
 * Values the form refused (the spec keeps the last accepted one, so Search must wait for a fix)
 * and the fields' labels, to name fields in messages as the form does.
 */
function useFieldRegistry() {
  const [refused, setRefused] = useState<Paths>(new Map());
  const [labels, setLabels] = useState<Paths>(new Map());
  const registry = useMemo<FieldRegistry>(
    () => ({
      refuse: (path, message) => setRefused((p) => setEntry(p, path, message)),
      label: (path, label) => setLabels((p) => setEntry(p, path, label)),
    }),
    [],
  );
  return { refused, labels, registry };
}

function SizingWorkspace({ stored }: { stored: StoredSizingSpec }) {
  const platform = usePlatform();
  const status = useStatus();
  const { user, calibrations, catalog } = useEngineInputs();
  // Kept like a plan: journalled, retried, saved on leaving, other windows' versions kept (db/useDurableRecord.ts).
  const { draft, change, saveState, flush } = useDurableRecord(
    SPEC_KIND,
    { value: stored.spec, updatedAt: stored.updatedAt },
    '/sizing',
  );
  const search = useSizingSearch();
  const checked = useMemo(() => checkDraft(draft), [draft]);
  const fields = useFieldRegistry();
  const problems = [
    ...fields.refused.values(),
    ...[...checked.errors]
      .filter(([path]) => !fields.refused.has(path))
      .map(([path, m]) => withLabel(m, path, fields.labels.get(path))),
  ];
  const key = checked.spec ? searchKey(checked.spec) : null;
  const searchedKey = search.prepared?.key ?? null;
  // Results for another spec, or for other SLOs that could not be re-filtered (a cancelled search holds no curves).
  const stale =
    search.prepared !== null &&
    (key !== searchedKey ||
      (search.state.status === 'cancelled' &&
        !!checked.spec &&
        sloKey(checked.spec) !== sloKey(search.prepared.sc.spec)));

  const run = (): void => {
    if (!checked.spec || fields.refused.size > 0 || !catalog || !user || !calibrations) return;
    search.start(checked.spec, searchKey(checked.spec), catalog, user, calibrations);
  };
  // Search once when the spec opens (if it is valid), so an example shows its answer at once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !catalog || !checked.spec) return;
    started.current = true;
    run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalog]);
  // Only the SLOs changed since the search: re-filter the stored curves (no engine calls).
  const slo = checked.spec && !stale && search.prepared ? sloKey(checked.spec) : null;
  useEffect(() => {
    if (!slo || !checked.spec || !search.prepared) return;
    if (slo === sloKey(search.prepared.sc.spec)) return;
    const t = window.setTimeout(() => search.refilter(checked.spec!.slo), REFILTER_MS);
    return () => window.clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slo]);

  const openPlan = (plan: InferencePlan): void => {
    void storePlan(plan).then((id) => {
      navigate(`/plans/${encodeURIComponent(id)}`);
      status.show({ kind: 'success', text: `Opened “${plan.name}” as a plan` });
    });
  };
  const compare = (plans: InferencePlan[]): void => {
    void compareSelection(plans).then(() => navigate('/compare'));
  };
  const exportSpec = (): void => {
    if (!checked.spec || fields.refused.size > 0) {
      status.show({
        kind: 'error',
        text: `Fix the spec before saving it: ${problems.join('; ')}`,
      });
      return;
    }
    void platform.saveFile(fileNameOf(checked.spec), JSON.stringify(checked.spec, null, 2) + '\n', SIZING_FILE_FILTER);
  };
  if (!catalog || !user || !calibrations) return <p className="muted">Loading…</p>;
  const busy = search.state.status === 'running' || search.state.status === 'ranking';
  return (
    <div className="sizing-workspace">
      <div className="toolbar" data-save-state={saveState}>
        <button
          type="button"
          data-testid="run-search"
          disabled={problems.length > 0 || busy}
          title={
            problems.length > 0 ? `Fix first: ${problems.join('; ')}` : 'Search the design space (Enter in a field)'
          }
          onClick={run}
        >
          {search.prepared ? 'Search again' : 'Search'}
        </button>
        <button type="button" className="secondary" onClick={exportSpec}>
          Save .clustersearch.json
        </button>
        <RecordActions
          id={draft.id}
          name={draft.name}
          page="/sizing"
          reportPage="/sizing-report"
          store={SPEC_STORE}
          saveState={saveState}
          onBeforeAction={flush}
        />
      </div>
      <div className="sizing-split">
        <div
          onKeyDown={(e) => {
            // Enter in a one-line field searches, as a form's submit would.
            if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement) || busy) return;
            if (e.target.type === 'checkbox') return;
            e.preventDefault();
            run();
          }}
        >
          {problems.length > 0 && (
            <div className="error-list" role="alert" data-testid="spec-errors">
              <strong>The spec cannot be searched yet:</strong>
              <ul>
                {problems.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          <FieldRegistryContext.Provider value={fields.registry}>
            <SpecForm draft={draft} errors={checked.errors} catalog={catalog} onChange={change} />
          </FieldRegistryContext.Provider>
        </div>
        <div className="sizing-out">
          {search.error && (
            <p className="error" role="alert" data-testid="search-error">
              {search.error}
            </p>
          )}
          <ProgressLine state={search.state} onCancel={search.cancel} stale={stale} />
          {stale && (
            <p className="warn-note" data-testid="stale-note">
              The spec changed since these results: press “Search again” for results that match it.
            </p>
          )}
          {search.prepared && (
            <div className={stale ? 'stale' : ''}>
              <SizingResults
                state={search.state}
                prepared={search.prepared}
                interactive
                user={user}
                calibrations={calibrations}
                onOpenPlan={openPlan}
                onCompare={compare}
              />
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/** A stored spec the form cannot show (a damaged record): say what is wrong; offer a fresh spec under its name. */
function DamagedSpec({ stored, problems }: { stored: StoredSizingSpec; problems: string[] }) {
  const status = useStatus();
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
        <button
          type="button"
          onClick={() =>
            void saveSizingSpec({ ...newSpecDraft(stored.id), name: stored.spec.name }).then(() =>
              status.show({ kind: 'info', text: `Replaced the damaged “${stored.spec.name}” with a new spec` }),
            )
          }
        >
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

function Welcome({ onExample }: { onExample: (id: string) => void }) {
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

export function SizingPage({ route }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  const specId = route.page === 'sizing' ? route.specId : undefined;
  const data = useLiveQuery(activeSizingSpecs, []);
  const list = data?.specs ?? [];
  const current = list.find((s) => s.id === specId);
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
  return (
    <section className="page sizing-page">
      <h1>Size a deployment</h1>
      <div className="toolbar">
        <label className="spec-picker">
          Spec{' '}
          <select
            aria-label="Sizing spec"
            data-testid="spec-picker"
            value={current?.id ?? ''}
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
        <button type="button" onClick={create}>
          New spec
        </button>
        <select
          aria-label="Load an example"
          data-testid="example-picker"
          value=""
          onChange={(e) => e.target.value && fromExample(e.target.value)}
        >
          <option value="">Load an example…</option>
          {sizingPresets().map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" onClick={() => void open()}>
          Open .clustersearch.json
        </button>
      </div>
      <DamagedRecords records={data?.damaged ?? []} noun="sizing spec" />
      {current ? (
        structureProblems(current.spec).length ? (
          <DamagedSpec stored={current} problems={structureProblems(current.spec)} />
        ) : (
          <SizingWorkspace key={`${current.id}@${current.createdAt}`} stored={current} />
        )
      ) : (
        data && <Welcome onExample={fromExample} />
      )}
    </section>
  );
}

/** #/sizing-report/:id — the printable sizing report; Export PDF as for plan reports. */
export function SizingReportPage({ route, commands }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  const id = route.page === 'sizing-report' ? route.specId : '';
  const checked = useLiveQuery(async () => (await storedSizingSpec(id)) ?? null, [id]);
  const stored = checked === undefined ? undefined : checked?.ok ? checked.stored : null;
  const exportPdf = async (): Promise<void> => {
    if (!stored) return;
    const r = await platform.exportPdf(fileNameOf(stored.spec).replace(/\.clustersearch\.json$/, '.pdf'));
    if (r.ok)
      status.show({
        kind: 'success',
        text: platform.kind === 'web' ? 'Opened the print dialog: choose “Save as PDF”.' : `Saved ${r.path}`,
      });
    else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not export the PDF' });
  };
  useEffect(() => commands.register('export-pdf', exportPdf));
  const { user, calibrations, catalog } = useEngineInputs();
  if (stored === undefined || !catalog || !user || !calibrations) return <p className="muted">Loading…</p>;
  if (!stored) return <p>No sizing spec “{id}”.</p>;
  return (
    <>
      <div className="toolbar no-print">
        <a href={`#/sizing/${encodeURIComponent(stored.id)}`}>← Back to the spec</a>
        <button type="button" onClick={() => void exportPdf()}>
          Export PDF
        </button>
      </div>
      <SizingReportView draft={stored.spec} catalog={catalog} user={user} calibrations={calibrations} />
    </>
  );
}
