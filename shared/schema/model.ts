/**
 * Model architecture schema: what the engine needs to know about a decoder-only language model
 * (and, honestly marked, a diffusion language model) to count parameters, FLOPs, KV cache and
 * weight bytes. Field names follow Hugging Face config.json meanings, in camelCase, so a reader
 * can map one onto the other (see hf-import.ts).
 */
import { z } from 'zod';
import { describeIssues, SourceField, SourceRef } from '../source';

const posInt = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be an integer`)
    .positive(`${field} must be > 0`);
const nonNegInt = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be an integer`)
    .min(0, `${field} must be ≥ 0`);

/** Guards against absurd inputs (a hostile file with 10^9 layers) before any arithmetic. */
export const LIMITS = {
  layers: 1024,
  hidden: 131_072,
  heads: 4096,
  headDim: 4096,
  vocab: 10_000_000,
  experts: 65_536,
  intermediate: 1_048_576,
  context: 1 << 27,
} as const;

export const StandardAttention = z
  .object({
    type: z.enum(['mha', 'gqa', 'mqa']),
    numHeads: posInt('attention.numHeads').max(LIMITS.heads),
    numKvHeads: posInt('attention.numKvHeads').max(LIMITS.heads),
    headDim: posInt('attention.headDim').max(LIMITS.headDim),
    /** Bias on the q, k and v projections (Qwen2, gpt-oss). */
    qkvBias: z.boolean().default(false),
  })
  .superRefine((a, ctx) => {
    if (a.numKvHeads > a.numHeads)
      ctx.addIssue({ code: 'custom', path: ['numKvHeads'], message: 'numKvHeads cannot exceed numHeads' });
    if (a.numHeads % a.numKvHeads !== 0)
      ctx.addIssue({ code: 'custom', path: ['numKvHeads'], message: 'numHeads must be a multiple of numKvHeads' });
    if (a.type === 'mha' && a.numKvHeads !== a.numHeads)
      ctx.addIssue({ code: 'custom', path: ['numKvHeads'], message: 'MHA needs numKvHeads = numHeads' });
    if (a.type === 'mqa' && a.numKvHeads !== 1)
      ctx.addIssue({ code: 'custom', path: ['numKvHeads'], message: 'MQA needs numKvHeads = 1' });
  });
export type StandardAttention = z.infer<typeof StandardAttention>;

/** Multi-head latent attention (DeepSeek-V2/V3): K and V are up-projected from a cached latent. */
export const MlaAttention = z.object({
  type: z.literal('mla'),
  numHeads: posInt('attention.numHeads').max(LIMITS.heads),
  /** Rank of the query down-projection; null = full-rank queries (DeepSeek-V2-Lite). */
  qLoraRank: posInt('attention.qLoraRank').max(LIMITS.hidden).nullable(),
  kvLoraRank: posInt('attention.kvLoraRank').max(LIMITS.hidden),
  qkNopeHeadDim: posInt('attention.qkNopeHeadDim').max(LIMITS.headDim),
  qkRopeHeadDim: posInt('attention.qkRopeHeadDim').max(LIMITS.headDim),
  vHeadDim: posInt('attention.vHeadDim').max(LIMITS.headDim),
});
export type MlaAttention = z.infer<typeof MlaAttention>;

export const Attention = z.union([StandardAttention, MlaAttention]);
export type Attention = z.infer<typeof Attention>;

export const SlidingWindow = z.object({
  windowTokens: posInt('slidingWindow.windowTokens').max(LIMITS.context),
  /** Every n-th layer (n, 2n, …) attends globally; the others use the window. null = all sliding. */
  globalEvery: posInt('slidingWindow.globalEvery').max(LIMITS.layers).nullable(),
});

/** Hybrid stacks: linear-attention layers (constant-size state) mixed with softmax layers. */
export const LinearAttention = z.object({
  kind: z.enum(['lightning', 'mamba2', 'gated-deltanet', 'other']),
  /** Every n-th layer (n, 2n, …) is softmax attention; the others are linear. */
  softmaxEvery: posInt('linearAttention.softmaxEvery').max(LIMITS.layers),
  /** Recurrent state per layer per sequence, elements (lightning attention: heads × d × d). */
  stateElementsPerLayer: posInt('linearAttention.stateElementsPerLayer'),
  /** Bytes per state element (lightning attention keeps FP32 state). */
  stateBytesPerElement: z.number().positive().default(4),
  /** Extra projection parameters per linear layer beyond q/k/v/o (e.g. an output gate), count. */
  extraParamsPerLayer: nonNegInt('linearAttention.extraParamsPerLayer').default(0),
});

/**
 * Sparse attention over the cached tokens of the softmax (full) layers:
 * - `dsa`, DeepSeek Sparse Attention (DeepSeek-V3.2): a lightning indexer (its own heads, head
 *   dim and key cache, FP8 in DeepSeek's kernels) scores every cached token; the attention then
 *   reads only the top-k of them (config.json index_n_heads, index_head_dim, index_topk).
 * - `nsa`, Native Sparse Attention (Yuan et al. 2025): three branches with their own keys and
 *   values — blocks of l tokens compressed every d tokens, the n best blocks of l' tokens selected
 *   by the compressed scores, and a sliding window of w tokens.
 * model/sparse-attention.ts holds the arithmetic.
 */
export const SparseAttention = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dsa'),
    indexerHeads: posInt('sparseAttention.indexerHeads').max(LIMITS.heads),
    indexerHeadDim: posInt('sparseAttention.indexerHeadDim').max(LIMITS.headDim),
    /** Cached tokens each query attends to (index_topk). */
    topK: posInt('sparseAttention.topK').max(LIMITS.context),
    /** Bytes per element of the indexer's cached keys and of its score matmuls (FP8: 1). */
    indexerBytesPerElement: z.number().min(0.5).max(4).default(1),
    /** Scale bytes per cached indexer key (one FP32 scale per 128-element block). */
    indexerScaleBytesPerToken: z.number().min(0).max(64).default(4),
  }),
  z.object({
    kind: z.literal('nsa'),
    /** Compression block length l and stride d (tokens). */
    compressBlockTokens: posInt('sparseAttention.compressBlockTokens').max(LIMITS.context),
    compressStrideTokens: posInt('sparseAttention.compressStrideTokens').max(LIMITS.context),
    /** Selection block length l' and the number n of blocks selected. */
    selectBlockTokens: posInt('sparseAttention.selectBlockTokens').max(LIMITS.context),
    selectedBlocks: posInt('sparseAttention.selectedBlocks').max(65_536),
    /** Sliding-window branch length w. */
    windowTokens: posInt('sparseAttention.windowTokens').max(LIMITS.context),
    /** Compression and gate MLPs per layer, parameters (not published for the paper's model: 0 = not counted). */
    extraParamsPerLayer: nonNegInt('sparseAttention.extraParamsPerLayer').default(0),
  }),
]);
export type SparseAttention = z.infer<typeof SparseAttention>;

/**
 * A vision tower (ViT) in front of the language model (model/vision.ts prices it): `layers` blocks of
 * `hidden` width over image patches of `patchPx`, `patchesPerToken` patches merged into one
 * language-model token (Qwen2.5-VL's 2×2 merger, Llama 4's pixel shuffle 0.5: 4), then the
 * projector's matrices ([in, out] each, per language-model token). Images become patches by
 * native resolution (Qwen: sides rounded to a multiple of patchPx·√patchesPerToken, pixels
 * clamped) or by tiles (Llama 4: tiles of tilePx, at most maxTiles, plus a global tile).
 */
export const VisionTower = z.object({
  layers: posInt('vision.layers').max(LIMITS.layers),
  hidden: posInt('vision.hidden').max(LIMITS.hidden),
  heads: posInt('vision.heads').max(LIMITS.heads),
  intermediate: posInt('vision.intermediate').max(LIMITS.intermediate),
  mlp: z.enum(['gated', 'plain']),
  patchPx: posInt('vision.patchPx').max(4096),
  /** Frames one patch spans (Qwen2.5-VL: 2; an image is repeated to fill them). */
  temporalPatch: posInt('vision.temporalPatch').max(64).default(1),
  patchesPerToken: posInt('vision.patchesPerToken').max(256),
  tiling: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('native'),
      minPixels: posInt('vision.tiling.minPixels'),
      maxPixels: posInt('vision.tiling.maxPixels'),
    }),
    z.object({
      kind: z.literal('tiles'),
      tilePx: posInt('vision.tiling.tilePx').max(65_536),
      maxTiles: posInt('vision.tiling.maxTiles').max(1024),
      /** A resized whole-image tile added when the image takes more than one tile. */
      globalTile: z.boolean(),
    }),
  ]),
  /** Windowed attention (Qwen2.5-VL: windows of 8×8 patches in all but 4 layers); absent = every layer attends to the whole image. */
  window: z
    .object({
      patches: posInt('vision.window.patches'),
      fullAttentionLayers: nonNegInt('vision.window.fullAttentionLayers').max(LIMITS.layers),
    })
    .optional(),
  projector: z
    .array(z.tuple([posInt('vision.projector[in]'), posInt('vision.projector[out]')]))
    .min(1)
    .max(8),
});
export type VisionTower = z.infer<typeof VisionTower>;

/** A small byte-level transformer of a Byte Latent Transformer (local encoder or decoder, entropy model). */
export const ByteTransformer = z.object({
  layers: posInt('blt.layers').max(LIMITS.layers),
  hidden: posInt('blt.hidden').max(LIMITS.hidden),
  heads: posInt('blt.heads').max(LIMITS.heads),
  intermediate: posInt('blt.intermediate').max(LIMITS.intermediate),
});
export type ByteTransformer = z.infer<typeof ByteTransformer>;

/**
 * Byte Latent Transformer (Pagnoni et al. 2024; model/blt.ts): a local encoder turns bytes into
 * patch representations (cross-attention from each patch to its bytes, hash n-gram embeddings), the
 * model's main fields describe the latent (global) transformer that runs once per patch, and a
 * local decoder turns its outputs back into bytes (cross-attention from each byte to its patch) and
 * predicts the next byte over `vocabSize` (256 bytes + specials). An entropy model (a small byte LM)
 * places the patch boundaries. Local layers attend within a window of `localWindowBytes`.
 */
export const Blt = z.object({
  localEncoder: ByteTransformer,
  localDecoder: ByteTransformer,
  /** Patch representations are cross_attn_k × the local width (the latent width when they match). */
  crossAttnK: posInt('blt.crossAttnK').max(64),
  /** Cross-attention in every local layer (the released models: decoder yes, encoder only the first). */
  crossAttnAllEncoderLayers: z.boolean().default(false),
  crossAttnAllDecoderLayers: z.boolean().default(true),
  /** Hash n-gram embedding tables (one per n-gram size) and rows per table: lookups, no FLOPs. */
  hashTables: nonNegInt('blt.hashTables').max(64),
  hashVocab: nonNegInt('blt.hashVocab').max(LIMITS.vocab),
  entropyModel: ByteTransformer.nullable(),
  localWindowBytes: posInt('blt.localWindowBytes').max(LIMITS.context),
});
export type Blt = z.infer<typeof Blt>;

export const Moe = z.object({
  numRoutedExperts: posInt('moe.numRoutedExperts').max(LIMITS.experts),
  numSharedExperts: nonNegInt('moe.numSharedExperts').max(LIMITS.experts),
  topK: posInt('moe.topK').max(LIMITS.experts),
  expertIntermediateSize: posInt('moe.expertIntermediateSize').max(LIMITS.intermediate),
  /** Shared experts' total intermediate size when it differs from n × expertIntermediateSize (Qwen2-MoE). */
  sharedIntermediateSize: posInt('moe.sharedIntermediateSize').max(LIMITS.intermediate).optional(),
  /** Layers 0…firstKDense−1 use the dense FFN (DeepSeek first_k_dense_replace). */
  firstKDense: nonNegInt('moe.firstKDense').max(LIMITS.layers).default(0),
  /** A layer i ≥ firstKDense is MoE when i % layerFrequency == 0 (DeepSeek moe_layer_freq). */
  layerFrequency: posInt('moe.layerFrequency').max(LIMITS.layers).default(1),
  /** Router bias per expert (DeepSeek-V3's aux-loss-free balancing, gpt-oss). */
  routerBias: z.boolean().default(false),
  /** Shared-expert gate (Qwen2-MoE): one h-vector. */
  sharedExpertGate: z.boolean().default(false),
});
export type Moe = z.infer<typeof Moe>;

export const ModelArchitecture = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/, 'id must be lower-case letters, digits, dots and dashes')
      .max(80),
    name: z.string().min(1).max(120),
    family: z.string().max(60).optional(),
    source: SourceRef,
    notes: z.string().max(4000).optional(),
    /**
     * decoder: autoregressive; diffusion: masked-diffusion LM (bidirectional, steps × full forward);
     * blt: a Byte Latent Transformer (`blt` holds its byte-level parts; the main fields its latent).
     */
    kind: z.enum(['decoder', 'diffusion', 'blt']).default('decoder'),
    hiddenSize: posInt('hiddenSize').max(LIMITS.hidden),
    numLayers: posInt('numLayers').max(LIMITS.layers),
    vocabSize: posInt('vocabSize').max(LIMITS.vocab),
    maxContextTokens: posInt('maxContextTokens').max(LIMITS.context),
    tiedEmbeddings: z.boolean(),
    attention: Attention,
    slidingWindow: SlidingWindow.optional(),
    linearAttention: LinearAttention.optional(),
    sparseAttention: SparseAttention.optional(),
    vision: VisionTower.optional(),
    blt: Blt.optional(),
    ffn: z.object({
      /** gated = SwiGLU/GeGLU (3 matrices); plain = up + down (2 matrices). */
      type: z.enum(['gated', 'plain']),
      /** Dense FFN intermediate size (used by dense layers; 0 if every layer is MoE). */
      intermediateSize: nonNegInt('ffn.intermediateSize').max(LIMITS.intermediate),
      bias: z.boolean().default(false),
    }),
    moe: Moe.optional(),
    norm: z.enum(['rmsnorm', 'layernorm']).default('rmsnorm'),
    /** Multi-token-prediction modules (DeepSeek-V3: 1), each one extra transformer block. */
    mtp: z.object({ numModules: nonNegInt('mtp.numModules').max(16) }).optional(),
    /** Published totals to check against, with their source (not used in the arithmetic). */
    published: z
      .object({
        totalParams: z.number().positive().optional(),
        activeParams: z.number().positive().optional(),
        source: SourceField.optional(),
        note: z.string().max(1000).optional(),
      })
      .optional(),
    user: z.boolean().optional(),
    version: z.number().int().positive().optional(),
  })
  .superRefine((m, ctx) => {
    if (m.moe) {
      if (m.moe.topK > m.moe.numRoutedExperts)
        ctx.addIssue({ code: 'custom', path: ['moe', 'topK'], message: 'moe.topK cannot exceed moe.numRoutedExperts' });
      if (m.moe.firstKDense > m.numLayers)
        ctx.addIssue({ code: 'custom', path: ['moe', 'firstKDense'], message: 'moe.firstKDense exceeds numLayers' });
      if (m.moe.firstKDense > 0 && m.ffn.intermediateSize === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['ffn', 'intermediateSize'],
          message: 'dense layers (moe.firstKDense > 0) need ffn.intermediateSize > 0',
        });
    } else if (m.ffn.intermediateSize === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['ffn', 'intermediateSize'],
        message: 'a dense model needs ffn.intermediateSize > 0',
      });
    }
    if (m.kind === 'blt' && !m.blt)
      ctx.addIssue({
        code: 'custom',
        path: ['blt'],
        message: 'a Byte Latent Transformer needs its byte-level parts (blt)',
      });
    if (m.blt && m.kind !== 'blt')
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'byte-level parts (blt) need kind "blt"' });
    const sp = m.sparseAttention;
    if (sp?.kind === 'nsa' && m.attention.type === 'mla')
      ctx.addIssue({
        code: 'custom',
        path: ['sparseAttention'],
        message: 'native sparse attention over MLA is not modelled (NSA is defined on GQA)',
      });
    if (sp?.kind === 'nsa' && sp.compressStrideTokens > sp.compressBlockTokens)
      ctx.addIssue({
        code: 'custom',
        path: ['sparseAttention', 'compressStrideTokens'],
        message: 'the compression stride cannot exceed the compression block',
      });
    if (m.linearAttention && m.attention.type === 'mla')
      ctx.addIssue({
        code: 'custom',
        path: ['linearAttention'],
        message: 'hybrid linear attention with MLA is not modelled',
      });
  });
export type ModelArchitecture = z.infer<typeof ModelArchitecture>;
export type ModelArchitectureInput = z.input<typeof ModelArchitecture>;

export type LayerAttentionKind = 'full' | 'sliding' | 'linear';

/** What layer i is made of. Pure function of the architecture. */
export function layerKind(m: ModelArchitecture, i: number): { attention: LayerAttentionKind; moe: boolean } {
  let attention: LayerAttentionKind = 'full';
  if (m.linearAttention) attention = (i + 1) % m.linearAttention.softmaxEvery === 0 ? 'full' : 'linear';
  else if (m.slidingWindow) {
    const g = m.slidingWindow.globalEvery;
    attention = g !== null && (i + 1) % g === 0 ? 'full' : 'sliding';
  }
  const moe = !!m.moe && i >= m.moe.firstKDense && i % m.moe.layerFrequency === 0;
  return { attention, moe };
}

export type LayerCounts = { full: number; sliding: number; linear: number; moe: number; dense: number };
const countsCache = new WeakMap<ModelArchitecture, LayerCounts>();

/** Counts of each layer kind, memoised per architecture object. */
export function layerCounts(m: ModelArchitecture): LayerCounts {
  const hit = countsCache.get(m);
  if (hit) return hit;
  const c = { full: 0, sliding: 0, linear: 0, moe: 0, dense: 0 };
  for (let i = 0; i < m.numLayers; i++) {
    const k = layerKind(m, i);
    c[k.attention]++;
    if (k.moe) c.moe++;
    else c.dense++;
  }
  countsCache.set(m, c);
  return c;
}

export function parseModel(raw: unknown, label = 'model'): ModelArchitecture {
  const r = ModelArchitecture.safeParse(raw);
  if (!r.success) {
    const msg = describeIssues(r.error);
    throw new Error(`${label}: ${msg}`);
  }
  return r.data;
}
