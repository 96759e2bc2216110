/** The ranked table of the best deployments and the why-not table of the rest. */
import { REASON_TEXT, type Reason } from '@shared/sizing/search';
import type { RankedEntry, SearchSummary } from '@shared/sizing/summary';
import { formatPercent, formatSeconds, formatUsd } from '@shared/units';
import { compactText, configText } from './describe';
import type { Prepared } from './useSearch';

export const entryKey = (e: RankedEntry): string => `e:${e.cand.id}`;

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
  const pct = prepared.sc.spec.slo.ttftPercentile;
  const full = (selected?.size ?? 0) >= 4;
  return (
    <div className="table-scroll">
      <table className="data ranked" data-testid="ranked-table">
        <thead>
          <tr>
            {onToggle && (
              <th title="Tick two to four, then “Compare selected”">
                <span className="unit">Cmp</span>
              </th>
            )}
            <th className="num">#</th>
            <th className="config">Configuration (one copy)</th>
            <th className="num">Devices (copies)</th>
            <th className="num">$/h</th>
            <th className="num" title="Decode's share of device time ÷ output tokens, at the load">
              $/M output
            </th>
            <th className="num">TTFT {pct}</th>
            <th className="num">TPOT</th>
            <th className="num" title="Utilisation: the load ÷ what the copies can carry within the SLOs">
              Util.
            </th>
            {onOpen && <th />}
          </tr>
        </thead>
        <tbody>
          {top.map((e, i) => {
            const v = e.verdict;
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
                <td className="num">
                  {v.devicesTotal} <span className="unit">({v.replicas})</span>
                </td>
                <td className="num">{v.usdPerHour === null ? '—' : formatUsd(v.usdPerHour)}</td>
                <td className="num">{v.usdPerMillionOutput === null ? '—' : formatUsd(v.usdPerMillionOutput)}</td>
                <td className="num">{e.at ? formatSeconds(e.at.ttftS[pct]) : '—'}</td>
                <td className="num">{e.at ? formatSeconds(e.at.tpotS) : '—'}</td>
                <td className="num">{formatPercent(v.utilization, 0)}</td>
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
