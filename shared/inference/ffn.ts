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
import { elementwiseLaunch, kernelFfn } from './kernel-ops';

export function buildDenseFfn(f: Family, x: StepShape, T: OpTable): void {
  const { layerCounts, hidden, weightBytes, activationBytes } = f;
  const t = x.tp;
  const nb = x.nb;
  const P = f.params.perLayer.denseFfn;
  const w = (P * weightBytes) / t;
  const bytes = w + nb * hidden * activationBytes * 2;
  const I = f.model.ffn.intermediateSize;
  if (!f.kernels || !kernelFfn(f, x, T, OP['ffn.dense'], layerCounts.dense, I, P, f.kernels.denseGemm))
    T.roofline(
      OP['ffn.dense'],
      layerCounts.dense,
      (2 * nb * P) / t,
      w + nb * hidden * activationBytes,
      nb * hidden * activationBytes,
      gemmFlopRate(f, nb),
      gemmByteRate(f, bytes),
      curveSource(f),
    );
  if (layerCounts.dense) elementwise(f, x, T, OP['ffn.elementwise'], layerCounts.dense, f.model.ffn.intermediateSize);
}

export function buildMoeElementwise(f: Family, x: StepShape, T: OpTable): void {
  const moe = f.model.moe;
  if (!moe || !f.layerCounts.moe) return;
  // With measured MoE curves or tables the routed experts' activation is inside the measured MoE path.
  const routedI = f.moeCurves || f.kernels?.moe ? 0 : moe.topK * moe.expertIntermediateSize;
  const I = routedI + (moe.sharedIntermediateSize ?? moe.numSharedExperts * moe.expertIntermediateSize);
  elementwise(f, x, T, OP['moe.elementwise'], f.layerCounts.moe, I);
}

function elementwise(f: Family, x: StepShape, T: OpTable, i: number, layers: number, I: number): void {
  const t = x.tp;
  const bytes = x.nb * f.activationBytes * (12 * f.hidden + (3 * f.attention.qkvWidth) / t + (5 * I) / t);
  T.roofline(i, layers, 0, bytes / 2, bytes / 2, f.rates.flops, elementwiseByteRate(f), curveSource(f));
  T.time[i] = T.time[i]! + elementwiseLaunch(f);
}
