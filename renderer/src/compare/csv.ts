import { METRICS } from '@shared/metrics';
import type { Plan } from '@shared/schema/plan';
import type { ComparisonRow } from './rows';

const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/**
 * The comparison table as CSV: one row per metric (values in its base unit); per plan a column of
 * its value, then "<plan> low" and "<plan> high", the edges of the value's 80% error band in the
 * same unit (empty where the metric has no band).
 */
export function compareCsv(plans: Plan[], rows: ComparisonRow[]): string {
  const head = ['metric', 'unit', 'better', ...plans.flatMap((p) => [p.name, `${p.name} low`, `${p.name} high`])]
    .map(q)
    .join(',');
  const body = rows.map(({ id, values, bands }) =>
    [
      METRICS[id].label,
      METRICS[id].unit,
      METRICS[id].better ?? '',
      ...values.flatMap((v, i) => [num(v), num(bands?.[i]?.lo), num(bands?.[i]?.hi)]),
    ]
      .map(q)
      .join(','),
  );
  return [head, ...body].join('\n') + '\n';
}
