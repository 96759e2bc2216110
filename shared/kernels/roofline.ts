/**
 * The rooflines that measured kernel tables are expressed against. A kernel table stores, for each
 * measured shape, its efficiency: the roofline time of that shape on the measured device divided by
 * the measured time (so 0.8 = the kernel ran at 80% of what the datasheet allows). The engine
 * computes the same roofline for the plan's shape and device and divides by the interpolated
 * efficiency; a device without tables of its own divides by its class prior's efficiency
 * (kernels/prior.ts). Efficiencies above 1 occur (caches, a conservative datasheet) and are kept.
 *
 *   roofline = max(FLOPs ÷ peak FLOP/s at the kernel's precision, bytes ÷ peak memory bandwidth)
 *
 * - GEMM (M × K) · (K × N): FLOPs 2MNK; bytes (MK + NK) × input element bytes + MN × 2 (BF16 out).
 * - Decode attention over b sequences of s cached tokens, H query and G KV heads of dimension d:
 *   FLOPs 4·b·s·H·d (scores and values); bytes b·s·G·d·2 (K and V) × KV element bytes.
 * - Prefill attention (causal) of b prompts of S tokens: FLOPs 4·b·H·d·S²/2; bytes
 *   b·S·(H + 2G)·d·2 (q, k, v in and out once).
 * - MLA decode (absorbed, per rank with H heads): FLOPs 2·b·H·s·(dc + dr + dc); bytes
 *   b·s·(dc + dr) × KV element bytes (the latent cache is read once, shared by the heads).
 * - MLA prefill (per rank): FLOPs 2·b·H·(S²/2)·(dqk + dv); bytes b·S·H·(dqk + dv)·2.
 * - MoE layer of T tokens across the EP group (a rank holds E/EP experts, each split by TP; the
 *   database's num_tokens is the group's, rank 0's share timed): FLOPs 2·3·T·k·h·I ÷ (TP·EP)
 *   (gate, up, down; balanced routing); bytes: the expected distinct experts on a rank,
 *   E/EP·(1 − (1 − k/E)^T), × 3·h·I/TP × weight element bytes + the rank's T·k/EP token rows in
 *   and out (×2 bytes each way).
 */
import type { PeakPrecision } from '../schema/hardware';
import type { GemmDtype } from '../schema/kernels';

export type { GemmDtype };

/** Peaks a table's efficiencies are fractions of (the device's datasheet values). */
export interface RooflineBasis {
  /** FLOP/s by precision the kernels compute at; null where the part has no such rate. */
  flopsPerS: Partial<Record<PeakPrecision, number | null>>;
  bytesPerS: number;
}

/** The precision each GEMM input format's FLOPs count against. */
export const GEMM_PEAK: Record<GemmDtype, PeakPrecision> = {
  bf16: 'bf16',
  fp8: 'fp8',
  'fp8-block': 'fp8',
  nvfp4: 'fp4',
  mxfp4: 'fp4',
  int8: 'int8',
  'int4-wo': 'bf16',
};
export const GEMM_INPUT_BYTES: Record<GemmDtype, number> = {
  bf16: 2,
  fp8: 1,
  'fp8-block': 1,
  nvfp4: 0.5625,
  mxfp4: 0.53125,
  int8: 1,
  'int4-wo': 0.5,
};

/**
 * The peak for a precision, falling back to BF16 where the part lacks it (it then runs at BF16), then
 * FP16, then FP32 where that is the only rate the part states (Apple's GPUs), as effectivePeak does.
 */
export function peakOf(b: RooflineBasis, p: PeakPrecision): number {
  return b.flopsPerS[p] ?? b.flopsPerS.bf16 ?? b.flopsPerS.fp16 ?? b.flopsPerS.fp32 ?? 0;
}

const roof = (flops: number, peak: number, bytes: number, bw: number): number =>
  Math.max(peak > 0 ? flops / peak : 0, bw > 0 ? bytes / bw : 0);

export function gemmRoofline(
  b: RooflineBasis,
  dtype: GemmDtype,
  m: number,
  n: number,
  k: number,
  weightBytes = GEMM_INPUT_BYTES[dtype],
): number {
  const e = GEMM_INPUT_BYTES[dtype];
  return roof(2 * m * n * k, peakOf(b, GEMM_PEAK[dtype]), m * k * e + n * k * weightBytes + m * n * 2, b.bytesPerS);
}

export function decodeAttentionRoofline(
  b: RooflineBasis,
  batch: number,
  context: number,
  heads: number,
  kvHeads: number,
  headDim: number,
  kvBytes: number,
): number {
  const flops = 4 * batch * context * heads * headDim;
  const bytes = batch * context * kvHeads * headDim * 2 * kvBytes;
  return roof(flops, peakOf(b, 'bf16'), bytes, b.bytesPerS);
}

export function prefillAttentionRoofline(
  b: RooflineBasis,
  batch: number,
  seq: number,
  heads: number,
  kvHeads: number,
  headDim: number,
  fp8: boolean,
): number {
  const flops = (4 * batch * heads * headDim * seq * seq) / 2;
  const bytes = batch * seq * (heads + 2 * kvHeads) * headDim * 2;
  return roof(flops, peakOf(b, fp8 ? 'fp8' : 'bf16'), bytes, b.bytesPerS);
}

/** DeepSeek-V3 MLA dimensions (config.json): latent 512, rope 64, q/k nope 128, v 128. */
export const MLA_DIMS = { latent: 512, rope: 64, qkNope: 128, v: 128 } as const;

export function mlaDecodeRoofline(
  b: RooflineBasis,
  batch: number,
  context: number,
  heads: number,
  kvBytes: number,
): number {
  const { latent, rope } = MLA_DIMS;
  const flops = 2 * batch * heads * context * (latent + rope + latent);
  const bytes = batch * context * (latent + rope) * kvBytes;
  return roof(flops, peakOf(b, 'bf16'), bytes, b.bytesPerS);
}

export function mlaPrefillRoofline(b: RooflineBasis, batch: number, seq: number, heads: number): number {
  const { qkNope, rope, v } = MLA_DIMS;
  const flops = 2 * batch * heads * ((seq * seq) / 2) * (qkNope + rope + v);
  const bytes = batch * seq * heads * (qkNope + rope + v) * 2;
  return roof(flops, peakOf(b, 'bf16'), bytes, b.bytesPerS);
}

export interface MoeShapeKey {
  hidden: number;
  inter: number;
  topK: number;
  experts: number;
  tp: number;
  ep: number;
}

/** Expected distinct experts one EP rank touches for T tokens routed top-k over E experts. */
export const distinctOnRank = (s: MoeShapeKey, tokens: number): number =>
  (s.experts / s.ep) * (1 - Math.pow(1 - s.topK / s.experts, tokens));

/**
 * moeRoofline for one expert shape as a function of the token count, its terms that do not depend
 * on the tokens read once: max(tokens · flops, distinct(tokens) · weights + tokens · rows) with
 * distinct(T) = E/EP · (1 − e^(T·log(1 − k/E))).
 */
export interface MoeRoof {
  /** Seconds of FLOPs per token (0 without a peak). */
  flops: number;
  /** E ÷ EP, and log(1 − k/E). */
  expertsOnRank: number;
  logMiss: number;
  /** Seconds to read one expert's weights on the rank, and one token's rows in and out (0 without a bandwidth). */
  weights: number;
  rows: number;
}

export function moeRoof(b: RooflineBasis, dtype: GemmDtype, s: MoeShapeKey): MoeRoof {
  const peak = peakOf(b, GEMM_PEAK[dtype]);
  const bw = b.bytesPerS;
  return {
    flops: peak > 0 ? (2 * 3 * s.topK * s.hidden * s.inter) / (s.tp * s.ep) / peak : 0,
    expertsOnRank: s.experts / s.ep,
    logMiss: Math.log(1 - s.topK / s.experts),
    weights: bw > 0 ? (((3 * s.hidden * s.inter) / s.tp) * GEMM_INPUT_BYTES[dtype]) / bw : 0,
    rows: bw > 0 ? ((s.topK / s.ep) * s.hidden * 4) / bw : 0,
  };
}

export function moeRoofAt(r: MoeRoof, tokens: number): number {
  const distinct = tokens > 0 ? r.expertsOnRank * (1 - Math.exp(tokens * r.logMiss)) : 0;
  return Math.max(tokens * r.flops, distinct * r.weights + tokens * r.rows);
}

export function moeRoofline(b: RooflineBasis, dtype: GemmDtype, s: MoeShapeKey, tokens: number): number {
  const flops = (2 * 3 * tokens * s.topK * s.hidden * s.inter) / (s.tp * s.ep);
  const assignments = (tokens * s.topK) / s.ep;
  const bytes =
    distinctOnRank(s, tokens) * ((3 * s.hidden * s.inter) / s.tp) * GEMM_INPUT_BYTES[dtype] +
    assignments * s.hidden * 4;
  return roof(flops, peakOf(b, GEMM_PEAK[dtype]), bytes, b.bytesPerS);
}
