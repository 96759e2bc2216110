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
  if (T.detail)
    T.label[OP['comm.tp']] = gather
      ? 'TP all-reduce × 2 per dense layer, × 1 per MoE layer'
      : OP_SPECS[OP['comm.tp']]!.name;
  return gather ? 2 - f.layerCounts.moe / f.model.numLayers : 2;
}

/**
 * Records `times` all-reduces of `msg` bytes over `ranks` ranks as operator `op` on `layers` layers:
 * from the system's measured all-reduce table where it has one; else the cheaper of ring and tree
 * inside the scale-up domain, hierarchical beyond it (over the NICs alone where devices have no
 * domain; collectives.ts). Also times the experts' gather and reduce-scatter (ep-comm.ts).
 */
export function recordAllReduce(
  f: Family,
  T: OpTable,
  op: number,
  layers: number,
  msg: number,
  ranks: number,
  times: number,
): void {
  const measured = f.kernels?.comm ? allReduceSeconds(f.kernels, msg, ranks) : Number.NaN;
  if (measured === measured) {
    const tier = T.detail ? `${f.scaleUp.name} (measured all-reduce)` : '';
    T.collective(op, layers, times * msg, ranks, tier, 0, times * measured, times * measured, SRC.measured);
    return;
  }
  const parts = T.parts;
  parts.latency = 0;
  const dom = f.scaleUpDomain;
  const one =
    ranks <= dom
      ? allReduceTime(msg, ranks, f.scaleUp, parts)
      : hierarchicalAllReduceTime(msg, dom, Math.ceil(ranks / dom), f.scaleUp, f.scaleOut, parts);
  const tier = ranks <= dom ? f.scaleUp.name : dom <= 1 ? f.scaleOut.name : 'scale-up + scale-out';
  const lat = times * parts.latency;
  T.collective(op, layers, times * msg, ranks, tier, lat, times * one - lat, times * one);
}

export function buildTpComm(f: Family, x: StepShape, T: OpTable): void {
  if (x.tp <= 1) return;
  const msg = x.nb * f.hidden * f.activationBytes;
  recordAllReduce(f, T, OP['comm.tp'], f.model.numLayers, msg, x.tp, perLayer(f, x, T));
}
