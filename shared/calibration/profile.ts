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
import type { Accelerator } from '../schema/hardware';
import { CalibrationProfile, parseProfile, type MoeLayerPoint, type MoeShape } from '../schema/calibration';

export { CalibrationProfile, parseProfile, type MoeLayerPoint, type MoeShape };
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

/** The smallest fraction of a datasheet peak a curve may give: below it rates are not finite in practice. */
export const MIN_CURVE_EFFICIENCY = 1e-6;

/**
 * Whether every curve the engine reads has a point, at a positive size and an efficiency of at
 * least MIN_CURVE_EFFICIENCY, so every operator it covers gets a finite, positive rate. A profile
 * whose points all fall on the other side of this accelerator's ridge (its peaks are not the
 * measured part's, e.g. a user preset with a 1e18 FLOP/s peak), or whose rates are a vanishing
 * fraction of its peaks, is not used: the flat defaults apply, and the operator table says so.
 */
export function curvesUsable(c: EfficiencyCurves): boolean {
  const ok = (x: number, y: number): boolean =>
    Number.isFinite(x) && x > 0 && Number.isFinite(y) && y >= MIN_CURVE_EFFICIENCY;
  return (
    ok(1, c.copy) &&
    [c.gemmCompute, c.gemmComputeFp8, c.gemmMemory, c.attnDecodeMemory, c.attnPrefillCompute].every(
      (k) => k.length > 0 && k.every(([x, y]) => ok(x, y)),
    )
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

