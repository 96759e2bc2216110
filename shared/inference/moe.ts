/**
 * Mixture-of-experts operators of one MoE layer, per micro-batch of nb tokens per replica.
 * - Router: 2·nb·h·E FLOPs ÷ TP, its h·E BF16 weights.
 * - Shared experts: a dense GEMM, 2·nb·P_shared ÷ TP FLOPs, P_shared·w ÷ TP bytes.
 * - Routed experts, batch-aware (moe-routing.ts): n tokens with top-k routing over E experts touch
 *   E·(1 − (1 − k/E)^n) distinct experts, whose weights are read once per step.
 *   · Without EP the experts are tensor-parallel over the stage's TP × DP ranks (vLLM: "expert
 *     layers form a tensor parallel group of size DP × TP", vllm-dp-deployment; SGLang's DP
 *     attention likewise): every rank runs the nb·DP tokens gathered from the DP ranks on its
 *     1/(TP·DP) of every expert: FLOPs = 2·nb·DP·k·P_e ÷ (TP·DP), bytes = distinct·P_e·w ÷ (TP·DP)
 *     + 2·nb·DP·h·2 (DP = 1: plain TP). The gather and the reduce-scatter are in ep-comm.ts.
 *   · With EP the nb·EP/TP tokens of an EP group are spread over EP ranks of E/EP experts each; the
 *     hottest rank receives the mean nb·EP/TP·k/EP assignments × the load imbalance and sets the
 *     pace: FLOPs = 2·hot·P_e, bytes = distinct-on-rank·P_e·w + 2·hot·h·2.
 *   GEMM efficiency follows the tokens per expert (hot ÷ distinct). With a calibration profile that
 *   measured MoE layers (calibration/moe.py), routed experts run as grouped GEMMs: the raw roofline
 *   ÷ the measured fraction at that many tokens per touched expert, and the routing path (router,
 *   top-k, permute, activation, un-permute) costs its measured fixed + per-token seconds per layer.
 *   With expert offload the routed experts run on the host CPU (offload.ts).
 */
import { expectedDistinctExperts, missedNot } from './moe-routing';
import { OP, SRC, type OpTable } from './operators';
import type { Family } from './family';
import { expertsOnHost } from './offload';
import { curveSource, gemmByteRate, gemmFlopRate } from './rates';
import { interpFast } from './fast-curve';
import type { StepShape } from './step';
import { kernelFfn, oneGemm } from './kernel-ops';
import { moeSeconds, moeWideSeconds } from '../kernels/moe-seconds';
import type { Citation } from '../source';

/** How the experts are split without EP (the Sources page lists it under this module). */
export const MOE_SOURCES: readonly Citation[] = [
  {
    doc: 'vllm-dp-deployment',
    at: 'by default, expert layers form a tensor parallel group of size DP × TP; --enable-expert-parallel for EP',
  },
];

export function buildMoe(f: Family, x: StepShape, T: OpTable): void {
  const moe = f.model.moe;
  if (!moe) return;
  const { layerCounts, hidden, weightBytes, activationBytes } = f;
  const t = x.tp;
  const nb = x.nb;
  const L = layerCounts.moe;
  const S = f.params.perLayer.sharedExperts;
  const sharedI = moe.sharedIntermediateSize ?? moe.numSharedExperts * moe.expertIntermediateSize;
  if (S > 0 && (!f.kernels || !kernelFfn(f, x, T, OP['moe.shared'], L, sharedI, S, f.kernels.denseGemm))) {
    const w = (S * weightBytes) / t;
    T.roofline(OP['moe.shared'], L, (2 * nb * S) / t, w, 0, gemmFlopRate(f, nb), gemmByteRate(f, w), curveSource(f));
  }
  const E = moe.numRoutedExperts;
  const k = moe.topK;
  const P = f.params.perLayer.expert;
  const host = expertsOnHost(f);
  if (!host && f.kernels?.moe) return measuredMoe(f, x, T, L);
  routing(f, x, T, L, E);
  const i = OP['moe.routed'];
  // The routed GEMM's numbers go to `routed` through the table's number slots (OpTable.num).
  const RT = T.num;
  if (x.ep > 1) {
    const groupTokens = (nb * x.ep) / t;
    const hot = ((groupTokens * k) / x.ep) * f.settings.moe.loadImbalance;
    const distinct = (E / x.ep) * missedNot(groupTokens, f.moeLogMiss);
    T.label[i] = 'routed experts (hottest EP rank)';
    RT[FLOPS] = 2 * hot * P;
    RT[WEIGHTS] = distinct * P * weightBytes;
    RT[ACTS] = hot * hidden * activationBytes * 2;
    RT[PER_EXPERT] = hot / Math.max(1, distinct);
  } else {
    const g = t * x.dp;
    const tokens = nb * x.dp;
    const distinct = expectedDistinctExperts(E, k, tokens, f.moeLogMiss);
    if (T.detail)
      T.label[i] = x.dp > 1 ? `routed experts (tensor-parallel over TP × DP = ${g} ranks)` : 'routed experts';
    RT[FLOPS] = (2 * tokens * k * P) / g;
    RT[WEIGHTS] = (distinct * P * weightBytes) / g;
    RT[ACTS] = tokens * hidden * activationBytes * 2;
    RT[PER_EXPERT] = (tokens * k) / Math.max(1, distinct);
  }
  routed(f, T, L, host);
}

/**
 * The MoE layer from its measured table: the router GEMM (BF16), then routing, the routed experts
 * and the weighted sum as one measured operator. The MoE group is the pipeline stage: the experts
 * spread over EP ranks of (TP·DP)/EP-way tensor parallelism each (EP 1: TP·DP-way), every token of
 * the stage's DP replicas routed across it. The table is of balanced routing; with EP the hottest
 * rank sets the pace, timed at loadImbalance × the tokens.
 */
function measuredMoe(f: Family, x: StepShape, T: OpTable, L: number): void {
  const kn = f.kernels!;
  const moe = f.model.moe!;
  const E = moe.numRoutedExperts;
  if (kn.headGemm) {
    const secs = oneGemm(f, OP['moe.router'], 0, kn.headGemm, x.nb, E, f.hidden);
    T.measured(
      OP['moe.router'],
      L,
      (2 * x.nb * f.hidden * E) / x.tp,
      f.hidden * E * 2,
      0,
      secs,
      f.peakFlops,
      f.peakBandwidth,
      f.kernelSource,
    );
  }
  const moeTp = Math.max(1, (x.tp * x.dp) / x.ep);
  const tokens = x.nb * x.dp;
  const P = f.params.perLayer.expert;
  const distinct = (E / x.ep) * missedNot(tokens, f.moeLogMiss);
  const flops = (2 * tokens * moe.topK * P) / (moeTp * x.ep);
  const weights = (distinct * P * f.weightBytes) / moeTp;
  const acts = ((tokens * moe.topK) / x.ep) * f.hidden * f.activationBytes * 2;
  // The hottest EP rank receives loadImbalance × the mean share: timed as a balanced layer on that many tokens.
  const hot = x.ep > 1 ? tokens * f.settings.moe.loadImbalance : tokens;
  const wide = x.ep > WIDE_EP ? moeWideSeconds(kn, f.model, hot, x.ep, x.decode) : Number.NaN;
  const secs = wide === wide ? wide : moeSeconds(kn, f.model, hot, moeTp, x.ep);
  if (T.detail)
    T.label[OP['moe.routed']] =
      wide === wide
        ? 'MoE layer on one EP rank, wide EP (DeepEP + grouped GEMM)'
        : x.ep > 1
          ? 'MoE layer on one EP rank: routing, experts, combine'
          : x.dp > 1
            ? `MoE layer, tensor-parallel over ${moeTp} ranks: routing, experts, combine`
            : 'MoE layer: routing, experts, combine';
  T.measured(
    OP['moe.routed'],
    L,
    flops,
    weights + acts / 2,
    acts / 2,
    secs,
    f.peakFlops,
    f.peakBandwidth,
    f.kernelSource,
  );
}

/** Expert parallelism beyond one 8-GPU node runs the wide-EP kernels (DeepEP, masked grouped GEMM). */
const WIDE_EP = 8;

/** OpTable.num slots of the routed experts' numbers. */
const FLOPS = 0;
const WEIGHTS = 1;
const ACTS = 2;
const PER_EXPERT = 3;

/**
 * The router GEMM alone (flat rates); with measured MoE curves, the whole routing path the kit timed
 * per MoE layer — router GEMM, top-k, sort/permute, the gated activation and un-permute with the
 * weighted sum — as fixed + per-token seconds (tokens routed here, or the rows this EP rank
 * receives ÷ k, whichever is larger).
 */
function routing(f: Family, x: StepShape, T: OpTable, L: number, E: number): void {
  const i = OP['moe.router'];
  const t = x.tp;
  const mc = f.moeCurves;
  if (!mc) {
    T.roofline(
      i,
      L,
      (2 * x.nb * f.hidden * E) / t,
      (f.hidden * E * 2) / t,
      0,
      f.rates.flops,
      f.rates.bandwidth,
      f.flatSource,
    );
    return;
  }
  const received = x.ep > 1 ? (x.nb / t) * f.settings.moe.loadImbalance : x.nb / t;
  const tokens = Math.max(x.nb / t, received);
  T.fixed(i, mc.routingFixedS + mc.routingPerTokenS * tokens, L, SRC.calibration);
  T.label[i] = 'routing: router, top-k, permute, activation, un-permute (measured)';
}

/** The routed experts' operator from RT: FLOPs, weight bytes read, activation bytes, tokens per touched expert. */
function routed(f: Family, T: OpTable, L: number, host: boolean): void {
  const i = OP['moe.routed'];
  const RT = T.num;
  const flops = RT[FLOPS]!;
  const weights = RT[WEIGHTS]!;
  const acts = RT[ACTS]!;
  const tokensPerExpert = RT[PER_EXPERT]!;
  if (host)
    T.roofline(i, L, flops, weights + acts / 2, acts / 2, f.hostRates.flops, f.hostRates.bandwidth, SRC.host, true);
  else if (f.moeCurves) {
    // Grouped GEMM: the raw roofline ÷ the measured fraction at this many tokens per touched expert.
    const eff = interpFast(f.moeCurves.grouped, tokensPerExpert > 1 ? tokensPerExpert : 1);
    const rf = f.moeCurves.groupedPeakFlops * eff;
    T.roofline(i, L, flops, weights + acts / 2, acts / 2, rf, f.peakBandwidth * eff, SRC.calibration);
  } else
    T.roofline(
      i,
      L,
      flops,
      weights + acts / 2,
      acts / 2,
      gemmFlopRate(f, tokensPerExpert),
      gemmByteRate(f, weights),
      curveSource(f),
    );
}
