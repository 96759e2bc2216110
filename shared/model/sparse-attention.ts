/**
 * Sparse attention (schema/model.ts SparseAttention) per full-attention layer: the cached tokens
 * each query attends to, the indexer's or compression's own work and parameters, and the cache
 * it keeps beside the KV cache.
 *
 * DSA, DeepSeek Sparse Attention (DeepSeek-V3.2 report §2.1; inference/model.py of
 * deepseek-ai/DeepSeek-V3.2-Exp, class Indexer):
 * - the lightning indexer projects the query latent to H_I heads of d_I (q_lora_rank → H_I·d_I),
 *   one key per token shared by its heads (h → d_I, LayerNorm) and per-head weights (h → H_I); the
 *   score of cached token s for query t is Σ_j w_t,j·ReLU(q_t,j·k_s): 2·H_I·d_I FLOPs per query
 *   per cached token, at the indexer's precision (FP8 keys and queries in DeepSeek's kernels);
 * - top-k keeps the k best of the c scores (FP32: written and read once, 8·c bytes per query);
 * - the attention is MLA in its MQA mode (the absorbed dims d_qk = kv_lora_rank + rope and
 *   d_v = kv_lora_rank) over min(c, k) tokens; for short prompts DeepSeek prefills with a masked
 *   MHA instead (report, Figure 3 caption), so prefill pays the cheaper of the two;
 * - the indexer caches its keys: d_I·b + one FP32 scale per token per layer (132 B for V3.2).
 * NSA, Native Sparse Attention (Yuan et al. 2025, §3.3 and Table 4):
 * - a query at position t attends to ⌊(t − l)/d⌋ + 1 compressed tokens, n·l' selected tokens and
 *   w window tokens (each at most t): 2,046 at 8K for l = 32, d = 16, l' = 64, n = 16, w = 512
 *   (Table 4: 2,048), 5,630 at 64K (5,632);
 * - each branch has its own keys and values (§3.3.3), so the layer holds two more K/V projections
 *   and caches, beside the raw KV the selection reads, c/d compressed entries and the window's w;
 * - compression makes one key and value per d tokens from l: modelled as a linear map of l·d_head
 *   → d_head per KV head for each (the paper's MLP φ is not sized): 4·l·d_head²·G ÷ d FLOPs per
 *   token; the selection scores come from the compressed attention, their top-n reads c/d scores.
 */
import type { Citation } from '../source';
import type { ModelArchitecture, SparseAttention } from '../schema/model';

export const SPARSE_ATTENTION_SOURCES: readonly Citation[] = [
  { doc: 'deepseek-v32-report', at: '§2.1 DeepSeek Sparse Attention: lightning indexer and top-k (2,048) selection' },
  {
    doc: 'deepseek-v32-exp-repo',
    at: 'inference/model.py: ModelArgs index_n_heads 64, index_head_dim 128, index_topk 2048; Indexer',
  },
  { doc: 'nsa-paper', at: '§3.3 (Eq. 6), §3.3.3 independent keys and values, Table 4 memory access per decoding step' },
];

/** Mean of min(t, X) for t from h to S (continuous). */
export function meanMin(h: number, S: number, X: number): number {
  const F = (t: number): number => (t <= X ? (t * t) / 2 : (X * X) / 2 + X * (t - X));
  if (S <= h) return Math.min(S, X);
  return (F(S) - F(h)) / (S - h);
}

/** Mean of max(0, (t − l)/d) for t from h to S (continuous). */
function meanCompressed(h: number, S: number, l: number, d: number): number {
  const F = (t: number): number => (t <= l ? 0 : ((t - l) * (t - l)) / (2 * d));
  if (S <= h) return Math.max(0, (S - l) / d);
  return (F(S) - F(h)) / (S - h);
}

/** Cached tokens a query attends to at context c (one decode step). */
export function sparseAttended(sp: SparseAttention, c: number): number {
  if (sp.kind === 'dsa') return Math.min(c, sp.topK);
  const compressed =
    c < sp.compressBlockTokens ? 0 : Math.floor((c - sp.compressBlockTokens) / sp.compressStrideTokens) + 1;
  return compressed + Math.min(c, sp.selectedBlocks * sp.selectBlockTokens) + Math.min(c, sp.windowTokens);
}

/** Mean tokens attended by the queries at positions h…S of a prompt (causal prefill of its uncached tail). */
export function sparseAttendedCausal(sp: SparseAttention, h: number, S: number): number {
  if (sp.kind === 'dsa') return meanMin(h, S, sp.topK);
  return (
    meanCompressed(h, S, sp.compressBlockTokens, sp.compressStrideTokens) +
    meanMin(h, S, sp.selectedBlocks * sp.selectBlockTokens) +
    meanMin(h, S, sp.windowTokens)
  );
}

/** Parameters of the DSA indexer per layer (its own projections); 0 for NSA. */
export function indexerParamsPerLayer(m: ModelArchitecture): number {
  const sp = m.sparseAttention;
  if (sp?.kind !== 'dsa') return 0;
  const h = m.hiddenSize;
  const qIn = m.attention.type === 'mla' && m.attention.qLoraRank !== null ? m.attention.qLoraRank : h;
  return (
    qIn * sp.indexerHeads * sp.indexerHeadDim + h * sp.indexerHeadDim + 2 * sp.indexerHeadDim + h * sp.indexerHeads
  );
}

/** Parameters sparse attention adds to a full-attention layer: the DSA indexer, or NSA's two extra K/V projections. */
export function sparseParamsPerLayer(m: ModelArchitecture): number {
  const sp = m.sparseAttention;
  if (!sp) return 0;
  if (sp.kind === 'dsa') return indexerParamsPerLayer(m);
  const a = m.attention;
  const kv = a.type === 'mla' ? 0 : 2 * m.hiddenSize * a.numKvHeads * a.headDim;
  return 2 * kv + sp.extraParamsPerLayer;
}

/** FLOPs of the DSA indexer's scores per query over c cached tokens (0 for NSA: its scores come with the compressed branch). */
export const indexerScoreFlops = (sp: SparseAttention, c: number): number =>
  sp.kind === 'dsa' ? 2 * sp.indexerHeads * sp.indexerHeadDim * c : 0;

/** NSA compression FLOPs per new token (all KV heads), 0 for DSA. */
export function compressionFlopsPerToken(m: ModelArchitecture): number {
  const sp = m.sparseAttention;
  const a = m.attention;
  if (sp?.kind !== 'nsa' || a.type === 'mla') return 0;
  return (2 * 2 * sp.compressBlockTokens * a.headDim * a.headDim * a.numKvHeads) / sp.compressStrideTokens;
}

/**
 * Cache bytes sparse attention adds per cached token per full layer, given the layer's KV bytes
 * per token: the DSA indexer key (d_I·b + scale), or NSA's compressed entries (KV ÷ d). NSA's
 * window branch adds `windowBytesPerToken` more for at most `windowTokens` tokens.
 */
export function sparseCachePerToken(
  m: ModelArchitecture,
  kvPerTokenLayer: number,
): { perToken: number; windowBytesPerToken: number; windowTokens: number } {
  const sp = m.sparseAttention;
  if (!sp) return { perToken: 0, windowBytesPerToken: 0, windowTokens: 0 };
  if (sp.kind === 'dsa')
    return {
      perToken: sp.indexerHeadDim * sp.indexerBytesPerElement + sp.indexerScaleBytesPerToken,
      windowBytesPerToken: 0,
      windowTokens: 0,
    };
  return {
    perToken: kvPerTokenLayer / sp.compressStrideTokens,
    windowBytesPerToken: kvPerTokenLayer,
    windowTokens: sp.windowTokens,
  };
}

/** A one-line description of the sparse attention, for tables and the CLI. */
export function sparseLabel(sp: SparseAttention | undefined): string {
  if (!sp) return '';
  return sp.kind === 'dsa'
    ? `DSA: indexer ${sp.indexerHeads}×${sp.indexerHeadDim}, top-${sp.topK}`
    : `NSA: compress ${sp.compressBlockTokens}/${sp.compressStrideTokens}, select ${sp.selectedBlocks}×${sp.selectBlockTokens}, window ${sp.windowTokens}`;
}
