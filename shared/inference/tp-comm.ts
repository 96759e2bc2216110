/**
 * Tensor-parallel communication: two all-reduces per layer (after attention and after the FFN)
 * of the micro-batch's activations, nb·h·2 bytes, Megatron-LM style. Inside the scale-up domain
 * the cheaper of ring and tree all-reduce (collectives.ts); TP wider than the domain uses the
 * hierarchical all-reduce (reduce-scatter in the domain, all-reduce across domains, all-gather).
 */
import { allReduceTime, hierarchicalAllReduceTime } from '../network/collectives';
import { OP, SRC, type OpTable } from './operators';
import type { Family } from './family';
import type { StepShape } from './step';
import { allReduceSeconds } from '../kernels/comm-seconds';

export function buildTpComm(f: Family, x: StepShape, T: OpTable): void {
  const t = x.tp;
  if (t <= 1) return;
  const msg = x.nb * f.hidden * f.activationBytes;
  const measured = f.kernels?.comm ? allReduceSeconds(f.kernels, msg, t) : Number.NaN;
  if (measured === measured) {
    T.collective(
      OP['comm.tp'],
      f.model.numLayers,
      2 * msg,
      t,
      `${f.scaleUp.name} (measured all-reduce)`,
      0,
      2 * measured,
      2 * measured,
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
  const time = 2 * one;
  T.collective(
    OP['comm.tp'],
    f.model.numLayers,
    2 * msg,
    t,
    t <= f.scaleUpDomain ? f.scaleUp.name : 'scale-up + scale-out',
    2 * parts.latency,
    time - 2 * parts.latency,
    time,
  );
}
