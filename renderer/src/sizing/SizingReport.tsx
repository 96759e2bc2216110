/**
 * The printable sizing report: title block, the spec, the answer (the chosen configuration and its
 * plan settings), both frontiers, the ranked table and the why-not table. It runs the search
 * itself (deterministic, about a second), so the report always matches the stored spec; it is
 * ready to print (`data-report-ready`) once the exact ranking is in.
 */
import { useEffect, useMemo } from 'react';
import type { CalibrationProfile } from '@shared/calibration/profile';
import type { Catalog } from '@shared/plan/context';
import { parseSizingSpec } from '@shared/schema/sizing';
import { formatBatch, formatCountOf, formatRate, formatSeconds } from '@shared/units';
import type { UserCatalogData } from '../engine/protocol';
import { layoutText, precisionText, servingText, systemName } from './describe';
import { searchKey, type SpecDraft } from './draft';
import { planForEntry } from '@shared/sizing/run';
import { SizingResults } from './SizingResults';
import { SpecTable } from './SpecTable';
import { useSizingSearch, type Prepared } from './useSearch';
import type { RankedEntry } from '@shared/sizing/summary';

function Chosen({ prepared, entry }: { prepared: Prepared; entry: RankedEntry }) {
  const c = entry.cand;
  const plan = planForEntry(prepared.sc, entry);
  const w = plan.inference.workload;
  const rows: Array<[string, string]> = [
    [
      'System',
      `${systemName(prepared.sc, c.systemId)}, ${formatCountOf(c.devices, 'device')} per copy × ${formatCountOf(entry.verdict.replicas, 'copy', 'copies')}`,
    ],
    ['Parallelism', layoutText(c, prepared.sc)],
    ['Precision', precisionText(c)],
    ['Serving', servingText(c) || 'aggregated prefill and decode'],
    [
      'Per copy',
      `${formatRate(w.arrivalRatePerSecond ?? 0, 'requests/s', 4)}, a mean batch of ${entry.at ? formatBatch(entry.at.batch) : '—'} sequences in decode`,
    ],
    [
      'At that load',
      entry.at
        ? `TTFT p50 ${formatSeconds(entry.at.ttftS.p50)}, p90 ${formatSeconds(entry.at.ttftS.p90)}, p99 ${formatSeconds(entry.at.ttftS.p99)}; TPOT ${formatSeconds(entry.at.tpotS)}`
        : '—',
    ],
    ['Plan', `open it from the app (“Open as plan”) as “${plan.name}”`],
  ];
  return (
    <table className="data" data-testid="chosen-table">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SizingReportView({
  draft,
  catalog,
  user,
  calibrations,
}: {
  draft: SpecDraft;
  catalog: Catalog;
  user: UserCatalogData;
  calibrations: CalibrationProfile[];
}) {
  const parsed = useMemo(() => {
    try {
      return { ok: true as const, spec: parseSizingSpec(draft) };
    } catch (e) {
      return { ok: false as const, message: (e as Error).message };
    }
  }, [draft]);
  const search = useSizingSearch(draft.id);
  useEffect(() => {
    // The spec's own page may have searched it already: its finished results are the report's.
    const have = search.prepared?.key === (parsed.ok ? searchKey(parsed.spec) : null) && search.state.exact;
    if (parsed.ok && !have) search.start(parsed.spec, searchKey(parsed.spec), catalog, user, calibrations);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [parsed]);
  const st = search.state;
  const ready = !parsed.ok || search.error !== null || st.exact || st.status === 'error';
  const best = st.summary?.top[0];
  return (
    <article className="page report sizing-report" data-report-ready={ready ? 'true' : 'false'}>
      <header className="title-block">
        <h1 data-testid="report-title">{draft.name}</h1>
        <p className="muted">
          Cluster Planner sizing report · {new Date().toISOString().slice(0, 10)}
          {st.status === 'done' ? ` · ${st.total.toLocaleString('en-US')} configurations searched` : ''}
        </p>
      </header>
      {!parsed.ok && (
        <p className="error" role="alert">
          {parsed.message}
        </p>
      )}
      {search.error && (
        <p className="error" role="alert">
          {search.error}
        </p>
      )}
      {parsed.ok && (
        <>
          <h2>The spec</h2>
          <SpecTable spec={parsed.spec} catalog={catalog} />
        </>
      )}
      {st.status !== 'done' && st.status !== 'idle' && <p className="muted no-print">Searching…</p>}
      {search.prepared && st.exact && (
        <>
          <h2>The answer</h2>
          {best && <Chosen prepared={search.prepared} entry={best} />}
          <SizingResults state={st} prepared={search.prepared} interactive={false} />
          <section className="appendix">
            <h2>How the search works</h2>
            <p>
              Each configuration (system × devices per copy × parallelism × precision × serving options) is timed by the
              engine over a log-spaced sweep of decode batches; a serving-loop queueing model (continuous batching,
              prefill first, M/G/1 prefill queue per replica) gives the arrival rate one copy sustains at each batch and
              its TTFT percentiles and TPOT. A batch meets the objectives when its TPOT and TTFT (and end-to-end
              latency, if set) are within them; the load then needs ⌈load ÷ the largest such rate⌉ copies.
              Configurations are ranked by $ per hour, then devices. The best are refined by bisecting the batch between
              swept points; their TTFT and TPOT are those at the load each copy carries — what the plan shows under
              load.
            </p>
          </section>
        </>
      )}
    </article>
  );
}
