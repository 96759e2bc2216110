/**
 * FLOPs per token, forward and training.
 *
 * Convention (written down because Table 2 of the Insights paper depends on it):
 * - A multiply-add is 2 FLOP. Matmul FLOPs per token = 2 × (active parameters that take part in a
 *   matmul): every active weight except the input embedding lookup and the norms, with the output
 *   projection counted once even when tied.
 * - Attention score and value FLOPs per token per softmax layer = 2 × heads × (d_qk + d_v) × c,
 *   where c is the number of cached tokens the query attends to. With a causal mask over a
 *   sequence of S tokens the average is c = S/2 (the usual convention; the exact mean is (S+1)/2).
 *   Sliding-window layers attend to min(t, W) tokens. MLA in training uses the non-absorbed form
 *   (d_qk = qk_nope + qk_rope = 192, d_v = 128 for DeepSeek-V3); at inference the absorbed form
 *   attends in the latent space (d_qk = kv_lora_rank + qk_rope, d_v = kv_lora_rank).
 * - Linear-attention layers cost 4 × heads × d² per token (state update and read-out).
 * - Sparse attention (sparse-attention.ts): full layers attend to the tokens the sparse pattern
 *   selects (DSA: min(c, top-k); NSA: compressed + selected + window) and the DSA indexer scores
 *   every cached token, 2 × indexer heads × indexer head dim × c (NSA: its compression). A DSA prompt (causal mean) pays
 *   the cheaper of dense attention and the top-k in MLA's MQA mode (the absorbed dims).
 * - Training = forward + backward = 3 × forward (backward = 2 × forward); activation recomputation
 *   adds one more forward and is accounted for by the training model, not here.
 * Against Insights Table 2 this gives DeepSeek-V2 156, V3 252 and LLaMA-405B 2,469 GFLOP per token
 * at S = 4,096 (paper: 155, 250, 2,448; all within 1%). See test/unit/model-golden.test.ts for the
 * Qwen-72B row, which this convention does not reproduce.
 */
import { input, trace, type Trace } from '../explain';
import type { Flop } from '../units';
import { countParams, type ParamCounts } from './params';
import { layerCounts, type ModelArchitecture } from '../schema/model';
import { compressionFlopsPerToken, indexerScoreFlops, sparseAttended, sparseAttendedCausal } from './sparse-attention';

export interface AttentionDims {
  heads: number;
  dQk: number;
  dV: number;
}

export function attentionDims(m: ModelArchitecture, mlaAbsorbed: boolean): AttentionDims {
  const a = m.attention;
  if (a.type === 'mla') {
    return mlaAbsorbed
      ? { heads: a.numHeads, dQk: a.kvLoraRank + a.qkRopeHeadDim, dV: a.kvLoraRank }
      : { heads: a.numHeads, dQk: a.qkNopeHeadDim + a.qkRopeHeadDim, dV: a.vHeadDim };
  }
  return { heads: a.numHeads, dQk: a.headDim, dV: a.headDim };
}

/** Mean of min(t, W) for t = 1…S, approximated continuously: S/2 if S ≤ W, else W − W²/(2S). */
export function meanAttendedCausal(S: number, W: number = Infinity): number {
  if (S <= W) return S / 2;
  return W - (W * W) / (2 * S);
}

export interface FlopsPerToken {
  matmul: Flop;
  attention: Flop;
  total: Flop;
  trace: Trace;
}

export interface FlopOptions {
  /** 'causal-mean': the token is one of a causal sequence of `tokens` (training, prefill);
   * 'at-context': the token attends to `tokens` cached tokens (one decode step). */
  mode: 'causal-mean' | 'at-context';
  tokens: number;
  mlaAbsorbed?: boolean;
  params?: ParamCounts;
}

/** Attention FLOPs per token summed over layers. */
export function attentionFlopsPerToken(m: ModelArchitecture, opts: FlopOptions): number {
  const lc = layerCounts(m);
  const d = attentionDims(m, opts.mlaAbsorbed ?? false);
  const perAttended = 2 * d.heads * (d.dQk + d.dV);
  const W = m.slidingWindow?.windowTokens ?? Infinity;
  const sp = m.sparseAttention;
  const cAll = opts.mode === 'causal-mean' ? meanAttendedCausal(opts.tokens) : opts.tokens;
  const cFull = !sp
    ? cAll
    : opts.mode === 'causal-mean'
      ? sparseAttendedCausal(sp, 0, opts.tokens)
      : sparseAttended(sp, opts.tokens);
  const indexer = sp ? lc.full * (indexerScoreFlops(sp, cAll) + compressionFlopsPerToken(m)) : 0;
  // DSA attends in MLA's MQA mode (absorbed dims) over the top-k; a prompt takes the cheaper of
  // that and dense attention (DeepSeek runs a masked MHA for short sequences).
  let full = perAttended * cFull;
  if (sp?.kind === 'dsa' && opts.mode === 'causal-mean') {
    const abs = attentionDims(m, true);
    full = Math.min(perAttended * cAll, 2 * abs.heads * (abs.dQk + abs.dV) * cFull);
  }
  const cSliding = opts.mode === 'causal-mean' ? meanAttendedCausal(opts.tokens, W) : Math.min(opts.tokens, W);
  let linear = 0;
  if (m.linearAttention && m.attention.type !== 'mla')
    linear = 4 * m.attention.numHeads * m.attention.headDim * m.attention.headDim;
  return lc.full * full + indexer + lc.sliding * perAttended * cSliding + lc.linear * linear;
}

export function forwardFlopsPerToken(m: ModelArchitecture, opts: FlopOptions): FlopsPerToken {
  const p = opts.params ?? countParams(m);
  const matmul = (2 * p.activeMatmul) as Flop;
  const attention = attentionFlopsPerToken(m, opts) as Flop;
  const total = (matmul + attention) as Flop;
  const d = attentionDims(m, opts.mlaAbsorbed ?? false);
  return {
    matmul,
    attention,
    total,
    trace: trace(
      'Forward FLOPs per token',
      '2 × active matmul params + Σ softmax layers 2 × heads × (d_qk + d_v) × attended tokens',
      total,
      'FLOP',
      [
        input('active matmul params', p.activeMatmul, 'params'),
        input('heads', d.heads),
        input('d_qk', d.dQk),
        input('d_v', d.dV),
        input(
          opts.mode === 'causal-mean' ? 'sequence length S (mean attended S/2)' : 'attended tokens',
          opts.tokens,
          'tokens',
        ),
      ],
      [
        trace('Matmul FLOPs', '2 × active matmul params', matmul, 'FLOP'),
        trace('Attention FLOPs', 'Σ layers 2 × heads × (d_qk + d_v) × attended', attention, 'FLOP'),
      ],
    ),
  };
}

/** Training FLOPs per token at sequence length S: 3 × forward (causal mean). */
export function trainingFlopsPerToken(m: ModelArchitecture, seqTokens: number, params?: ParamCounts): FlopsPerToken {
  const f = forwardFlopsPerToken(m, {
    mode: 'causal-mean',
    tokens: seqTokens,
    mlaAbsorbed: false,
    ...(params ? { params } : {}),
  });
  const total = (3 * f.total) as Flop;
  return {
    matmul: (3 * f.matmul) as Flop,
    attention: (3 * f.attention) as Flop,
    total,
    trace: trace(
      'Training FLOPs per token',
      '3 × forward (backward = 2 × forward)',
      total,
      'FLOP',
      [input('sequence length', seqTokens, 'tokens')],
      [f.trace],
    ),
  };
}
