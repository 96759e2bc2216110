/**
 * Bytes of a model quantised to a GGUF format, tensor by tensor, as llama.cpp's quantizer lays
 * them out (src/llama-quant.cpp, llama_tensor_get_type_impl; block sizes from ggml-common.h, see
 * precision.ts GGML_BITS):
 * - every 2-D weight takes the format's base type, except:
 * - the output head (and the token embeddings when tied) → Q6_K, unless the base is Q8_0, or Q8_0
 *   when its row length is not a multiple of the base block;
 * - attn_v (MLA: attn_kv_b) — Q4_K_M/Q5_K_M: Q6_K in the layers where use_more_bits(i, n); Q4_K_S:
 *   Q5_K in the first 4; Q3_K_M: Q5_K in the first 2, else Q4_K; Q2_K: Q4_K when heads ÷ KV heads
 *   ≥ 4, else Q3_K; a Llama 70B (80 layers) lifts Q3_K/Q4_K to Q5_K; a model of 8 experts → Q8_0;
 * - ffn_down (dense, routed and shared experts) — Q4_K_M/Q5_K_M: Q6_K where use_more_bits; Q4_K_S:
 *   Q5_K in layers below n/8; Q3_K_M: Q5_K below n/16, else Q4_K; Q2_K: Q3_K;
 * - attn_output — Q3_K_M: Q4_K; Q2_K: Q3_K; with 8 experts, Q5_K for Q2_K, Q3_K_M, Q4_K_S/M;
 * - a tensor whose rows do not divide into the type's blocks falls back (Q4_K → Q5_0, Q5_K → Q5_1,
 *   Q6_K → Q8_0, Q2_K/Q3_K → Q4_0);
 * - norms, the MoE router (ffn_gate_inp) and biases stay F32.
 * use_more_bits(i, n) = i < n/8 ∨ i ≥ 7n/8 ∨ (i − n/8) mod 3 = 2 (integer division, as in C).
 * Whole-file bits per weight then match the quantize README's table for Llama-3.1-8B (Q4_K_M
 * 4.8944, Q5_K_M 5.7036, Q4_K_S 4.6672, Q6_K 6.5633, Q8_0 8.5008, Q2_K 3.1593; test/unit/gguf.test.ts).
 * Not modelled: linear-attention (SSM) tensors take the base type; rules for other mixtures.
 */
import { GGML_BITS, ggufOf, bytesPerElement, type GgmlType, type NumericFormat } from '../precision';
import { countParams } from './params';
import { layerKind, type ModelArchitecture } from '../schema/model';
import type { Citation } from '../source';

/** The documents this module's rules and checks come from (listed on the Sources page). */
export const GGUF_SOURCES: readonly Citation[] = [
  { doc: 'ggml-common-h', at: 'block_q4_0 … block_q6_K structs and their static_assert sizes' },
  {
    doc: 'llamacpp-llama-quant',
    at: 'llama_tensor_get_type_impl: output, attn_v, attn_output and ffn_down rules; use_more_bits',
  },
  { doc: 'llamacpp-quantize-readme', at: 'Llama-3.1-8B table: bits per weight of each file type' },
];

export interface GgufBytes {
  embeddings: number;
  lmHead: number;
  attention: number;
  denseFfn: number;
  routedExperts: number;
  sharedExperts: number;
  router: number;
  norms: number;
  total: number;
  /** Whole-file bits per weight (MTP modules excluded, as the params total). */
  bitsPerWeight: number;
  /** Mean bytes per weight of the matmul weights read per step (head included, embeddings excluded). */
  matmulBytesPerWeight: number;
}

const cdiv = (a: number, b: number): number => Math.trunc(a / b);
export const useMoreBits = (i: number, n: number): boolean =>
  i < cdiv(n, 8) || i >= cdiv(7 * n, 8) || (i - cdiv(n, 8)) % 3 === 2;

const FALLBACK: Partial<Record<GgmlType, GgmlType>> = {
  Q4_K: 'Q5_0',
  Q5_K: 'Q5_1',
  Q6_K: 'Q8_0',
  Q2_K: 'Q4_0',
  Q3_K: 'Q4_0',
};

/** Bytes of a tensor of `rows × cols` weights (cols = ne[0], the row length) in type t, with the shape fallback. */
function tensorBytes(t: GgmlType, count: number, cols: number): number {
  const g = GGML_BITS[t];
  const fitted = cols % g.block === 0 ? t : (FALLBACK[t] ?? 'F16');
  return (count * GGML_BITS[fitted].bits) / 8;
}

type Ftype = string;

function attnVType(ftype: Ftype, base: GgmlType, i: number, n: number, m: ModelArchitecture): GgmlType {
  const a = m.attention;
  const gqa = a.type === 'mla' ? 1 : a.numHeads / a.numKvHeads;
  let t: GgmlType = base;
  if (ftype === 'Q2_K') t = gqa >= 4 ? 'Q4_K' : 'Q3_K';
  else if (ftype === 'Q3_K_M') t = i < 2 ? 'Q5_K' : 'Q4_K';
  else if ((ftype === 'Q4_K_M' || ftype === 'Q5_K_M') && useMoreBits(i, n)) t = 'Q6_K';
  else if (ftype === 'Q4_K_S' && i < 4) t = 'Q5_K';
  if (m.numLayers === 80 && a.type !== 'mla' && (t === 'Q3_K' || t === 'Q4_K')) t = 'Q5_K';
  if (m.moe?.numRoutedExperts === 8) t = 'Q8_0';
  return t;
}

function ffnDownType(ftype: Ftype, base: GgmlType, i: number, n: number): GgmlType {
  if (ftype === 'Q2_K') return 'Q3_K';
  if (ftype === 'Q3_K_M') return i < cdiv(n, 16) ? 'Q5_K' : 'Q4_K';
  if ((ftype === 'Q4_K_M' || ftype === 'Q5_K_M') && useMoreBits(i, n)) return 'Q6_K';
  if (ftype === 'Q4_K_S' && i < cdiv(n, 8)) return 'Q5_K';
  return base;
}

function attnOutputType(ftype: Ftype, base: GgmlType, m: ModelArchitecture): GgmlType {
  if (m.moe?.numRoutedExperts === 8) return ['Q2_K', 'Q3_K_M', 'Q4_K_S', 'Q4_K_M'].includes(ftype) ? 'Q5_K' : base;
  if (ftype === 'Q2_K') return 'Q3_K';
  if (ftype === 'Q3_K_M') return 'Q4_K';
  return base;
}

/** The attention tensors of one softmax layer: attn_v-like weights, the output projection, the rest. */
function attentionTensors(m: ModelArchitecture): {
  v: number;
  vCols: number;
  o: number;
  oCols: number;
  rest: number;
  bias: number;
} {
  const h = m.hiddenSize;
  const a = m.attention;
  if (a.type === 'mla') {
    const qk = a.qkNopeHeadDim + a.qkRopeHeadDim;
    const q = a.qLoraRank === null ? h * a.numHeads * qk : h * a.qLoraRank + a.qLoraRank * a.numHeads * qk;
    const kvA = h * (a.kvLoraRank + a.qkRopeHeadDim);
    const kvB = a.kvLoraRank * a.numHeads * (a.qkNopeHeadDim + a.vHeadDim);
    const o = a.numHeads * a.vHeadDim * h;
    const norms = (a.qLoraRank ?? 0) + a.kvLoraRank;
    return { v: kvB, vCols: a.kvLoraRank, o, oCols: a.numHeads * a.vHeadDim, rest: q + kvA, bias: norms };
  }
  const v = h * a.numKvHeads * a.headDim;
  const bias = a.qkvBias ? a.numHeads * a.headDim + 2 * a.numKvHeads * a.headDim : 0;
  return {
    v,
    vCols: h,
    o: a.numHeads * a.headDim * h,
    oCols: a.numHeads * a.headDim,
    rest: h * a.numHeads * a.headDim + v,
    bias,
  };
}

/** Per-tensor bytes of the model in GGUF format `f` (null when f is not a GGUF format). */
export function ggufBytes(m: ModelArchitecture, f: NumericFormat): GgufBytes | null {
  const g = ggufOf(f);
  if (!g) return null;
  const { name: ftype, base } = g;
  const p = countParams(m);
  const c = p.byComponent;
  const h = m.hiddenSize;
  const moe = m.moe;
  const gated = m.ffn.type === 'gated';
  const at = attentionTensors(m);
  const headType: GgmlType = base === 'Q8_0' || h % GGML_BITS[base].block !== 0 ? 'Q8_0' : 'Q6_K';
  const sharedI = moe ? (moe.sharedIntermediateSize ?? moe.numSharedExperts * moe.expertIntermediateSize) : 0;
  // ffn_down tensors llama.cpp counts: one per dense layer, routed and (when present) shared per MoE layer.
  let nDown = 0;
  for (let i = 0; i < m.numLayers; i++) nDown += layerKind(m, i).moe ? 1 + (sharedI > 0 ? 1 : 0) : 1;
  const nV = m.numLayers; // attn_v: one per layer (linear-attention layers keep their own projections)
  const out = { attention: 0, denseFfn: 0, routedExperts: 0, sharedExperts: 0 };
  for (let i = 0; i < m.numLayers; i++) {
    const k = layerKind(m, i);
    const vT = attnVType(ftype, base, i, nV, m);
    const perLayerAttn = k.attention === 'linear' ? p.perLayer.attentionLinear : p.perLayer.attentionFull;
    const other = perLayerAttn - at.v - at.o - at.rest - at.bias;
    out.attention +=
      tensorBytes(vT, at.v, at.vCols) +
      tensorBytes(attnOutputType(ftype, base, m), at.o, at.oCols) +
      tensorBytes(base, at.rest + Math.max(0, other), h) +
      (at.bias * 32) / 8;
    // Dense models count ffn_down tensors in order; MoE models read the layer from the tensor name.
    const dT = ffnDownType(ftype, base, i, moe ? nDown : m.numLayers);
    const ffn = (I: number, n: number): number =>
      tensorBytes(base, (gated ? 2 : 1) * h * I * n, h) + tensorBytes(dT, I * h * n, I);
    if (!k.moe) out.denseFfn += ffn(m.ffn.intermediateSize, 1);
    else if (moe) {
      out.routedExperts += ffn(moe.expertIntermediateSize, moe.numRoutedExperts);
      out.sharedExperts += sharedI > 0 ? ffn(sharedI, 1) : 0;
    }
  }
  const embeddings = tensorBytes(m.tiedEmbeddings ? headType : base, c.embeddings, h);
  const lmHead = m.tiedEmbeddings ? 0 : tensorBytes(headType, c.lmHead, h);
  const router = (c.router * 32) / 8;
  const norms = (c.norms * 32) / 8;
  const total =
    embeddings + lmHead + out.attention + out.denseFfn + out.routedExperts + out.sharedExperts + router + norms;
  const headBytes = m.tiedEmbeddings ? embeddings : lmHead;
  const matmulBytes = out.attention + out.denseFfn + out.routedExperts + out.sharedExperts + headBytes;
  const matmulParams = c.attention + c.denseFfn + c.routedExperts + c.sharedExperts + m.vocabSize * h;
  return {
    embeddings,
    lmHead,
    ...out,
    router,
    norms,
    total,
    // The vision tower goes in its own file (llama.cpp's mmproj): not in these bytes or this mean.
    bitsPerWeight: (total * 8) / (p.total - c.vision),
    matmulBytesPerWeight: matmulBytes / matmulParams,
  };
}

const perWeight = new WeakMap<ModelArchitecture, Map<NumericFormat, number>>();

/**
 * Mean bytes per matmul weight of the model in a format: the format's bytes per element, or for
 * GGUF the per-tensor mixture above (memoised per architecture object).
 */
export function matmulBytesPerWeight(m: ModelArchitecture, f: NumericFormat): number {
  if (!ggufOf(f)) return bytesPerElement(f);
  let byF = perWeight.get(m);
  if (!byF) perWeight.set(m, (byF = new Map()));
  let v = byF.get(f);
  if (v === undefined) byF.set(f, (v = ggufBytes(m, f)!.matmulBytesPerWeight));
  return v;
}
