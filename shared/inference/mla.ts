/**
 * Attention shape, with multi-head latent attention (MLA; DeepSeek-V2/V3) as the special case.
 * - MLA caches one latent per token (kv_lora_rank + qk_rope_head_dim elements per layer) shared by
 *   all heads, so tensor parallelism cannot split it: every TP rank holds and reads the whole
 *   latent (kvSplit = 1). GQA splits the KV heads over min(TP, kv_heads) ranks.
 * - Decode with weight absorption attends in the latent space:
 *   d_qk = kv_lora_rank + qk_rope, d_v = kv_lora_rank (576 and 512 for DeepSeek-V3); prefill (and
 *   decode without absorption) uses the per-head dims d_qk = qk_nope + qk_rope, d_v = v_head_dim
 *   (192 and 128) — DeepSeek-V2 report §2.1, model/flops.ts attentionDims.
 * - Width of the q/k/v activations per token (element-wise traffic): MLA heads × (qk_nope + qk_rope
 *   + v_head_dim); GQA (heads + 2 × kv_heads) × head_dim.
 */
import { attentionDims, type AttentionDims } from '../model/flops';
import type { ModelArchitecture } from '../schema/model';

export interface AttentionShape {
  mla: boolean;
  /** Dims used by decode (absorbed MLA when enabled) and by prefill. */
  decode: AttentionDims;
  prefill: AttentionDims;
  numKvHeads: number;
  qkvWidth: number;
}

export function attentionShape(m: ModelArchitecture, mlaAbsorbed: boolean): AttentionShape {
  const a = m.attention;
  const mla = a.type === 'mla';
  return {
    mla,
    decode: attentionDims(m, mlaAbsorbed),
    prefill: attentionDims(m, false),
    numKvHeads: mla ? 1 : a.numKvHeads,
    qkvWidth: mla
      ? a.numHeads * (a.qkNopeHeadDim + a.qkRopeHeadDim + a.vHeadDim)
      : (a.numHeads + 2 * a.numKvHeads) * a.headDim,
  };
}

/** TP ranks that share the KV cache reads: 1 for an MLA latent, min(TP, kv_heads) for GQA. */
export const kvSplit = (s: AttentionShape, tp: number): number => (s.mla ? 1 : Math.min(tp, s.numKvHeads));
