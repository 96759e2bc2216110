import { METRICS } from '@shared/metrics';
import type { Plan } from '@shared/schema/plan';
import type { ComparisonRow } from './ComparisonTable';

const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The comparison table as CSV: one row per metric (values in its base unit), one column per plan. */
export function compareCsv(plans: Plan[], rows: ComparisonRow[]): string {
  const head = ['metric', 'unit', 'better', ...plans.map((p) => p.name)].map(q).join(',');
  const body = rows.map(({ id, values }) =>
    [METRICS[id].label, METRICS[id].unit, METRICS[id].better ?? '', ...values.map((v) => (v === null ? '' : String(v)))]
      .map(q)
      .join(','),
  );
  return [head, ...body].join('\n') + '\n';
}
