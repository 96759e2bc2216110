import type { Plan } from '@shared/schema/plan';
import { comparisonColor } from '../charts/colors';
import type { EvaluateResponse } from '../engine/protocol';
import { ComparisonTable, formatMetric } from './ComparisonTable';
import { METRICS, type MetricRow } from './metrics';

export { formatMetric };

export function compareRows(
  results: Array<EvaluateResponse | null | undefined>,
): Array<{ m: MetricRow; values: Array<number | null> }> {
  return METRICS.map((m) => ({ m, values: results.map((r) => (r ? m.get(r) : null)) })).filter((r) =>
    r.values.some((v) => v !== null),
  );
}

/** The side-by-side table of plans (Compare page and PDF report), through the shared ComparisonTable. */
export function CompareTable({
  plans,
  results,
  testId,
}: {
  plans: Plan[];
  results: Array<EvaluateResponse | null | undefined>;
  testId: string;
}) {
  return (
    <ComparisonTable
      testId={testId}
      columns={plans.map((p, i) => ({ id: p.id, name: p.name, color: comparisonColor(i) }))}
      rows={compareRows(results).map(({ m, values }) => ({
        key: m.key,
        label: m.label,
        unit: m.unit,
        better: m.better,
        values,
      }))}
    />
  );
}
