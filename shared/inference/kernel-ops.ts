/**
 * Operators timed from kernel tables (kernels/family-kernels.ts) instead of rates: the builders
 * call these when the plan family has kernels (measured for its stack and device, or the class
 * prior). Each records FLOPs and bytes as the roofline builders do (for display and the binding
 * limit) and the seconds the tables give:
 * - GQA projections: q/k/v (K = h → N = (H + 2·max(1, G/TP))·d ÷ … per rank) and o (H·d/TP → h);
 *   MLA: q down/up (or q), kv down, the absorbed k/v up-projections in decode (per head
 *   d_nope → latent and latent → d_v, timed as one GEMM each), kv up in prefill, o;
 * - dense and shared-expert FFNs: gate+up (h → 2I/TP) and down (I/TP → h), or up/down when plain;
 * - the LM head: h → V/TP at BF16;
 * - attention cores from the decode/prefill (or MLA) tables; a prefix-cached prompt pays the
 *   causal area of its uncached tail, 1 − (cached ÷ S)²;
 * - element-wise kernels pay a fixed launch time each on top of their bytes (inference/stacks.ts).
 */
import { gemmLine, gemmLineSeconds } from '../kernels/gemm-lines';
import {
  decodeAttnSeconds,
  mlaDecodeSeconds,
  mlaPrefillSeconds,
  prefillAttnSeconds,
  type FamilyKernels,
} from '../kernels/family-kernels';
import type { Family } from './family';
import { OP, type OpTable } from './operators';
import type { StepShape } from './step';

type Gemm = NonNullable<FamilyKernels['attnGemm']>;

/** The slot of an operator's GEMMs: operator row, phase and TP degree (FamilyKernels.lines). */
const slotOf = (op: number, decode: boolean, tp: number): number => (op * 2 + (decode ? 1 : 0)) * 65536 + tp;
/**
 * One GEMM (M tokens, K → N) of operator `op` at TP `tp`, along its line: N and K must be fixed
 * for the family, operator and TP (the LM head, the MoE router).
 */
export function oneGemm(f: Family, op: number, tp: number, g: Gemm, m: number, n: number, kk: number): number {
  const k = f.kernels!;
  const slot = slotOf(op, false, tp);
  let line = k.lines.get(slot);
  if (!line) k.lines.set(slot, (line = gemmLine(k, g, [n, kk])));
  return gemmLineSeconds(line, m);
}

/** Added to a slot for its BF16 GEMMs (MLA's absorbed up-projections). */
const BF16_LINE = 2 ** 30;

/**
 * (N, K) pairs of the attention projections on one TP rank, at the attention precision and (MLA's
 * absorbed per-head up-projections, batched matmuls in BF16 in the serving stacks) at BF16.
 */
function projectionShapes(f: Family, tp: number, decode: boolean): { main: number[]; bf16: number[] } {
  const a = f.model.attention;
  const h = f.hidden;
  if (a.type !== 'mla') {
    const H = a.numHeads / tp;
    const G = Math.max(1, a.numKvHeads / tp);
    return { main: [(H + 2 * G) * a.headDim, h, h, H * a.headDim], bf16: [] };
  }
  const H = a.numHeads / tp;
  const qk = a.qkNopeHeadDim + a.qkRopeHeadDim;
  const q = a.qLoraRank === null ? [H * qk, h] : [a.qLoraRank, h, H * qk, a.qLoraRank];
  const kvDown = [a.kvLoraRank + a.qkRopeHeadDim, h];
  const o = [h, H * a.vHeadDim];
  if (decode)
    return { main: [...q, ...kvDown, ...o], bf16: [H * a.kvLoraRank, a.qkNopeHeadDim, H * a.vHeadDim, a.kvLoraRank] };
  return { main: [...q, ...kvDown, H * (a.qkNopeHeadDim + a.vHeadDim), a.kvLoraRank, ...o], bf16: [] };
}

export function kernelProjections(f: Family, x: StepShape, T: OpTable, layers: number): boolean {
  const k = f.kernels!;
  if (!k.attnGemm) return false;
  const nb = x.nb;
  const P = f.params.perLayer.attentionFull;
  const w = (P * f.weightBytes) / x.tp;
  const slot = slotOf(OP['attn.proj'], x.decode, x.tp);
  let main = k.lines.get(slot);
  if (!main) k.lines.set(slot, (main = gemmLine(k, k.attnGemm!, projectionShapes(f, x.tp, x.decode).main)));
  // MLA's absorbed per-head up-projections run at BF16: a second line.
  let bf16 = k.headGemm ? k.lines.get(slot + BF16_LINE) : undefined;
  if (k.headGemm && !bf16)
    k.lines.set(slot + BF16_LINE, (bf16 = gemmLine(k, k.headGemm, projectionShapes(f, x.tp, x.decode).bf16)));
  const secs = gemmLineSeconds(main, nb) + (bf16 ? gemmLineSeconds(bf16, nb) : 0);
  T.measured(
    OP['attn.proj'],
    layers,
    (2 * nb * P) / x.tp,
    w + nb * f.hidden * f.activationBytes * 2,
    nb * f.hidden * f.activationBytes * 2,
    secs,
    f.peakFlops,
    f.peakBandwidth,
    f.kernelSource,
  );
  return true;
}

/** Seconds of one attention core (one layer) from the tables, or NaN when they lack this kind. */
export function kernelCoreSeconds(f: Family, x: StepShape, context: number): number {
  const k = f.kernels!;
  const a = f.model.attention;
  const tp = x.tp;
  if (x.decode) {
    if (a.type === 'mla') return k.mlaDecode ? mlaDecodeSeconds(k, a.numHeads / tp, x.nb, context) : Number.NaN;
    if (!k.decodeAttn) return Number.NaN;
    return decodeAttnSeconds(k, x.nb, context, a.numHeads / tp, Math.max(1, a.numKvHeads / tp), a.headDim);
  }
  const S = context;
  const tail = Math.max(1, S - x.cached);
  const batch = x.nb / tail;
  const area = 1 - (x.cached / S) * (x.cached / S);
  if (a.type === 'mla') return k.mlaPrefill ? mlaPrefillSeconds(k, a.numHeads / tp, batch, S) * area : Number.NaN;
  if (!k.prefillAttn) return Number.NaN;
  return prefillAttnSeconds(k, batch, S, a.numHeads / tp, Math.max(1, a.numKvHeads / tp), a.headDim) * area;
}

/** (N, K) pairs of a gated or plain FFN of intermediate size I on one TP rank. */
const ffnShapes = (f: Family, I: number, tp: number): number[] =>
  f.model.ffn.type === 'gated' ? [(2 * I) / tp, f.hidden, f.hidden, I / tp] : [I / tp, f.hidden, f.hidden, I / tp];

export function kernelFfn(
  f: Family,
  x: StepShape,
  T: OpTable,
  i: number,
  layers: number,
  I: number,
  params: number,
  g: Gemm | null,
  tp = x.tp,
): boolean {
  const k = f.kernels!;
  if (!g) return false;
  const nb = x.nb;
  const w = (params * f.weightBytes) / tp;
  // An FFN's GEMMs are the same in both phases: the slot is the operator row and TP.
  const slot = slotOf(i, false, tp);
  let line = k.lines.get(slot);
  if (!line) k.lines.set(slot, (line = gemmLine(k, g, ffnShapes(f, I, tp))));
  const secs = gemmLineSeconds(line, nb);
  T.measured(
    i,
    layers,
    (2 * nb * params) / tp,
    w + nb * f.hidden * f.activationBytes,
    nb * f.hidden * f.activationBytes,
    secs,
    f.peakFlops,
    f.peakBandwidth,
    f.kernelSource,
  );
  return true;
}

export function kernelHead(f: Family, T: OpTable, tokens: number, tp: number): boolean {
  const k = f.kernels!;
  if (!k.headGemm) return false;
  const V = f.model.vocabSize;
  const h = f.hidden;
  const w = (V * h * f.weightBytes) / tp;
  const secs = oneGemm(f, OP['head'], tp, k.headGemm, tokens, V / tp, h);
  T.measured(
    OP['head'],
    1,
    (2 * tokens * V * h) / tp,
    w,
    (tokens * V * 4) / tp,
    secs,
    f.peakFlops,
    f.peakBandwidth,
    f.kernelSource,
  );
  return true;
}

/** The fixed launch time of a layer's element-wise kernels (0 without kernel tables: the plain roofline). */
export const elementwiseLaunch = (f: Family): number =>
  f.kernels ? f.stack.elementwiseKernelsPerLayer * f.stack.elementwiseLaunchS : 0;
