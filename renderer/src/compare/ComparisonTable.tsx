import { bestIndex } from './metrics';

export interface ComparisonColumn {
  id: string;
  name: string;
  color: string;
}

export interface ComparisonRow {
  key: string;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
  values: Array<number | null>;
}

export const formatMetric = (v: number | null): string =>
  v === null || !Number.isFinite(v) ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);

/**
 * The side-by-side table for any 2–4 items (plans, clusters), on screen and in the PDF report:
 * best value per row highlighted, deltas against the first column.
 */
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
        {rows.map(({ key, label, unit, better, values }) => {
          const best = bestIndex(values, better);
          const base = values[0];
          return (
            <tr key={key}>
              <th>
                {label}{' '}
                <span className="unit">
                  ({unit}, {better} is better)
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
