/**
 * MoE and NCCL curves from a calibration profile (calibration/moe.py, calibration/nccl.py):
 * - groupedGemm(tokens per touched expert), per expert shape: roofline time of the MoE layer's two
 *   grouped GEMMs (gate/up and down), max(FLOPs ÷ BF16 peak, bytes ÷ bandwidth) with bytes = the
 *   touched experts' weights + the GEMMs' activation traffic, ÷ measured time (≤ 1); groupedGemmFp8
 *   the same for the FP8 grouped GEMMs (FP8 peak, weight bytes halved). Tokens per touched expert
 *   is T·k ÷ E(1 − (1 − k/E)^T), the expected count the engine computes, so a measured shape is
 *   looked up exactly by T. NOT made non-decreasing: on the H100 and H200 the measured fraction
 *   drops by 20-35% between 64 and 128-512 tokens per expert (the grouped GEMM's tiles start to
 *   re-read expert weights before it becomes compute-bound), and an envelope would hide that.
 * - routing, per expert shape: seconds per MoE layer outside the grouped GEMMs (router GEMM, top-k,
 *   sort/permute, SwiGLU, un-permute and weighted sum, each timed alone in a CUDA graph), fitted as
 *   fixedS + perTokenS × tokens by least squares on the relative error.
 * - nccl: bus bandwidth (bytes/s, nccl-tests convention: all-reduce moves 2(n−1)/n of the message
 *   per rank, all-gather and all-to-all (n−1)/n) by message size per rank, on the host measured.
 * Shapes not measured use the nearest measured shape (sum of |log ratio| of E, k, H, I).
 */
import { z } from 'zod';
import { SourceField } from '../source';
import { sourceLabel } from '../sources/registry';
import { curveFrom, interpLog, monotone, type Curve } from './curve';
import type { CalibrationProfile, MoeLayerPoint, MoeShape } from '../schema/calibration';
import type { EfficiencyCurves } from './profile';

const finite = z.number().finite();

export interface ShapeCurve {
  shape: MoeShape;
  label: string;
  curve: Curve;
}
export interface RoutingFit {
  shape: MoeShape;
  label: string;
  fixedS: number;
  perTokenS: number;
}
export interface NcclCurves {
  worldSize: number;
  source?: string;
  /** x: bytes per rank; y: bus bytes/s (nccl-tests convention). */
  allReduce: Curve;
  allGather: Curve;
  allToAll: Curve;
}

const shapeOf = (p: MoeShape): MoeShape => ({ experts: p.experts, topK: p.topK, hidden: p.hidden, expertIntermediate: p.expertIntermediate });

function byShape(layers: readonly MoeLayerPoint[]): Map<string, MoeLayerPoint[]> {
  const by = new Map<string, MoeLayerPoint[]>();
  for (const l of layers) by.set(l.shape, [...(by.get(l.shape) ?? []), l]);
  return by;
}

/** Grouped-GEMM roofline fraction by tokens per touched expert, one curve per expert shape. */
export function groupedGemmCurves(layers: readonly MoeLayerPoint[], peak: number, bw: number, fp8: boolean): ShapeCurve[] {
  const out: ShapeCurve[] = [];
  for (const [label, pts] of byShape(layers)) {
    const use = pts.filter((q) => !fp8 || q.fp8Seconds);
    if (use.length < 2) continue;
    const eff = use.map((q): [number, number] => {
      const t = fp8 ? q.fp8Seconds!.gemmGateUp + q.fp8Seconds!.gemmDown : q.seconds.gemmGateUp + q.seconds.gemmDown;
      const bytes = (fp8 ? q.expertWeightBytes / 2 : q.expertWeightBytes) + q.activationBytes;
      return [(q.tokens * q.topK) / q.expectedDistinctExperts, Math.max(q.flops / peak, bytes / bw) / t];
    });
    out.push({ shape: shapeOf(use[0]!), label, curve: curveFrom(eff) });
  }
  return out;
}

/** Seconds of one MoE layer outside its grouped GEMMs (each piece timed alone in a CUDA graph). */
export const routingPieceSeconds = (q: MoeLayerPoint): number =>
  q.seconds.routerGemm + q.seconds.topk + q.seconds.permute + q.seconds.activation + q.seconds.unpermute;

/**
 * Fits seconds = a + b × tokens, a, b ≥ 0, by least squares on the relative error (weights 1/t²,
 * so the launch-bound small-token points count as much as the large ones).
 */
export function fitLinearRelative(xs: readonly number[], ts: readonly number[]): { a: number; b: number } {
  let s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0;
  xs.forEach((x, i) => {
    const w = 1 / (ts[i]! * ts[i]!);
    s0 += w;
    s1 += w * x;
    s2 += w * x * x;
    t0 += w * ts[i]!;
    t1 += w * x * ts[i]!;
  });
  const det = s0 * s2 - s1 * s1;
  let a = det > 0 ? (t0 * s2 - t1 * s1) / det : t0 / s0;
  let b = det > 0 ? (s0 * t1 - s1 * t0) / det : 0;
  if (b < 0) [a, b] = [t0 / s0, 0];
  if (a < 0) [a, b] = [0, t1 / s2];
  return { a, b };
}

export function routingFits(layers: readonly MoeLayerPoint[]): RoutingFit[] {
  return [...byShape(layers)].map(([label, pts]) => {
    const { a, b } = fitLinearRelative(
      pts.map((q) => q.tokens),
      pts.map(routingPieceSeconds),
    );
    return { shape: shapeOf(pts[0]!), label, fixedS: a, perTokenS: b };
  });
}

/** The entry whose expert shape is nearest to `s` (sum of |log ratio| over the four sizes). */
function nearestShape<T extends { shape: MoeShape }>(xs: readonly T[] | undefined, s: MoeShape): T | undefined {
  const d = (a: MoeShape): number =>
    (['experts', 'topK', 'hidden', 'expertIntermediate'] as const).reduce((sum, k) => sum + Math.abs(Math.log(a[k] / s[k])), 0);
  return xs?.reduce<T | undefined>((best, x) => (!best || d(x.shape) < d(best.shape) ? x : best), undefined);
}

/** Grouped-GEMM roofline fraction for an expert shape (nearest measured) and tokens per touched expert; null without MoE data. */
export function groupedGemmEfficiency(c: EfficiencyCurves, s: MoeShape, tokensPerExpert: number, fp8 = false): number | null {
  const hit = nearestShape(fp8 ? c.groupedGemmFp8 : c.groupedGemm, s);
  return hit ? interpLog(hit.curve, Math.max(1, tokensPerExpert)) : null;
}

/**
 * Routing seconds of one MoE layer on `tokens` tokens: the nearest measured shape's fit, its
 * per-token part scaled by topK × hidden (the bytes each token moves through permute and
 * un-permute) when the shape differs; null without MoE data.
 */
export function routingSeconds(c: EfficiencyCurves, s: MoeShape, tokens: number): number | null {
  const f = nearestShape(c.routing, s);
  if (!f) return null;
  return f.fixedS + f.perTokenS * ((s.topK * s.hidden) / (f.shape.topK * f.shape.hidden)) * tokens;
}

const NcclPoint = z.object({ bytesPerRank: finite.positive(), seconds: finite.positive(), busBytesPerS: finite.positive() });
const NcclData = z.object({
  worldSize: z.number().int().positive(),
  allReduce: z.array(NcclPoint).min(2),
  allGather: z.array(NcclPoint).min(2),
  allToAll: z.array(NcclPoint).min(2),
  source: SourceField.optional(),
  note: z.string().optional(),
});
const busCurve = (pts: ReadonlyArray<z.infer<typeof NcclPoint>>): Curve =>
  monotone([...pts].sort((a, b) => a.bytesPerRank - b.bytesPerRank).map((q) => [q.bytesPerRank, q.busBytesPerS] as const));

/** The profile's NCCL measurements as bus-bandwidth curves; undefined when none were made. */
export function ncclCurves(p: CalibrationProfile): NcclCurves | undefined {
  const r = NcclData.safeParse(p.nccl);
  if (!r.success) return undefined;
  const d = r.data;
  return { worldSize: d.worldSize, source: d.note ?? (d.source === undefined ? undefined : sourceLabel(d.source)), allReduce: busCurve(d.allReduce), allGather: busCurve(d.allGather), allToAll: busCurve(d.allToAll) };
}

/**
 * Seconds for one collective of `bytesPerRank`: bytes × f ÷ bus bandwidth(bytes), f = 2(n−1)/n for
 * all-reduce and (n−1)/n otherwise (nccl-tests). Below the smallest measured size the smallest
 * size's time holds (latency-bound); above the largest, its bandwidth.
 */
export function ncclSeconds(n: NcclCurves, op: 'allReduce' | 'allGather' | 'allToAll', bytesPerRank: number): number {
  const f = op === 'allReduce' ? (2 * (n.worldSize - 1)) / n.worldSize : (n.worldSize - 1) / n.worldSize;
  const b = Math.max(bytesPerRank, n[op][0]![0]);
  return (b * f) / interpLog(n[op], b);
}

/** MoE curves for a derived profile: per shape, the mean over the measured profiles that all have it. */
export function derivedMoe(measured: EfficiencyCurves[]): Pick<EfficiencyCurves, 'groupedGemm' | 'groupedGemmFp8' | 'routing'> {
  const meanCurves = (pick: (c: EfficiencyCurves) => ShapeCurve[] | undefined): ShapeCurve[] | undefined => {
    const base = pick(measured[0]!);
    if (!base || measured.some((c) => !pick(c))) return undefined;
    return base.flatMap((sc) => {
      const all = measured.map((c) => pick(c)!.find((x) => x.label === sc.label));
      if (all.some((x) => !x)) return [];
      return [{ ...sc, curve: sc.curve.map(([x]) => [x, all.reduce((s, c) => s + interpLog(c!.curve, x), 0) / all.length] as const) }];
    });
  };
  const base = measured[0]!.routing;
  const routing = base?.flatMap((f) => {
    const all = measured.map((c) => c.routing?.find((x) => x.label === f.label));
    if (all.some((x) => !x)) return [];
    const mean = (k: 'fixedS' | 'perTokenS'): number => all.reduce((s, x) => s + x![k], 0) / all.length;
    return [{ ...f, fixedS: mean('fixedS'), perTokenS: mean('perTokenS') }];
  });
  const out: Pick<EfficiencyCurves, 'groupedGemm' | 'groupedGemmFp8' | 'routing'> = {};
  const g = meanCurves((c) => c.groupedGemm);
  const g8 = meanCurves((c) => c.groupedGemmFp8);
  if (g?.length) out.groupedGemm = g;
  if (g8?.length) out.groupedGemmFp8 = g8;
  if (routing?.length) out.routing = routing;
  return out;
}

/** The grouped-GEMM curve of the measured shape nearest to `s` (once per plan family, for the engine's hot path). */
export function groupedGemmCurveFor(c: EfficiencyCurves, s: MoeShape, fp8: boolean): Curve | null {
  return nearestShape(fp8 ? c.groupedGemmFp8 : c.groupedGemm, s)?.curve ?? null;
}

/** Routing seconds per layer as fixed + per-token parts for shape `s` (the per-token part scaled by topK × hidden). */
export function routingFitFor(c: EfficiencyCurves, s: MoeShape): { fixedS: number; perTokenS: number; label: string } | null {
  const f = nearestShape(c.routing, s);
  if (!f) return null;
  return { fixedS: f.fixedS, perTokenS: (f.perTokenS * (s.topK * s.hidden)) / (f.shape.topK * f.shape.hidden), label: f.label };
}
