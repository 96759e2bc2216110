/**
 * Dense FFN and the element-wise traffic between GEMMs, per layer, per micro-batch of nb tokens.
 * - Dense (gated) FFN: GEMM, FLOPs = 2·nb·P_ffn ÷ TP, bytes = P_ffn·w ÷ TP + 2·nb·h·2.
 * - Element-wise (norms, RoPE, residual adds, q/k/v reshapes, the gated activation): memory-bound,
 *   per token ≈ 12·h + 3·(q+k+v width) ÷ TP + 5·I ÷ TP elements of 2 bytes, where I is the FFN
 *   intermediate width a token passes through (dense I, or top-k × expert I + shared I in MoE
 *   layers): the activation reads gate and up, writes their product, and the next GEMM reads it.
 *   It runs at the measured copy bandwidth when a calibration exists.
 */
import { OP, type OpTable } from './operators';
import type { Family } from './family';
import { curveSource, elementwiseByteRate, gemmByteRate, gemmFlopRate } from './rates';
import type { StepShape } from './step';

export function buildDenseFfn(f: Family, x: StepShape, T: OpTable): void {
  const { lc, h, wb, act } = f;
  const t = x.tp;
  const nb = x.nb;
  const P = f.p.perLayer.denseFfn;
  const w = (P * wb) / t;
  const bytes = w + nb * h * act * 2;
  T.roofline(
    OP['ffn.dense'],
    lc.dense,
    (2 * nb * P) / t,
    w + nb * h * act,
    nb * h * act,
    gemmFlopRate(f, nb),
    gemmByteRate(f, bytes),
    curveSource(f),
  );
  if (lc.dense) elementwise(f, x, T, OP['ffn.elementwise'], lc.dense, f.m.ffn.intermediateSize);
}

export function buildMoeElementwise(f: Family, x: StepShape, T: OpTable): void {
  const moe = f.m.moe;
  if (!moe || !f.lc.moe) return;
  // With measured MoE curves the routed experts' activation is inside the measured routing path.
  const routedI = f.moeCurves ? 0 : moe.topK * moe.expertIntermediateSize;
  const I = routedI + (moe.sharedIntermediateSize ?? moe.numSharedExperts * moe.expertIntermediateSize);
  elementwise(f, x, T, OP['moe.elementwise'], f.lc.moe, I);
}

function elementwise(f: Family, x: StepShape, T: OpTable, i: number, layers: number, I: number): void {
  const t = x.tp;
  const bytes = x.nb * f.act * (12 * f.h + (3 * f.attn.qkvWidth) / t + (5 * I) / t);
  T.roofline(i, layers, 0, bytes / 2, bytes / 2, f.rates.flops, elementwiseByteRate(f), curveSource(f));
}
