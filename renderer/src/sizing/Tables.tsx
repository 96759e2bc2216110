/** The ranked table of the best deployments and the why-not table of the rest. */
import { REASON_TEXT, type Reason } from '@shared/sizing/curve';
import type { RankedEntry, SearchSummary } from '@shared/sizing/summary';
import { formatMetric, METRICS, type MetricId } from '@shared/metrics';
import { entryLabel, entryMetrics, RANKED_COLUMNS } from '@shared/sizing/metrics';
import { compactText, configText } from './describe';
import type { Prepared } from './useSearch';

export const entryKey = (e: RankedEntry): string => `e:${e.cand.id}`;

/** A ranked row's cell for a metric: devices with their copies, no price as a badge, the rest formatted. */
function MetricCell({ prepared, e, id }: { prepared: Prepared; e: RankedEntry; id: MetricId }) {
  const v = entryMetrics(prepared.sc, e)[id];
  if (id === 'devices')
    return (
      <>
        {e.verdict.devicesTotal} <span className="unit">({e.verdict.replicas})</span>
      </>
    );
  if ((id === 'usdPerHour' || id === 'usdPerMOutput') && v === null) return <NoPrice />;
  return <>{formatMetric(id, v)}</>;
}

function RankedHead({ prepared, toggle, open }: { prepared: Prepared; toggle: boolean; open: boolean }) {
  return (
    <thead>
      <tr>
        {toggle && (
          <th title="Tick two to four, then “Compare selected”">
            <span className="unit">Cmp</span>
          </th>
        )}
        <th className="num">#</th>
        <th className="config">Configuration (one copy)</th>
        {RANKED_COLUMNS.map((id) => (
          <th key={id} className="num" title={`${entryLabel(prepared.sc, id)}: ${METRICS[id].formula}`}>
            {id === 'devices'
              ? 'Devices (copies)'
              : id === 'ttft'
                ? `TTFT ${prepared.sc.spec.slo.ttftPercentile}`
                : METRICS[id].short}
          </th>
        ))}
        {open && <th />}
      </tr>
    </thead>
  );
}

export function RankedTable({
  prepared,
  top,
  selected,
  onToggle,
  onOpen,
}: {
  prepared: Prepared;
  top: RankedEntry[];
  selected?: ReadonlySet<string> | undefined;
  onToggle?: ((e: RankedEntry) => void) | undefined;
  onOpen?: ((e: RankedEntry) => void) | undefined;
}) {
  const full = (selected?.size ?? 0) >= 4;
  return (
    <div className="table-scroll">
      <table className="data ranked" data-testid="ranked-table">
        <RankedHead prepared={prepared} toggle={!!onToggle} open={!!onOpen} />
        <tbody>
          {top.map((e, i) => {
            const on = selected?.has(entryKey(e)) ?? false;
            return (
              <tr key={e.cand.id} data-rank={i + 1}>
                {onToggle && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select rank ${i + 1} for Compare`}
                      checked={on}
                      disabled={!on && full}
                      onChange={() => onToggle(e)}
                    />
                  </td>
                )}
                <td className="num">{i + 1}</td>
                <td className="config" title={configText(prepared.sc, e.cand)}>
                  {compactText(prepared.sc, e.cand)}
                </td>
                {RANKED_COLUMNS.map((id) => (
                  <td key={id} className="num" data-metric={id}>
                    <MetricCell prepared={prepared} e={e} id={id} />
                  </td>
                ))}
                {onOpen && (
                  <td className="action">
                    <button
                      type="button"
                      className="link"
                      aria-label={`Open rank ${i + 1} as a plan`}
                      title="Open this deployment's copy as a plan"
                      onClick={() => onOpen(e)}
                    >
                      Open
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A deployment on a system with no price: still ranked (by devices), with this badge. */
export function NoPrice() {
  return (
    <span
      className="badge warn"
      data-testid="no-price"
      title="No price for this system: add one in the price book (Hardware page) or in the spec's constraints"
    >
      no price
    </span>
  );
}

export function WhyNotTable({ summary }: { summary: SearchSummary }) {
  const rows = (Object.entries(summary.rejected) as Array<[Reason, number]>).sort((a, b) => b[1] - a[1]);
  return (
    <table className="data" data-testid="why-not-table">
      <thead>
        <tr>
          <th>Why the other configurations failed</th>
          <th className="num">Configurations</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([r, n]) => (
          <tr key={r} data-reason={r}>
            <td>{REASON_TEXT[r]}</td>
            <td className="num">{n.toLocaleString('en-US')}</td>
          </tr>
        ))}
        <tr>
          <td>
            <strong>meet every objective</strong>
          </td>
          <td className="num">
            <strong>{summary.feasible.toLocaleString('en-US')}</strong>
          </td>
        </tr>
        {summary.needsSweep > 0 && (
          <tr>
            <td>cut short under stricter SLOs, not yet swept at these</td>
            <td className="num">{summary.needsSweep.toLocaleString('en-US')}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
