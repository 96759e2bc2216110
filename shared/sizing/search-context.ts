/**
 * What a design-space search prepares once and reads per candidate: the spec parsed, the model,
 * the searched systems resolved to plan contexts, the workload (a vision-language model's image
 * tokens joined to every prompt), and the search's working memory (SearchScratch); per candidate,
 * the inference settings it runs with (shared between candidates that differ only in layout), its
 * point for the engine's fast path, and its systems' prices per device-hour.
 */
import { NO_PREFILL_LAYOUT, type Point } from '../inference/point';
import { resolvePlan, type Catalog, type PlanContext } from '../plan/context';
import { migratePlanObject } from '../schema/migrations';
import type { InferenceSettings } from '../schema/plan';
import type { Family } from '../inference/family';
import { emptyMemory, type MemoryNumbers } from '../inference/memory';
import { rentalRate, type Accelerator, type SystemSpec } from '../schema/hardware';
import type { ModelArchitecture } from '../schema/model';
import { moments, shiftedBy } from '../schema/distribution';
import { imageTokensPerRequest } from '../model/vision';
import { newLoadScratch, type LoadScratch, type Workload } from '../serving/load';
import { emptyOperatingPoint, type OperatingPoint } from '../serving/queueing';
import { parseSizingSpec, SizingSpecError, type SizingSpec } from '../schema/sizing';
import { countCandidates, enumerateCandidates, forEachCandidate, type Candidate, type ShareOf } from './space';
import { kvBytesPerElement } from '../precision';
import { DecodeCurveMemo } from '../serving/step-reuse';
import { NCOL, SWEEP_POINTS, type Evaluated, type Reason } from './curve';

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
  arena: Arena;
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

/**
 * Curves are views of shared chunks of CHUNK numbers: a typed array per candidate costs an
 * allocation outside the heap and the collector's bookkeeping each, hundreds of thousands in a
 * large search. A chunk lives as long as a curve in it does.
 */
export const CHUNK = 1 << 16;

/**
 * Chunks a finished search gave back, for the next search of the same worker (ChunkPool.take).
 * A worker that keeps its share's curves fills ~130 MB of fresh chunks per reference search:
 * memory the kernel zeroes on first touch, and external memory that starts a full garbage
 * collection every ~64 MB; reused chunks cost neither. Owned by whoever runs the searches one
 * after another (a search worker), never module-level; it holds at most what one search used.
 */
export class ChunkPool {
  private readonly free: Float64Array[] = [];
  /** A chunk: a given-back one (its old numbers are written over before they are read), else a new one. */
  take(): Float64Array {
    return this.free.pop() ?? new Float64Array(CHUNK);
  }
  /** Takes back chunks no curve will be read from again. */
  give(chunks: readonly Float64Array[]): void {
    for (const c of chunks) this.free.push(c);
  }
  get size(): number {
    return this.free.length;
  }
}

/** The chunk curves are cut from, and (with a pool) every chunk this search took, to give back. */
export interface Arena {
  chunk: Float64Array;
  used: number;
  pool: ChunkPool | null;
  chunks: Float64Array[];
}

/** The arena's next chunk (from its pool when it has one). */
export function nextChunk(a: Arena): Float64Array {
  if (!a.pool) return new Float64Array(CHUNK);
  const c = a.pool.take();
  a.chunks.push(c);
  return c;
}

const NO_CHUNK = new Float64Array(0);
const newArena = (pool: ChunkPool | null): Arena => {
  const a: Arena = { chunk: NO_CHUNK, used: 0, pool, chunks: [] };
  a.chunk = nextChunk(a);
  return a;
};

export const newSearchScratch = (reuse = true, pool: ChunkPool | null = null): SearchScratch => ({
  reuse,
  load: newLoadScratch(reuse),
  decode: new DecodeCurveMemo(SWEEP_POINTS),
  batches: new Float64Array(SWEEP_POINTS),
  swept: new Float64Array(3),
  rows: new Float64Array(SWEEP_POINTS * NCOL),
  arena: newArena(pool),
  mem: emptyMemory(),
  op: emptyOperatingPoint(),
  refine: emptyOperatingPoint(),
  pruned: new Map(),
  links: new Map(),
  last: { weights: '', compute: '', stack: '', kvCache: null, kvOffload: false, settings: null },
});

/** `pool`: where the search's curve chunks come from (a worker's, reused search after search). */
export function prepareSearch(specRaw: SizingSpec, catalog: Catalog, pool: ChunkPool | null = null): SearchContext {
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
    imageTokens,
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
    scratch: newSearchScratch(true, pool),
  };
}

export const candidatesOf = (sc: SearchContext): Candidate[] =>
  enumerateCandidates(sc.spec, sc.model, [...sc.systems.values()]);

/** Each candidate in enumeration order, none held; and how many there are. */
export const eachCandidate = (sc: SearchContext, fn: (c: Candidate, index: number) => void, only?: ShareOf): void =>
  forEachCandidate(sc.spec, sc.model, [...sc.systems.values()], fn, only);
export const candidateCount = (sc: SearchContext): number =>
  countCandidates(sc.spec, sc.model, [...sc.systems.values()]);

/** A candidate's precisions as a plan writes them: EP dispatch in FP8 unless it computes in BF16, combine in BF16. */
export const candidatePrecision = (c: Candidate) => ({
  weights: c.weights,
  compute: c.compute,
  kvCache: c.kvCache,
  dispatch: c.compute === 'bf16' ? ('bf16' as const) : ('fp8' as const),
  combine: 'bf16' as const,
});

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
      precision: candidatePrecision(c),
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
        runtimeReserveFraction: null,
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

/** A system's $ per device-hour: the spec's override, else its price book entry (null: no price). */
export const hourlyOf = (sc: SearchContext, id: string): number | null =>
  sc.spec.constraints.usdPerDeviceHour[id] ?? rentalRate(sc.systems.get(id)!.acc, sc.spec.constraints.rentalTerm);

/** Decode's and prefill's per-device prices blended by their devices (null when either is unknown). */
export const blendedPrice = (c: Candidate, decode: number | null, prefill: number | null): number | null =>
  decode === null || prefill === null ? null : (decode * c.decodeDevices + prefill * c.prefillDevices) / c.devices;
