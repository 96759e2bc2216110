/**
 * Byte Latent Transformer (Pagnoni et al. 2024, arXiv 2412.09871; schema/model.ts Blt): parameters
 * and forward FLOPs per byte of its parts, and the parts as ordinary architectures the inference
 * engine times (inference/blt.ts).
 *
 * With p bytes per patch on average and a context of c bytes (c ÷ p patches):
 *   FLOPs per byte = latent(c ÷ p) ÷ p + encoder + decoder + entropy model,
 * - latent: 2 × its matmul parameters + its attention over c ÷ p patches, once per patch
 *   (model/flops.ts with the latent's own fields; no vocabulary of its own);
 * - a local model (encoder, decoder, entropy model; SwiGLU, multi-head): 2 × (4·h² + 3·h·I) per
 *   layer per byte + attention within its window of w bytes, 4·h·min(c, w) per layer;
 * - cross-attention, modelled as four h × h projections per cross layer (BLT's CrossAttention at
 *   the local width): the encoder's k patch queries per patch (2·4·h²·k ÷ p per byte), the
 *   decoder's byte queries (2·2·h² per byte for q and o) and the k patch keys and values per patch
 *   (2·2·h²·k ÷ p); the latent's output projected to k decoder entries per patch (2·h_g·h_d·k ÷ p),
 *   the encoder's k entries to the latent width when they differ (2·h_e·k·h_g ÷ p);
 * - the next-byte head over the byte vocabulary: 2·V·h_d per byte (the entropy model: 2·V·h);
 * - hash n-gram embeddings and the byte embedding are lookups (no FLOPs).
 * Per equivalent token (a reference tokenizer's token of b bytes): × b (Llama 3: 4.4 bytes per
 * token on BLT's training mix, the paper's Table 1).
 */
import { forwardFlopsPerToken } from './flops';
import { countParams } from './params';
import type { Citation } from '../source';
import type { ByteTransformer, ModelArchitecture } from '../schema/model';

export const BLT_SOURCES: readonly Citation[] = [
  {
    doc: 'blt-paper',
    at: '§3 architecture (local encoder, latent transformer, local decoder, cross-attention, hash n-grams); Table 1 bytes per patch; Table 2 inference FLOPs per byte',
  },
  {
    doc: 'hf-transformers-blt',
    at: 'configuration_blt.py: BltConfig and its encoder, decoder, global and patcher defaults (the blt-1b checkpoint)',
  },
];

/** Llama 3's bytes per token and BLT-entropy's bytes per patch on the paper's training mix (Table 1). */
export const DEFAULT_BYTES_PER_TOKEN = 4.4;
export const DEFAULT_BYTES_PER_PATCH = 4.5;

/** Matmul parameters of a local model's layers (attention 4·h², SwiGLU 3·h·I). */
export const localLayerParams = (t: ByteTransformer): number => 4 * t.hidden * t.hidden + 3 * t.hidden * t.intermediate;

export interface BltParams {
  latent: number;
  encoder: number;
  decoder: number;
  crossAttention: number;
  projections: number;
  embeddings: number;
  entropyModel: number;
  total: number;
}

function crossLayers(m: ModelArchitecture): { enc: number; dec: number } {
  const b = m.blt!;
  return {
    enc: b.crossAttnAllEncoderLayers ? b.localEncoder.layers : 1,
    dec: b.crossAttnAllDecoderLayers ? b.localDecoder.layers : 1,
  };
}

/** Parameters of every part (the latent without any vocabulary: BLT's latent has none). */
export function bltParams(m: ModelArchitecture): BltParams {
  const b = m.blt!;
  const he = b.localEncoder.hidden;
  const hd = b.localDecoder.hidden;
  const hg = m.hiddenSize;
  const k = b.crossAttnK;
  const cl = crossLayers(m);
  const lat = countParams(latentArchitecture(m));
  const latent = lat.total - lat.byComponent.embeddings - lat.byComponent.lmHead;
  const encoder = b.localEncoder.layers * (localLayerParams(b.localEncoder) + 2 * he);
  const decoder = b.localDecoder.layers * (localLayerParams(b.localDecoder) + 2 * hd);
  const crossAttention = cl.enc * 4 * he * he + cl.dec * 4 * hd * hd;
  const projections = (he * k !== hg ? he * k * hg : 0) + hg * hd * k;
  const embeddings = (b.hashTables * b.hashVocab + m.vocabSize) * he + m.vocabSize * hd;
  const e = b.entropyModel;
  const entropyModel = e ? e.layers * (localLayerParams(e) + 2 * e.hidden) + 2 * m.vocabSize * e.hidden : 0;
  const total = latent + encoder + decoder + crossAttention + projections + embeddings + entropyModel;
  return { latent, encoder, decoder, crossAttention, projections, embeddings, entropyModel, total };
}

export interface BltFlops {
  /** Forward FLOPs per byte by part, and in all. */
  latent: number;
  encoder: number;
  decoder: number;
  entropyModel: number;
  total: number;
}

const localAttention = (t: ByteTransformer, c: number, w: number): number => t.layers * 4 * t.hidden * Math.min(c, w);

/**
 * Forward FLOPs per byte at a context of `contextBytes` (one decode step's byte attends to all of
 * them; `causal` averages a sequence of that many bytes, as training and prefill see it).
 */
export function bltFlopsPerByte(
  m: ModelArchitecture,
  bytesPerPatch: number,
  contextBytes: number,
  causal = false,
): BltFlops {
  const b = m.blt!;
  const p = bytesPerPatch;
  const he = b.localEncoder.hidden;
  const hd = b.localDecoder.hidden;
  const hg = m.hiddenSize;
  const k = b.crossAttnK;
  const cl = crossLayers(m);
  const c = causal ? contextBytes / 2 : contextBytes;
  const lat = forwardFlopsPerToken(latentArchitecture(m), {
    mode: causal ? 'causal-mean' : 'at-context',
    tokens: contextBytes / p,
  });
  // The latent's own head over its one-row vocabulary is not BLT's: drop it.
  const latent = (lat.total - 2 * hg) / p;
  const encoder =
    2 * b.localEncoder.layers * localLayerParams(b.localEncoder) +
    localAttention(b.localEncoder, c, b.localWindowBytes) +
    (2 * cl.enc * 4 * he * he * k + (he * k !== hg ? 2 * he * k * hg : 0)) / p;
  const decoder =
    2 * b.localDecoder.layers * localLayerParams(b.localDecoder) +
    localAttention(b.localDecoder, c, b.localWindowBytes) +
    2 * cl.dec * 2 * hd * hd +
    (2 * cl.dec * 2 * hd * hd * k + 2 * hg * hd * k) / p +
    2 * m.vocabSize * hd;
  const e = b.entropyModel;
  const entropyModel = e
    ? 2 * e.layers * localLayerParams(e) + localAttention(e, c, b.localWindowBytes) + 2 * m.vocabSize * e.hidden
    : 0;
  return { latent, encoder, decoder, entropyModel, total: latent + encoder + decoder + entropyModel };
}

const derived = new WeakMap<ModelArchitecture, Map<string, ModelArchitecture>>();

/** One derived architecture per BLT model and part, memoised (the engine caches by object). */
function memo(m: ModelArchitecture, part: string, make: () => ModelArchitecture): ModelArchitecture {
  let byPart = derived.get(m);
  if (!byPart) derived.set(m, (byPart = new Map()));
  let a = byPart.get(part);
  if (!a) byPart.set(part, (a = make()));
  return a;
}

/** The latent transformer alone, as a decoder over patches (a one-row vocabulary stands for none). */
export const latentArchitecture = (m: ModelArchitecture): ModelArchitecture =>
  memo(m, 'latent', () => {
    const { blt: _blt, vision: _vision, mtp: _mtp, ...rest } = m;
    return {
      ...rest,
      id: `${m.id}.latent`,
      name: `${m.name}: latent transformer`,
      kind: 'decoder',
      vocabSize: 1,
      tiedEmbeddings: true,
    };
  });

/**
 * A local model as a byte-level decoder: its layers, the byte vocabulary, attention within the
 * local window, and its cross-attention projections priced as a wider FFN of the same parameters.
 */
export function localArchitecture(
  m: ModelArchitecture,
  part: 'encoder' | 'decoder' | 'entropy',
): ModelArchitecture | null {
  const b = m.blt!;
  const t = part === 'encoder' ? b.localEncoder : part === 'decoder' ? b.localDecoder : b.entropyModel;
  if (!t) return null;
  return memo(m, part, () => {
    const cl = crossLayers(m);
    const cross = part === 'encoder' ? cl.enc : part === 'decoder' ? cl.dec : 0;
    const extraI = Math.round((cross * 4 * t.hidden * t.hidden) / (3 * t.hidden) / t.layers);
    return {
      id: `${m.id}.${part}`,
      name: `${m.name}: ${part === 'entropy' ? 'entropy model' : `local ${part}`}`,
      source: m.source,
      kind: 'decoder',
      hiddenSize: t.hidden,
      numLayers: t.layers,
      vocabSize: m.vocabSize,
      maxContextTokens: m.maxContextTokens * 16,
      tiedEmbeddings: false,
      attention: { type: 'mha', numHeads: t.heads, numKvHeads: t.heads, headDim: t.hidden / t.heads, qkvBias: false },
      slidingWindow: { windowTokens: b.localWindowBytes, globalEvery: null },
      ffn: { type: 'gated', intermediateSize: t.intermediate + extraI, bias: false },
      norm: 'rmsnorm',
    };
  });
}
