/**
 * The design-space search: every candidate copy (space.ts) is timed over a log-spaced sweep of
 * decode batches with the engine's fast path, and each batch becomes an operating point of the
 * serving loop (queueing.ts): the arrival rate one copy sustains there, its TPOT and TTFT
 * percentiles. Candidates that cannot hold one sequence per replica are dropped before any
 * timing; a candidate whose smallest batch already misses an SLO is not swept further (TPOT and
 * TTFT only grow with the batch), and is swept in full later only if the SLOs are loosened.
 * Judging a swept candidate against SLOs needs no engine call (judge.ts), so changing an SLO
 * re-filters the stored curves. The curve's rows are laid out in curve.ts; what the search prepares
 * once (its context, settings, points and prices) is search-context.ts.
 */
import { prefillLayoutOf, type Point } from '../inference/point';
import type { PlanContext } from '../plan/context';
import { compileFamily, type Family } from '../inference/family';
import { linkIssues } from '../inference/checks';
import { memoryNumbers } from '../inference/memory';
import type { Layout } from '../inference/step';
import type { Accelerator } from '../schema/hardware';
import { decodeAt, loadModelFor } from '../serving/load';
import { operatingPoint, ttftQuantile, type OperatingPoint } from '../serving/queueing';
import { Z_OF } from '../schema/distribution';
import { tpotTargetS, type Slo } from '../schema/sizing';
import type { Candidate } from './space';
import type { Bound } from '../inference/roofline';
import { MILLI } from '../units';
import type { DecodeCurve } from '../serving/step-reuse';
import { bandOf, pessimisticEdge } from '../serving/bands';
import { COL, NCOL, SWEEP_POINTS, type Evaluated, type Reason } from './curve';
import {
  blendedPrice,
  CHUNK,
  hourlyOf,
  nextChunk,
  pointOf,
  settingsOf,
  type SearchContext,
  type SearchScratch,
} from './search-context';

/** Batches swept: log-spaced from one sequence per replica to the largest that fits (into ss.batches; returns how many). */
function batches(ss: SearchScratch, lo: number, hi: number): number {
  const swept = ss.swept;
  if (swept[0] === lo && swept[1] === hi) return swept[2]!;
  swept[0] = lo;
  swept[1] = hi;
  swept[2] = sweptBatches(ss.batches, lo, hi);
  return swept[2];
}

function sweptBatches(BATCHES: Float64Array, lo: number, hi: number): number {
  let n = 0;
  for (let i = 0; i < SWEEP_POINTS; i++) {
    const b = Math.round(lo * Math.pow(hi / lo, i / (SWEEP_POINTS - 1)));
    if (b >= lo && b <= hi && (n === 0 || b !== BATCHES[n - 1])) BATCHES[n++] = b;
  }
  return n;
}

function writeRow(OP: OperatingPoint, curve: Float64Array, k: number): void {
  const o = k * NCOL;
  curve[o + COL.batch] = OP.batch;
  curve[o + COL.lambda] = OP.lambda;
  curve[o + COL.tpot] = OP.tpotS;
  curve[o + COL.ttftMu] = OP.ttftMu;
  curve[o + COL.ttftSigma] = OP.ttftSigma;
  curve[o + COL.ttftMean] = OP.ttftMeanS;
  curve[o + COL.stable] = OP.stable ? 1 : 0;
}

/** Times one candidate: memory, prefill service, and the operating points of its batch sweep. */
export function evaluateCandidate(sc: SearchContext, c: Candidate, slo: Slo | null): Evaluated {
  const s = sc.systems.get(c.systemId)!;
  const f = compileFamily(s.ctx, settingsOf(sc, c));
  const host = prefillHostOf(sc, c, f);
  const ev: Evaluated = {
    cand: c,
    usdPerDeviceHour: host.usdPerDeviceHour,
    capexPerDeviceUSD: host.capexPerDeviceUSD,
    maxBatch: 0,
    curve: EMPTY_CURVE,
    points: 0,
    structural: null,
    prunedWith: null,
    model: null,
  };
  const pt = pointOf(sc, c, 1);
  const lay = { devices: c.decodeDevices, tp: c.tp, pp: c.pp, dp: c.dp, ep: c.ep };
  const maxBatch = maxBatchOf(sc, f, lay, s.acc, pt);
  // A structural reject keeps maxBatch 0 (it is never swept).
  if (maxBatch < c.dp || !host.fits) ev.structural = 'does-not-fit';
  else if (!(f.scaleUp.bandwidth > 0 && f.scaleOut.bandwidth > 0) && missesLink(sc.scratch, f, lay))
    ev.structural = 'unknown-link';
  else {
    ev.maxBatch = maxBatch;
    const scale = { decode: sizingScale(sc, s.ctx, f).decode, prefill: sizingScale(sc, host.ctx, host.f).prefill };
    ev.model = loadModelFor(f, pt, sc.workload, sc.scratch.load, scale, { f: host.f });
    sweep(sc.scratch, f, pt, c, ev, slo);
  }
  return ev;
}

/** The most sequences a pool's memory holds at the workload's mean lengths. */
function maxBatchOf(sc: SearchContext, f: Family, lay: Layout, acc: Accelerator, pt: Point): number {
  const cap = acc.memoryBytes.value ?? 0;
  const total = pt.promptTokens + pt.outputTokens;
  return memoryNumbers(f.memory, lay, cap, 1, total, pt.promptTokens, sc.scratch.mem).maxBatch;
}

/**
 * Where a candidate's prompts run: its own system, or (heterogeneous disaggregation) another
 * searched system's family, whose pool must hold the weights and a sequence per replica; the
 * device prices are the two pools' blended by their devices (so devices × price is the copy's).
 */
function prefillHostOf(sc: SearchContext, c: Candidate, f: Family) {
  const own = sc.systems.get(c.systemId)!;
  const same = {
    f,
    ctx: own.ctx,
    fits: true,
    usdPerDeviceHour: hourlyOf(sc, c.systemId),
    capexPerDeviceUSD: own.acc.price.purchaseUSD.value,
  };
  if (c.prefillSystemId === c.systemId) return same;
  const o = sc.systems.get(c.prefillSystemId)!;
  const fPre = compileFamily(o.ctx, settingsOf(sc, c));
  const pt = pointOf(sc, c, 1);
  const pre = prefillLayoutOf(pt);
  const fits = maxBatchOf(sc, fPre, pre, o.acc, pt) >= pre.dp;
  const blend = (d: number | null, p: number | null) => blendedPrice(c, d, p);
  return {
    f: fPre,
    ctx: o.ctx,
    fits,
    usdPerDeviceHour: blend(same.usdPerDeviceHour, hourlyOf(sc, c.prefillSystemId)),
    capexPerDeviceUSD: blend(same.capexPerDeviceUSD, o.acc.price.purchaseUSD.value),
  };
}

const EMPTY_CURVE = new Float64Array(0);

const ESTIMATE = Object.freeze({ decode: 1, prefill: 1 });

/**
 * The step-time factors a candidate is sized at: 1 (the estimate), or with slo.sizeAt
 * 'pessimistic' 1 + the 90th percentile of its class's error band (decode for the decode step,
 * prefill for the prompt's), never below 1.
 */
export function sizingScale(sc: SearchContext, ctx: PlanContext, f: Family): { decode: number; prefill: number } {
  if (sc.spec.slo.sizeAt !== 'pessimistic') return ESTIMATE;
  const edge = (m: 'decode' | 'prefill'): number => pessimisticEdge(bandOf(ctx.errorBands, f, m));
  return { decode: edge('decode'), prefill: edge('prefill') };
}

/** Whether the layout needs a link the system preset gives no bandwidth for (linkIssues, kept per family and layout). */
function missesLink(
  ss: SearchScratch,
  f: Family,
  lay: { tp: number; pp: number; ep: number; dp: number; devices: number },
): boolean {
  let byLayout = ss.links.get(f);
  if (!byLayout) ss.links.set(f, (byLayout = new Map()));
  // linkIssues reads TP, PP and EP only; TP ≤ 64 and PP ≤ 8 (space.ts)
  const key = (lay.ep * 128 + lay.tp) * 16 + lay.pp;
  let miss = byLayout.get(key);
  if (miss === undefined) byLayout.set(key, (miss = linkIssues(f, lay, 'x').length > 0));
  return miss;
}

/** Decode row k of the current group (timed when no earlier configuration of the group asked for it). */
function decodeRow(ss: SearchScratch, f: Family, pt: Point, k: number, dc: DecodeCurve): void {
  if (k < dc.filled && ss.reuse) return;
  const d = decodeAt(f, pt, ss.batches[k]!, ss.load);
  dc.tpotS[k] = d.tpotS;
  dc.stepS[k] = d.stepS;
  dc.bound[k] = d.bound;
  dc.filled = k + 1;
}

/** A copy of the first `rows` rows of the sweep being filled (ss.rows), cut from the arena. */
function keepCurve(ss: SearchScratch, rows: number): Float64Array {
  const len = rows * NCOL;
  const ARENA = ss.arena;
  const ROWS = ss.rows;
  if (ARENA.used + len > CHUNK) {
    ARENA.chunk = nextChunk(ARENA);
    ARENA.used = 0;
  }
  // A view made by the constructor, not subarray() (which looks up the species constructor).
  const curve = new Float64Array(ARENA.chunk.buffer, ARENA.used * Float64Array.BYTES_PER_ELEMENT, len);
  ARENA.used += len;
  for (let i = 0; i < len; i++) curve[i] = ROWS[i]!;
  return curve;
}

/**
 * Gives the arena back the space of `ev`'s curve when it was the last one cut and nothing will
 * read it again (a one-thread search whose summary did not keep the candidate): the next curve is
 * written over it, so a search that holds no curve touches one chunk, not a fresh one every
 * 8,000 candidates (fresh memory the kernel must zero, and external memory that starts a full
 * garbage collection every ~64 MB).
 */
export function releaseCurve(ss: SearchScratch, ev: Evaluated): void {
  const ARENA = ss.arena;
  const c = ev.curve;
  if (c.length === 0 || c.buffer !== ARENA.chunk.buffer) return;
  const start = c.byteOffset / Float64Array.BYTES_PER_ELEMENT;
  if (start + c.length === ARENA.used) ARENA.used = start;
}

/** Fills ev's curve with the batch sweep (only its first row when that already misses an SLO). */
function sweep(ss: SearchScratch, f: Family, pt: Point, c: Candidate, ev: Evaluated, slo: Slo | null): void {
  const n = batches(ss, c.dp, ev.maxBatch);
  const dc = ss.decode.use(f, pt, ev.maxBatch, ss.reuse);
  const OP = ss.op;
  // Under mixed scheduling a copy's rate peaks with the batch (load.ts peakBatch): a batch past the
  // peak, or on its plateau (less than 0.1% more rate than the batch swept before), carries no more
  // than a smaller batch at a better TPOT, and a copy at that rate runs at the smaller one.
  const peaks = ev.model!.mixed && ev.model!.aggregated;
  let peak = 0;
  for (let k = 0; k < n; k++) {
    decodeRow(ss, f, pt, k, dc);
    operatingPoint(ev.model!, ss.batches[k]!, dc.tpotS[k]!, dc.stepS[k]!, OP, false);
    if (peaks && OP.lambda < peak * 1.001) OP.stable = false;
    else peak = OP.lambda;
    writeRow(OP, ss.rows, k);
    if (k === 0 && slo) {
      const cut = cutShort(ss, slo, dc.bound[0]!);
      if (cut) {
        ev.curve = keepCurve(ss, 1);
        ev.points = 1;
        ev.prunedWith = cut;
        return;
      }
    }
  }
  ev.curve = keepCurve(ss, n);
  ev.points = n;
}

/** The cut-short record of the last SLOs for a reason (shared: a large search cuts many short). */
function prunedRecord(
  PRUNED: SearchScratch['pruned'],
  tpotS: number,
  ttftS: number,
  ttftZ: number,
  reason: Reason,
): NonNullable<Evaluated['prunedWith']> {
  let r = PRUNED.get(reason);
  if (!r || r.tpotS !== tpotS || r.ttftS !== ttftS || r.ttftZ !== ttftZ)
    PRUNED.set(reason, (r = Object.freeze({ tpotS, ttftS, ttftZ, reason })));
  return r;
}

/** At the smallest batch: does the candidate already miss an SLO (so every larger batch does)? */
function cutShort(ss: SearchScratch, slo: Slo, bound: Bound): Evaluated['prunedWith'] {
  const OP = ss.op;
  const tpotS = tpotTargetS(slo);
  const ttftS = slo.ttftMs * MILLI;
  const z = Z_OF[slo.ttftPercentile];
  if (OP.tpotS > tpotS)
    return prunedRecord(ss.pruned, tpotS, ttftS, z, bound === 'communication' ? 'network-bound' : 'tpot-slo');
  if (ttftQuantile(OP.ttftMu, OP.ttftSigma, z) > ttftS) return prunedRecord(ss.pruned, tpotS, ttftS, z, 'ttft-slo');
  return null;
}
