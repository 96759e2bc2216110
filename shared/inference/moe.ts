/**
 * Mixture-of-experts operators of one MoE layer, per micro-batch of nb tokens per replica.
 * - Router: 2·nb·h·E FLOPs ÷ TP, its h·E BF16 weights.
 * - Shared experts: a dense GEMM, 2·nb·P_shared ÷ TP FLOPs, P_shared·w ÷ TP bytes.
 * - Routed experts, batch-aware (moe-routing.ts): n tokens with top-k routing over E experts touch
 *   E·(1 − (1 − k/E)^n) distinct experts, whose weights are read once per step.
 *   · Without EP every replica holds all experts (split by TP): FLOPs = 2·nb·k·P_e ÷ TP, bytes =
 *     distinct·P_e·w ÷ TP + 2·nb·h·2.
 *   · With EP the nb·EP/TP tokens of an EP group are spread over EP ranks of E/EP experts each; the
 *     hottest rank receives the mean nb·EP/TP·k/EP assignments × the load imbalance and sets the
 *     pace: FLOPs = 2·hot·P_e, bytes = distinct-on-rank·P_e·w + 2·hot·h·2.
 *   GEMM efficiency follows the tokens per expert (hot ÷ distinct). With expert offload the routed
 *   experts run on the host CPU (offload.ts).
 */
import { expectedDistinctExperts } from './moe-routing';
import { OP, SRC, type OpTable } from './operators';
import type { Family } from './family';
import { expertsOnHost } from './offload';
import { curveSource, gemmByteRate, gemmFlopRate } from './rates';
import type { StepShape } from './step';

export function buildMoe(f: Family, x: StepShape, T: OpTable): void {
  const moe = f.m.moe;
  if (!moe) return;
  const { lc, h, wb, act } = f;
  const t = x.tp;
  const nb = x.nb;
  const L = lc.moe;
  const S = f.p.perLayer.sharedExperts;
  if (S > 0) {
    const w = (S * wb) / t;
    T.roofline(OP['moe.shared'], L, (2 * nb * S) / t, w, 0, gemmFlopRate(f, nb), gemmByteRate(f, w), curveSource(f));
  }
  const E = moe.numRoutedExperts;
  const k = moe.topK;
  T.roofline(
    OP['moe.router'],
    L,
    (2 * nb * h * E) / t,
    (h * E * 2) / t,
    0,
    f.rates.flops,
    f.rates.bandwidth,
    f.flatSource,
  );
  const P = f.p.perLayer.expert;
  const host = expertsOnHost(f);
  const i = OP['moe.routed'];
  if (x.ep > 1) {
    const groupTokens = (nb * x.ep) / t;
    const hot = ((groupTokens * k) / x.ep) * f.s.moe.loadImbalance;
    const distinct = (E / x.ep) * (1 - Math.pow(1 - k / E, groupTokens));
    const w = distinct * P * wb;
    T.label[i] = 'routed experts (hottest EP rank)';
    routed(f, T, L, 2 * hot * P, w, hot * h * act * 2, hot / Math.max(1, distinct), host);
  } else {
    const distinct = expectedDistinctExperts(E, k, nb);
    T.label[i] = 'routed experts';
    routed(
      f,
      T,
      L,
      (2 * nb * k * P) / t,
      (distinct * P * wb) / t,
      nb * h * act * 2,
      (nb * k) / Math.max(1, distinct),
      host,
    );
  }
}

function routed(
  f: Family,
  T: OpTable,
  L: number,
  flops: number,
  weights: number,
  acts: number,
  tokensPerExpert: number,
  host: boolean,
): void {
  const i = OP['moe.routed'];
  if (host)
    T.roofline(i, L, flops, weights + acts / 2, acts / 2, f.hostRates.flops, f.hostRates.bandwidth, SRC.host, true);
  else
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
