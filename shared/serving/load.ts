/**
 * The engine behind the queueing model: for a compiled family and a configuration point, the
 * prefill service time S(P) = a + b·P (through the engine's single-prompt prefill at the mean
 * prompt, sloped to the p90 prompt's, a ≥ 0), the decode time per token and per step at any
 * batch, and the KV-cache transfer of disaggregated serving (a mean prompt's KV bytes over the
 * prefill replica's scale-out links: bytes ÷ (TP·PP × per-device scale-out bandwidth × link
 * efficiency)). Also answers "TTFT and TPOT at this arrival rate" for a plan: the decode batch N
 * that the rate implies, found by bisection where the rate rises with N (all of [0, maxBatch], or
 * up to the peak under mixed scheduling: peakBatch).
 */
import type { Family } from '../inference/family';
import type { Bound } from '../inference/roofline';
import {
  copyPoint,
  emptyPointResult,
  evaluateDecode,
  evaluateTtft,
  prefillLayoutOf,
  type Point,
  type PointResult,
  NO_PREFILL_LAYOUT,
} from '../inference/point';
import type { Layout } from '../inference/step';
import { kvBytesForSequence } from '../model/kv-cache';
import { PrefillRing } from './step-reuse';
import { moments, type LengthDistribution, type Moments } from '../schema/distribution';
import { emptyOperatingPoint, operatingPoint, type LoadModel, type OperatingPoint } from './queueing';
import { requestHostS } from './scheduler';
import { schedulerOf, schedulerTargetOf } from './stack-defaults';

export interface Workload {
  prompt: LengthDistribution;
  output: LengthDistribution;
  prefixHit: number;
  /** Prompt tokens per request that stand for images (not tokenized on the host); 0 when absent. */
  imageTokens?: number;
}

/** Moments of the computed prompt tokens P·(1 − hit). */
export function computedPrompt(w: Workload): Moments {
  const m = moments(w.prompt);
  const k = 1 - w.prefixHit;
  return {
    mean: m.mean * k,
    second: m.second * k * k,
    third: m.third * k * k * k,
    quantile: (q) => m.quantile(q) * k,
    sample: (u) => m.sample(u) * k,
  };
}

const newScratchPoint = (): Point => ({
  tp: 1,
  pp: 1,
  dp: 1,
  ep: 1,
  decodeDevices: 1,
  prefillDevices: 1,
  disaggregated: false,
  batch: 1,
  promptTokens: 1,
  outputTokens: 1,
  prefixHit: 0,
  dual: false,
  specDraft: 0,
  specAccept: 0,
  ...NO_PREFILL_LAYOUT,
});

/**
 * What the load functions write besides their results: a point to vary, a decode result, the
 * record decodeAt returns, and the recent single-prompt prefills (step-reuse.ts: configurations
 * differing only in speculative decoding share them). A search owns one (sizing/search-context.ts
 * SearchContext); a plan's load is computed with a fresh one.
 */
export interface LoadScratch {
  prefills: PrefillRing;
  point: Point;
  dec: PointResult;
  at: { tpotS: number; stepS: number; bound: Bound };
}

/** A load scratch; `reuse` off times every prefill afresh (the reuse tests). */
export const newLoadScratch = (reuse = true): LoadScratch => ({
  prefills: new PrefillRing(32, reuse),
  point: newScratchPoint(),
  dec: emptyPointResult(),
  at: { tpotS: 0, stepS: 0, bound: 'memory' },
});

/** What the load model needs from the workload, computed once (quantiles are not free). */
export interface WorkloadStats {
  w: Workload;
  promptMean: number;
  promptP90: number;
  computed: Moments;
  outputMean: number;
  outputInvMean: number;
}

const statsCache = new WeakMap<Workload, WorkloadStats>();
export function workloadStats(w: Workload): WorkloadStats {
  let s = statsCache.get(w);
  if (!s) {
    const pm = moments(w.prompt);
    s = {
      w,
      promptMean: pm.mean,
      promptP90: pm.quantile(0.9),
      computed: computedPrompt(w),
      outputMean: moments(w.output).mean,
      outputInvMean: inverseOutputMean(w.output),
    };
    statsCache.set(w, s);
  }
  return s;
}

function withPrompt(pt: Point, promptTokens: number, prefixHit: number): Point {
  pt.promptTokens = promptTokens;
  pt.prefixHit = prefixHit;
  return pt;
}

const NO_SCALE = { decode: 1, prefill: 1 };

function ttftOf(f: Family, pt: Point, pre: Layout, P: number, hit: number, ls: LoadScratch): number {
  const known = ls.prefills.get(f, pre, P, hit);
  if (!Number.isNaN(known)) return known;
  const s = evaluateTtft(f, withPrompt(copyPoint(ls.point, pt), P, hit));
  ls.prefills.set(f, pre, P, hit, s);
  return s;
}

/**
 * The load model of a configuration; `scale` takes its step times to the pessimistic edge of their
 * error band (1 and 1: the estimate). Prompts are timed on `pre` (the disaggregated prefill pool's
 * family: another system's with heterogeneous disaggregation, else the decode family), and their KV
 * cache crosses `kvLinkBytesPerS` (the plan's, else the prefill workers' scale-out links).
 */
export function loadModelFor(
  f: Family,
  pt: Point,
  w: Workload,
  ls: LoadScratch,
  scale: { decode: number; prefill: number } = NO_SCALE,
  pool: { f: Family; kvLinkBytesPerS?: number } = { f },
): LoadModel {
  const ws = workloadStats(w);
  const p1 = ws.promptMean;
  const p2 = Math.max(ws.promptP90, p1 * 1.25);
  const pre = prefillLayoutOf(pt);
  const s1 = ttftOf(pool.f, pt, pre, Math.round(p1), w.prefixHit, ls);
  const s2 = ttftOf(pool.f, pt, pre, Math.round(p2), w.prefixHit, ls);
  const c1 = Math.max(1, Math.round(p1 * (1 - w.prefixHit)));
  const c2 = Math.max(c1 + 1, Math.round(p2 * (1 - w.prefixHit)));
  // The line keeps the mean prompt's time exactly: where the time bends up (attention's quadratic
  // term) so steeply that the chord to the p90 prompt would need a < 0, the line through the origin.
  const b = Math.min(Math.max(0, (s2 - s1) / (c2 - c1)), s1 / c1);
  const kvBytes = kvBytesForSequence(f.model, p1, f.settings.precision.kvCache);
  // Mixed scheduling: a decoder riding a prefill iteration adds its token (b) and reads its KV cache
  // at the mean running context (prompt + half the output) at the attention bandwidth of its TP group.
  const sch = schedulerOf(f.settings, schedulerTargetOf(f.model, f.ctx.accelerator));
  const mixed = !pt.disaggregated && sch.policy === 'mixed';
  const kvRun = kvBytesForSequence(f.model, p1 + ws.outputMean / 2, f.settings.precision.kvCache);
  const kvSeqS = kvRun / (Math.max(1, pre.tp) * f.attnRates.bandwidth);
  const link = pool.kvLinkBytesPerS ?? pool.f.scaleOut.bandwidth * pool.f.scaleOut.efficiency * pre.tp * pre.pp;
  return {
    replicas: pt.disaggregated ? pre.dp : pt.dp,
    prefillA: Math.max(0, s1 - b * c1) * scale.prefill,
    prefillB: b * scale.prefill,
    prompt: ws.computed,
    outputMean: ws.outputMean,
    outputInvMean: ws.outputInvMean,
    aggregated: !pt.disaggregated,
    kvTransferS: pt.disaggregated && link > 0 ? kvBytes / link : 0,
    hostS: requestHostS(sch, p1 - (w.imageTokens ?? 0)),
    mixed,
    mixedTokenS: mixed ? (b + kvSeqS) * scale.prefill : 0,
    chunkTokens: sch.chunkedPrefill ? sch.maxBatchedTokens : Infinity,
    decodeScale: scale.decode,
  };
}

/** E[1/(O − 1)] over outputs of at least two tokens, from 64 quantiles of the output distribution. */
export function inverseOutputMean(d: LengthDistribution): number {
  const m = moments(d);
  let sum = 0;
  let k = 0;
  for (let i = 0; i < 64; i++) {
    const o = Math.round(m.quantile((i + 0.5) / 64));
    if (o < 2) continue;
    sum += 1 / (o - 1);
    k++;
  }
  return k ? sum / k : 0;
}

/**
 * Decode time per token and per step at batch N, and what binds it (ls.at, a reused record). The
 * point is not changed: its batch is set on the scratch's copy.
 */
export function decodeAt(
  f: Family,
  pt: Point,
  N: number,
  ls: LoadScratch,
): { tpotS: number; stepS: number; bound: Bound } {
  const p = copyPoint(ls.point, pt);
  p.batch = N;
  const r = evaluateDecode(f, p, ls.dec);
  const at = ls.at;
  at.tpotS = r.tpotS;
  at.stepS = r.decodeStepS;
  at.bound = r.decodeBound;
  return at;
}

/**
 * The operating point at arrival rate λ (requests/s per copy), or null when the copy cannot sustain
 * it below `maxBatch` sequences (or its prefill queue would be saturated).
 */
export function atArrivalRate(
  f: Family,
  pt: Point,
  lm: LoadModel,
  lambda: number,
  maxBatch: number,
  ls: LoadScratch,
  top = peakBatch(f, pt, lm, maxBatch, ls),
): OperatingPoint | null {
  const op = emptyOperatingPoint();
  const at = (N: number): OperatingPoint => {
    const d = decodeAt(f, pt, N, ls);
    return operatingPoint(lm, N, d.tpotS, d.stepS, op);
  };
  const lo0 = Math.max(1e-3, pt.dp * 1e-3);
  if (at(top).lambda < lambda) return null;
  let lo = lo0;
  let hi = top;
  for (let i = 0; i < 60 && hi - lo > 1e-6 * hi; i++) {
    const mid = Math.sqrt(lo * hi);
    if (at(mid).lambda < lambda) lo = mid;
    else hi = mid;
  }
  at(hi);
  return op.stable ? op : null;
}

/**
 * The batch at which a copy carries the most requests per second, up to `maxBatch`. Prefill first,
 * or disaggregated: the rate grows with the batch, so `maxBatch`. Mixed scheduling: every prompt's
 * iterations carry the decoders, so past some batch each prompt takes longer than the batch adds:
 * the rate peaks (assumed single-peaked in log N: a ternary search), and the copy runs on the rising
 * side.
 */
export function peakBatch(f: Family, pt: Point, lm: LoadModel, maxBatch: number, ls: LoadScratch): number {
  if (!lm.mixed || !lm.aggregated) return maxBatch;
  const op = emptyOperatingPoint();
  const rate = (x: number): number => {
    const N = Math.exp(x);
    const d = decodeAt(f, pt, N, ls);
    return operatingPoint(lm, N, d.tpotS, d.stepS, op, false).lambda;
  };
  let lo = Math.log(Math.max(1e-3, pt.dp * 1e-3));
  let hi = Math.log(maxBatch);
  if (rate(hi) >= rate(hi - 1e-4)) return maxBatch;
  for (let i = 0; i < 60 && hi - lo > 1e-6; i++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (rate(m1) < rate(m2)) lo = m1;
    else hi = m2;
  }
  return Math.exp(lo);
}

/** The largest arrival rate a copy sustains within `maxBatch` (decode memory) and a stable prefill queue. */
export function sustainableRate(
  f: Family,
  pt: Point,
  lm: LoadModel,
  maxBatch: number,
  ls: LoadScratch,
  N = peakBatch(f, pt, lm, maxBatch, ls),
): number {
  const top = decodeAt(f, pt, N, ls);
  let hi = operatingPoint(lm, N, top.tpotS, top.stepS, emptyOperatingPoint()).lambda;
  if (!lm.aggregated) hi = Math.min(hi, (lm.replicas / (lm.prefillA + lm.prefillB * lm.prompt.mean)) * (1 - 1e-9));
  if (atArrivalRate(f, pt, lm, hi, maxBatch, ls, N)) return hi;
  let lo = 0;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (atArrivalRate(f, pt, lm, mid, maxBatch, ls, N)) lo = mid;
    else hi = mid;
  }
  return lo;
}
