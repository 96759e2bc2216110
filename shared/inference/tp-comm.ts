/**
 * Tensor-parallel communication: two all-reduces per layer (after attention and after the FFN)
 * of the micro-batch's activations, nb·h·2 bytes, Megatron-LM style (one on MoE layers whose experts
 * run tensor-parallel over the DP ranks, ep-comm.ts). Inside the scale-up domain
 * the cheaper of ring and tree all-reduce (collectives.ts); TP wider than the domain uses the
 * hierarchical all-reduce (reduce-scatter in the domain, all-reduce across domains, all-gather).
 */
import { allReduceTime, hierarchicalAllReduceTime } from '../network/collectives';
import { OP, SRC, type OpTable } from './operators';
import { OP_SPECS } from './operator-specs';
import type { Family } from './family';
import type { StepShape } from './step';
import { allReduceSeconds } from '../kernels/comm-seconds';

/**
 * All-reduces per layer: two, except that with DP attention and no EP the experts' reduce-scatter
 * over TP × DP (ep-comm.ts) replaces the one after each MoE block: 2 − MoE layers ÷ layers on average.
 */
function perLayer(f: Family, x: StepShape, T: OpTable): number {
  const gather = !!f.model.moe && x.ep <= 1 && x.dp > 1;
  T.label[OP['comm.tp']] = gather
    ? 'TP all-reduce × 2 per dense layer, × 1 per MoE layer'
    : OP_SPECS[OP['comm.tp']]!.name;
  return gather ? 2 - f.layerCounts.moe / f.model.numLayers : 2;
}

export function buildTpComm(f: Family, x: StepShape, T: OpTable): void {
  const t = x.tp;
  if (t <= 1) return;
  const msg = x.nb * f.hidden * f.activationBytes;
  const n = perLayer(f, x, T);
  const measured = f.kernels?.comm ? allReduceSeconds(f.kernels, msg, t) : Number.NaN;
  if (measured === measured) {
    T.collective(
      OP['comm.tp'],
      f.model.numLayers,
      n * msg,
      t,
      `${f.scaleUp.name} (measured all-reduce)`,
      0,
      n * measured,
      n * measured,
      SRC.measured,
    );
    return;
  }
  const parts = T.parts;
  parts.latency = 0;
  const one =
    t <= f.scaleUpDomain
      ? allReduceTime(msg, t, f.scaleUp, parts)
      : hierarchicalAllReduceTime(msg, f.scaleUpDomain, Math.ceil(t / f.scaleUpDomain), f.scaleUp, f.scaleOut, parts);
  const time = n * one;
  T.collective(
    OP['comm.tp'],
    f.model.numLayers,
    n * msg,
    t,
    t <= f.scaleUpDomain ? f.scaleUp.name : 'scale-up + scale-out',
    n * parts.latency,
    time - n * parts.latency,
    time,
  );
}
