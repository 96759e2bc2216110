/**
 * "Size a deployment" (#/sizing/:id): a sizing spec (model, load, SLOs, constraints) and the
 * search for the cheapest deployment meeting it, run on every core. Specs autosave; changing an
 * SLO re-filters the stored results, changing anything else asks for a new search.
 * Also the printable sizing report (#/sizing-report/:id).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { navigate } from '../app/router';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { DamagedRecords } from '../components/DamagedRecords';
import { db } from '../db/db';
import { activeSizingSpecs, storedSizingSpec } from '../db/sizing';
import { writeSetting } from '../db/writes';
import { fileNameOf, structureProblems } from '../sizing/draft';
import { SizingReportView } from '../sizing/SizingReport';
import { DamagedSpec, SpecToolbar, useSpecActions, Welcome } from '../sizing/SpecPicker';
import { useEngineInputs } from '../sizing/useSizingWorkspace';
import { SizingWorkspace } from '../sizing/Workspace';
import type { PageProps } from './registry';

/** The spec shown last is shown again when the page opens without one (navigation, restarts). */
function useLastSpec(specId: string | undefined, list: readonly { id: string }[] | undefined): void {
  const last = useLiveQuery(async () => (await db.settings.get(LAST_SPEC))?.value ?? null, []);
  // Written once per spec opened (not on every save, which renews the list).
  const known = !!specId && !!list?.some((s) => s.id === specId);
  useEffect(() => {
    if (known && specId) void writeSetting(LAST_SPEC, specId);
  }, [specId, known]);
  useEffect(() => {
    if (!specId && typeof last === 'string' && list?.some((s) => s.id === last)) navigate(`/sizing/${last}`);
  }, [specId, last, list]);
}
const LAST_SPEC = 'sizing.last';

export function SizingPage({ route }: PageProps) {
  const specId = route.page === 'sizing' ? route.specId : undefined;
  const data = useLiveQuery(activeSizingSpecs, []);
  const list = data?.specs ?? [];
  useLastSpec(specId, data?.specs);
  const current = list.find((s) => s.id === specId);
  const actions = useSpecActions(list);
  const damaged = current ? structureProblems(current.spec) : [];
  return (
    <section className="page sizing-page">
      <h1>Size a deployment</h1>
      <SpecToolbar list={list} currentId={current?.id} actions={actions} />
      <DamagedRecords records={data?.damaged ?? []} noun="sizing spec" />
      {current ? (
        damaged.length ? (
          <DamagedSpec stored={current} problems={damaged} />
        ) : (
          <SizingWorkspace key={`${current.id}@${current.createdAt}`} stored={current} />
        )
      ) : (
        data && <Welcome onExample={actions.fromExample} />
      )}
    </section>
  );
}

/** #/sizing-report/:id — the printable sizing report; Export PDF as for plan reports. */
export function SizingReportPage({ route, commands }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  const id = route.page === 'sizing-report' ? route.specId : '';
  // Checked: a record missing updatedAt still opens; a damaged one reads as missing (the page lists its export).
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
