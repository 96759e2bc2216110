/** The comparison of plans (Compare page and PDF report): their inputs, then their metrics. */
import { presetCatalog } from '@presets/load';
import { missingText, type MetricId } from '@shared/metrics';
import { bandOfMetric, bandRange, type Banded, type BandedMetric } from '@shared/serving/bands';
import { COMPARE_METRICS, resultMetrics } from '@shared/rl/metrics';
import type { Plan } from '@shared/schema/plan';
import { formatBytes } from '@shared/units';
import { comparisonColor } from '../charts/colors';
import { useCatalog } from '../clusters/catalog';
import type { EvaluateResponse } from '../engine/protocol';
import { bandNote } from '../plans/ServedCards';
import { ComparisonTable } from './ComparisonTable';
import type { ComparisonRow, ValueBand } from './rows';
import { inputRows } from './input-rows';

type Result = EvaluateResponse | null | undefined;

/** Memory per device beside its headroom: "61.4 GB of 80 GB". */
function memoryNote(r: Result): string | null {
  if (!r?.ok) return null;
  if (r.kind === 'rl') return `${formatBytes(r.result.memory.peak)} of ${formatBytes(r.result.memory.capacity)}`;
  return `${formatBytes(r.result.memoryPerDeviceBytes)} of ${formatBytes(r.result.memory.capacity)}`;
}

const BANDED: readonly MetricId[] = ['ttft', 'tpot', 'servedTtft', 'servedTpot'] satisfies BandedMetric[];

/** The band the engine gives a latency metric of a result (none for other metrics, or an RL or training plan). */
function bandedOf(id: MetricId, r: Result): Banded | null {
  if (!r?.ok || r.kind !== 'inference' || !BANDED.includes(id)) return null;
  return bandOfMetric(r.result.bands, id as BandedMetric);
}

/** "80% band 7.1 ms – 9.8 ms" beside a latency the engine has a band for. */
function bandNoteOf(id: MetricId, v: number, r: Result): string | null {
  const b = bandedOf(id, r);
  return b ? bandNote(v, b) || null : null;
}

/** The edges of that band around the value, in the metric's base unit (for the CSV). */
function bandEdges(id: MetricId, v: number | null, r: Result): ValueBand | null {
  const b = bandedOf(id, r);
  return v === null || !b ? null : bandRange(v, b.band);
}

/** Why a value is missing: the plan cannot run, or has no price. */
function missing(id: MetricId, r: Result): string {
  if (!r) return 'evaluating…';
  if (!r.ok) return 'cannot be evaluated';
  return missingText(id);
}

export function compareRows(plans: Plan[], results: Result[]): ComparisonRow[] {
  const values = results.map((r, i) => (r?.ok ? resultMetrics(plans[i]!, r) : {}));
  return COMPARE_METRICS.flatMap((id) => {
    const row = values.map((v) => v[id]);
    if (row.every((v) => v === undefined)) return [];
    const vals = row.map((v) => (v === undefined ? null : v));
    const notes = vals.map((v, i) =>
      v === null
        ? missing(id, results[i])
        : id === 'memoryHeadroom'
          ? memoryNote(results[i])
          : bandNoteOf(id, v, results[i]),
    );
    const bands = vals.map((v, i) => bandEdges(id, v, results[i]));
    return [{ id, values: vals, notes, bands }];
  });
}

export function CompareInputs({ plans, results }: { plans: Plan[]; results: Result[] }) {
  const catalog = useCatalog() ?? presetCatalog(); // presets + the user's systems (a prefill pool's)
  return (
    <table className="data compare-inputs" data-testid="compare-inputs">
      <thead>
        <tr>
          <th>Input</th>
          {plans.map((p, i) => (
            <th key={p.id} title={p.name}>
              <span className="clamp-2">
                <span className="swatch" style={{ background: comparisonColor(i) }} aria-hidden="true" /> {p.name}
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {inputRows(plans, results, catalog).map(([label, cells]) => (
          <tr key={label}>
            <th>{label}</th>
            {cells.map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CompareTable({ plans, results, testId }: { plans: Plan[]; results: Result[]; testId: string }) {
  return (
    <ComparisonTable
      testId={testId}
      columns={plans.map((p, i) => ({ id: p.id, name: p.name, color: comparisonColor(i) }))}
      rows={compareRows(plans, results)}
    />
  );
}
