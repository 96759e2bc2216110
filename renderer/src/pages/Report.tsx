import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { presetCatalog } from '@presets/load';
import { formatBytesPerS, formatFlopPerS } from '@shared/units';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { db } from '../db/db';
import { useEvaluation } from '../engine/client';
import { Results } from '../plans/Results';
import { getPath } from '../plans/paths';
import { COMMON_FIELDS, INFERENCE_GROUPS, TRAINING_GROUPS } from '../plans/fields';
import { planFileName } from '../plans/import';
import type { PageProps } from './registry';

/**
 * The printable plan report (#/report/:id): title block, assumptions with sources, headline
 * results, charts (SVG, so they stay vector in the PDF) and the explain traces. Electron prints
 * it with printToPDF; the browser build uses the print dialog.
 */
export function ReportPage({ route, commands }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  const id = route.page === 'report' ? route.planId : '';
  const stored = useLiveQuery(() => db.plans.get(id), [id]);
  const plan = stored?.plan ?? null;
  const res = useEvaluation(plan);
  const exportPdf = async (): Promise<void> => {
    if (!plan) return;
    const r = await platform.exportPdf(planFileName(plan).replace(/\.clusterplan\.json$/, '.pdf'));
    if (r.ok)
      status.show({
        kind: 'success',
        text: platform.kind === 'web' ? 'Opened the print dialog: choose “Save as PDF”.' : `Saved ${r.path}`,
      });
    else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not export the PDF' });
  };
  useEffect(() => commands.register('export-pdf', exportPdf));
  if (stored === undefined) return <p className="muted">Loading…</p>;
  if (!plan) return <p>No plan “{id}”.</p>;
  const catalog = presetCatalog();
  const sys = catalog.systems.find((s) => s.id === plan.systemId);
  const acc = sys && catalog.accelerators.find((a) => a.id === sys.acceleratorId);
  const model = plan.model ?? catalog.models.find((m) => m.id === plan.modelId);
  const groups = [COMMON_FIELDS, ...(plan.kind === 'inference' ? INFERENCE_GROUPS : TRAINING_GROUPS)];
  return (
    <article className="page report" data-report-ready={res ? 'true' : 'false'}>
      <div className="toolbar no-print">
        <a href={`#/plans/${plan.id}`}>← Back to the plan</a>
        <button type="button" onClick={() => void exportPdf()}>
          Export PDF
        </button>
      </div>
      <header className="title-block">
        <h1 data-testid="report-title">{plan.name}</h1>
        <p className="muted">
          Cluster Planner report · {new Date().toISOString().slice(0, 10)} · {plan.author ?? 'author not set'} · plan{' '}
          {plan.id} (schema v{plan.schemaVersion})
        </p>
      </header>
      <h2>Assumptions</h2>
      <table className="data">
        <tbody>
          <tr>
            <th>Model</th>
            <td>
              {model?.name ?? plan.modelId} — {model?.source.title}
            </td>
          </tr>
          <tr>
            <th>Hardware</th>
            <td>
              {sys?.name} ({sys?.source}); accelerator {acc?.name}: BF16{' '}
              {acc?.peakFlopsPerS.bf16.value == null ? 'unknown' : formatFlopPerS(acc.peakFlopsPerS.bf16.value)} (
              {acc?.peakFlopsPerS.bf16.source}), memory bandwidth{' '}
              {acc?.memoryBandwidthBytesPerS.value == null
                ? 'unknown'
                : formatBytesPerS(acc.memoryBandwidthBytesPerS.value)}{' '}
              ({acc?.memoryBandwidthBytesPerS.source})
            </td>
          </tr>
          {groups.flatMap((g) =>
            g.fields.map((f) => (
              <tr key={f.path}>
                <th>{f.label}</th>
                <td>
                  {String(getPath(plan, f.path) ?? '—')} {f.unit}
                </td>
              </tr>
            )),
          )}
          <tr>
            <th>Prices</th>
            <td>{JSON.stringify(plan.prices)}</td>
          </tr>
          <tr>
            <th>Efficiency factors</th>
            <td>
              {acc
                ? Object.entries(acc.efficiency)
                    .map(
                      ([k, e]) =>
                        `${k} ${plan.efficiency[k as 'compute'] ?? e.value}${plan.efficiency[k as 'compute'] !== undefined ? ' (plan)' : ` (${e.justification})`}`,
                    )
                    .join('; ')
                : '—'}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>Results</h2>
      <Results plan={plan} res={res} />
    </article>
  );
}
