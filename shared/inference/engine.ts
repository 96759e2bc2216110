/**
 * Inference performance: prefill and decode on a deployment, per device, per layer.
 *
 * One forward step of n tokens per attention replica is a sum of operator rooflines
 * (roofline.ts) plus the communication that the parallel layout needs:
 * - attention projections and dense/shared FFNs split by TP;
 * - attention over the KV cache: GQA heads split across TP ranks (KV read ÷ min(TP, kv_heads));
 *   an MLA latent is not split by TP: every TP rank holds and reads all of it;
 * - routed experts spread over EP ranks; each rank reads the distinct experts its tokens touch
 *   (moe-routing.ts) and computes the hottest rank's tokens (mean × load imbalance);
 * - TP all-reduce twice per layer; EP dispatch + combine all-to-all carrying
 *   tokens × (top-k + shared) × hidden × bytes (Insights §2.3.2) over the tier it crosses;
 * - PP: layers split into stages, activations sent between stages; decode keeps PP micro-batches
 *   in flight, so a token still passes every layer;
 * - dual micro-batch: two half-batches, one computing while the other communicates:
 *   layer time = 2 × max(compute(n/2), comm(n/2)); without it, compute(n) + comm(n).
 * Decode attends to the mean context over the generation (prompt + output/2). Prefill processes a
 * prompt with causal attention. A fixed per-step overhead covers launches and sampling.
 */
import {
  allReduce,
  allToAll,
  hierarchicalAllReduce,
  LINK_LATENCY,
  withoutCollectiveTraces,
  type Tier,
} from '../network/collectives';
import { input, trace, type Trace, type TraceInput } from '../explain';
import { peakFlops, type Accelerator, type PeakPrecision } from '../hardware/schema';
import { attentionDims } from '../model/flops';
import { kvElementsPerTokenPerLayer } from '../model/kv-cache';
import { countParams, type ParamCounts } from '../model/params';
import { layerCounts } from '../model/schema';
import { bytesPerElement, kvBytesPerElement } from '../precision';
import type { PlanContext } from '../plan/context';
import type { InferencePlan, InferenceSettings } from '../plan/schema';
import { interpLog, type EfficiencyCurves } from '../calibration/profile';
import { expectedDistinctExperts } from './moe-routing';
import { gbPerS } from '../units';
import { op, type Bound, type OpCost, type Rates } from './roofline';

export interface Layout {
  devices: number;
  tp: number;
  pp: number;
  dp: number;
  ep: number;
}

export interface StepBreakdown {
  /** Seconds per step, by component (sums to total). */
  compute: number;
  memory: number;
  communication: number;
  overhead: number;
  total: number;
  bound: Bound;
  ops: OpCost[];
  /** Communication per MoE layer for one micro-batch (s): the EP all-to-all. */
  epCommPerLayer: number;
  tpCommPerLayer: number;
  /** Time of one MoE layer including overlap (s). */
  moeLayerTime: number;
  /** Lower bound on step time from communication alone (s). */
  communicationBound: number;
  trace: Trace;
}

interface Derived {
  p: ParamCounts;
  rates: Rates;
  /** Attention core (scores and values) runs in BF16 even when matmuls use FP8 (DeepSeek, FlashMLA). */
  attnRates: Rates;
  /** Datasheet peaks, for the size-dependent curves. */
  peakFlops: number;
  attnPeakFlops: number;
  peakBandwidth: number;
  fp8: boolean;
  curves: EfficiencyCurves | null;
  hostRates: Rates;
  weightBpe: number;
  actBytes: number;
  kvBpe: number;
  up: Tier;
  out: Tier;
  host: Tier;
  layers: ReturnType<typeof layerCounts>;
}

const COMPUTE_PRECISION: Record<InferenceSettings['precision']['compute'], PeakPrecision> = {
  bf16: 'bf16',
  fp8: 'fp8',
  fp4: 'fp4',
  int8: 'int8',
};

export function effectivePeak(
  acc: Accelerator,
  want: PeakPrecision,
): { flops: number; precision: PeakPrecision; note?: string } {
  const v = peakFlops(acc, want);
  if (v !== null) return { flops: v, precision: want };
  const bf = peakFlops(acc, 'bf16');
  if (bf !== null)
    return {
      flops: bf,
      precision: 'bf16',
      note: `${acc.name} has no ${want.toUpperCase()} rate in its preset: BF16 used`,
    };
  const f32 = peakFlops(acc, 'fp32');
  if (f32 !== null) return { flops: f32, precision: 'fp32', note: `only FP32 is known for ${acc.name}` };
  return {
    flops: 0,
    precision: want,
    note: `no peak FLOP/s known for ${acc.name}: compute time is not modelled (memory-bound only)`,
  };
}

export function deriveContext(ctx: PlanContext, s: InferenceSettings): Derived {
  const { accelerator: acc, system: sys, efficiency: eff } = ctx;
  const peak = effectivePeak(acc, COMPUTE_PRECISION[s.precision.compute]);
  const bw = acc.memoryBandwidthBytesPerS.value ?? 0;
  const upBw = acc.scaleUpBandwidthBytesPerS.value ?? 0;
  const perNicDevice =
    sys.nicBandwidthBytesPerS.value && sys.nicsPerNode.value
      ? (sys.nicBandwidthBytesPerS.value * sys.nicsPerNode.value) / sys.devicesPerNode
      : 0;
  const outBw = acc.scaleOutBandwidthBytesPerS.value ?? perNicDevice;
  const lat = s.network.includeLatency;
  const hostBw = sys.hostMemoryBandwidthBytesPerS.value ?? 0;
  const hostFlops = sys.hostFlopsPerS?.value ?? 0;
  const attnPeak = effectivePeak(acc, 'bf16');
  return {
    p: countParams(ctx.model),
    rates: { flops: peak.flops * eff.compute, bandwidth: bw * eff.memoryBandwidth },
    attnRates: { flops: attnPeak.flops * eff.compute, bandwidth: bw * eff.memoryBandwidth },
    peakFlops: peak.flops,
    attnPeakFlops: attnPeak.flops,
    peakBandwidth: bw,
    fp8: peak.precision === 'fp8',
    curves: ctx.curves,
    // Host (CPU) rates for offloaded experts use the CPU class defaults (cpu efficiency presets).
    hostRates: { flops: hostFlops * 0.5, bandwidth: hostBw * 0.7 },
    weightBpe: bytesPerElement(s.precision.weights),
    actBytes: 2,
    kvBpe: kvBytesPerElement(s.precision.kvCache),
    up: {
      name: 'scale-up',
      bandwidth: upBw as Tier['bandwidth'],
      efficiency: eff.link,
      latency: (lat ? LINK_LATENCY.nvlink : 0) as Tier['latency'],
    },
    out: {
      name: 'scale-out',
      bandwidth: outBw as Tier['bandwidth'],
      efficiency: eff.link,
      latency: (lat
        ? s.network.fabric === 'ib'
          ? LINK_LATENCY.ibCrossLeaf
          : LINK_LATENCY.roceCrossLeaf
        : 0) as Tier['latency'],
    },
    host: {
      name: 'host link (PCIe)',
      // KV offload streams over PCIe 4.0 x16 (31.5 GB/s per direction) at the link efficiency.
      bandwidth: (gbPerS(31.5) * eff.link) as Tier['bandwidth'],
      efficiency: 1,
      latency: 0 as Tier['latency'],
    },
    layers: layerCounts(ctx.model),
  };
}

/** Bytes per element on the wire for EP dispatch/combine (scales ignored, as the Insights arithmetic does). */
const WIRE_BYTES = { fp8: 1, bf16: 2 } as const;

export type Phase = { kind: 'decode'; context: number } | { kind: 'prefill'; seq: number };

/**
 * Time of one step in which each attention replica processes `n` tokens (decode: one per
 * sequence; prefill: the prompt tokens), per device.
 */
export function stepTime(
  ctx: PlanContext,
  s: InferenceSettings,
  lay: Layout,
  n: number,
  phase: Phase,
  d: Derived,
  explain = true,
): StepBreakdown {
  return explain
    ? stepTimeImpl(ctx, s, lay, n, phase, d, true)
    : withoutCollectiveTraces(() => stepTimeImpl(ctx, s, lay, n, phase, d, false));
}

function stepTimeImpl(
  ctx: PlanContext,
  s: InferenceSettings,
  lay: Layout,
  n: number,
  phase: Phase,
  d: Derived,
  explain: boolean,
): StepBreakdown {
  const m = ctx.model;
  const { tp: t, pp, dp, ep } = lay;
  const h = m.hiddenSize;
  const dom = ctx.system.scaleUpDomainDevices;
  const wb = d.weightBpe;
  const lc = d.layers;
  const offload = s.serving.expertOffload;
  const dual = s.serving.dualMicroBatch && n >= 2;
  const nb = dual ? n / 2 : n; // tokens per micro-batch per replica
  const r = d.rates;
  const cv = d.curves;
  /** Rates for a matmul of `m` tokens moving `bytes`: the calibration curves when present, else the flat defaults. */
  const gemmRates = (m: number, bytes: number): Rates =>
    cv
      ? {
          flops: d.peakFlops * interpLog(d.fp8 ? cv.gemmComputeFp8 : cv.gemmCompute, Math.max(1, m)),
          bandwidth: d.peakBandwidth * interpLog(cv.gemmMemory, bytes),
        }
      : r;
  const gop = (name: string, flops: number, bytes: number, m: number): OpCost =>
    op(name, flops, bytes, gemmRates(m, bytes));

  // ---- attention (per softmax layer, per micro-batch) -------------------------------------
  const attnParams = d.p.perLayer.attentionFull;
  const proj = gop(
    'attention projections',
    (2 * nb * attnParams) / t,
    (attnParams * wb) / t + nb * h * d.actBytes * 4,
    nb,
  );
  const a = m.attention;
  const dims = attentionDims(m, phase.kind === 'decode' && s.serving.mlaAbsorbed);
  const kvPerTokLayer = kvElementsPerTokenPerLayer(m) * d.kvBpe;
  const kvSplit = a.type === 'mla' ? 1 : Math.min(t, a.numKvHeads);
  const W = m.slidingWindow?.windowTokens ?? Infinity;
  const attendedFull = phase.kind === 'decode' ? phase.context : phase.seq / 2;
  const attendedSliding = phase.kind === 'decode' ? Math.min(phase.context, W) : Math.min(phase.seq / 2, W);
  // Decode reads every cached token once per new token; prefill (flash attention) streams the prompt's K/V once.
  const kvTokensRead = (ctxTokens: number): number => (phase.kind === 'decode' ? nb * ctxTokens : nb);
  const coreFlops = (att: number): number => (2 * nb * dims.heads * (dims.dQk + dims.dV) * att) / t;
  // Attention core rates: measured decode-attention bandwidth by KV bytes and prefill-attention
  // FLOP/s by sequence when a calibration exists, else the flat defaults.
  const attnRate = (kvBytes: number, seq: number): Rates => {
    const base = cv
      ? {
          flops: d.attnPeakFlops * interpLog(cv.attnPrefillCompute, seq),
          bandwidth: d.peakBandwidth * interpLog(cv.attnDecodeMemory, kvBytes),
        }
      : d.attnRates;
    return s.serving.kvOffload ? { flops: base.flops, bandwidth: Math.min(base.bandwidth, d.host.bandwidth) } : base;
  };
  const seqLen = phase.kind === 'decode' ? phase.context : phase.seq;
  const coreFull = op(
    'attention core (full)',
    coreFlops(attendedFull),
    (kvTokensRead(attendedFull) * kvPerTokLayer) / kvSplit,
    attnRate((kvTokensRead(attendedFull) * kvPerTokLayer) / kvSplit, seqLen),
  );
  const coreSliding = op(
    'attention core (sliding)',
    coreFlops(attendedSliding),
    (kvTokensRead(attendedSliding) * kvPerTokLayer) / kvSplit,
    attnRate((kvTokensRead(attendedSliding) * kvPerTokLayer) / kvSplit, seqLen),
  );
  let coreLinear: OpCost | null = null;
  if (lc.linear && m.linearAttention && a.type !== 'mla') {
    const state = m.linearAttention.stateElementsPerLayer * m.linearAttention.stateBytesPerElement;
    coreLinear = op(
      'linear attention (state)',
      (4 * nb * a.numHeads * a.headDim * a.headDim) / t,
      phase.kind === 'decode' ? (2 * nb * state) / t : (2 * state) / t,
      r,
    );
  }
  const projLinear = lc.linear
    ? gop(
        'linear-attention projections',
        (2 * nb * d.p.perLayer.attentionLinear) / t,
        (d.p.perLayer.attentionLinear * wb) / t,
        nb,
      )
    : null;

  // ---- FFN ----------------------------------------------------------------------------------
  const dense = gop(
    'dense FFN',
    (2 * nb * d.p.perLayer.denseFfn) / t,
    (d.p.perLayer.denseFfn * wb) / t + nb * h * d.actBytes * 2,
    nb,
  );
  const moe = m.moe;
  let shared: OpCost | null = null;
  let routed: OpCost | null = null;
  let router: OpCost | null = null;
  let epComm = 0;
  let epTrace: Trace | null = null;
  if (moe) {
    shared =
      d.p.perLayer.sharedExperts > 0
        ? gop('shared experts', (2 * nb * d.p.perLayer.sharedExperts) / t, (d.p.perLayer.sharedExperts * wb) / t, nb)
        : null;
    router = op('router', (2 * nb * h * moe.numRoutedExperts) / t, (h * moe.numRoutedExperts * 2) / t, r);
    const E = moe.numRoutedExperts;
    const k = moe.topK;
    const expertParams = d.p.perLayer.expert;
    if (ep > 1) {
      const groupTokens = (nb * ep) / t; // tokens entering one EP group per micro-batch
      const meanAssign = (groupTokens * k) / ep;
      const hot = meanAssign * s.moe.loadImbalance;
      const expertsPerRank = E / ep;
      const distinct = expertsPerRank * (1 - Math.pow(1 - k / E, groupTokens));
      routed = op(
        'routed experts (hottest EP rank)',
        2 * hot * expertParams,
        distinct * expertParams * wb + hot * h * d.actBytes * 2,
        offload ? d.hostRates : gemmRates(hot / Math.max(1, distinct), distinct * expertParams * wb),
        offload,
      );
      // EP dispatch + combine: tokens per device × (top-k + shared) × hidden × (dispatch + combine bytes)
      const tokensPerDevice = nb / t;
      const fanout = k + moe.numSharedExperts;
      const bytesPerDev =
        tokensPerDevice * fanout * h * (WIRE_BYTES[s.precision.dispatch] + WIRE_BYTES[s.precision.combine]);
      const tier = s.network.epTier;
      let c;
      if (tier === 'scale-out' || (tier === 'auto' && dom <= 1)) c = allToAll(bytesPerDev as never, ep, d.out, 1);
      else if (tier === 'scale-up' || ep <= dom)
        c = allToAll(bytesPerDev as never, ep, d.up, tier === 'scale-up' ? 1 : undefined);
      else {
        // auto, EP wider than the scale-up domain: in-domain share over scale-up, the rest over NICs, in parallel.
        const inDom = (dom - 1) / ep;
        const offDom = (ep - dom) / ep;
        const cu = allToAll(bytesPerDev as never, ep, d.up, inDom);
        const co = allToAll(bytesPerDev as never, ep, d.out, offDom);
        c = co.time >= cu.time ? co : cu;
      }
      // Dispatch and combine are two collectives (2 α), and the hottest rank receives
      // loadImbalance × the mean share of tokens, which sets the time of the exchange.
      epComm = c.bandwidthPart * s.moe.loadImbalance + 2 * c.latencyPart;
      epTrace = trace(
        'EP dispatch + combine (per MoE layer, per micro-batch)',
        'tokens × (top-k + shared) × hidden × (dispatch + combine bytes) / (β·eff) × load imbalance + 2α',
        epComm,
        's',
        [
          input('load imbalance (hottest rank ÷ mean)', s.moe.loadImbalance, 'ratio'),
          input('tokens per device', tokensPerDevice, 'tokens'),
          input('top-k + shared', fanout),
          input('hidden', h),
          input(
            'dispatch + combine bytes',
            WIRE_BYTES[s.precision.dispatch] + WIRE_BYTES[s.precision.combine],
            'bytes',
          ),
          input('bytes per device', bytesPerDev, 'bytes'),
        ],
        [c.trace],
      );
    } else {
      // No EP: every replica holds all experts, split by TP.
      const distinct = expectedDistinctExperts(E, k, nb);
      routed = op(
        'routed experts',
        (2 * nb * k * expertParams) / t,
        (distinct * expertParams * wb) / t + nb * h * d.actBytes * 2,
        offload ? d.hostRates : gemmRates((nb * k) / Math.max(1, distinct), (distinct * expertParams * wb) / t),
        offload,
      );
    }
  }

  // ---- per-layer communication ------------------------------------------------------------------
  let tpComm = 0;
  let tpTrace: Trace | null = null;
  if (t > 1) {
    const msg = nb * h * d.actBytes;
    const c =
      t <= dom
        ? allReduce(msg as never, t, d.up)
        : hierarchicalAllReduce(msg as never, dom, Math.ceil(t / dom), d.up, d.out);
    tpComm = 2 * c.time;
    tpTrace = trace(
      'TP all-reduce × 2 per layer',
      '2 × all-reduce(tokens × hidden × 2 B)',
      tpComm,
      's',
      [input('message', msg, 'bytes')],
      [c.trace],
    );
  }

  // ---- element-wise traffic -------------------------------------------------------------------
  // Norms, RoPE, residual adds, q/k/v reshapes and the gated activation are memory-bound and run
  // between the GEMMs: per token ≈ 12·h + 3·(q+k+v width)/TP + 5·I/TP elements of 2 bytes
  // (the activation reads gate and up, writes their product, and the next GEMM reads it).
  const qkvWidth =
    a.type === 'mla'
      ? a.numHeads * (a.qkNopeHeadDim + a.qkRopeHeadDim + a.vHeadDim)
      : (a.numHeads + 2 * a.numKvHeads) * a.headDim;
  const ewRate: Rates = { flops: r.flops, bandwidth: cv ? d.peakBandwidth * cv.copy : r.bandwidth };
  const ewBytes = (I: number): number => nb * d.actBytes * (12 * h + (3 * qkvWidth) / t + (5 * I) / t);
  const ewDense = op('element-wise (norms, RoPE, activation)', 0, ewBytes(m.ffn.intermediateSize), ewRate);
  const ewMoe = op(
    'element-wise (norms, RoPE, activation)',
    0,
    moe
      ? ewBytes(
          moe.topK * moe.expertIntermediateSize +
            (moe.sharedIntermediateSize ?? moe.numSharedExperts * moe.expertIntermediateSize),
        )
      : 0,
    ewRate,
  );

  // ---- assemble layers -------------------------------------------------------------------
  const softmax = lc.full + lc.sliding;
  const attnTime = (k: number, core: OpCost, pr: OpCost): number => k * (pr.time + core.time);
  const attnLayersTime =
    attnTime(lc.full, coreFull, proj) +
    attnTime(lc.sliding, coreSliding, proj) +
    (coreLinear && projLinear ? lc.linear * (coreLinear.time + projLinear.time) : 0);
  const moeFfn = moe ? (routed?.time ?? 0) + (shared?.time ?? 0) + (router?.time ?? 0) + ewMoe.time : 0;
  const commPerLayerMoe = tpComm + epComm;
  const commPerLayerDense = tpComm;
  // Overlap: with dual micro-batch, a layer takes 2 × max(compute, comm) of a half batch.
  const layerTime = (c: number, comm: number): number => (dual ? 2 * Math.max(c, comm) : c + comm);
  // While compute overlaps EP communication, the communication kernels occupy SMs: DeepSeek-V3
  // dedicates 20 of H800's 132 SMs to them (V3 report §3.2.2), so overlapped compute runs on the
  // rest: compute time ÷ (1 − share). Only with dual micro-batch and EP traffic.
  const smSlowdown = dual && epComm > 0 ? 1 / (1 - s.serving.commSmFraction) : 1;
  const moeLayerCompute = moe ? (attnLayersTime / m.numLayers + moeFfn) * smSlowdown : 0;
  const denseLayerCompute = attnLayersTime / m.numLayers + dense.time + ewDense.time;
  const layersTime =
    lc.moe * layerTime(moeLayerCompute, commPerLayerMoe) + lc.dense * layerTime(denseLayerCompute, commPerLayerDense);

  // LM head (once per step, last stage), p2p between PP stages
  // Prefill runs the LM head only on each sequence's last token; decode on every token.
  const headTokens = phase.kind === 'prefill' ? Math.max(1, n / phase.seq) : n;
  const head = gop(
    'LM head',
    (2 * headTokens * m.vocabSize * h) / t,
    (m.vocabSize * h * wb) / t + (headTokens * m.vocabSize * 4) / t,
    headTokens,
  );
  const p2p =
    pp > 1 ? (pp - 1) * (d.out.latency + (n * h * d.actBytes) / (Math.max(d.up.bandwidth, 1) * d.up.efficiency)) : 0;
  const overhead = s.stepOverheadS;
  const total = layersTime + head.time + p2p + overhead;

  // Split into compute / memory / communication for the charts. Per layer type: without overlap
  // ops and communication add up; with dual micro-batch the larger of the two is exposed.
  const ops: OpCost[] = [
    proj,
    coreFull,
    ...(lc.sliding ? [coreSliding] : []),
    ...(coreLinear ? [coreLinear] : []),
    ...(projLinear ? [projLinear] : []),
    dense,
    ...(lc.dense ? [ewDense] : []),
    ...(lc.moe ? [ewMoe] : []),
    ...(shared ? [shared] : []),
    ...(routed ? [routed] : []),
    ...(router ? [router] : []),
    head,
  ];
  const mult = (o: OpCost): number => {
    if (o === proj) return softmax;
    if (o === coreFull) return lc.full;
    if (o === coreSliding) return lc.sliding;
    if (o === coreLinear || o === projLinear) return lc.linear;
    if (o === dense || o === ewDense) return lc.dense;
    if (o === head) return 1;
    return lc.moe;
  };
  const mbFactor = (o: OpCost): number => (o === head ? 1 : dual ? 2 : 1);
  const isCompute = (o: OpCost): boolean => o.bound === 'compute' || o.bound === 'host-compute';
  // compute/memory seconds of one layer of each type (attention share spread evenly over layers)
  const attnOps = ops.filter(
    (o) => o === proj || o === coreFull || o === coreSliding || o === coreLinear || o === projLinear,
  );
  const attnSplit = { c: 0, m: 0 };
  for (const o of attnOps) attnSplit[isCompute(o) ? 'c' : 'm'] += (o.time * mult(o)) / m.numLayers;
  const split = (extra: OpCost[]): { c: number; m: number } => {
    const r0 = { ...attnSplit };
    for (const o of extra) r0[isCompute(o) ? 'c' : 'm'] += o.time;
    return r0;
  };
  const moeSplit = split([shared, routed, router, ewMoe].filter((o): o is OpCost => o !== null));
  const denseSplit = split([dense, ewDense]);
  let computeT = 0;
  let memoryT = 0;
  let commT = p2p;
  const addLayers = (count: number, sp: { c: number; m: number }, comm: number): void => {
    if (count === 0) return;
    const c = sp.c + sp.m;
    if (!dual) {
      computeT += count * sp.c;
      memoryT += count * sp.m;
      commT += count * comm;
    } else if (comm >= c) commT += count * 2 * comm;
    else {
      computeT += count * 2 * sp.c;
      memoryT += count * 2 * sp.m;
    }
  };
  addLayers(lc.moe, { c: moeSplit.c * smSlowdown, m: moeSplit.m * smSlowdown }, commPerLayerMoe);
  addLayers(lc.dense, denseSplit, commPerLayerDense);
  if (isCompute(head)) computeT += head.time;
  else memoryT += head.time;
  const parts: Array<[Bound, number]> = [
    ['compute', computeT],
    ['memory', memoryT],
    ['communication', commT],
    ['overhead', overhead],
  ];
  const bound = parts.reduce((b, x) => (x[1] > b[1] ? x : b))[0];
  const mbs = dual ? 2 : 1;
  const communicationBound = (lc.moe * commPerLayerMoe + lc.dense * commPerLayerDense) * mbs + p2p;

  let t_: Trace;
  if (explain) {
    const opTraces = ops.map((o) =>
      trace(
        `${o.name} × ${mult(o) * mbFactor(o)}`,
        'max(FLOPs / achievable FLOP/s, bytes / achievable B/s)',
        o.time * mult(o) * mbFactor(o),
        's',
        [
          input('FLOPs (one layer, one micro-batch)', o.flops, 'FLOP'),
          input('bytes', o.bytes, 'bytes'),
          input('bound', o.bound),
          input('arithmetic intensity', o.intensity, 'ratio'),
        ],
      ),
    );
    const inputs: TraceInput[] = [
      input('tokens per replica per step', n, 'tokens'),
      input('micro-batches', mbs, 'count'),
      input('TP × PP × DP, EP', `${t} × ${pp} × ${dp}, ${ep}`),
      input('achievable FLOP/s', r.flops, 'FLOP/s'),
      input('achievable memory B/s', r.bandwidth, 'B/s'),
      input(
        phase.kind === 'decode' ? 'mean context attended' : 'prompt tokens',
        phase.kind === 'decode' ? phase.context : phase.seq,
        'tokens',
      ),
    ];
    t_ = trace(
      phase.kind === 'decode' ? 'Decode step time' : 'Prefill time',
      dual
        ? 'Σ layers 2 × max(compute(n/2), comm(n/2)) + LM head + PP p2p + overhead'
        : 'Σ layers (Σ ops max(FLOP/rate, bytes/bw) + comm) + LM head + PP p2p + overhead',
      total,
      's',
      inputs,
      [
        ...opTraces,
        ...(tpTrace ? [tpTrace] : []),
        ...(epTrace ? [epTrace] : []),
        trace('Per-step overhead', 'launches, scheduling, sampling (plan setting)', overhead, 's'),
      ],
      `binding: ${bound}`,
    );
  } else t_ = trace('step', '', total, 's');
  return {
    compute: computeT,
    memory: memoryT,
    communication: commT,
    overhead,
    total,
    bound,
    ops,
    epCommPerLayer: epComm,
    tpCommPerLayer: tpComm,
    moeLayerTime: moe ? layerTime(moeLayerCompute, commPerLayerMoe) : 0,
    communicationBound,
    trace: t_,
  };
}

export function inferenceLayout(plan: InferencePlan, devices: number): Layout {
  const p = plan.inference.parallelism;
  return { devices, tp: p.tp, pp: p.pp, dp: p.dp, ep: p.ep };
}
