/**
 * The design-space search: every candidate copy (space.ts) is timed over a log-spaced sweep of
 * decode batches with the engine's fast path, and each batch becomes an operating point of the
 * serving loop (queueing.ts): the arrival rate one copy sustains there, its TPOT and TTFT
 * percentiles. Candidates that cannot hold one sequence per replica are dropped before any
 * timing; a candidate whose smallest batch already misses an SLO is not swept further (TPOT and
 * TTFT only grow with the batch), and is swept in full later only if the SLOs are loosened.
 * Judging a swept candidate against SLOs needs no engine call (judge.ts), so changing an SLO
 * re-filters the stored curves.
 */
import { NO_PREFILL_LAYOUT, prefillLayoutOf } from '../inference/point';
import { resolvePlan, type Catalog, type PlanContext } from '../plan/context';
import { migratePlanObject } from '../schema/migrations';
import type { InferenceSettings } from '../schema/plan';
import { compileFamily, type Family } from '../inference/family';
import { linkIssues } from '../inference/checks';
import { emptyMemory, memoryNumbers, type MemoryNumbers } from '../inference/memory';
import type { Point } from '../inference/point';
import type { Layout } from '../inference/step';
import { rentalRate, type Accelerator, type SystemSpec } from '../schema/hardware';
import type { ModelArchitecture } from '../schema/model';
import { moments, shiftedBy } from '../schema/distribution';
import { imageTokensPerRequest } from '../model/vision';
import { decodeAt, loadModelFor, newLoadScratch, type LoadScratch, type Workload } from '../serving/load';
import {
  emptyOperatingPoint,
  operatingPoint,
  ttftQuantile,
  type LoadModel,
  type OperatingPoint,
} from '../serving/queueing';
import { Z_OF } from '../schema/distribution';
import {
  parseSizingSpec,
  SizingSpecError,
  tpotTargetS,
  type SizingSpec,
  type Slo,
  type SloPercentile as Percentile,
} from '../schema/sizing';
import { countCandidates, enumerateCandidates, forEachCandidate, type Candidate, type ShareOf } from './space';
import type { Bound } from '../inference/roofline';
import { MILLI } from '../units';
import { kvBytesPerElement } from '../precision';
import { DecodeCurveMemo, type DecodeCurve } from '../serving/step-reuse';
import { bandOf, pessimisticEdge } from '../serving/bands';

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

export interface SearchContext {
  spec: SizingSpec;
  model: ModelArchitecture;
  workload: Workload;
  systems: Map<string, { sys: SystemSpec; acc: Accelerator; ctx: PlanContext }>;
  settings: Map<string, InferenceSettings>;
  /** Mean text prompt (tokens), and the image tokens every prompt adds (a vision-language model's; else 0). */
  promptMean: number;
  imageTokens: number;
  outputMean: number;
  /** What the search writes besides its results (SearchScratch): one per search, none at module level. */
  scratch: SearchScratch;
}

/**
 * The search's working memory: the batches of the last sweep and the rows being filled, the arena
 * curves are cut from, the decode curves and prefills neighbouring configurations share
 * (serving/step-reuse.ts; `reuse` off times every step afresh, as the reuse tests compare), the
 * settings of the last candidate, the cut-short records, and which layouts miss a link. A worker
 * parked between searches lets go of it with the search context.
 */
export interface SearchScratch {
  reuse: boolean;
  load: LoadScratch;
  decode: DecodeCurveMemo;
  batches: Float64Array;
  /** The bounds and count of the batches now in `batches` (neighbouring candidates sweep the same). */
  swept: Float64Array;
  rows: Float64Array;
  arena: { chunk: Float64Array; used: number };
  mem: MemoryNumbers;
  op: OperatingPoint;
  /** The operating point a ranked entry's refinement works on (sizing/summary.ts). */
  refine: OperatingPoint;
  pruned: Map<Reason, NonNullable<Evaluated['prunedWith']>>;
  links: Map<Family, Map<number, boolean>>;
  last: {
    weights: Candidate['weights'] | '';
    compute: Candidate['compute'] | '';
    stack: Candidate['stack'] | '';
    kvCache: Candidate['kvCache'] | null;
    kvOffload: boolean;
    settings: InferenceSettings | null;
  };
}

export const newSearchScratch = (reuse = true): SearchScratch => ({
  reuse,
  load: newLoadScratch(reuse),
  decode: new DecodeCurveMemo(SWEEP_POINTS),
  batches: new Float64Array(SWEEP_POINTS),
  swept: new Float64Array(3),
  rows: new Float64Array(SWEEP_POINTS * NCOL),
  arena: { chunk: new Float64Array(CHUNK), used: 0 },
  mem: emptyMemory(),
  op: emptyOperatingPoint(),
  refine: emptyOperatingPoint(),
  pruned: new Map(),
  links: new Map(),
  last: { weights: '', compute: '', stack: '', kvCache: null, kvOffload: false, settings: null },
});

export function prepareSearch(specRaw: SizingSpec, catalog: Catalog): SearchContext {
  const spec = parseSizingSpec(specRaw);
  const model = spec.model ?? catalog.models.find((m) => m.id === spec.modelId);
  if (!model)
    throw new SizingSpecError(`modelId: "${spec.modelId}" is not a model preset and the spec has no inline model`);
  // The search's fast path times autoregressive decode steps: a diffusion sampler or a BLT's parts
  // are timed plan by plan (inference/diffusion.ts, inference/blt.ts), not searched.
  if (model.kind === 'diffusion')
    throw new SizingSpecError(
      `modelId: ${model.name} is a diffusion language model: the search does not cover its sampler; evaluate it as a plan`,
    );
  if (model.kind === 'blt')
    throw new SizingSpecError(
      `modelId: ${model.name} is a Byte Latent Transformer: the search does not cover its byte-level parts; evaluate it as a plan`,
    );
  const systems = new Map<string, { sys: SystemSpec; acc: Accelerator; ctx: PlanContext }>();
  for (const id of spec.constraints.systems) {
    const sys = catalog.systems.find((s) => s.id === id);
    if (!sys) throw new SizingSpecError(`constraints.systems: "${id}" is not a system preset or one of yours`);
    const plan = migratePlanObject({
      schemaVersion: 1,
      id: 'sizing',
      name: 'sizing',
      kind: 'inference',
      modelId: model.id,
      model,
      systemId: id,
      devices: 1,
      inference: {
        parallelism: {},
        precision: {},
        workload: { promptTokens: 1, outputTokens: 1, concurrentRequests: 1 },
      },
    });
    const ctx = resolvePlan(plan, catalog);
    systems.set(id, { sys, acc: ctx.accelerator, ctx });
  }
  // A vision-language model's images join every prompt as tokens (model/vision.ts); its tower runs in prefill.
  const imageTokens = imageTokensPerRequest(model, spec.workload.images);
  const workload: Workload = {
    prompt: shiftedBy(spec.workload.prompt, imageTokens),
    output: spec.workload.output,
    prefixHit: spec.workload.prefixCacheHitRate,
  };
  return {
    spec,
    model,
    workload,
    systems,
    settings: new Map(),
    promptMean: moments(spec.workload.prompt).mean,
    imageTokens,
    outputMean: moments(spec.workload.output).mean,
    scratch: newSearchScratch(),
  };
}

export const candidatesOf = (sc: SearchContext): Candidate[] =>
  enumerateCandidates(sc.spec, sc.model, [...sc.systems.values()]);

/** Each candidate in enumeration order, none held; and how many there are. */
export const eachCandidate = (sc: SearchContext, fn: (c: Candidate, index: number) => void, only?: ShareOf): void =>
  forEachCandidate(sc.spec, sc.model, [...sc.systems.values()], fn, only);
export const candidateCount = (sc: SearchContext): number =>
  countCandidates(sc.spec, sc.model, [...sc.systems.values()]);

/** The inference settings a candidate runs with (one object per combination, so families are reused). */
export function settingsOf(sc: SearchContext, c: Candidate): InferenceSettings {
  // Neighbouring candidates share their settings: compare with the last one before building a key.
  const last = sc.scratch.last;
  if (
    last.settings !== null &&
    last.weights === c.weights &&
    last.compute === c.compute &&
    last.kvCache === c.kvCache &&
    last.kvOffload === c.kvOffload &&
    last.stack === c.stack
  )
    return last.settings!;
  // The engine reads a KV format only through its bytes per element (inference/family.ts kvBpe and
  // kvPerTokLayer, inference/memory.ts): formats of one size share settings, hence one family and
  // its steps (test/unit/sizing-reuse.test.ts checks the engine's numbers are equal). The settings
  // name the first such format; only compileFamily reads them.
  const key = `${c.weights}|${c.compute}|${kvBytesPerElement(c.kvCache)}|${c.kvOffload}|${c.stack}`;
  let s = sc.settings.get(key);
  if (!s) {
    s = {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1, replicas: 1 },
      precision: {
        weights: c.weights,
        compute: c.compute,
        kvCache: c.kvCache,
        dispatch: c.compute === 'bf16' ? 'bf16' : 'fp8',
        combine: 'bf16',
      },
      workload: {
        promptTokens: 1,
        outputTokens: 1,
        concurrentRequests: 1,
        prefixCacheHitRate: 0,
        ...(sc.spec.workload.images ? { images: sc.spec.workload.images } : {}),
      },
      serving: {
        stack: { name: c.stack, version: null },
        disaggregation: null,
        dualMicroBatch: c.dual,
        speculative: null,
        kvOffload: c.kvOffload,
        expertOffload: false,
        mlaAbsorbed: true,
        runtimeReserveFraction: 0.1,
        commSmFraction: 20 / 132,
      },
      moe: { loadImbalance: 1.2, redundantExperts: 0 },
      network: { epTier: 'auto', includeLatency: true, fabric: 'ib' },
      stepOverheadS: null,
    };
    sc.settings.set(key, s);
  }
  last.weights = c.weights;
  last.compute = c.compute;
  last.kvCache = c.kvCache;
  last.kvOffload = c.kvOffload;
  last.stack = c.stack;
  last.settings = s;
  return s;
}

/** A prefill pool as TP1 with attention DP and EP over its devices (Candidate.prefillTp = 1). */
const prefillDpLayout = (c: Candidate) => ({ ptp: 1, ppp: 1, pdp: c.prefillDevices, pep: c.prefillDevices });

export function pointOf(sc: SearchContext, c: Candidate, batch: number): Point {
  return {
    tp: c.tp,
    pp: c.pp,
    dp: c.dp,
    ep: c.ep,
    decodeDevices: c.decodeDevices,
    prefillDevices: c.prefillDevices,
    disaggregated: c.disaggregated,
    batch,
    promptTokens: Math.max(1, Math.round(sc.promptMean)) + sc.imageTokens,
    outputTokens: Math.max(1, Math.round(sc.outputMean)),
    prefixHit: sc.workload.prefixHit,
    dual: c.dual,
    specDraft: c.spec?.draftTokens ?? 0,
    specAccept: c.spec?.acceptanceRate ?? 0,
    ...(c.prefillTp > 0 ? prefillDpLayout(c) : NO_PREFILL_LAYOUT),
  };
}

export const SWEEP_POINTS = 16;

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

/** A system's $ per device-hour: the spec's override, else its price book entry (null: no price). */
export const hourlyOf = (sc: SearchContext, id: string): number | null =>
  sc.spec.constraints.usdPerDeviceHour[id] ?? rentalRate(sc.systems.get(id)!.acc, sc.spec.constraints.rentalTerm);

/** Decode's and prefill's per-device prices blended by their devices (null when either is unknown). */
export const blendedPrice = (c: Candidate, decode: number | null, prefill: number | null): number | null =>
  decode === null || prefill === null ? null : (decode * c.decodeDevices + prefill * c.prefillDevices) / c.devices;

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

/**
 * Curves are views of shared chunks of CHUNK numbers: a typed array per candidate costs an
 * allocation outside the heap and the collector's bookkeeping each, hundreds of thousands in a
 * large search. A chunk lives as long as a curve in it does.
 */
const CHUNK = 1 << 16;

/** A copy of the first `rows` rows of the sweep being filled (ss.rows), cut from the arena. */
function keepCurve(ss: SearchScratch, rows: number): Float64Array {
  const len = rows * NCOL;
  const ARENA = ss.arena;
  const ROWS = ss.rows;
  if (ARENA.used + len > CHUNK) {
    ARENA.chunk = new Float64Array(CHUNK);
    ARENA.used = 0;
  }
  // A view made by the constructor, not subarray() (which looks up the species constructor).
  const curve = new Float64Array(ARENA.chunk.buffer, ARENA.used * Float64Array.BYTES_PER_ELEMENT, len);
  ARENA.used += len;
  for (let i = 0; i < len; i++) curve[i] = ROWS[i]!;
  return curve;
}

/** Fills ev's curve with the batch sweep (only its first row when that already misses an SLO). */
function sweep(ss: SearchScratch, f: Family, pt: Point, c: Candidate, ev: Evaluated, slo: Slo | null): void {
  const n = batches(ss, c.dp, ev.maxBatch);
  const dc = ss.decode.use(f, pt, ev.maxBatch, ss.reuse);
  const OP = ss.op;
  for (let k = 0; k < n; k++) {
    decodeRow(ss, f, pt, k, dc);
    operatingPoint(ev.model!, ss.batches[k]!, dc.tpotS[k]!, dc.stepS[k]!, OP, false);
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

export type { Candidate } from './space';
