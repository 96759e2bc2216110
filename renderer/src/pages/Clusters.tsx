import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { ClusterReport } from '@shared/cluster/compute';
import { parseClusterFile } from '@shared/schema/cluster';
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

/** Rows of the cluster comparison (the same table component the plans use). */
function compareRows(reports: Array<ClusterReport | null>): ComparisonRow[] {
  const row = (
    key: string,
    label: string,
    unit: string,
    better: 'lower' | 'higher',
    get: (r: ClusterReport) => number | null,
  ) => ({
    key,
    label,
    unit,
    better,
    values: reports.map((r) => (r ? get(r) : null)),
  });
  return [
    row('devices', 'Devices', 'count', 'higher', (r) => r.devices),
    row('usdh', 'TCO per device-hour', 'USD', 'lower', (r) => r.tco.usdPerDeviceHour),
    row('capex', 'Capex', 'M$', 'lower', (r) => r.tco.capexUSD / 1e6),
    row('tco', 'TCO', 'M$', 'lower', (r) => r.tco.tcoUSD / 1e6),
    row('opex', 'Opex per year', 'M$', 'lower', (r) => r.tco.opexUSDPerYear / 1e6),
    row('it', 'IT power', 'kW', 'lower', (r) => r.power.itPowerW / 1e3),
    row('wpd', 'Facility power per device', 'W', 'lower', (r) => r.power.facilityPowerW / r.devices),
    row('racks', 'Racks', 'count', 'lower', (r) => r.power.racks),
    row('switches', 'Scale-out switches', 'count', 'lower', (r) => r.scaleOut.switches),
    row('net', 'Network share of TCO', '%', 'lower', (r) => r.tco.share.network * 100),
    row(
      'bw',
      'Scale-out per device',
      'Gb/s',
      'higher',
      (r) => (r.cluster.fabric.nicGbps * r.cluster.fabric.nicsPerNode) / r.devicesPerNode,
    ),
  ];
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

function ClusterWorkspace({ stored }: { stored: StoredCluster }) {
  const platform = usePlatform();
  const catalog = useCatalog();
  // Kept like a plan: journalled, retried, saved on leaving, other windows' versions kept (db/useDurableRecord.ts).
  const { draft, change, saveState, flush } = useDurableRecord(
    CLUSTER_KIND,
    { value: stored.cluster, updatedAt: stored.updatedAt },
    '/clusters',
  );
  const result = useMemo(() => (catalog ? clusterReport(draft, catalog) : null), [draft, catalog]);
  if (!catalog || !result) return <p className="muted">Loading…</p>;
  const r = result.ok ? result.report : null;
  return (
    <div className="cluster-workspace">
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
          disabled={!r}
          onClick={() =>
            r &&
            void platform.saveFile(`${slugOf(draft.name)}-bom.csv`, bomCsv(r), [{ name: 'CSV', extensions: ['csv'] }])
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
      <div className="split">
        <ClusterEditor cluster={draft} catalog={catalog} onChange={change} />
        <div data-testid="cluster-results">
          {result.ok ? (
            <>
              <ClusterTotals r={result.report} />
              {result.report.warnings.map((w) => (
                <p key={w} className="muted warn-note">
                  {w}
                </p>
              ))}
              <ClusterDiagram report={result.report} compact />
              <ClusterBreakdown r={result.report} />
              <h2>Bill of materials</h2>
              <BomTable lines={result.report.bom} />
            </>
          ) : (
            <p className="error" role="alert" data-testid="cluster-error">
              {result.message}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

export function ClustersPage({ route }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  const clusterId = route.page === 'clusters' ? route.clusterId : undefined;
  const data = useLiveQuery(activeClusters, []);
  const saved = useLiveQuery(() => db.settings.get('clusters.compare'), []);
  const [selected, setSelected] = useState<string[] | null>(null);
  useEffect(() => {
    if (selected === null && saved !== undefined)
      setSelected(Array.isArray(saved?.value) ? (saved.value as string[]) : []);
  }, [saved, selected]);
  const list = data?.clusters ?? [];
  const sel = (selected ?? []).filter((id) => list.some((c) => c.id === id));
  const toggle = (id: string): void => {
    const next = sel.includes(id) ? sel.filter((x) => x !== id) : sel.length >= 4 ? sel : [...sel, id];
    setSelected(next);
    void writeSetting('clusters.compare', next);
  };
  const current = list.find((c) => c.id === clusterId);
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
  return (
    <section className="page">
      <h1>Clusters</h1>
      <div className="plans-layout">
        <aside className="plan-list" aria-label="Clusters">
          <div className="row">
            <button type="button" onClick={create}>
              New cluster
            </button>
            <button type="button" className="secondary" onClick={() => void open()}>
              Open .cluster.json
            </button>
          </div>
          <p className="muted" style={{ fontSize: 11 }}>
            Tick two to four clusters to compare them.
          </p>
          <DamagedRecords records={data?.damaged ?? []} noun="cluster" />
          <ul data-testid="cluster-list">
            {list.map((c) => (
              <li key={c.id} className={c.id === clusterId ? 'current' : ''}>
                <input
                  type="checkbox"
                  aria-label={`Compare ${c.cluster.name}`}
                  checked={sel.includes(c.id)}
                  disabled={!sel.includes(c.id) && sel.length >= 4}
                  onChange={() => toggle(c.id)}
                />
                <a
                  href={`#/clusters/${encodeURIComponent(c.id)}`}
                  aria-current={c.id === clusterId ? 'page' : undefined}
                >
                  {c.cluster.name}
                </a>
                {c.example && <span className="badge">example</span>}
              </li>
            ))}
          </ul>
        </aside>
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
