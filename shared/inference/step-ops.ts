/**
 * Once-per-step operators.
 * - LM head on the last pipeline stage: 2·tokens·V·h ÷ TP FLOPs, V·h·w ÷ TP weight bytes + 4-byte
 *   logits; prefill runs it only on each sequence's last token (n ÷ S of them), decode and training
 *   (the loss covers every token) on all.
 * - Pipeline: with PP stages, the step's activations (n·h·2 bytes) cross PP − 1 stage boundaries:
 *   (PP − 1) × (α_scale-out + n·h·2 ÷ (β_scale-up·eff)).
 * - A fixed per-step overhead (kernel launches, scheduling, sampling): the plan's stepOverheadS.
 */
import { OP, type OpTable } from './operators';
import type { Family } from './family';
import { curveSource, gemmByteRate, gemmFlopRate } from './rates';
import type { StepShape } from './step';
import { kernelHead } from './kernel-ops';

export function buildStepOps(f: Family, x: StepShape, T: OpTable): void {
  const { model, hidden, weightBytes } = f;
  const t = x.tp;
  const V = model.vocabSize;
  const tokens = x.decode || x.everyTokenHead ? x.n : Math.max(1, x.n / x.context);
  const w = (V * hidden * weightBytes) / t;
  const logits = (tokens * V * 4) / t;
  if (!f.kernels || !kernelHead(f, T, tokens, t))
    T.roofline(
      OP['head'],
      1,
      (2 * tokens * V * hidden) / t,
      w,
      logits,
      gemmFlopRate(f, tokens),
      gemmByteRate(f, w + logits),
      curveSource(f),
    );
  if (x.pp > 1) {
    const bytes = x.n * hidden * f.activationBytes;
    const bw = (x.pp - 1) * (bytes / (Math.max(f.scaleUp.bandwidth, 1) * f.scaleUp.efficiency));
    const lat = (x.pp - 1) * f.scaleOut.latency;
    T.collective(
      OP['comm.pp'],
      1,
      bytes,
      x.pp,
      'scale-up (α of scale-out)',
      lat,
      bw,
      (x.pp - 1) * (f.scaleOut.latency + bytes / (Math.max(f.scaleUp.bandwidth, 1) * f.scaleUp.efficiency)),
    );
  }
  T.fixed(OP['overhead'], f.stepOverheadS);
}
