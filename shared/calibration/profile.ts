/**
 * Calibration profiles: what kernels measured on a real device (calibration/kit.py), and the
 * efficiency curves the engine derives from them. A curve maps an operator's size to the
 * achieved fraction of the datasheet peak and is interpolated linearly in log(size), clamped at
 * its ends:
 * - gemmCompute(M tokens): achieved FLOP/s ÷ peak, median over the measured (K, N) shapes, from
 *   compute-bound points only (arithmetic intensity above the ridge, peak ÷ bandwidth): a
 *   memory-bound GEMM's FLOP rate says nothing about compute efficiency; below the smallest such
 *   M the curve is clamped;
 * - gemmMemory(bytes): achieved bytes/s ÷ peak bandwidth for memory-bound GEMMs (M ≤ 8);
 * - attnDecodeMemory(KV bytes): achieved bytes/s ÷ peak bandwidth for decode attention (GQA);
 * - attnPrefillCompute(sequence): achieved FLOP/s ÷ peak for causal prefill attention;
 * - copy: large device-to-device copy bandwidth ÷ peak.
 * Optional, where the profile has MoE or NCCL data (older profiles parse unchanged): groupedGemm,
 * groupedGemmFp8, routing and nccl, described in moe-curves.ts.
 */
import { z } from 'zod';
import type { Accelerator } from '../hardware/schema';
import { ModelArchitecture } from '../model/schema';
import { describeIssues, SourceField } from '../source';
import { sourceLabel } from '../sources/registry';
import { curveFrom, interpLog, monotone, type Curve } from './curve';
import { derivedMoe, groupedGemmCurves, ncclCurves, routingFits, type NcclCurves, type RoutingFit, type ShapeCurve } from './moe-curves';

export { interpLog, monotone, type Curve } from './curve';
export {
  fitLinearRelative,
  groupedGemmEfficiency,
  ncclCurves,
  ncclSeconds,
  routingPieceSeconds,
  routingSeconds,
  type NcclCurves,
  type RoutingFit,
  type ShapeCurve,
} from './moe-curves';

const finite = z.number().finite();
const secs = finite.positive();
const count = z.number().int().positive();
const measure = finite.nonnegative();
const GemmPoint = z.object({ m: count, k: count, n: count, seconds: finite.positive(), flops: measure, bytes: measure, flopsPerS: measure, bytesPerS: measure });

const EndToEndPoint = z.object({
  id: z.string(),
  modelId: z.string(),
  phase: z.enum(['decode', 'prefill']),
  batch: count,
  context: count,
  measuredMs: finite.positive(),
  heldOut: z.boolean(),
  /** MoE prefills: measuredMs is a CUDA-graph replay (timing 'graph'); eagerMs the same forward run eagerly. */
  timing: z.enum(['graph', 'eager']).optional(),
  eagerMs: finite.positive().optional(),
  /** MoE models: distinct experts each MoE layer touched in one eager run (min, mean, max) and E(1 − (1 − k/E)^tokens). */
  distinctExperts: z.object({ min: finite, mean: finite, max: finite, expected: finite }).optional(),
});

/** FP8 GEMMs with row-wise or DeepSeek 1×128/128×128 block scaling; quantisation fused or separate (calibration/fp8.py). */
const Fp8Quant = z.object({
  note: z.string(),
  points: z.array(
    z.object({
      scaling: z.enum(['rowwise', 'block-1x128-128x128']),
      m: count,
      k: count,
      n: count,
      flops: finite.positive(),
      bf16Seconds: secs,
      gemmSeconds: secs,
      quantTorchSeconds: secs,
      quantTritonSeconds: secs.nullable(),
      quantPlusGemmSeconds: secs,
      flopsPerS: finite.positive(),
    }),
  ),
  checks: z.record(z.string(), z.record(z.string(), z.union([finite, z.string()]))).default({}),
  skipped: z.record(z.string(), z.string()).default({}),
});

const MoeShape = z.object({ experts: count, topK: count, hidden: count, expertIntermediate: count });
export type MoeShape = z.infer<typeof MoeShape>;

/** One MoE layer on `tokens` tokens, piece by piece (calibration/moe.py). */
const MoeLayerPoint = MoeShape.extend({
  shape: z.string(),
  tokens: count,
  distinctExperts: count,
  expectedDistinctExperts: finite.positive(),
  tokensPerExpertMean: finite.positive(),
  tokensPerExpertMax: count,
  expertWeightBytes: finite.positive(),
  activationBytes: finite.positive(),
  flops: finite.positive(),
  routerFlops: finite.nonnegative(),
  seconds: z.object({
    routerGemm: secs,
    topk: secs,
    permute: secs,
    gemmGateUp: secs,
    activation: secs,
    gemmDown: secs,
    unpermute: secs,
    total: secs,
  }),
  fp8Seconds: z.object({ gemmGateUp: secs, gemmDown: secs }).optional(),
  timing: z.enum(['graph', 'eager', 'mixed']).optional(),
});
export type MoeLayerPoint = z.infer<typeof MoeLayerPoint>;

const MoeSection = z
  .object({
    groupedGemmImpl: z.string(),
    fp8GroupedGemmImpl: z.string().optional(),
    routingInputs: z.string().optional(),
    checks: z.array(z.object({ shape: z.string(), relErrorVsFp32: finite, ok: z.boolean() }).loose()).default([]),
    layers: z.array(MoeLayerPoint).default([]),
    /** The architectures run end to end (layer counts reduced to fit one GPU), as model presets. */
    models: z
      .array(z.object({ presetId: z.string(), layersRun: count, layersInPreset: count, config: ModelArchitecture, differences: z.string() }))
      .default([]),
    endToEnd: z.array(EndToEndPoint).default([]),
    heldOutRule: z.string().optional(),
  })
  .superRefine((m, ctx) => {
    const ids = new Set(m.models.map((r) => r.config.id));
    m.endToEnd.forEach((p, i) => {
      if (!ids.has(p.modelId))
        ctx.addIssue({ code: 'custom', path: ['endToEnd', i, 'modelId'], message: `"${p.modelId}" is not one of moe.models[].config.id` });
    });
  });

/** A tensor-parallel decode step with and without its all-reduces (calibration/tp_decode.py). */
const TpDecode = z.union([
  z.object({ skipped: z.string() }),
  z.object({
    worldSize: count,
    modelId: z.string(),
    layers: count,
    context: count,
    graph: z.boolean(),
    points: z.array(
      z.object({
        batch: count,
        stepSeconds: secs,
        stepNoCommSeconds: secs,
        allReducesPerStep: count,
        allReduceInStepSeconds: finite,
        allReduceAloneSeconds: secs,
        bytesPerAllReduce: finite.positive(),
      }),
    ),
  }),
]);

export const CalibrationProfile = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('cluster-planner-calibration-profile'),
  id: z.string().min(1).max(120),
  acceleratorId: z.string().min(1).max(80),
  /** Registry citation for bundled profiles; free text (at least 10 characters) for a user's own measurement. */
  source: SourceField.refine((s) => typeof s !== 'string' || s.length >= 10, 'source must say where and how the profile was measured'),
  /** Where and how it was measured, in words (bundled profiles keep their provenance text here). */
  note: z.string().max(2000).optional(),
  device: z.object({ name: z.string(), computeCapability: z.string().optional(), memoryBytes: finite.optional(), multiprocessors: finite.optional() }),
  date: z.string(),
  software: z.record(z.string(), z.string()),
  method: z.string(),
  copy: z.object({ sizeBytes: finite, seconds: finite, bytesPerS: finite.positive(), note: z.string().optional() }),
  gemm: z.object({ bf16: z.array(GemmPoint).min(1), fp8: z.array(GemmPoint).default([]), fp8Skipped: z.string().optional() }),
  attention: z.object({
    decode: z.array(z.object({ layout: z.string(), batch: finite, context: finite, seconds: finite.positive(), bytes: finite, flops: finite, bytesPerS: finite })),
    prefill: z.array(z.object({ seq: finite, heads: finite, headDim: finite, seconds: finite.positive(), flops: finite, flopsPerS: finite })),
  }),
  nccl: z.record(z.string(), z.unknown()).default({}),
  endToEnd: z.array(EndToEndPoint).default([]),
  fp8Quant: Fp8Quant.optional(),
  moe: MoeSection.optional(),
  tpDecode: TpDecode.optional(),
  elapsedS: finite.optional(),
  derived: z.object({ from: z.array(z.string()), how: z.string() }).optional(),
});
export type CalibrationProfile = z.infer<typeof CalibrationProfile>;

export interface EfficiencyCurves {
  gemmCompute: Curve;
  gemmComputeFp8: Curve;
  gemmMemory: Curve;
  attnDecodeMemory: Curve;
  attnPrefillCompute: Curve;
  copy: number;
  source: string;
  /** Per MoE expert shape: grouped-GEMM roofline fraction by tokens per touched expert. */
  groupedGemm?: ShapeCurve[];
  groupedGemmFp8?: ShapeCurve[];
  /** Per MoE expert shape: routing seconds per layer = fixedS + perTokenS × tokens. */
  routing?: RoutingFit[];
  /** Bus bandwidth by message size from the profile's NCCL run (that host only: never derived). */
  nccl?: NcclCurves;
}

/**
 * Whether every curve the engine reads has a point. A profile whose points all fall on the other
 * side of this accelerator's ridge (its peaks are not the measured part's, e.g. a user preset with
 * a 1e18 FLOP/s peak) yields empty curves: those are not used, the flat defaults apply.
 */
export function curvesUsable(c: EfficiencyCurves): boolean {
  return [c.gemmCompute, c.gemmComputeFp8, c.gemmMemory, c.attnDecodeMemory, c.attnPrefillCompute].every(
    (k) => k.length > 0,
  );
}

export function curvesFromProfile(p: CalibrationProfile, acc: Accelerator): EfficiencyCurves {
  const bf16 = acc.peakFlopsPerS.bf16.value ?? acc.peakFlopsPerS.fp16.value ?? 1;
  const fp8 = acc.peakFlopsPerS.fp8.value ?? bf16;
  const bw = acc.memoryBandwidthBytesPerS.value ?? 1;
  const computeBound = (g: { flops: number; bytes: number }, peak: number): boolean => g.flops / g.bytes >= peak / bw;
  const gemmCompute = monotone(curveFrom(p.gemm.bf16.filter((g) => computeBound(g, bf16)).map((g) => [g.m, g.flopsPerS / bf16])));
  const fp8Points = p.gemm.fp8.filter((g) => computeBound(g, fp8));
  const gemmComputeFp8 = fp8Points.length > 2 ? monotone(curveFrom(fp8Points.map((g) => [g.m, g.flopsPerS / fp8]))) : gemmCompute;
  const gemmMemory = monotone(curveFrom(p.gemm.bf16.filter((g) => g.m <= 8).map((g) => [g.bytes, g.bytesPerS / bw])));
  const attnDecodeMemory = monotone(curveFrom(p.attention.decode.filter((a) => a.layout.startsWith('gqa')).map((a) => [a.bytes, a.bytesPerS / bw])));
  const attnPrefillCompute = monotone(curveFrom(p.attention.prefill.map((a) => [a.seq, a.flopsPerS / bf16])));
  const layers = p.moe?.layers ?? [];
  const nccl = ncclCurves(p);
  return {
    gemmCompute,
    gemmComputeFp8,
    gemmMemory,
    attnDecodeMemory,
    attnPrefillCompute,
    copy: Math.min(1, p.copy.bytesPerS / bw),
    source: p.note ?? sourceLabel(p.source),
    ...(layers.length ? { groupedGemm: groupedGemmCurves(layers, bf16, bw, false), groupedGemmFp8: groupedGemmCurves(layers, fp8, bw, true), routing: routingFits(layers) } : {}),
    ...(nccl ? { nccl } : {}),
  };
}

/**
 * Default curves for accelerators without a profile, derived per device class:
 * - datacenter GPUs: the element-wise mean of the shipped H100 and H200 curves (both Hopper,
 *   same SM count; efficiencies are fractions of each part's own peaks, so they transfer to H800,
 *   H20 and, less surely, to other datacenter parts);
 * - every other class (consumer GPUs, NPUs, TPUs, CPUs, Apple): no derived curve — the documented
 *   flat defaults in the hardware preset apply, because no measured part of that class exists.
 */
export function derivedCurves(acc: Accelerator, measured: EfficiencyCurves[]): EfficiencyCurves | null {
  if (acc.deviceClass !== 'datacenter-gpu' || measured.length === 0) return null;
  const mean = (pick: (c: EfficiencyCurves) => Curve): Curve => {
    const base = pick(measured[0]!);
    return base.map(([x]) => [x, measured.reduce((s, c) => s + interpLog(pick(c), x), 0) / measured.length] as const);
  };
  return {
    gemmCompute: mean((c) => c.gemmCompute),
    gemmComputeFp8: mean((c) => c.gemmComputeFp8),
    gemmMemory: mean((c) => c.gemmMemory),
    attnDecodeMemory: mean((c) => c.attnDecodeMemory),
    attnPrefillCompute: mean((c) => c.attnPrefillCompute),
    copy: measured.reduce((s, c) => s + c.copy, 0) / measured.length,
    source: `derived for ${acc.id} (datacenter GPU) from the mean of the measured H100 and H200 profiles`,
    ...derivedMoe(measured),
  };
}

export function parseProfile(raw: unknown, label = 'profile'): CalibrationProfile {
  const r = CalibrationProfile.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${describeIssues(r.error)}`);
  return r.data;
}
