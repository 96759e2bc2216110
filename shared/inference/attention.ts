/**
 * Attention operators of one layer for one micro-batch of nb tokens on one TP rank.
 * - Projections (q, k, v, o; MLA's down/up projections): GEMM, FLOPs = 2·nb·P_attn ÷ TP, bytes =
 *   P_attn·w ÷ TP (weights) + 4·nb·h·2 (activations in and out), P_attn = attention parameters per
 *   layer (model/params.ts).
 * - Core (scores and values): FLOPs = 2·nb·heads·(d_qk + d_v)·c ÷ TP with c the tokens attended
 *   (with h prompt tokens from the prefix cache, the uncached tail attends to h + (S − h)/2):
 *   decode attends to the mean context, prefill to the causal mean S/2 (a bidirectional prefill,
 *   a diffusion LM's forward, to all S); sliding layers to min(c, W)
 *   in decode and to the causal mean of min(t, W), W − W²/2S when S > W, in prefill (model/flops.ts).
 *   Bytes: decode reads every cached token once per new token, nb·c·KV-per-token; prefill (flash
 *   attention) streams each prompt's K/V once, prefix included, nb·S/(S − h)·KV-per-token; ÷ the
 *   KV split (mla.ts).
 * - Sparse attention (DSA, NSA): the full layers' core attends to the selected tokens only, beside
 *   an indexer (or compression) and a top-k selection (sparse.ts).
 * - Linear-attention layers: projections as above; a state update and read-out of
 *   4·nb·heads·d² FLOPs ÷ TP touching the state (2 × state bytes per token in decode, once in prefill).
 */
import { meanAttendedCausal } from '../model/flops';
import { OP, OP_SPECS, SRC, type OpTable } from './operators';
import { buildSparseIndex, sparseCore, type SparseCore } from './sparse';
import type { Family } from './family';
import { kvSplit } from './mla';
import { attnByteRate, attnFlopRate, curveSource, gemmByteRate, gemmFlopRate } from './rates';
import { cappedByHostLink } from './offload';
import type { StepShape } from './step';
import { kernelCoreSeconds, kernelProjections } from './kernel-ops';

export function buildAttention(f: Family, x: StepShape, T: OpTable): void {
  const { model, layerCounts, hidden, weightBytes, activationBytes } = f;
  const t = x.tp;
  const nb = x.nb;
  const src = curveSource(f);
  const attnParams = f.params.perLayer.attentionFull;
  const projW = (attnParams * weightBytes) / t;
  const projBytes = projW + nb * hidden * activationBytes * 4;
  if (!f.kernels || !kernelProjections(f, x, T, layerCounts.full + layerCounts.sliding))
    T.roofline(
      OP['attn.proj'],
      layerCounts.full + layerCounts.sliding,
      (2 * nb * attnParams) / t,
      projW + nb * hidden * activationBytes * 2,
      nb * hidden * activationBytes * 2,
      gemmFlopRate(f, nb),
      gemmByteRate(f, projBytes),
      src,
    );
  const dims = x.decode ? f.attention.decode : f.attention.prefill;
  const split = kvSplit(f.attention, t);
  const W = model.slidingWindow?.windowTokens ?? Infinity;
  const c = x.context;
  const h0 = x.cached;
  // Prefill of the uncached tail [h0, S]: each token attends to the cached prefix and, causally, to
  // the tail before it (bidirectionally: to all S); flash attention reads every sequence's K/V
  // (prefix included) once.
  const attFull = x.decode || x.bidirectional ? c : h0 + (c - h0) / 2;
  const kvRead = x.decode ? 0 : (nb * c) / (c - h0);
  const perAtt = (2 * nb * dims.heads * (dims.dQk + dims.dV)) / t;
  const kvFull = (x.decode ? nb * attFull : kvRead) * f.kvPerTokLayer;
  const iFull = OP['attn.core.full'];
  if (model.sparseAttention) {
    sparseCore(f, x, split, SPARSE);
    core(f, x, T, iFull, layerCounts.full, SPARSE.flops, SPARSE.kvBytes, SPARSE.kernelContext);
    if (T.detail) T.label[iFull] = SPARSE.label;
    buildSparseIndex(f, x, T);
  } else {
    // The kernel tables time causal prefills: a bidirectional one is timed on rates (NaN context).
    core(f, x, T, iFull, layerCounts.full, perAtt * attFull, kvFull / split, x.bidirectional ? Number.NaN : c);
    T.label[iFull] = x.bidirectional ? 'attention core (bidirectional)' : OP_SPECS[iFull]!.name;
  }
  if (layerCounts.sliding) {
    const attSliding = x.decode || x.bidirectional ? Math.min(c, W) : meanAttendedWindow(h0, c, W);
    const kvSliding = (x.decode ? nb * attSliding : Math.min(kvRead, nb * W)) * f.kvPerTokLayer;
    core(
      f,
      x,
      T,
      OP['attn.core.sliding'],
      layerCounts.sliding,
      perAtt * attSliding,
      kvSliding / split,
      x.bidirectional ? Number.NaN : Math.min(c, W),
    );
  }
  if (layerCounts.linear) buildLinearAttention(f, x, T);
}

/** The sparse core's numbers (a reused record: the fast path allocates nothing). */
const SPARSE: SparseCore = { flops: 0, kvBytes: 0, kernelContext: 0, label: '' };

/** Mean of min(t, W) for t from h to S (the uncached tail of a prompt under a sliding window W). */
export function meanAttendedWindow(h: number, S: number, W: number): number {
  if (h <= 0) return meanAttendedCausal(S, W);
  const integral = (t: number): number => (t <= W ? (t * t) / 2 : (W * W) / 2 + W * (t - W));
  return (integral(S) - integral(h)) / (S - h);
}

function core(
  f: Family,
  x: StepShape,
  T: OpTable,
  i: number,
  layers: number,
  flops: number,
  kvBytes: number,
  context: number,
): void {
  // A NaN context: no kernel table times this core (a sparse prefill), rates do.
  if (f.kernels && !f.settings.serving.kvOffload && context === context) {
    const secs = kernelCoreSeconds(f, x, context);
    if (secs === secs) {
      T.measured(i, layers, flops, kvBytes, 0, secs, f.attnPeakFlops, f.peakBandwidth, f.kernelSource);
      return;
    }
  }
  const bw = cappedByHostLink(f, attnByteRate(f, kvBytes));
  T.roofline(
    i,
    layers,
    flops,
    kvBytes,
    0,
    attnFlopRate(f, x.context),
    bw,
    f.settings.serving.kvOffload ? SRC.host : curveSource(f),
  );
}

function buildLinearAttention(f: Family, x: StepShape, T: OpTable): void {
  const { model, layerCounts, weightBytes } = f;
  const t = x.tp;
  const nb = x.nb;
  const a = model.attention;
  if (model.linearAttention && a.type !== 'mla') {
    const state = model.linearAttention.stateElementsPerLayer * model.linearAttention.stateBytesPerElement;
    T.roofline(
      OP['attn.linear.core'],
      layerCounts.linear,
      (4 * nb * a.numHeads * a.headDim * a.headDim) / t,
      x.decode ? (2 * nb * state) / t : (2 * state) / t,
      0,
      f.rates.flops,
      f.rates.bandwidth,
      f.flatSource,
    );
  }
  const P = f.params.perLayer.attentionLinear;
  const bytes = (P * weightBytes) / t;
  T.roofline(
    OP['attn.linear.proj'],
    layerCounts.linear,
    (2 * nb * P) / t,
    bytes,
    0,
    gemmFlopRate(f, nb),
    gemmByteRate(f, bytes),
    curveSource(f),
  );
}
