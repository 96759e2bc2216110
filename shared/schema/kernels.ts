/**
 * Kernel profiles: measured kernel efficiencies of one device under one serving stack and version
 * (GEMMs by input format, decode and prefill attention, MLA, MoE layers) and measured collective
 * times of its system (custom all-reduce, NCCL, DeepEP dispatch/combine). Converted from NVIDIA
 * AIConfigurator's database by `npm run import:aic` (scripts/import-aic.ts, shared/kernels/aic.ts)
 * or imported by the user on the Calibration page. Efficiencies are stored on grids, one byte per
 * cell (schema/kernel-grid.ts), as fractions of the rooflines in kernels/roofline.ts; collective times
 * are stored in seconds.
 */
import { z } from 'zod';
import { describeIssues, SourceField } from '../source';
import { fromBase64 } from './kernel-grid';

/** GEMM input formats of measured tables (kernels/roofline.ts: the peak and bytes each counts against). */
export const GEMM_DTYPES = ['bf16', 'fp8', 'fp8-block', 'nvfp4', 'mxfp4', 'int8', 'int4-wo'] as const;
export type GemmDtype = (typeof GEMM_DTYPES)[number];

export const SERVING_STACKS = ['generic', 'trtllm', 'sglang', 'vllm'] as const;
export type ServingStackName = (typeof SERVING_STACKS)[number];
export const MEASURED_STACKS = ['trtllm', 'sglang', 'vllm'] as const;

const pos = z.number().finite().positive();
const axis = z.array(pos).min(1).max(20_000);

/** A grid of efficiencies: its axes (ascending) and the cells, base64 of one byte each. */
export const Grid = z
  .object({ axes: z.array(axis).min(1).max(4), eff: z.string().max(4_000_000) })
  .superRefine((g, ctx) => {
    g.axes.forEach((a, i) => {
      if (a.some((v, j) => j > 0 && v <= a[j - 1]!))
        ctx.addIssue({ code: 'custom', path: ['axes', i], message: 'axis values must be ascending' });
    });
    const cells = g.axes.reduce((n, a) => n * a.length, 1);
    const bytes = fromBase64(g.eff);
    if (!bytes) ctx.addIssue({ code: 'custom', path: ['eff'], message: 'eff is not base64' });
    else if (bytes.length !== cells)
      ctx.addIssue({
        code: 'custom',
        path: ['eff'],
        message: `eff holds ${bytes.length} cells, the axes ${g.axes.map((a) => a.length).join(' × ')} = ${cells}`,
      });
  });
export type Grid = z.infer<typeof Grid>;

const count = z
  .number()
  .int()
  .positive()
  .max(1 << 20);
const kvDtype = z.enum(['bf16', 'fp8']);

/** Measured seconds against one axis (message bytes, tokens). */
const Curve = z
  .object({ x: z.array(pos).min(1).max(256), seconds: z.array(pos).min(1).max(256) })
  .refine((c) => c.x.length === c.seconds.length, {
    message: 'x and seconds must have the same length',
    path: ['seconds'],
  })
  .refine((c) => c.x.every((v, i) => i === 0 || v > c.x[i - 1]!), { message: 'x must be ascending', path: ['x'] });

export const KernelProfile = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('cluster-planner-kernel-profile'),
  id: z.string().min(1).max(160),
  acceleratorId: z.string().min(1).max(80),
  /** Systems whose collectives these are (the measured host's scale-up fabric). */
  systemIds: z.array(z.string().max(80)).max(32).default([]),
  stack: z.enum(MEASURED_STACKS),
  version: z.string().min(1).max(40),
  source: SourceField,
  note: z.string().max(4000).optional(),
  device: z.string().max(200),
  /** Peaks the efficiencies are fractions of (the accelerator preset's datasheet values). */
  basis: z.object({ flopsPerS: z.record(z.string(), pos.nullable()), bytesPerS: pos }),
  gemm: z
    .array(z.object({ dtype: z.enum(GEMM_DTYPES), grid: Grid }))
    .max(16)
    .default([]),
  /** Axes: KV head-sequences on a rank (batch × KV heads), context tokens. */
  decodeAttention: z
    .array(z.object({ headDim: count, kvDtype, gqaLog2: z.number().int().min(0).max(10), grid: Grid }))
    .max(200)
    .default([]),
  /** Axes: query head-sequences (batch × heads), prompt tokens. */
  prefillAttention: z
    .array(z.object({ headDim: count, dtype: kvDtype, kvDtype, gqaLog2: z.number().int().min(0).max(10), grid: Grid }))
    .max(200)
    .default([]),
  /** DeepSeek MLA; axes: heads on a rank, batch, context (decode) or prompt tokens (prefill). */
  mlaDecode: z
    .array(z.object({ kvDtype, grid: Grid }))
    .max(4)
    .default([]),
  mlaPrefill: z
    .array(z.object({ kvDtype, grid: Grid }))
    .max(4)
    .default([]),
  /**
   * One MoE layer (routing, experts, finalize) by tokens on the EP group: one row per measured
   * shape [format index into `dtypes`, hidden, expert intermediate, top-k, experts, MoE TP, EP],
   * a grid over (shape row, tokens).
   */
  moe: z
    .object({
      dtypes: z.array(z.enum(GEMM_DTYPES)).max(16),
      distribution: z.string().max(40),
      shapes: z
        .array(
          z
            .array(
              z
                .number()
                .int()
                .nonnegative()
                .max(1 << 20),
            )
            .length(7),
        )
        .max(20_000),
      grid: Grid,
    })
    .superRefine((m, ctx) => {
      if (m.grid.axes.length !== 2 || m.grid.axes[0]!.length !== m.shapes.length)
        ctx.addIssue({
          code: 'custom',
          path: ['grid', 'axes'],
          message: 'the MoE grid needs one row per shape and a token axis',
        });
      m.shapes.forEach((r, i) => {
        if (r[0]! >= m.dtypes.length)
          ctx.addIssue({ code: 'custom', path: ['shapes', i, 0], message: 'format index out of range' });
      });
    })
    .nullable()
    .default(null),
  /**
   * Wide expert parallelism (DeepEP dispatch into masked grouped GEMMs, measured under SGLang):
   * seconds of one MoE layer on a rank by tokens across the EP group, per EP size, for decode
   * (low-latency kernels) and prefill (normal kernels); balanced routing.
   */
  moeWide: z
    .array(
      z.object({
        phase: z.enum(['decode', 'prefill']),
        dtype: z.enum(GEMM_DTYPES),
        hidden: count,
        inter: count,
        topK: count,
        experts: count,
        ep: count,
        curve: Curve,
      }),
    )
    .max(200)
    .default([]),
  allReduce: z
    .array(z.object({ gpus: count, impl: z.enum(['custom', 'nccl']), curve: Curve }))
    .max(64)
    .default([]),
  nccl: z
    .array(
      z.object({ op: z.enum(['all_reduce', 'all_gather', 'alltoall', 'reduce_scatter']), gpus: count, curve: Curve }),
    )
    .max(64)
    .default([]),
  deepep: z
    .array(
      z.object({
        mode: z.enum(['low-latency', 'normal']),
        hidden: count,
        topK: count,
        experts: count,
        nodes: count,
        dispatch: Curve,
        combine: Curve,
      }),
    )
    .max(500)
    .default([]),
});
export type KernelProfile = z.infer<typeof KernelProfile>;

export function parseKernelProfile(raw: unknown, label = 'kernel profile'): KernelProfile {
  const r = KernelProfile.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${describeIssues(r.error)}`);
  return r.data;
}
