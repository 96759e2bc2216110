import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { ClusterReport } from '@shared/cluster/compute';
import { CLUSTER_COMPARE_METRICS, clusterMetrics } from '@shared/cluster/metrics';
import { parseClusterFile, type Cluster } from '@shared/schema/cluster';
import { navigate } from '../app/router';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { planColor } from '../charts/colors';
import { BomTable } from '../clusters/BomTable';
import { clusterReport, newCluster, useCatalog } from '../clusters/catalog';
import { ClusterEditor } from '../clusters/ClusterEditor';
import { ClusterReportView } from '../clusters/ClusterReport';
import { bomCsv } from '../clusters/csv';
import { ClusterDiagram } from '../clusters/Diagram';
import { ClusterBreakdown, ClusterTotals } from '../clusters/Totals';
import { ComparisonTable, type ComparisonRow } from '../compare/ComparisonTable';
import {
  activeClusters,
  duplicateCluster,
  importCluster,
  restoreCluster,
  saveCluster,
  storedCluster,
  trashCluster,
} from '../db/clusters';
import { db, type StoredCluster } from '../db/db';
import { newId } from '../db/plans';
import type { SaveState } from '../db/autosave';
import type { DamagedRecord } from '../db/records';
import { CLUSTER_KIND } from '../db/record-store';
import { useDurableRecord } from '../db/useDurableRecord';
import { writeSetting } from '../db/writes';
import { DamagedRecords } from '../components/DamagedRecords';
import type { PageProps } from './registry';
import { RecordActions, type RecordStore } from '../components/RecordActions';

const CLUSTER_STORE: RecordStore = { duplicate: duplicateCluster, trash: trashCluster, restore: restoreCluster };

const slugOf = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'cluster';

/** Rows of the cluster comparison (the same table component and metrics the plans use). */
function compareRows(reports: Array<ClusterReport | null>): ComparisonRow[] {
  const values = reports.map((r) => (r ? clusterMetrics(r) : {}));
  return CLUSTER_COMPARE_METRICS.map((id) => ({
    id,
    values: values.map((v) => v[id] ?? null),
    notes: reports.map((r) => (r ? null : 'cannot be computed')),
  }));
}

function CompareClusters({ chosen }: { chosen: StoredCluster[] }) {
  const catalog = useCatalog();
  if (!catalog) return null;
  const reports = chosen.map((c) => {
    const r = clusterReport(c.cluster, catalog);
    return r.ok ? r.report : null;
  });
  return (
    <section data-testid="cluster-compare">
      <h2>Side by side</h2>
      <ComparisonTable
        testId="cluster-compare-table"
        columns={chosen.map((c) => ({ id: c.id, name: c.cluster.name, color: planColor(c.id) }))}
        rows={compareRows(reports)}
      />
    </section>
  );
}

function ClusterToolbar({
  draft,
  report,
  saveState,
  flush,
}: {
  draft: Cluster;
  report: ClusterReport | null;
  saveState: SaveState;
  /** Saves pending edits (before Duplicate and Delete, which act on the stored record). */
  flush: () => Promise<void>;
}) {
  const platform = usePlatform();
  return (
    <div className="toolbar" data-save-state={saveState}>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void platform.saveFile(`${slugOf(draft.name)}.cluster.json`, JSON.stringify(draft, null, 2) + '\n', [
            { name: 'Cluster', extensions: ['json'] },
          ])
        }
      >
        Save .cluster.json
      </button>
      <button
        type="button"
        className="secondary"
        disabled={!report}
        onClick={() =>
          report &&
          void platform.saveFile(`${slugOf(draft.name)}-bom.csv`, bomCsv(report), [
            { name: 'CSV', extensions: ['csv'] },
          ])
        }
      >
        BOM CSV
      </button>
      <RecordActions
        id={draft.id}
        name={draft.name}
        page="/clusters"
        reportPage="/cluster-report"
        store={CLUSTER_STORE}
        saveState={saveState}
        onBeforeAction={flush}
      />
    </div>
  );
}

function ClusterResults({ result }: { result: ReturnType<typeof clusterReport> }) {
  if (!result.ok)
    return (
      <p className="error" role="alert" data-testid="cluster-error">
        {result.message}
      </p>
    );
  const r = result.report;
  return (
    <>
      <ClusterTotals r={r} />
      {r.warnings.map((w) => (
        <p key={w} className="muted warn-note">
          {w}
        </p>
      ))}
      <ClusterDiagram report={r} compact />
      <ClusterBreakdown r={r} />
      <h2>Bill of materials</h2>
      <BomTable lines={r.bom} />
    </>
  );
}

function ClusterWorkspace({ stored }: { stored: StoredCluster }) {
  const catalog = useCatalog();
  // Journalled, retried, saved on leaving, other windows' versions kept (db/useDurableRecord.ts).
  const { draft, change, saveState, flush } = useDurableRecord(
    CLUSTER_KIND,
    { value: stored.cluster, updatedAt: stored.updatedAt },
    '/clusters',
  );
  const result = useMemo(() => (catalog ? clusterReport(draft, catalog) : null), [draft, catalog]);
  if (!catalog || !result) return <p className="muted">Loading…</p>;
  return (
    <div className="cluster-workspace">
      <ClusterToolbar draft={draft} report={result.ok ? result.report : null} saveState={saveState} flush={flush} />
      <div className="split">
        <ClusterEditor cluster={draft} catalog={catalog} onChange={change} />
        <div data-testid="cluster-results">
          <ClusterResults result={result} />
        </div>
      </div>
    </div>
  );
}

/** The clusters ticked for comparison (two to four), kept in the settings. */
function useCompareSelection(list: readonly StoredCluster[]) {
  const saved = useLiveQuery(() => db.settings.get('clusters.compare'), []);
  const [selected, setSelected] = useState<string[] | null>(null);
  useEffect(() => {
    if (selected === null && saved !== undefined)
      setSelected(Array.isArray(saved?.value) ? (saved.value as string[]) : []);
  }, [saved, selected]);
  const sel = (selected ?? []).filter((id) => list.some((c) => c.id === id));
  const toggle = (id: string): void => {
    const next = sel.includes(id) ? sel.filter((x) => x !== id) : sel.length >= 4 ? sel : [...sel, id];
    setSelected(next);
    void writeSetting('clusters.compare', next);
  };
  return { sel, toggle };
}

/** New cluster, open a .cluster.json: each stores a cluster and opens it. */
function useClusterActions() {
  const platform = usePlatform();
  const status = useStatus();
  const create = (): void => {
    const c = newCluster(newId('cluster'));
    void saveCluster(c).then(() => navigate(`/clusters/${c.id}`));
  };
  const open = async (): Promise<void> => {
    const f = await platform.openFile([{ name: 'Cluster', extensions: ['json'] }]);
    if (!f.ok) {
      if (f.reason === 'error') status.show({ kind: 'error', text: f.message ?? 'Could not open the file' });
      return;
    }
    try {
      const c = await importCluster(parseClusterFile(f.contents));
      navigate(`/clusters/${c.id}`);
      status.show({ kind: 'success', text: `Opened ${f.name} as “${c.name}”` });
    } catch (e) {
      status.show({ kind: 'error', text: `${f.name}: ${(e as Error).message}. Nothing was changed.` });
    }
  };
  return { create, open };
}

function ClusterList({
  list,
  damaged,
  currentId,
  sel,
  toggle,
}: {
  list: readonly StoredCluster[];
  damaged: readonly DamagedRecord[];
  currentId: string | undefined;
  sel: readonly string[];
  toggle: (id: string) => void;
}) {
  const actions = useClusterActions();
  return (
    <aside className="plan-list" aria-label="Clusters">
      <div className="row">
        <button type="button" onClick={actions.create}>
          New cluster
        </button>
        <button type="button" className="secondary" onClick={() => void actions.open()}>
          Open .cluster.json
        </button>
      </div>
      <p className="muted" style={{ fontSize: 11 }}>
        Tick two to four clusters to compare them.
      </p>
      <DamagedRecords records={damaged} noun="cluster" />
      <ul data-testid="cluster-list">
        {list.map((c) => (
          <li key={c.id} className={c.id === currentId ? 'current' : ''}>
            <input
              type="checkbox"
              aria-label={`Compare ${c.cluster.name}`}
              checked={sel.includes(c.id)}
              disabled={!sel.includes(c.id) && sel.length >= 4}
              onChange={() => toggle(c.id)}
            />
            <a href={`#/clusters/${encodeURIComponent(c.id)}`} aria-current={c.id === currentId ? 'page' : undefined}>
              {c.cluster.name}
            </a>
            {c.example && <span className="badge">example</span>}
          </li>
        ))}
      </ul>
    </aside>
  );
}

export function ClustersPage({ route }: PageProps) {
  const clusterId = route.page === 'clusters' ? route.clusterId : undefined;
  const data = useLiveQuery(activeClusters, []);
  const list = data?.clusters ?? [];
  const { sel, toggle } = useCompareSelection(list);
  const current = list.find((c) => c.id === clusterId);
  return (
    <section className="page">
      <h1>Clusters</h1>
      <div className="plans-layout">
        <ClusterList list={list} damaged={data?.damaged ?? []} currentId={clusterId} sel={sel} toggle={toggle} />
        <div>
          {sel.length >= 2 && <CompareClusters chosen={sel.map((id) => list.find((c) => c.id === id)!)} />}
          {current ? (
            <ClusterWorkspace key={current.id} stored={current} />
          ) : (
            sel.length < 2 && (
              <div className="empty-state" data-testid="clusters-empty">
                Pick a cluster to edit it, or create one. Each cluster gives its bill of materials, power, racks and
                total cost of ownership; plans can run on it (Plans → Cluster).
              </div>
            )
          )}
        </div>
      </div>
    </section>
  );
}

/** #/cluster-report/:id — the printable cluster report; Export PDF uses the same machinery as plan reports. */
export function ClusterReportPage({ route, commands }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  const id = route.page === 'cluster-report' ? route.clusterId : '';
  // Checked: a record missing updatedAt still opens; a damaged one reads as missing (the list offers its export).
  const checked = useLiveQuery(async () => (await storedCluster(id)) ?? null, [id]);
  const stored = checked === undefined ? undefined : checked?.ok ? checked.stored : null;
  const catalog = useCatalog();
  const exportPdf = async (): Promise<void> => {
    if (!stored) return;
    const r = await platform.exportPdf(`${slugOf(stored.cluster.name)}.pdf`);
    if (r.ok)
      status.show({
        kind: 'success',
        text: platform.kind === 'web' ? 'Opened the print dialog: choose “Save as PDF”.' : `Saved ${r.path}`,
      });
    else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not export the PDF' });
  };
  useEffect(() => commands.register('export-pdf', exportPdf));
  if (stored === undefined || !catalog) return <p className="muted">Loading…</p>;
  if (!stored) return <p>No cluster “{id}”.</p>;
  const result = clusterReport(stored.cluster, catalog);
  return (
    <>
      <div className="toolbar no-print">
        <a href={`#/clusters/${encodeURIComponent(stored.id)}`}>← Back to the cluster</a>
        <button type="button" onClick={() => void exportPdf()}>
          Export PDF
        </button>
      </div>
      {result.ok ? (
        <ClusterReportView r={result.report} />
      ) : (
        <p className="error" role="alert">
          {result.message}
        </p>
      )}
    </>
  );
}
