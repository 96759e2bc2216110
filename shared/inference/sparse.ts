/**
 * Sparse attention operators of one step (model/sparse-attention.ts holds the arithmetic and its
 * sources), per full-attention layer, for nb tokens on one TP rank:
 * - `attn.sparse.proj`: the DSA indexer's projections, or NSA's two extra K/V projections: GEMM,
 *   2·nb·P FLOPs, P·w weight bytes ÷ TP.
 * - `attn.sparse.index`: DSA's lightning indexer scores over every cached token,
 *   2·nb·H_I·d_I·c FLOPs at the indexer's precision
 *   (FP8 peak × efficiency when the device has FP8 and the keys are FP8, else the BF16 attention
 *   rate), reading the cached indexer keys (decode: nb·c keys; prefill: each prompt's keys once)
 *   at the streaming (GEMM) bandwidth for that many bytes; or NSA's compression (reading l K/V
 *   entries per d new tokens). Heads split over TP, keys do not.
 * - `attn.sparse.select`: top-k over the scores, FP32 written and read once (8 bytes a score):
 *   DSA scores every cached token, NSA its compressed tokens (c ÷ d).
 * - the core (`attn.core.full`) attends to the selected tokens only. Decode: nb·attended cached
 *   tokens read; kernel tables time it at the attended count. Prefill with DSA pays the cheaper
 *   of the dense MHA mode (d_qk, d_v of the heads, causal over the prompt, as the kernel tables time
 *   it) and the sparse MQA mode (absorbed dims over the top-k, gathered per query); NSA streams
 *   each prompt's raw and compressed K/V once and its window branch's own K/V.
 */
import { peakFlops } from '../schema/hardware';
import {
  compressionFlopsPerToken,
  indexerParamsPerLayer,
  indexerScoreFlops,
  sparseAttended,
  sparseAttendedCausal,
} from '../model/sparse-attention';
import { attentionDims, type AttentionDims } from '../model/flops';
import type { Family } from './family';
import { OP, type OpTable } from './operators';
import { curveSource, elementwiseByteRate, gemmByteRate, gemmFlopRate } from './rates';
import type { StepShape } from './step';

/** What the sparse builders need from a family, computed once. */
interface SparseRates {
  /** FLOP/s of the indexer's score matmuls. */
  indexFlops: number;
  indexFp8: boolean;
  /** Parameters of the indexer (DSA) or of NSA's extra K/V projections, per layer. */
  params: number;
  /** Dims of DSA's attention: MLA's MQA mode (the absorbed dims) whatever the plan's absorption setting. */
  mqa: AttentionDims;
}
const cache = new WeakMap<Family, SparseRates>();

function sparseRates(f: Family): SparseRates {
  const hit = cache.get(f);
  if (hit) return hit;
  const sp = f.model.sparseAttention!;
  const fp8 = sp.kind === 'dsa' && sp.indexerBytesPerElement <= 1 ? peakFlops(f.ctx.accelerator, 'fp8') : null;
  const r: SparseRates = {
    indexFlops: fp8 ? fp8 * f.ctx.efficiency.compute : f.attnRates.flops,
    indexFp8: fp8 !== null,
    params: sp.kind === 'dsa' ? indexerParamsPerLayer(f.model) : f.params.perLayer.sparse,
    mqa: attentionDims(f.model, true),
  };
  cache.set(f, r);
  return r;
}

/** The projection, index and select rows (the core is timed by attention.ts through `sparseCore`). */
export function buildSparseIndex(f: Family, x: StepShape, T: OpTable): void {
  const sp = f.model.sparseAttention!;
  const r = sparseRates(f);
  const t = x.tp;
  const nb = x.nb;
  const c = x.context;
  const h0 = x.cached;
  const layers = f.layerCounts.full;
  const scored = x.decode ? c : h0 + (c - h0) / 2;
  const perSeq = x.decode ? nb : nb / Math.max(1, c - h0);
  const w = (r.params * f.weightBytes) / t;
  const act = nb * f.hidden * f.activationBytes;
  T.roofline(
    OP['attn.sparse.proj'],
    layers,
    (2 * nb * r.params) / t,
    w + act,
    0,
    gemmFlopRate(f, nb),
    gemmByteRate(f, w),
    curveSource(f),
  );
  if (sp.kind === 'dsa') {
    const keyBytes = sp.indexerHeadDim * sp.indexerBytesPerElement + sp.indexerScaleBytesPerToken;
    const keys = (x.decode ? nb * c : perSeq * c) * keyBytes;
    const flops = (nb * indexerScoreFlops(sp, scored)) / t;
    T.roofline(OP['attn.sparse.index'], layers, flops, keys, 0, r.indexFlops, gemmByteRate(f, keys), curveSource(f));
  } else {
    const flops = (nb * compressionFlopsPerToken(f.model)) / t;
    const reads = (nb * sp.compressBlockTokens * f.kvPerTokLayer) / sp.compressStrideTokens;
    T.roofline(OP['attn.sparse.index'], layers, flops, reads, 0, f.rates.flops, gemmByteRate(f, reads), curveSource(f));
  }
  if (T.detail) {
    T.label[OP['attn.sparse.proj']] =
      sp.kind === 'dsa'
        ? 'DSA indexer projections (q, shared key, head weights)'
        : 'NSA compressed and window K/V projections';
    T.label[OP['attn.sparse.index']] =
      sp.kind === 'dsa'
        ? `DSA lightning indexer: ${sp.indexerHeads} heads × ${sp.indexerHeadDim} over every cached token${r.indexFp8 ? ' (FP8)' : ''}`
        : `NSA compression: one entry per ${sp.compressStrideTokens} tokens from ${sp.compressBlockTokens}`;
  }
  const scores = nb * (sp.kind === 'dsa' ? scored : scored / sp.compressStrideTokens);
  T.roofline(
    OP['attn.sparse.select'],
    layers,
    0,
    (scores * 8) / 2,
    (scores * 8) / 2,
    f.rates.flops,
    elementwiseByteRate(f),
    curveSource(f),
  );
}

/** The core of the full layers under sparse attention: FLOPs, KV bytes and the context a kernel table should time. */
export interface SparseCore {
  flops: number;
  kvBytes: number;
  /** Context for kernel-timed cores (NaN: no table applies, time it on rates). */
  kernelContext: number;
  label: string;
}

export function sparseCore(f: Family, x: StepShape, split: number, out: SparseCore): SparseCore {
  const sp = f.model.sparseAttention!;
  const t = x.tp;
  const nb = x.nb;
  const c = x.context;
  const h0 = x.cached;
  const dec = sp.kind === 'dsa' ? sparseRates(f).mqa : f.attention.decode;
  const pre = f.attention.prefill;
  const kv = f.kvPerTokLayer;
  if (x.decode) {
    const att = sparseAttended(sp, c);
    out.flops = (2 * nb * dec.heads * (dec.dQk + dec.dV) * att) / t;
    out.kvBytes = (nb * att * kv) / split;
    out.kernelContext = att;
    out.label = `attention core over ${Math.round(att)} selected tokens (${sp.kind.toUpperCase()})`;
    return out;
  }
  const att = sparseAttendedCausal(sp, h0, c);
  const kvRead = (nb * c) / Math.max(1, c - h0);
  if (sp.kind === 'dsa') {
    const dense = h0 + (c - h0) / 2;
    const denseFlops = (2 * nb * pre.heads * (pre.dQk + pre.dV) * dense) / t;
    const sparseFlops = (2 * nb * dec.heads * (dec.dQk + dec.dV) * att) / t;
    const useDense = denseFlops <= sparseFlops;
    out.flops = useDense ? denseFlops : sparseFlops;
    out.kvBytes = (useDense ? kvRead : nb * att) * (kv / split);
    out.kernelContext = useDense ? c : Number.NaN;
    out.label = useDense
      ? 'attention core, dense (masked MHA: cheaper than top-k at this prompt length)'
      : `attention core over the top-${sp.topK} (DSA, MQA mode)`;
    return out;
  }
  out.flops = (2 * nb * pre.heads * (pre.dQk + pre.dV) * att) / t;
  out.kvBytes = ((kvRead * (1 + 1 / sp.compressStrideTokens) + Math.min(kvRead, nb * sp.windowTokens)) * kv) / split;
  out.kernelContext = Number.NaN;
  out.label = 'attention core: compressed + selected + window (NSA)';
  return out;
}
