/**
 * One configuration of a plan family, evaluated to numbers without allocating: the search's fast
 * path, and the numbers behind every inference result (evaluate.ts explains the same steps).
 *
 * - Decode: each of DP replicas (× PP micro-batches in flight) holds batch ÷ DP ÷ PP sequences and
 *   attends to the mean context prompt + output/2. Speculative decoding (MTP) verifies k drafts per
 *   step, yields (1 − a^(k+1)) ÷ (1 − a) tokens on average (acceptance a per draft, geometric), and
 *   runs one extra transformer block per draft token. TPOT = step ÷ tokens per step.
 * - TTFT: one prompt alone, its uncached tokens P·(1 − hit) in one prefill step (no dual micro-batch).
 * - Prefill throughput: chunks of ≥ 8,192 computed tokens per replica; input tokens/s counts the
 *   prefix-cache hits (÷ (1 − hit)), as DeepSeek reports per node.
 * - Cost: devices × $/device-hour ÷ tokens per second; energy: devices × watts ÷ output tokens/s.
 */
import type { Family } from './family';
import { emptyMemory, memoryNumbers, type MemoryNumbers } from './memory';
import { OpTable } from './operators';
import { emptyTotals, type StepTotals } from './overlap';
import { newShape, runStep, shapeFor, type Layout, type Phase, type StepShape } from './step';
import type { Bound } from './roofline';
import type { InferencePlan } from '../schema/plan';
import { MEGA, SECONDS_PER_HOUR } from '../units';

export interface Point {
  tp: number;
  pp: number;
  dp: number;
  ep: number;
  /** Devices serving decode, and prefill (the same devices unless disaggregated). */
  decodeDevices: number;
  prefillDevices: number;
  disaggregated: boolean;
  /** Concurrent sequences decoding across the deployment. */
  batch: number;
  promptTokens: number;
  outputTokens: number;
  prefixHit: number;
  /** Dual micro-batch enabled. */
  dual: boolean;
  /** Speculative decoding: draft tokens per step (0 = off) and acceptance per draft. */
  specDraft: number;
  specAccept: number;
  /** A disaggregated prefill pool's own layout per worker (0 = decode's TP and PP, DP and EP from its devices). */
  ptp: number;
  ppp: number;
  pdp: number;
  pep: number;
}

/** Layout fields of a point without a prefill layout of its own. */
export const NO_PREFILL_LAYOUT = { ptp: 0, ppp: 0, pdp: 0, pep: 0 } as const;

export interface Pricing {
  usdPerDeviceHour: number | null;
  wattsPerDevice: number | null;
}

export interface PointResult {
  decodeStepS: number;
  tokensPerStep: number;
  tpotS: number;
  decodeBound: Bound;
  decodeDual: boolean;
  /** Tokens per replica in the decode step (× verified drafts). */
  decodeTokens: number;
  ttftS: number;
  ttftTokens: number;
  prefillTokensPerSecond: number;
  inputTokensPerSecond: number;
  outputTokensPerSecond: number;
  communicationBoundS: number;
  memory: MemoryNumbers;
  fits: boolean;
  /**
   * NaN when the price (or the TDP) is unknown — not null: a field that holds both null and
   * numbers stores every number as a new heap object, one allocation per configuration.
   */
  costPerMillionOutputUSD: number;
  costPerMillionInputUSD: number;
  energyPerOutputTokenJ: number;
}

export const emptyPointResult = (): PointResult => ({
  decodeStepS: 0,
  tokensPerStep: 1,
  tpotS: 0,
  decodeBound: 'overhead',
  decodeDual: false,
  decodeTokens: 0,
  ttftS: 0,
  ttftTokens: 0,
  prefillTokensPerSecond: 0,
  inputTokensPerSecond: 0,
  outputTokensPerSecond: 0,
  communicationBoundS: 0,
  memory: emptyMemory(),
  fits: false,
  costPerMillionOutputUSD: Number.NaN,
  costPerMillionInputUSD: Number.NaN,
  energyPerOutputTokenJ: Number.NaN,
});

/**
 * Independent copies of the decode engine: the plan's replicas, or a disaggregated decode pool's
 * workers (its devices ÷ TP·PP·DP). A point describes one copy (its devices and its share of the
 * requests); deployment totals are the copy's × copies (evaluate.ts).
 */
export function engineCopies(plan: InferencePlan): number {
  const s = plan.inference;
  const p = s.parallelism;
  const dis = s.serving.disaggregation;
  const n = dis ? dis.decodeDevices / (p.tp * p.pp * p.dp) : p.replicas;
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function pointFromPlan(plan: InferencePlan): Point {
  const s = plan.inference;
  const dis = s.serving.disaggregation;
  const copies = engineCopies(plan);
  const pre = dis?.prefill;
  return {
    tp: s.parallelism.tp,
    pp: s.parallelism.pp,
    dp: s.parallelism.dp,
    ep: s.parallelism.ep,
    decodeDevices: (dis ? dis.decodeDevices : plan.devices) / copies,
    prefillDevices: (dis ? dis.prefillDevices : plan.devices) / copies,
    disaggregated: dis !== null,
    batch: s.workload.concurrentRequests / copies,
    ptp: pre?.tp ?? 0,
    ppp: pre?.pp ?? 0,
    pdp: pre?.dp ?? 0,
    pep: pre?.ep ?? 0,
    promptTokens: s.workload.promptTokens,
    outputTokens: s.workload.outputTokens,
    prefixHit: s.workload.prefixCacheHitRate,
    dual: s.serving.dualMicroBatch,
    specDraft: s.serving.speculative?.draftTokens ?? 0,
    specAccept: s.serving.speculative?.acceptanceRate ?? 0,
  };
}

/** Copies a point field by field into `to` (Object.assign boxes numbers on the hot path). */
export function copyPoint(to: Point, from: Point): Point {
  to.tp = from.tp;
  to.pp = from.pp;
  to.dp = from.dp;
  to.ep = from.ep;
  to.decodeDevices = from.decodeDevices;
  to.prefillDevices = from.prefillDevices;
  to.disaggregated = from.disaggregated;
  to.batch = from.batch;
  to.promptTokens = from.promptTokens;
  to.outputTokens = from.outputTokens;
  to.prefixHit = from.prefixHit;
  to.dual = from.dual;
  to.specDraft = from.specDraft;
  to.specAccept = from.specAccept;
  to.ptp = from.ptp;
  to.ppp = from.ppp;
  to.pdp = from.pdp;
  to.pep = from.pep;
  return to;
}

/** Decode and prefill layouts of a point (a disaggregated prefill pool gets its own DP and EP). */
export function layoutsOf(pt: Point, dec: Layout, pre: Layout): void {
  dec.devices = pt.decodeDevices;
  dec.tp = pre.tp = pt.tp;
  dec.pp = pre.pp = pt.pp;
  dec.dp = pt.dp;
  dec.ep = pt.ep;
  pre.devices = pt.prefillDevices;
  if (!pt.disaggregated) {
    pre.dp = pt.dp;
    pre.ep = pt.ep;
    return;
  }
  if (pt.ptp > 0) {
    pre.tp = pt.ptp;
    pre.pp = pt.ppp;
  }
  pre.dp = Math.max(1, Math.floor(pt.prefillDevices / (pre.tp * pre.pp)));
  pre.ep = pt.ptp > 0 ? Math.min(pt.pep, pre.tp * pre.dp) : Math.min(pt.ep, pt.tp * pre.dp);
}

/** Accepted tokens per speculative step: (1 − a^(k+1)) / (1 − a), k + 1 when a = 1. */
export const tokensPerSpecStep = (k: number, a: number): number =>
  k === 0 ? 1 : a >= 1 ? k + 1 : (1 - Math.pow(a, k + 1)) / (1 - a);

/** A step's table, shape and totals: kept so the explained path can read them after the numbers. */
export interface StepScratch {
  T: OpTable;
  X: StepShape;
  R: StepTotals;
  /** The other candidate when dual micro-batch is weighed against one micro-batch. */
  T2: OpTable;
  X2: StepShape;
  R2: StepTotals;
}

/**
 * Everything one evaluation of a point writes besides its result: the step tables of decode, one
 * prompt's prefill and a prefill chunk, the decode and prefill layouts and phases, and the token
 * count handed to runBest. A compiled family owns one for its fast path (scratchOf) and one for
 * its explained path (explainedScratchOf); nothing lives at module level, so two families, or two
 * workers, never share one. The engine is synchronous: one evaluation at a time per scratch.
 */
export interface PointScratch {
  decode: StepScratch;
  ttft: StepScratch;
  chunk: StepScratch;
  dec: Layout;
  pre: Layout;
  decodePhase: { kind: 'decode'; context: number };
  prefillPhase: { kind: 'prefill'; seq: number; cached: number };
  /**
   * Tokens per replica of the next runBest: a number passed to a call that is not inlined is boxed
   * (an allocation per step), one kept in a typed array is not.
   */
  stepTokens: Float64Array;
}
const stepScratch = (detail: boolean): StepScratch => ({
  T: new OpTable(detail),
  X: newShape(),
  R: emptyTotals(),
  T2: new OpTable(detail),
  X2: newShape(),
  R2: emptyTotals(),
});

/** Scratch tables; `detail` keeps every operator column for explanation (the search needs only times). */
export const newPointScratch = (detail = true): PointScratch => ({
  decode: stepScratch(detail),
  ttft: stepScratch(detail),
  chunk: stepScratch(detail),
  dec: { devices: 1, tp: 1, pp: 1, dp: 1, ep: 1 },
  pre: { devices: 1, tp: 1, pp: 1, dp: 1, ep: 1 },
  decodePhase: { kind: 'decode', context: 1 },
  prefillPhase: { kind: 'prefill', seq: 1, cached: 0 },
  stepTokens: new Float64Array(1),
});

/** The family's fast-path scratch (made on first use). */
export function scratchOf(f: Family): PointScratch {
  return (f.scratch ??= newPointScratch(false));
}

/** The family's explained-path scratch: every operator column kept (made on first use). */
export function explainedScratchOf(f: Family): PointScratch {
  return (f.explainedScratch ??= newPointScratch(true));
}

/**
 * Dual micro-batch where it helps: with it enabled, a step runs as two overlapped micro-batches only
 * when that is faster than one — at small batches two half-batches read every weight twice and lose
 * (a serving engine enables two-batch overlap above a threshold). The winner ends in sc.T/X/R.
 */
function runBest(
  f: Family,
  ps: PointScratch,
  sc: StepScratch,
  lay: Layout,
  phase: Phase,
  allowDual: boolean,
): StepTotals {
  const n = ps.stepTokens[0]!;
  runStep(f, shapeFor(sc.X, lay, n, phase, false), sc.T, sc.R);
  if (!allowDual || n < 2) return sc.R;
  runStep(f, shapeFor(sc.X2, lay, n, phase, true), sc.T2, sc.R2);
  if (sc.R2.total < sc.R.total) {
    [sc.T, sc.T2] = [sc.T2, sc.T];
    [sc.X, sc.X2] = [sc.X2, sc.X];
    [sc.R, sc.R2] = [sc.R2, sc.R];
  }
  return sc.R;
}

/** Tokens per replica in a decode step at this batch (never below one sequence on one replica). */
export const decodeTokens = (pt: Point, dp: number, pp: number): number =>
  Math.max(pt.batch / dp / pp, 1 / dp) * (pt.specDraft > 0 ? pt.specDraft + 1 : 1);

function decode(f: Family, pt: Point, out: PointResult, ps: PointScratch): void {
  const phase = ps.decodePhase;
  phase.context = pt.promptTokens + pt.outputTokens / 2;
  const n = decodeTokens(pt, ps.dec.dp, ps.dec.pp);
  ps.stepTokens[0] = n;
  const sc = ps.decode;
  const R = runBest(f, ps, sc, ps.dec, phase as Phase, pt.dual);
  const X = sc.X;
  let total = R.total;
  const perStep = tokensPerSpecStep(pt.specDraft, pt.specAccept);
  // Each draft token runs one extra transformer block (an MTP module or a tiny draft model).
  if (pt.specDraft > 0) total += (pt.specDraft * (R.total - R.overhead)) / f.model.numLayers;
  out.decodeTokens = n;
  out.decodeDual = X.dual;
  out.decodeStepS = R.total;
  out.decodeBound = R.bound;
  out.tokensPerStep = perStep;
  out.tpotS = total / perStep;
  out.communicationBoundS = R.communicationBound / perStep;
  out.outputTokensPerSecond = pt.batch / out.tpotS;
}

function prefill(f: Family, pt: Point, out: PointResult, ps: PointScratch): void {
  const P = pt.promptTokens;
  const computed = Math.max(1, Math.round(P * (1 - pt.prefixHit)));
  const phase = ps.prefillPhase;
  phase.seq = P;
  phase.cached = P - computed;
  const t = ps.ttft;
  runStep(f, shapeFor(t.X, ps.pre, computed, phase as Phase, false), t.T, t.R);
  out.ttftTokens = computed;
  out.ttftS = t.R.total;
  const chunk = Math.max(computed, 8192);
  ps.stepTokens[0] = chunk;
  const chunkS =
    chunk === computed && !pt.dual ? t.R.total : runBest(f, ps, ps.chunk, ps.pre, phase as Phase, pt.dual).total;
  out.prefillTokensPerSecond = (chunk / chunkS) * ps.pre.dp;
  out.inputTokensPerSecond = out.prefillTokensPerSecond / Math.max(1e-9, 1 - pt.prefixHit);
}

/** `prompts` prompts of the point's length on one prefill replica, as one step (the fast-path scratch). */
function promptStep(f: Family, pt: Point, prompts: number): number {
  const ps = scratchOf(f);
  layoutsOf(pt, ps.dec, ps.pre);
  const computed = Math.max(1, Math.round(pt.promptTokens * (1 - pt.prefixHit)));
  const phase = ps.prefillPhase;
  phase.seq = pt.promptTokens;
  phase.cached = pt.promptTokens - computed;
  const t = ps.ttft;
  return runStep(f, shapeFor(t.X, ps.pre, computed * prompts, phase as Phase, false), t.T, t.R).total;
}

/** One prompt of the point's prompt length alone on a prefill replica: its time to first token (s). */
export const evaluateTtft = (f: Family, pt: Point): number => promptStep(f, pt, 1);

/**
 * `prompts` prompts of the point's length arriving together on one prefill replica, prefilled as
 * one batch: the time until the last of them has its first token (s). Prefill of a batch costs
 * what its tokens cost — four 2,048-token prompts take about four times one.
 */
export const evaluateBurstPrefill = (f: Family, pt: Point, prompts: number): number =>
  promptStep(f, pt, Math.max(1, prompts));

/** The prefill replicas' layout of a point (for callers that size transfers to it). */
export function prefillLayoutOf(pt: Point): Layout {
  const dec: Layout = { devices: 1, tp: 1, pp: 1, dp: 1, ep: 1 };
  const pre: Layout = { ...dec };
  layoutsOf(pt, dec, pre);
  return pre;
}

/** The decode side of a point only (batch sweeps), on the family's fast-path scratch. */
export function evaluateDecode(f: Family, pt: Point, out: PointResult): PointResult {
  const ps = scratchOf(f);
  layoutsOf(pt, ps.dec, ps.pre);
  decode(f, pt, out, ps);
  return out;
}

/** Evaluates a point of family `f` into `out` (reused between calls; no allocation). */
export function evaluatePoint(
  f: Family,
  pt: Point,
  price: Pricing,
  capacity: number,
  out: PointResult,
  sc: PointScratch = scratchOf(f),
  fPre: Family = f,
): PointResult {
  layoutsOf(pt, sc.dec, sc.pre);
  decode(f, pt, out, sc);
  // A heterogeneous prefill pool (another system) times its steps with its own family.
  prefill(fPre, pt, out, sc);
  const ctx = pt.promptTokens + pt.outputTokens;
  memoryNumbers(f.memory, sc.dec, capacity, pt.batch, ctx, pt.promptTokens, out.memory);
  out.fits = out.memory.total <= capacity;
  const usd = price.usdPerDeviceHour;
  out.costPerMillionOutputUSD =
    usd === null ? Number.NaN : ((usd * pt.decodeDevices) / SECONDS_PER_HOUR / out.outputTokensPerSecond) * MEGA;
  out.costPerMillionInputUSD =
    usd === null ? Number.NaN : ((usd * pt.prefillDevices) / SECONDS_PER_HOUR / out.inputTokensPerSecond) * MEGA;
  out.energyPerOutputTokenJ =
    price.wattsPerDevice === null ? Number.NaN : (price.wattsPerDevice * pt.decodeDevices) / out.outputTokensPerSecond;
  return out;
}
