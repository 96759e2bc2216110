import type { Plan } from '@shared/plan/schema';
import { comparisonColor } from '../charts/colors';
import type { EvaluateResponse } from '../engine/protocol';
import { bestIndex, METRICS, type MetricRow } from './metrics';

export const formatMetric = (v: number | null): string =>
  v === null || !Number.isFinite(v) ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);

export function compareRows(
  results: Array<EvaluateResponse | null | undefined>,
): Array<{ m: MetricRow; values: Array<number | null> }> {
  return METRICS.map((m) => ({ m, values: results.map((r) => (r ? m.get(r) : null)) })).filter((r) =>
    r.values.some((v) => v !== null),
  );
}

/** The side-by-side table (Compare page and PDF report): best value per row highlighted, deltas vs the first plan. */
export function CompareTable({
  plans,
  results,
  testId,
}: {
  plans: Plan[];
  results: Array<EvaluateResponse | null | undefined>;
  testId: string;
}) {
  const rows = compareRows(results);
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th>Metric</th>
          {plans.map((p, i) => (
            <th key={p.id} className="num" title={p.name}>
              <span className="clamp-2">
                <span className="swatch" style={{ background: comparisonColor(i) }} aria-hidden="true" />
                {p.name}
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ m, values }) => {
          const best = bestIndex(values, m.better);
          const base = values[0];
          return (
            <tr key={m.key}>
              <th>
                {m.label}{' '}
                <span className="unit">
                  ({m.unit}, {m.better} is better)
                </span>
              </th>
              {values.map((v, i) => (
                <td key={i} className={`num${i === best ? ' best' : ''}`} data-best={i === best ? 'true' : undefined}>
                  {formatMetric(v)}
                  {i > 0 && v !== null && base !== null && base !== undefined && base !== 0 && (
                    <span className="delta">
                      {' '}
                      ({v >= base ? '+' : ''}
                      {(((v - base) / base) * 100).toFixed(1)}%)
                    </span>
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
