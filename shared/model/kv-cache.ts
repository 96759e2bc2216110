/**
 * KV-cache size per token and per sequence.
 *
 * - Standard attention (MHA/GQA/MQA) caches K and V: 2 × kv_heads × head_dim elements per layer.
 * - MLA caches the compressed latent plus the decoupled RoPE key: (kv_lora_rank + qk_rope_head_dim)
 *   elements per layer (Insights Table 1: 61 × (512 + 64) × 2 B = 70,272 B for DeepSeek-V3).
 * - Sliding-window layers cache at most `window` tokens; linear-attention layers keep a constant
 *   state per sequence, independent of context.
 * - Sparse attention caches more beside the KV of its full layers (sparse-attention.ts): the DSA
 *   indexer's keys (DeepSeek-V3.2: 128 FP8 elements + an FP32 scale = 132 B per token per layer),
 *   or NSA's compressed entries (KV ÷ d per token) and its window branch's own K/V (≤ w tokens).
 */
import { input, trace, type Trace } from '../explain';
import { kvBytesPerElement, kvFormatLabel, type KvFormat } from '../precision';
import type { Bytes } from '../units';
import { layerCounts, type ModelArchitecture } from '../schema/model';
import { sparseCachePerToken } from './sparse-attention';

/** Cached elements per token in one softmax-attention layer. */
export function kvElementsPerTokenPerLayer(m: ModelArchitecture): number {
  const a = m.attention;
  return a.type === 'mla' ? a.kvLoraRank + a.qkRopeHeadDim : 2 * a.numKvHeads * a.headDim;
}

export interface KvCacheResult {
  /** Bytes per token for a context long enough that every softmax layer holds it (full layers + sliding layers below their window). */
  bytesPerToken: Bytes;
  trace: Trace;
}

/** Bytes per token of context, counting every softmax layer (sliding layers included). */
export function kvBytesPerToken(m: ModelArchitecture, format: KvFormat = 'bf16'): KvCacheResult {
  const lc = layerCounts(m);
  const perLayer = kvElementsPerTokenPerLayer(m);
  const b = kvBytesPerElement(format);
  const softmaxLayers = lc.full + lc.sliding;
  const sparse = sparseCachePerToken(m, perLayer * b);
  const value = (softmaxLayers * perLayer * b + lc.full * sparse.perToken) as Bytes;
  const a = m.attention;
  const formula =
    a.type === 'mla'
      ? 'softmax layers × (kv_lora_rank + qk_rope_head_dim) × bytes per element'
      : 'softmax layers × 2 × kv_heads × head_dim × bytes per element';
  return {
    bytesPerToken: value,
    trace: trace(
      `KV cache per token (${kvFormatLabel(format)})`,
      formula,
      value,
      'bytes',
      [
        input('softmax-attention layers', softmaxLayers),
        ...(a.type === 'mla'
          ? [input('kv_lora_rank', a.kvLoraRank), input('qk_rope_head_dim', a.qkRopeHeadDim)]
          : [input('kv_heads', a.numKvHeads), input('head_dim', a.headDim)]),
        input('elements per token per layer', perLayer),
        input('bytes per element', b, 'bytes'),
        ...(sparse.perToken
          ? [
              input(
                m.sparseAttention!.kind === 'dsa'
                  ? 'indexer key cache per token per full layer'
                  : 'compressed K/V per token per full layer',
                sparse.perToken,
                'bytes',
              ),
            ]
          : []),
      ],
      [],
      lc.linear
        ? `${lc.linear} linear-attention layers keep a constant state instead (see kvBytesForSequence)`
        : sparse.windowTokens
          ? `NSA's window branch keeps its own K/V for at most ${sparse.windowTokens} tokens (see kvBytesForSequence)`
          : undefined,
    ),
  };
}

/** KV cache (plus linear-attention state) of one sequence of `contextTokens`. */
export function kvBytesForSequence(m: ModelArchitecture, contextTokens: number, format: KvFormat = 'bf16'): Bytes {
  const lc = layerCounts(m);
  const b = kvBytesPerElement(format);
  const perLayer = kvElementsPerTokenPerLayer(m) * b;
  const window = m.slidingWindow?.windowTokens ?? contextTokens;
  const state = m.linearAttention
    ? lc.linear * m.linearAttention.stateElementsPerLayer * m.linearAttention.stateBytesPerElement
    : 0;
  const sparse = sparseCachePerToken(m, perLayer);
  return (lc.full * (perLayer + sparse.perToken) * contextTokens +
    lc.full * sparse.windowBytesPerToken * Math.min(contextTokens, sparse.windowTokens) +
    lc.sliding * perLayer * Math.min(contextTokens, window) +
    state) as Bytes;
}
