/**
 * The side-by-side table for any 2–4 items (plans, clusters), on screen and in the PDF report: one
 * row per metric of shared/metrics (its name, unit and direction), the best value per row marked,
 * deltas against the first column; a missing value says why.
 */
import { bestIndex, formatMetric, METRICS, type MetricId } from '@shared/metrics';
import type { ComparisonRow } from './rows';

export interface ComparisonColumn {
  id: string;
  name: string;
  color: string;
}

export type { ComparisonRow } from './rows';

/** Shares are compared by their difference, not by a percentage of a percentage. */
const isShare = (id: MetricId): boolean => ['%', 'share of capacity'].includes(METRICS[id].unit);

function Delta({ id, v, base }: { id: MetricId; v: number | null; base: number | null | undefined }) {
  if (v === null || base === null || base === undefined || base === 0 || isShare(id)) return null;
  return (
    <span className="delta">
      {' '}
      ({v >= base ? '+' : ''}
      {(((v - base) / base) * 100).toFixed(1)}%)
    </span>
  );
}

function Row({ row }: { row: ComparisonRow }) {
  const m = METRICS[row.id];
  const best = bestIndex(row.id, row.values);
  return (
    <tr data-metric={row.id}>
      <th title={`${m.formula}. Includes ${m.includes}.`}>
        {m.label}{' '}
        <span className="unit">
          ({m.unit}
          {m.better ? `, ${m.better} is better` : ''})
        </span>
      </th>
      {row.values.map((v, i) => (
        <td key={i} className={`num${i === best ? ' best' : ''}`} data-best={i === best ? 'true' : undefined}>
          {v === null ? (
            <span className="muted">{row.notes?.[i] ?? '—'}</span>
          ) : (
            <>
              {formatMetric(row.id, v)}
              {i > 0 && <Delta id={row.id} v={v} base={row.values[0]} />}
              {row.notes?.[i] && <span className="unit"> {row.notes[i]}</span>}
            </>
          )}
        </td>
      ))}
    </tr>
  );
}

export function ComparisonTable({
  columns,
  rows,
  testId,
}: {
  columns: ComparisonColumn[];
  rows: ComparisonRow[];
  testId: string;
}) {
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th>Metric</th>
          {columns.map((c) => (
            <th key={c.id} className="num" title={c.name}>
              <span className="clamp-2">
                <span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.name}
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Row key={row.id} row={row} />
        ))}
      </tbody>
    </table>
  );
}
