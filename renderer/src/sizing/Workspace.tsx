/** An open sizing spec: its toolbar, the form beside the search's progress and results. */
import { RecordActions, type RecordStore } from '../components/RecordActions';
import { duplicateSizingSpec, restoreSizingSpec, trashSizingSpec, type StoredSizingSpec } from '../db/sizing';
import { FieldRegistryContext } from './field-registry';
import { ProgressLine, SizingResults } from './SizingResults';
import { SpecForm } from './SpecForm';
import { useSizingWorkspace, type Workspace } from './useSizingWorkspace';

const SPEC_STORE: RecordStore = { duplicate: duplicateSizingSpec, trash: trashSizingSpec, restore: restoreSizingSpec };

function WorkspaceToolbar({ w }: { w: Workspace }) {
  const { problems, busy, search, doc } = w;
  return (
    <div className="toolbar" data-save-state={doc.saveState}>
      <button
        type="button"
        data-testid="run-search"
        disabled={problems.length > 0 || busy}
        title={problems.length > 0 ? `Fix first: ${problems.join('; ')}` : 'Search the design space (Enter in a field)'}
        onClick={w.run}
      >
        {search.prepared ? 'Search again' : 'Search'}
      </button>
      <button type="button" className="secondary" onClick={w.exportSpec}>
        Save .clustersearch.json
      </button>
      <RecordActions
        id={doc.draft.id}
        name={doc.draft.name}
        page="/sizing"
        reportPage="/sizing-report"
        store={SPEC_STORE}
        saveState={doc.saveState}
        onBeforeAction={doc.flush}
      />
    </div>
  );
}

function SpecSide({ w }: { w: Workspace }) {
  return (
    <div
      onKeyDown={(e) => {
        // Enter in a one-line field searches, as a form's submit would.
        if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement) || w.busy) return;
        if (e.target.type === 'checkbox') return;
        e.preventDefault();
        w.run();
      }}
    >
      {w.problems.length > 0 && (
        <div className="error-list" role="alert" data-testid="spec-errors">
          <strong>The spec cannot be searched yet:</strong>
          <ul>
            {w.problems.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <FieldRegistryContext.Provider value={w.fields.registry}>
        <SpecForm draft={w.doc.draft} errors={w.checked.errors} catalog={w.catalog!} onChange={w.doc.change} />
      </FieldRegistryContext.Provider>
    </div>
  );
}

function ResultsSide({ w }: { w: Workspace }) {
  const { search, stale } = w;
  return (
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
            user={w.user!}
            calibrations={w.calibrations!}
            onOpenPlan={w.openPlan}
            onCompare={w.compare}
          />
        </div>
      )}
    </div>
  );
}

export function SizingWorkspace({ stored }: { stored: StoredSizingSpec }) {
  const w = useSizingWorkspace(stored);
  if (!w.catalog || !w.user || !w.calibrations) return <p className="muted">Loading…</p>;
  return (
    <div className="sizing-workspace">
      <WorkspaceToolbar w={w} />
      <div className="sizing-split">
        <SpecSide w={w} />
        <ResultsSide w={w} />
      </div>
    </div>
  );
}
