/**
 * A timed candidate (Evaluated) and its swept curve: a flat Float64Array per candidate, one row of
 * NCOL columns per decode batch (batch, the arrival rate one copy sustains there, TPOT, the TTFT
 * log-normal's μ and σ and mean, whether the prefill queue keeps up), at most SWEEP_POINTS rows;
 * the hot path reads columns, code off it reads rows by name. Also why a candidate is rejected.
 */
import { ttftQuantile, type LoadModel } from '../serving/queueing';
import { Z_OF } from '../schema/distribution';
import type { SloPercentile as Percentile } from '../schema/sizing';
import type { Candidate } from './space';

export type Reason =
  | 'does-not-fit'
  | 'unknown-link'
  | 'ttft-slo'
  | 'tpot-slo'
  | 'network-bound'
  | 'e2e-slo'
  | 'max-devices'
  | 'over-budget';

export const REASON_TEXT: Record<Reason, string> = {
  'does-not-fit': 'does not fit in memory (not even one sequence per replica)',
  'unknown-link': 'needs a link whose bandwidth the system preset does not give',
  'ttft-slo': 'misses the TTFT objective at every batch',
  'tpot-slo': 'misses the TPOT objective at every batch',
  'network-bound': 'misses the TPOT objective at every batch, bound by communication',
  'e2e-slo': 'misses the end-to-end objective',
  'max-devices': 'needs more devices than allowed at this load',
  'over-budget': 'over budget at this load',
};

/** Columns of a swept curve, one row per batch (a flat Float64Array per candidate). */
export const COL = { batch: 0, lambda: 1, tpot: 2, ttftMu: 3, ttftSigma: 4, ttftMean: 5, stable: 6 } as const;
export const NCOL = 7;

/** A curve row's TTFT at a percentile (from the row's log-normal, as the operating point computes it). */
export const rowTtft = (curve: Float64Array, row: number, p: Percentile): number =>
  ttftQuantile(curve[row * NCOL + COL.ttftMu]!, curve[row * NCOL + COL.ttftSigma]!, Z_OF[p]);

/** One swept batch of a candidate, read by name (for code off the hot path; the judge reads columns). */
export interface CurveRow {
  batch: number;
  /** Requests/s one copy sustains at this batch. */
  lambda: number;
  tpotS: number;
  ttftMeanS: number;
  /** Whether the prefill queue keeps up at this rate. */
  stable: boolean;
  ttftS: (p: Percentile) => number;
}

/** Row k of a candidate's swept curve. */
export function curveRow(ev: Pick<Evaluated, 'curve' | 'points'>, k: number): CurveRow {
  if (k < 0 || k >= ev.points) throw new RangeError(`no swept batch ${k} (${ev.points} swept)`);
  const c = ev.curve;
  const o = k * NCOL;
  return {
    batch: c[o + COL.batch]!,
    lambda: c[o + COL.lambda]!,
    tpotS: c[o + COL.tpot]!,
    ttftMeanS: c[o + COL.ttftMean]!,
    stable: c[o + COL.stable] === 1,
    ttftS: (p) => rowTtft(c, k, p),
  };
}

/** The row that swept `batch`, or -1. */
export function rowOfBatch(ev: Pick<Evaluated, 'curve' | 'points'>, batch: number): number {
  for (let k = 0; k < ev.points; k++) if (ev.curve[k * NCOL + COL.batch] === batch) return k;
  return -1;
}

export interface Evaluated {
  cand: Candidate;
  usdPerDeviceHour: number | null;
  capexPerDeviceUSD: number | null;
  maxBatch: number;
  curve: Float64Array;
  points: number;
  structural: Reason | null;
  /** The SLO the candidate was cut short with (its curve holds only the smallest batch), its TTFT at the percentile of z. */
  prunedWith: { tpotS: number; ttftS: number; ttftZ: number; reason: Reason } | null;
  model: LoadModel | null;
}

/** The most batches a candidate is swept at (log-spaced; fewer where they round to the same batch). */
export const SWEEP_POINTS = 16;
