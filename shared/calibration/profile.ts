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
 */
import { z } from 'zod';
import type { Accelerator } from '../hardware/schema';
import { describeIssues, SourceField } from '../source';
import { sourceLabel } from '../sources/registry';

const finite = z.number().finite();
const GemmPoint = z.object({ m: finite, k: finite, n: finite, seconds: finite.positive(), flops: finite, bytes: finite, flopsPerS: finite, bytesPerS: finite });

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
  endToEnd: z
    .array(
      z.object({
        id: z.string(),
        modelId: z.string(),
        phase: z.enum(['decode', 'prefill']),
        batch: z.number().int().positive(),
        context: z.number().int().positive(),
        measuredMs: finite.positive(),
        heldOut: z.boolean(),
      }),
    )
    .default([]),
  elapsedS: finite.optional(),
  derived: z.object({ from: z.array(z.string()), how: z.string() }).optional(),
});
export type CalibrationProfile = z.infer<typeof CalibrationProfile>;

export type Curve = ReadonlyArray<readonly [number, number]>;

export interface EfficiencyCurves {
  gemmCompute: Curve;
  gemmComputeFp8: Curve;
  gemmMemory: Curve;
  attnDecodeMemory: Curve;
  attnPrefillCompute: Curve;
  copy: number;
  source: string;
}

/** Linear interpolation in log(x), clamped to the end points. */
export function interpLog(c: Curve, x: number): number {
  if (c.length === 0) return Number.NaN;
  const first = c[0]!;
  const last = c[c.length - 1]!;
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  const lx = Math.log(x);
  for (let i = 1; i < c.length; i++) {
    const [x1, y1] = c[i]!;
    if (x <= x1) {
      const [x0, y0] = c[i - 1]!;
      const t = (lx - Math.log(x0)) / (Math.log(x1) - Math.log(x0));
      return y0 + t * (y1 - y0);
    }
  }
  return last[1];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Groups points by key, takes the median of y per key, and sorts by key. */
function curveFrom(points: Array<[number, number]>): Curve {
  const by = new Map<number, number[]>();
  for (const [x, y] of points) by.set(x, [...(by.get(x) ?? []), y]);
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([x, ys]) => [x, Math.min(1, median(ys))] as const);
}

/** Makes a curve non-decreasing in x (a larger operator never runs less efficiently). */
export function monotone(c: Curve): Curve {
  let best = 0;
  return c.map(([x, y]) => {
    best = Math.max(best, y);
    return [x, best] as const;
  });
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
  return { gemmCompute, gemmComputeFp8, gemmMemory, attnDecodeMemory, attnPrefillCompute, copy: Math.min(1, p.copy.bytesPerS / bw), source: p.note ?? sourceLabel(p.source) };
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
  };
}

export function parseProfile(raw: unknown, label = 'profile'): CalibrationProfile {
  const r = CalibrationProfile.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${describeIssues(r.error)}`);
  return r.data;
}
