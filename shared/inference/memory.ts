/**
 * Memory per device: weights (split by TP, PP and, for routed experts, EP), KV cache of the
 * sequences the device's replica serves, activations and the runtime reserve; and the largest
 * batch that fits.
 */
import { input, trace, type Trace } from '../explain';
import { kvBytesForSequence } from '../model/kv-cache';
import type { ParamCounts } from '../model/params';
import type { ModelArchitecture } from '../model/schema';
import { bytesPerElement, kvBytesPerElement } from '../precision';
import type { InferenceSettings } from '../plan/schema';
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

export function weightsPerDevice(p: ParamCounts, s: InferenceSettings, lay: Layout): { device: number; host: number } {
  const wb = bytesPerElement(s.precision.weights);
  const { tp: t, pp, ep } = lay;
  const c = p.byComponent;
  const dense = ((c.attention + c.denseFfn + c.sharedExperts) * wb + c.router * 2 + c.norms * 2) / t / pp;
  const routed = (c.routedExperts * wb) / pp / (ep > 1 ? ep : t);
  const embed = ((pp > 1 ? Math.max(c.embeddings, c.lmHead) : c.embeddings + c.lmHead) * 2) / t;
  return s.serving.expertOffload
    ? { device: dense + embed, host: c.routedExperts * wb }
    : { device: dense + routed + embed, host: 0 };
}

export function memoryPerDevice(
  m: ModelArchitecture,
  p: ParamCounts,
  s: InferenceSettings,
  lay: Layout,
  capacity: number,
  batch: number,
): MemoryBreakdown {
  const w = weightsPerDevice(p, s, lay);
  const ctxMax = s.workload.promptTokens + s.workload.outputTokens;
  const a = m.attention;
  const kvSplit = (a.type === 'mla' ? 1 : Math.min(lay.tp, a.numKvHeads)) * lay.pp;
  const perSeqKv = s.serving.kvOffload ? 0 : kvBytesForSequence(m, ctxMax, s.precision.kvCache) / kvSplit;
  const seqsPerReplica = batch / lay.dp;
  const kv = perSeqKv * seqsPerReplica;
  const I = Math.max(m.ffn.intermediateSize, m.moe ? m.moe.expertIntermediateSize * m.moe.topK : 0);
  const chunk = Math.min(s.workload.promptTokens, 8192);
  const perTokenAct = m.hiddenSize * 2 * 12 + (I / lay.tp) * 2 * 2;
  const activations = Math.max(chunk, seqsPerReplica) * perTokenAct + (seqsPerReplica * m.vocabSize * 4) / lay.tp;
  const reserve = capacity * s.serving.runtimeReserveFraction;
  const total = w.device + kv + activations + reserve;
  const fits = total <= capacity;
  const free = capacity - reserve - w.device - chunk * perTokenAct;
  const perSeq = perSeqKv + perTokenAct + (m.vocabSize * 4) / lay.tp;
  const maxBatch = free <= 0 ? 0 : Math.floor(free / perSeq) * lay.dp;
  const comps: Array<['weights' | 'kvCache' | 'activations', number]> = [
    ['weights', w.device],
    ['kvCache', kv],
    ['activations', activations],
  ];
  const overflowComponent = fits ? null : comps.reduce((x, y) => (y[1] > x[1] ? y : x))[0];
  return {
    weights: w.device,
    kvCache: kv,
    activations,
    reserve,
    total,
    capacity,
    fits,
    overflowBytes: Math.max(0, total - capacity),
    overflowComponent,
    hostWeights: w.host,
    maxBatch,
    trace: trace(
      'Memory per device',
      'weights ÷ (TP·PP, EP for routed experts) + KV(batch/DP × context) ÷ split + activations + reserve',
      total,
      'bytes',
      [
        input('capacity', capacity, 'bytes'),
        input('weights', w.device, 'bytes'),
        input(
          'KV cache',
          kv,
          'bytes',
          `${seqsPerReplica} sequences × ${ctxMax} tokens × ${kvBytesPerElement(s.precision.kvCache)} B/element ÷ ${kvSplit}`,
        ),
        input('activations', activations, 'bytes'),
        input('runtime reserve', reserve, 'bytes'),
        input('largest batch that fits', maxBatch, 'count'),
        ...(w.host ? [input('routed experts in host memory', w.host, 'bytes')] : []),
      ],
    ),
  };
}
