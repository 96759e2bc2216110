import type { Plan } from '@shared/schema/plan';
import type { MetricRow } from './metrics';

const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The comparison table as CSV: one row per metric, one column per plan, units in the header. */
export function compareCsv(plans: Plan[], rows: Array<{ m: MetricRow; values: Array<number | null> }>): string {
  const head = ['metric', 'unit', 'better', ...plans.map((p) => p.name)].map(q).join(',');
  const body = rows.map(({ m, values }) =>
    [m.label, m.unit, m.better, ...values.map((v) => (v === null ? '' : String(v)))].map(q).join(','),
  );
  return [head, ...body].join('\n') + '\n';
}
