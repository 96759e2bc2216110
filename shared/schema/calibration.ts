/**
 * Calibration profiles as stored: what kernels measured on a real device (calibration/kit.py) —
 * copy bandwidth, GEMMs, attention, MoE layers, NCCL and end-to-end points — validated on load.
 * The efficiency curves the engine derives from a profile live in calibration/profile.ts.
 */
import { z } from 'zod';
import { ModelArchitecture } from './model';
import { describeIssues, SourceField } from '../source';
import { checkTreeAs } from './tree';

const finite = z.number().finite();
const secs = finite.positive();
const count = z.number().int().positive();
/**
 * A size or rate the efficiency curves are built from: the curves interpolate in log(size) and
 * divide by the rate, so 0, a negative or a denormal value would give NaN or Infinity rates for
 * every operator the curve covers (a fuzzer found it: a prefill attention point with seq 0 made
 * the prefill operators' FLOP/s NaN). Measured kernels are never that small.
 */
const measured = finite.min(1e-3, 'must be a measured size or rate (at least 0.001)');
const GemmPoint = z.object({
  m: count,
  k: count,
  n: count,
  seconds: finite.positive(),
  flops: measured,
  bytes: measured,
  flopsPerS: measured,
  bytesPerS: measured,
});

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
  /** At least one expert and one token per touched expert: the grouped-GEMM curve's x divides by it. */
  expectedDistinctExperts: finite.min(1, 'must be at least 1 expert'),
  tokensPerExpertMean: finite.min(1, 'must be at least 1 token'),
  tokensPerExpertMax: count,
  expertWeightBytes: measured,
  activationBytes: measured,
  flops: measured,
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
      .array(
        z.object({
          presetId: z.string(),
          layersRun: count,
          layersInPreset: count,
          config: ModelArchitecture,
          differences: z.string(),
        }),
      )
      .default([]),
    endToEnd: z.array(EndToEndPoint).default([]),
    heldOutRule: z.string().optional(),
  })
  .superRefine((m, ctx) => {
    const ids = new Set(m.models.map((r) => r.config.id));
    m.endToEnd.forEach((p, i) => {
      if (!ids.has(p.modelId))
        ctx.addIssue({
          code: 'custom',
          path: ['endToEnd', i, 'modelId'],
          message: `"${p.modelId}" is not one of moe.models[].config.id`,
        });
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
  source: SourceField.refine(
    (s) => typeof s !== 'string' || s.length >= 10,
    'source must say where and how the profile was measured',
  ),
  /** Where and how it was measured, in words (bundled profiles keep their provenance text here). */
  note: z.string().max(2000).optional(),
  device: z.object({
    name: z.string(),
    computeCapability: z.string().optional(),
    memoryBytes: finite.optional(),
    multiprocessors: finite.optional(),
  }),
  date: z.string(),
  software: z.record(z.string(), z.string()),
  method: z.string(),
  copy: z.object({ sizeBytes: measured, seconds: secs, bytesPerS: measured, note: z.string().optional() }),
  gemm: z.object({
    bf16: z.array(GemmPoint).min(1),
    fp8: z.array(GemmPoint).default([]),
    fp8Skipped: z.string().optional(),
  }),
  attention: z.object({
    decode: z.array(
      z.object({
        layout: z.string(),
        batch: measured,
        context: measured,
        seconds: finite.positive(),
        bytes: measured,
        flops: measured,
        bytesPerS: measured,
      }),
    ),
    prefill: z.array(
      z.object({
        seq: measured,
        heads: measured,
        headDim: measured,
        seconds: finite.positive(),
        flops: measured,
        flopsPerS: measured,
      }),
    ),
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

export function parseProfile(raw: unknown, label = 'profile'): CalibrationProfile {
  checkTreeAs(raw, label);
  const r = CalibrationProfile.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${describeIssues(r.error)}`);
  return r.data;
}
