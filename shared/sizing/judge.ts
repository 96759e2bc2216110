/**
 * Judging swept candidates against the SLOs and the load, without calling the engine again:
 * - a batch row is feasible when it is stable, its mean TPOT ≤ the TPOT target, its TTFT at the
 *   chosen percentile ≤ the TTFT target and (if set) TTFT + mean output × TPOT ≤ the end-to-end
 *   target; a copy can carry up to λ_max, the largest feasible arrival rate;
 * - the load λ (arrival rate; throughput ÷ mean output; or users ÷ (think time + end-to-end
 *   latency)) needs R = ⌈λ ÷ (u × λ_max)⌉ copies, u the target utilisation (headroom for bursts);
 *   devices = R × devices per copy; $/hour = devices × $/device-hour; the device cap and the
 *   budget ($/hour, capex) are checked;
 * - $ per million tokens (shared/metrics): all device time per output token; and split, prefill's
 *   share charged to input tokens and decode's to output tokens (disaggregated pools by their
 *   devices, aggregated copies by the prefill utilisation ρ).
 * A candidate cut short at its smallest batch is judged from that row while the SLOs are at least
 * as strict as when it was cut; looser SLOs ask for its full sweep (`needsSweep`).
 */
import { usdPerMillionTokens } from '../metrics';
import { MILLI } from '../units';
import type { Slo } from '../schema/sizing';
import { tpotTargetS } from '../schema/sizing';
import { COL, curveRow, NCOL, type Evaluated, type Reason } from './curve';
import type { SearchContext } from './search-context';
import { evaluateCandidate } from './search';
import type { Candidate } from './space';
import { ttftQuantile } from '../serving/queueing';
import { Z_OF } from '../schema/distribution';

export interface Verdict {
  feasible: boolean;
  reason: Reason | null;
  needsSweep: boolean;
  /** Row of the best feasible batch, its per-copy rate and the load's total rate. */
  row: number;
  lambdaMax: number;
  lambdaTotal: number;
  replicas: number;
  devicesTotal: number;
  usdPerHour: number | null;
  capexUSD: number | null;
  /** The three cost metrics of shared/metrics at the load: all device time, decode's share, prefill's share. */
  usdPerMOutput: number | null;
  decodeUsdPerMOutput: number | null;
  prefillUsdPerMInput: number | null;
  utilization: number;
}

const infeasible = (reason: Reason | null, needsSweep = false): Verdict => ({
  feasible: false,
  reason,
  needsSweep,
  row: -1,
  lambdaMax: 0,
  lambdaTotal: 0,
  replicas: 0,
  devicesTotal: 0,
  usdPerHour: null,
  capexUSD: null,
  usdPerMOutput: null,
  decodeUsdPerMOutput: null,
  prefillUsdPerMInput: null,
  utilization: 0,
});

/** The objectives a batch row can miss, as bit flags (a row is feasible when it misses none). */
export const MISS = { queue: 1, tpot: 2, ttft: 4, e2e: 8 } as const;
export type Objective = keyof typeof MISS;

/** The SLO's targets in seconds, and the z of its TTFT percentile. */
export interface Targets {
  tpotS: number;
  ttftS: number;
  e2eS: number;
  z: number;
}

export const targetsOf = (slo: Slo): Targets => ({
  tpotS: tpotTargetS(slo),
  ttftS: slo.ttftMs * MILLI,
  e2eS: slo.e2eMs === undefined ? Infinity : slo.e2eMs * MILLI,
  z: Z_OF[slo.ttftPercentile],
});

/** The objectives row k of a curve misses (MISS flags): the one feasibility rule of the search. */
export function rowMisses(c: Float64Array, k: number, t: Targets, outputMean: number): number {
  const o = k * NCOL;
  let m = 0;
  if (!c[o + COL.stable]) m |= MISS.queue;
  if (c[o + COL.tpot]! > t.tpotS) m |= MISS.tpot;
  if (ttftQuantile(c[o + COL.ttftMu]!, c[o + COL.ttftSigma]!, t.z) > t.ttftS) m |= MISS.ttft;
  if (c[o + COL.ttftMean]! + outputMean * c[o + COL.tpot]! > t.e2eS) m |= MISS.e2e;
  return m;
}

/** The largest feasible row, or why none is. */
function bestRow(ev: Evaluated, slo: Slo, outputMean: number): { row: number; reason: Reason | null } {
  const t = targetsOf(slo);
  const c = ev.curve;
  let tpotOk = false;
  let ttftOk = false;
  let row = -1;
  for (let k = 0; k < ev.points; k++) {
    const m = rowMisses(c, k, t, outputMean);
    if (m & (MISS.queue | MISS.tpot)) continue;
    tpotOk = true;
    if (m & MISS.ttft) continue;
    ttftOk = true;
    if (m & MISS.e2e) continue;
    if (row < 0 || c[k * NCOL + COL.lambda]! > c[row * NCOL + COL.lambda]!) row = k;
  }
  if (row >= 0) return { row, reason: null };
  return { row, reason: !tpotOk ? 'tpot-slo' : !ttftOk ? 'ttft-slo' : 'e2e-slo' };
}

/** One objective a batch misses: its value and target (s); the queue has neither. */
export interface Miss {
  objective: Objective;
  valueS: number | null;
  targetS: number | null;
}

/**
 * What limits a feasible deployment's capacity per copy: the copy carries at most the rate at its
 * best feasible batch (`row`); the next swept batch misses these objectives, or (`memory`) no
 * larger batch fits. Re-times the one candidate (a sweep of at most 16 batches, well under 1 ms).
 */
export type Binding = { kind: 'memory'; batch: number } | { kind: 'objectives'; batch: number; misses: Miss[] };

export function bindingOf(sc: SearchContext, cand: Candidate, row: number): Binding {
  return bindingOfEvaluated(sc, evaluateCandidate(sc, cand, null), row);
}

/**
 * The binding limit from a candidate's evaluated curve (a feasible candidate's curve is its full
 * sweep: only one that misses the objectives at its first batch is cut short). The search's workers
 * use this, so the answer card names the limit of the catalog they searched with.
 */
export function bindingOfEvaluated(sc: SearchContext, ev: Evaluated, row: number, slo = sc.spec.slo): Binding {
  const k = row + 1;
  if (k >= ev.points) return { kind: 'memory', batch: Math.round(curveRow(ev, Math.min(row, ev.points - 1)).batch) };
  const t = targetsOf(slo);
  const m = rowMisses(ev.curve, k, t, sc.outputMean);
  const r = curveRow(ev, k);
  const misses: Miss[] = [];
  if (m & MISS.queue) misses.push({ objective: 'queue', valueS: null, targetS: null });
  if (m & MISS.tpot) misses.push({ objective: 'tpot', valueS: r.tpotS, targetS: t.tpotS });
  if (m & MISS.ttft) misses.push({ objective: 'ttft', valueS: r.ttftS(slo.ttftPercentile), targetS: t.ttftS });
  if (m & MISS.e2e) misses.push({ objective: 'e2e', valueS: r.ttftMeanS + sc.outputMean * r.tpotS, targetS: t.e2eS });
  return { kind: 'objectives', batch: Math.round(r.batch), misses };
}

/** Arrival rate of the load (requests/s); users mode closes the loop with the copy's latency. */
export function loadRate(sc: SearchContext, ttftMeanS: number, tpotS: number): number {
  const l = sc.spec.workload.load;
  if (l.mode === 'arrival-rate') return l.requestsPerSecond;
  if (l.mode === 'throughput') return l.outputTokensPerSecond / sc.outputMean;
  return l.users / (l.thinkTimeS + ttftMeanS + sc.outputMean * tpotS);
}

export function judge(sc: SearchContext, ev: Evaluated, slo: Slo): Verdict {
  if (ev.structural) return infeasible(ev.structural);
  if (ev.prunedWith) {
    // At least as strict: no looser TPOT or TTFT target, and TTFT at no lower a percentile.
    const stricter =
      tpotTargetS(slo) <= ev.prunedWith.tpotS &&
      slo.ttftMs * MILLI <= ev.prunedWith.ttftS &&
      Z_OF[slo.ttftPercentile] >= ev.prunedWith.ttftZ;
    if (!stricter) return infeasible(null, true);
  }
  const best = bestRow(ev, slo, sc.outputMean);
  if (best.row < 0)
    return infeasible(
      ev.prunedWith?.reason === 'network-bound' && best.reason === 'tpot-slo' ? 'network-bound' : best.reason,
    );
  return sizeFor(sc, ev, best.row, slo);
}

/** A copy's mean TTFT and TPOT (s), for the users mode's closed loop. */
export interface CopyLatency {
  ttftMeanS: number;
  tpotS: number;
}

/**
 * Copies, devices and money for the load at the best feasible row. In the users mode the load
 * depends on the latency users see: by default the row's (the copy at capacity, the slowest it
 * gets within the SLOs, so a lower bound on the load); `latency` gives the latency at the load
 * instead (the closed loop `refine` solves).
 */
export function sizeFor(
  sc: SearchContext,
  ev: Evaluated,
  row: number,
  slo: Slo,
  lambdaMaxOverride?: number,
  latency?: CopyLatency,
): Verdict {
  const c = ev.curve;
  const o = row * NCOL;
  const lambdaMax = lambdaMaxOverride ?? c[o + COL.lambda]!;
  const lambda = latency
    ? loadRate(sc, latency.ttftMeanS, latency.tpotS)
    : loadRate(sc, c[o + COL.ttftMean]!, c[o + COL.tpot]!);
  // Each copy runs at most at the target utilisation of what it can carry (the headroom).
  const replicas = Math.max(1, Math.ceil(lambda / (lambdaMax * slo.targetUtilization) - 1e-9));
  const devicesTotal = replicas * ev.cand.devices;
  const usdPerHour = ev.usdPerDeviceHour === null ? null : devicesTotal * ev.usdPerDeviceHour;
  const capexUSD = ev.capexPerDeviceUSD === null ? null : devicesTotal * ev.capexPerDeviceUSD;
  const budget = sc.spec.constraints.budget;
  const v: Verdict = {
    ...infeasible(null),
    feasible: true,
    row,
    lambdaMax,
    lambdaTotal: lambda,
    replicas,
    devicesTotal,
    usdPerHour,
    capexUSD,
    utilization: lambda / (replicas * lambdaMax),
  };
  if (usdPerHour !== null) {
    const cand = ev.cand;
    const share = cand.disaggregated
      ? cand.prefillDevices / cand.devices
      : ((lambda / replicas) * prefillSeconds(ev)) / cand.dp;
    v.usdPerMOutput = usdPerMillionTokens(usdPerHour, lambda * sc.outputMean);
    v.decodeUsdPerMOutput = usdPerMillionTokens(usdPerHour * (1 - share), lambda * sc.outputMean);
    v.prefillUsdPerMInput = usdPerMillionTokens(usdPerHour * share, lambda * sc.promptMean);
  }
  if (devicesTotal > sc.spec.constraints.maxDevices) return { ...v, feasible: false, reason: 'max-devices' };
  if (
    (budget.usdPerHour !== null && usdPerHour !== null && usdPerHour > budget.usdPerHour) ||
    (budget.capexUSD !== null && capexUSD !== null && capexUSD > budget.capexUSD)
  )
    return { ...v, feasible: false, reason: 'over-budget' };
  return v;
}

/** Mean prefill service time of a prompt (s). */
const prefillSeconds = (ev: Evaluated): number =>
  ev.model ? ev.model.prefillA + ev.model.prefillB * ev.model.prompt.mean : 0;
