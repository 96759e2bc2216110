/**
 * A compiled plan family: everything about (model × system × precision × plan-level settings) that
 * does not depend on the parallel layout, the batch or the context, computed once. The builders
 * and the search's fast path read it; nothing here is recomputed per configuration.
 *
 * - Achievable rates: datasheet peak × efficiency (plan override → calibration → device default),
 *   or the size-dependent calibration curves when the plan uses them (calibration/profile.ts).
 *   The attention core runs at the BF16 peak even when matmuls use FP8 (DeepSeek, FlashMLA).
 * - Tiers: scale-up (NVLink, UB, …), scale-out (NICs) and the host link (tiers.ts).
 * - Per-layer parameter counts by component (model/params.ts), layer counts by kind, KV bytes per
 *   token per layer, MLA or GQA attention shape (mla.ts, attention.ts).
 */
import { peakFlops, type Accelerator, type PeakPrecision } from '../schema/hardware';
import { countParams, type ParamCounts } from '../model/params';
import { kvElementsPerTokenPerLayer } from '../model/kv-cache';
import { layerCounts, type LayerCounts, type ModelArchitecture } from '../schema/model';
import type { Tier } from '../network/collectives';
import type { PlanContext } from '../plan/context';
import type { InferenceSettings } from '../schema/plan';
import { kvBytesPerElement } from '../precision';
import { matmulBytesPerWeight } from '../model/gguf';
import type { EfficiencyCurves } from '../calibration/profile';
import { groupedGemmCurveFor, routingFitFor } from '../calibration/moe-curves';
import { logMissPerToken } from './moe-routing';
import { fastCurve, type FastCurve } from './fast-curve';
import { attentionShape, type AttentionShape } from './mla';
import { memoryModel, type MemoryModel } from './memory';
import { inferenceTiers } from './tiers';
import { hostMemoryEfficiency } from './offload';
import { SRC, type SourceCode } from './operators';
import { familyKernels, type FamilyKernels } from '../kernels/family-kernels';
import { kernelsFor } from '../kernels/select';
import { STACKS, type StackBehaviour } from './stacks';
import type { PointScratch } from './point';

export interface Rates {
  flops: number;
  bandwidth: number;
}

const COMPUTE_PRECISION: Record<InferenceSettings['precision']['compute'], PeakPrecision> = {
  bf16: 'bf16',
  fp8: 'fp8',
  fp4: 'fp4',
  int8: 'int8',
};

/** The datasheet peak for a precision, falling back to BF16 (then FP32) with a note when the part lacks it. */
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

/** Measured MoE costs for the model's expert shape (calibration/moe-curves.ts), or null. */
export interface MoeCurves {
  /** Grouped-GEMM fraction of the raw roofline by tokens per touched expert, and the peak it is a fraction of. */
  grouped: FastCurve;
  groupedPeakFlops: number;
  /** Router, top-k, permute, activation and un-permute per MoE layer: fixed + per token. */
  routingFixedS: number;
  routingPerTokenS: number;
  label: string;
}

export interface FastCurves {
  gemmCompute: FastCurve;
  gemmMemory: FastCurve;
  attnDecodeMemory: FastCurve;
  attnPrefillCompute: FastCurve;
  copy: number;
}

export interface Family {
  ctx: PlanContext;
  /** The family's scratch for its fast and explained paths (inference/point.ts scratchOf; made on first use). */
  scratch: PointScratch | null;
  explainedScratch: PointScratch | null;
  settings: InferenceSettings;
  model: ModelArchitecture;
  params: ParamCounts;
  layerCounts: LayerCounts;
  hidden: number;
  /** Bytes per weight element, per activation element (BF16) and per KV element. */
  weightBytes: number;
  activationBytes: number;
  kvBytesPerElement: number;
  /** Flat achievable rates (datasheet × efficiency) for matmuls at the compute precision and for the BF16 attention core. */
  rates: Rates;
  attnRates: Rates;
  peakFlops: number;
  attnPeakFlops: number;
  peakBandwidth: number;
  fp8: boolean;
  curves: FastCurves | null;
  moeCurves: MoeCurves | null;
  /** Host (CPU) rates for offloaded experts: 50% of peak FLOP/s, a format-dependent share of DDR bandwidth (offload.ts). */
  hostRates: Rates;
  scaleUp: Tier;
  scaleOut: Tier;
  hostLink: Tier;
  scaleUpDomain: number;
  attention: AttentionShape;
  memory: MemoryModel;
  /** KV bytes per cached token per softmax layer. */
  kvPerTokLayer: number;
  /** MoE: log(1 − k/E), the log of one token's chance of missing a given expert (moe-routing.ts); 0 for dense models. */
  moeLogMiss: number;
  /** Source of the flat rates: plan override or the device default. */
  flatSource: SourceCode;
  /** Kernel tables of the plan's serving stack on its device (measured, or its class prior); null = roofline rates. */
  kernels: FamilyKernels | null;
  /** SRC.measured or SRC.derived: where kernel-timed operators' seconds come from. */
  kernelSource: SourceCode;
  stack: StackBehaviour;
  /** Per-step host overhead: the plan's override, else the stack's. */
  stepOverheadS: number;
  notes: {
    datasheet: string;
    calibration: string;
    override: string;
    host: string;
    link: string;
    measured: string;
    derived: string;
  };
}

function fastCurves(c: EfficiencyCurves, fp8: boolean): FastCurves {
  return {
    gemmCompute: fastCurve(fp8 ? c.gemmComputeFp8 : c.gemmCompute),
    gemmMemory: fastCurve(c.gemmMemory),
    attnDecodeMemory: fastCurve(c.attnDecodeMemory),
    attnPrefillCompute: fastCurve(c.attnPrefillCompute),
    copy: c.copy,
  };
}

/**
 * The MoE curves of the measured expert shape nearest to the model's: FP8 grouped GEMMs when the
 * plan computes in FP8 and FP8 was measured (a fraction of the FP8 peak), else BF16 (of the BF16 peak).
 */
function moeCurvesFor(ctx: PlanContext, fp8: boolean, peak: number, bf16Peak: number): MoeCurves | null {
  const c = ctx.curves;
  const moe = ctx.model.moe;
  if (!c || !moe) return null;
  const shape = {
    experts: moe.numRoutedExperts,
    topK: moe.topK,
    hidden: ctx.model.hiddenSize,
    expertIntermediate: moe.expertIntermediateSize,
  };
  const g8 = fp8 ? groupedGemmCurveFor(c, shape, true) : null;
  const g = g8 ?? groupedGemmCurveFor(c, shape, false);
  const r = routingFitFor(c, shape);
  if (!g || !r) return null;
  return {
    grouped: fastCurve(g),
    groupedPeakFlops: g8 ? peak : bf16Peak,
    routingFixedS: r.fixedS,
    routingPerTokenS: r.perTokenS,
    label: r.label,
  };
}

const cache = new WeakMap<PlanContext, WeakMap<InferenceSettings, Family>>();

/** Compiles (and caches per context and settings object) the plan family. */
export function compileFamily(ctx: PlanContext, s: InferenceSettings): Family {
  let byS = cache.get(ctx);
  if (!byS) cache.set(ctx, (byS = new WeakMap()));
  const hit = byS.get(s);
  if (hit) return hit;
  const f = buildFamily(ctx, s);
  byS.set(s, f);
  return f;
}

/** Which GEMM tables time the plan's matmuls (FP8 per tensor or block-scaled, …), for the rate notes. */
function gemmTables(k: FamilyKernels, moe: boolean): string {
  const parts = [
    ['dense', k.denseGemm],
    ['attention', k.attnGemm],
    ['experts', moe ? k.expertGemm : null],
  ] as const;
  const named = parts.filter(([, g]) => g).map(([n, g]) => [n, g!.gridDtype] as const);
  if (!named.length) return '';
  const kinds = new Set(named.map(([, d]) => d));
  return `; GEMM tables: ${kinds.size === 1 ? [...kinds][0] : named.map(([n, d]) => `${n} ${d}`).join(', ')}`;
}

function buildFamily(ctx: PlanContext, s: InferenceSettings): Family {
  const { accelerator: acc, system: sys, efficiency: eff } = ctx;
  const peak = effectivePeak(acc, COMPUTE_PRECISION[s.precision.compute]);
  const attnPeak = effectivePeak(acc, 'bf16');
  const bw = acc.memoryBandwidthBytesPerS.value ?? 0;
  const hostBw = sys.hostMemoryBandwidthBytesPerS.value ?? 0;
  const hostFlops = sys.hostFlopsPerS?.value ?? 0;
  const fp8 = peak.precision === 'fp8';
  const tiers = inferenceTiers(ctx, s);
  const override = eff.source.compute === 'plan override' || eff.source.memoryBandwidth === 'plan override';
  const kv = kvBytesPerElement(s.precision.kvCache);
  const choice =
    ctx.kernels && !override
      ? kernelsFor(acc, sys.id, s.serving.stack, ctx.kernels.profiles, ctx.kernels.classOf)
      : null;
  const kernels = choice ? familyKernels(choice, acc, ctx.model, s, kv) : null;
  const stack = STACKS[s.serving.stack.name];
  return {
    ctx,
    scratch: null,
    explainedScratch: null,
    settings: s,
    model: ctx.model,
    params: countParams(ctx.model),
    layerCounts: layerCounts(ctx.model),
    hidden: ctx.model.hiddenSize,
    weightBytes: matmulBytesPerWeight(ctx.model, s.precision.weights),
    activationBytes: 2,
    kvBytesPerElement: kvBytesPerElement(s.precision.kvCache),
    rates: { flops: peak.flops * eff.compute, bandwidth: bw * eff.memoryBandwidth },
    attnRates: { flops: attnPeak.flops * eff.compute, bandwidth: bw * eff.memoryBandwidth },
    peakFlops: peak.flops,
    attnPeakFlops: attnPeak.flops,
    peakBandwidth: bw,
    fp8,
    curves: ctx.curves ? fastCurves(ctx.curves, fp8) : null,
    moeCurves: moeCurvesFor(ctx, fp8, peak.flops, attnPeak.flops),
    hostRates: { flops: hostFlops * 0.5, bandwidth: hostBw * hostMemoryEfficiency(s.precision.weights) },
    scaleUp: tiers.up,
    scaleOut: tiers.out,
    hostLink: tiers.host,
    scaleUpDomain: ctx.cluster?.scaleUpDomainDevices ?? sys.scaleUpDomainDevices,
    attention: attentionShape(ctx.model, s.serving.mlaAbsorbed),
    memory: memoryModel(ctx.model, countParams(ctx.model), s),
    kvPerTokLayer: kvElementsPerTokenPerLayer(ctx.model) * kvBytesPerElement(s.precision.kvCache),
    moeLogMiss: ctx.model.moe ? logMissPerToken(ctx.model.moe.numRoutedExperts, ctx.model.moe.topK) : 0,
    flatSource: override ? SRC.override : SRC.datasheet,
    kernels,
    kernelSource: kernels?.set.derived ? SRC.derived : SRC.measured,
    stack,
    stepOverheadS: s.stepOverheadS ?? stack.stepOverheadS,
    notes: {
      measured: kernels && !kernels.set.derived ? `${kernels.set.label}${gemmTables(kernels, !!ctx.model.moe)}` : '',
      derived: kernels?.set.derived
        ? `${kernels.set.label}, scaled by ${acc.name}'s datasheet peaks${gemmTables(kernels, !!ctx.model.moe)}`
        : '',
      datasheet: `datasheet peak × efficiency (compute ${eff.compute}: ${eff.source.compute}; memory ${eff.memoryBandwidth}: ${eff.source.memoryBandwidth})`,
      calibration: ctx.curves ? `calibration curves: ${ctx.curves.source}` : '',
      override: `plan efficiency override (compute ${eff.compute}, memory ${eff.memoryBandwidth})`,
      host: `host CPU: 50% of ${sys.name}'s peak FLOP/s, ${(hostMemoryEfficiency(s.precision.weights) * 100).toFixed(0)}% of its DDR bandwidth for ${s.precision.weights} weights`,
      link: `link efficiency ${eff.link} (${eff.source.link})`,
    },
  };
}
