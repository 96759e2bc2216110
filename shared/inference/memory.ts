/**
 * Memory per device: weights (split by TP, PP and, for routed experts, EP), KV cache of the
 * sequences the device's replica serves, activations and the runtime reserve; and the largest
 * batch that fits.
 * - weights: (attention + dense FFN + shared experts)·w + (router + norms)·2 ÷ (TP·PP); routed
 *   experts·w ÷ PP ÷ (EP × MoE TP = max(EP, TP·DP), or TP without EP), attention and routed
 *   experts in their own formats where the plan gives them (precision.attention, .experts);
 *   embeddings and LM head in BF16 ÷ TP (with PP, the first and last stages hold one each); with
 *   expert offload the routed experts live in host DDR; GGUF formats take each component's bytes as
 *   llama.cpp lays them out (model/gguf.ts); a vision tower stays in BF16 ÷ (TP·PP), and the images'
 *   tokens join each request's prompt;
 * - KV: per sequence of prompt + output tokens ÷ (KV split by TP (mla.ts) × PP) × batch ÷ DP, with
 *   what sparse attention caches beside it (model/sparse-attention.ts: DSA indexer keys, NSA
 *   compressed entries and window-branch K/V);
 * - activations: max(prefill chunk ≤ 8,192, sequences) × (24·h + 4·I ÷ TP) bytes + 4-byte logits;
 * - reserve: what the runtime keeps out of the KV cache (CUDA graphs, allocator slack), by the plan's
 *   stack and its defaults (memory-reserve.ts: vLLM and SGLang of the device, TensorRT-LLM of what
 *   the weights and the activation peak leave).
 */
import { input, trace, type Trace } from '../explain';
import { kvElementsPerTokenPerLayer } from '../model/kv-cache';
import type { ParamCounts } from '../model/params';
import { layerCounts, type ModelArchitecture } from '../schema/model';
import { ggufBytes } from '../model/gguf';
import { sparseCachePerToken } from '../model/sparse-attention';
import { imageTokensPerRequest } from '../model/vision';
import { bytesPerElement, kvBytesPerElement } from '../precision';
import type { InferenceSettings } from '../schema/plan';
import { reserveBytes, reserveRule, type ReserveRule } from './memory-reserve';
import type { Layout } from './step';

export interface MemoryBreakdown {
  weights: number;
  kvCache: number;
  activations: number;
  reserve: number;
  total: number;
  capacity: number;
  fits: boolean;
  /** Bytes over capacity (0 when it fits). */
  overflowBytes: number;
  /** The largest component when it does not fit. */
  overflowComponent: 'weights' | 'kvCache' | 'activations' | null;
  hostWeights: number;
  maxBatch: number;
  trace: Trace;
}

/** The numbers of a memory breakdown (a reusable record: the search fills one per configuration). */
export interface MemoryNumbers {
  weights: number;
  hostWeights: number;
  kvCache: number;
  perSeqKv: number;
  kvSplit: number;
  activations: number;
  reserve: number;
  total: number;
  maxBatch: number;
}

export const emptyMemory = (): MemoryNumbers => ({
  weights: 0,
  hostWeights: 0,
  kvCache: 0,
  perSeqKv: 0,
  kvSplit: 1,
  activations: 0,
  reserve: 0,
  total: 0,
  maxBatch: 0,
});

/** What memory needs from the model and the settings, computed once per plan family. */
export interface MemoryModel {
  /** Weight bytes by placement: dense parts ÷ (TP·PP), routed experts, embeddings + head (BF16). */
  denseBytes: number;
  routedBytes: number;
  embedBoth: number;
  embedMax: number;
  expertOffload: boolean;
  mla: boolean;
  numKvHeads: number;
  /** KV bytes per token of a full-attention layer stack and a sliding-window stack, the window, and constant state. */
  kvFullPerToken: number;
  kvSlidingPerToken: number;
  window: number;
  /** NSA's window branch: its own K/V bytes per token (all full layers) for at most `sparseWindow` tokens. */
  sparseWindowPerToken: number;
  sparseWindow: number;
  stateBytes: number;
  kvOffload: boolean;
  hidden: number;
  intermediate: number;
  vocab: number;
  /** What the runtime keeps out of the KV cache, by the plan's stack (memory-reserve.ts). */
  reserve: ReserveRule;
}

/**
 * Bytes of the attention and routed-expert weights: in their own formats where the plan gives them
 * (precision.attention, precision.experts: FP8 attention beside NVFP4 experts), else in the plan's
 * (as llama.cpp lays them out for a GGUF format).
 */
function componentBytes(c: ParamCounts['byComponent'], s: InferenceSettings, g: ReturnType<typeof ggufBytes>) {
  const wb = bytesPerElement(s.precision.weights);
  const at = s.precision.attention?.weights;
  const ex = s.precision.experts?.weights;
  return {
    attention: at ? c.attention * bytesPerElement(at) : g ? g.attention : c.attention * wb,
    routed: ex ? c.routedExperts * bytesPerElement(ex) : g ? g.routedExperts : c.routedExperts * wb,
  };
}

export function memoryModel(m: ModelArchitecture, p: ParamCounts, s: InferenceSettings): MemoryModel {
  const wb = bytesPerElement(s.precision.weights);
  const c = p.byComponent;
  const lc = layerCounts(m);
  const kvPerLayer = kvElementsPerTokenPerLayer(m) * kvBytesPerElement(s.precision.kvCache);
  const sparse = sparseCachePerToken(m, kvPerLayer);
  const a = m.attention;
  const g = ggufBytes(m, s.precision.weights);
  const own = componentBytes(c, s, g);
  return {
    denseBytes:
      own.attention +
      (g
        ? g.denseFfn + g.sharedExperts + g.router + g.norms
        : (c.denseFfn + c.sharedExperts) * wb + c.router * 2 + c.norms * 2) +
      c.vision * 2,
    routedBytes: own.routed,
    embedBoth: g ? g.embeddings + g.lmHead : (c.embeddings + c.lmHead) * 2,
    embedMax: g ? Math.max(g.embeddings, g.lmHead) : Math.max(c.embeddings, c.lmHead) * 2,
    expertOffload: s.serving.expertOffload,
    mla: a.type === 'mla',
    numKvHeads: a.type === 'mla' ? 1 : a.numKvHeads,
    kvFullPerToken: lc.full * (kvPerLayer + sparse.perToken),
    kvSlidingPerToken: lc.sliding * kvPerLayer,
    window: m.slidingWindow?.windowTokens ?? Infinity,
    sparseWindowPerToken: lc.full * sparse.windowBytesPerToken,
    sparseWindow: sparse.windowTokens,
    stateBytes: m.linearAttention
      ? lc.linear * m.linearAttention.stateElementsPerLayer * m.linearAttention.stateBytesPerElement
      : 0,
    kvOffload: s.serving.kvOffload,
    hidden: m.hiddenSize,
    intermediate: Math.max(m.ffn.intermediateSize, m.moe ? m.moe.expertIntermediateSize * m.moe.topK : 0),
    vocab: m.vocabSize,
    reserve: reserveRule(s.serving.stack, s.serving.runtimeReserveFraction),
  };
}

/** Fills `out` for a layout and batch; `context` = prompt + output tokens, `prompt` = prompt tokens. */
export function memoryNumbers(
  mm: MemoryModel,
  lay: Layout,
  capacity: number,
  batch: number,
  context: number,
  prompt: number,
  out: MemoryNumbers,
): MemoryNumbers {
  const { tp: t, pp, ep } = lay;
  const dense = mm.denseBytes / t / pp;
  const embed = (pp > 1 ? mm.embedMax : mm.embedBoth) / t;
  // Routed experts: split over EP groups and, within each, over the MoE TP ranks (tp·dp ÷ ep, moe.ts;
  // without EP, tensor-parallel over all tp·dp ranks).
  const expertShards = Math.max(ep, t * lay.dp);
  out.weights = mm.expertOffload ? dense + embed : dense + mm.routedBytes / pp / expertShards + embed;
  out.hostWeights = mm.expertOffload ? mm.routedBytes : 0;
  const kvSplit = (mm.mla ? 1 : Math.min(t, mm.numKvHeads)) * pp;
  const kvSeq =
    mm.kvFullPerToken * context +
    mm.kvSlidingPerToken * Math.min(context, mm.window) +
    mm.sparseWindowPerToken * Math.min(context, mm.sparseWindow) +
    mm.stateBytes;
  const perSeqKv = mm.kvOffload ? 0 : kvSeq / kvSplit;
  const seqsPerReplica = batch / lay.dp;
  const chunk = Math.min(prompt, 8192);
  const perTokenAct = mm.hidden * 2 * 12 + (mm.intermediate / t) * 2 * 2;
  const logitsPerSeq = (mm.vocab * 4) / t;
  out.kvSplit = kvSplit;
  out.perSeqKv = perSeqKv;
  out.kvCache = perSeqKv * seqsPerReplica;
  out.activations = Math.max(chunk, seqsPerReplica) * perTokenAct + seqsPerReplica * logitsPerSeq;
  const loaded = capacity - out.weights - chunk * perTokenAct;
  out.reserve = reserveBytes(mm.reserve, capacity, loaded, chunk * perTokenAct, lay);
  out.total = out.weights + out.kvCache + out.activations + out.reserve;
  const free = loaded - out.reserve;
  out.maxBatch = free <= 0 ? 0 : Math.floor(free / (perSeqKv + perTokenAct + logitsPerSeq)) * lay.dp;
  return out;
}

export function memoryPerDevice(
  m: ModelArchitecture,
  p: ParamCounts,
  s: InferenceSettings,
  lay: Layout,
  capacity: number,
  batch: number,
): MemoryBreakdown {
  const prompt = s.workload.promptTokens + imageTokensPerRequest(m, s.workload.images);
  const ctxMax = prompt + s.workload.outputTokens;
  const mm = memoryModel(m, p, s);
  const n = memoryNumbers(mm, lay, capacity, batch, ctxMax, prompt, emptyMemory());
  const fits = n.total <= capacity;
  const comps: Array<['weights' | 'kvCache' | 'activations', number]> = [
    ['weights', n.weights],
    ['kvCache', n.kvCache],
    ['activations', n.activations],
  ];
  return {
    weights: n.weights,
    kvCache: n.kvCache,
    activations: n.activations,
    reserve: n.reserve,
    total: n.total,
    capacity,
    fits,
    overflowBytes: Math.max(0, n.total - capacity),
    overflowComponent: fits ? null : comps.reduce((x, y) => (y[1] > x[1] ? y : x))[0],
    hostWeights: n.hostWeights,
    maxBatch: n.maxBatch,
    trace: trace(
      'Memory per device',
      'weights ÷ (TP·PP, EP for routed experts) + KV(batch/DP × context) ÷ split + activations + reserve',
      n.total,
      'bytes',
      [
        input('capacity', capacity, 'bytes'),
        input('weights', n.weights, 'bytes'),
        input(
          'KV cache',
          n.kvCache,
          'bytes',
          `${batch / lay.dp} sequences × ${ctxMax} tokens × ${kvBytesPerElement(s.precision.kvCache)} B/element ÷ ${n.kvSplit}`,
        ),
        input('activations', n.activations, 'bytes'),
        input('runtime reserve', n.reserve, 'bytes', mm.reserve.source),
        input('largest batch that fits', n.maxBatch, 'count'),
        ...(n.hostWeights ? [input('routed experts in host memory', n.hostWeights, 'bytes')] : []),
      ],
    ),
  };
}
