/**
 * The error band of each number a plan's result shows (schema/error-bands.ts): the class of the
 * plan — where its step's rates come from, dense or MoE — and of the metric pick the band the
 * validation table gives that class.
 */
import type { Family } from '../inference/family';
import { bandKey, type Band, type ErrorBands, type MetricClass, type RateClass } from '../schema/error-bands';

export interface Banded {
  /** Measured ÷ predicted − 1 at the 10th and 90th percentiles, and where the band was pooled. */
  band: Band | null;
  /** The class the plan is in, "measured|moe|decode". */
  key: string;
}

/** Where a family's step rates come from. */
export function rateClassOf(f: Family): RateClass {
  if (f.kernels) return f.kernels.set.derived ? 'derived' : 'measured';
  return f.curves ? 'calibration' : 'datasheet';
}

export function bandOf(bands: ErrorBands | undefined, f: Family, metric: MetricClass): Banded {
  const key = bandKey(rateClassOf(f), !!f.model.moe, metric);
  return { key, band: bands?.bands[key] ?? null };
}

/** The range [lo, hi] a band puts around a prediction (a time or a rate: the band is of measured ÷ predicted). */
export function bandRange(value: number, b: Band | null): { lo: number; hi: number } | null {
  if (!b || !Number.isFinite(value)) return null;
  return { lo: value * (1 + b.p10), hi: value * (1 + b.p90) };
}

/** The bands of a served plan's result (serving/evaluate.ts). */
export interface ResultBands {
  decode: Banded;
  prefill: Banded;
  servedTtft: Banded;
}

/** The latency metrics a result gives a band for. */
export type BandedMetric = 'ttft' | 'tpot' | 'servedTtft' | 'servedTpot';

/**
 * The band of one of a result's latency metrics: one prompt's TTFT takes the prefill band, TPOT
 * (at the batch or served) the decode band, the served TTFT its own.
 */
export function bandOfMetric(bands: ResultBands, id: BandedMetric): Banded {
  if (id === 'ttft') return bands.prefill;
  if (id === 'servedTtft') return bands.servedTtft;
  return bands.decode;
}

/**
 * The factor a step is taken at on the pessimistic edge of its band (sizing's slo.sizeAt
 * 'pessimistic'): 1 + the band's 90th percentile, never below 1 (no band: 1).
 */
export const pessimisticEdge = (b: Banded): number => 1 + Math.max(0, b.band?.p90 ?? 0);
