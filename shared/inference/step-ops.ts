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

export function buildStepOps(f: Family, x: StepShape, T: OpTable): void {
  const { m, h, wb } = f;
  const t = x.tp;
  const V = m.vocabSize;
  const tokens = x.decode || x.everyTokenHead ? x.n : Math.max(1, x.n / x.context);
  const w = (V * h * wb) / t;
  const logits = (tokens * V * 4) / t;
  T.roofline(
    OP['head'],
    1,
    (2 * tokens * V * h) / t,
    w,
    logits,
    gemmFlopRate(f, tokens),
    gemmByteRate(f, w + logits),
    curveSource(f),
  );
  if (x.pp > 1) {
    const bytes = x.n * h * f.act;
    const bw = (x.pp - 1) * (bytes / (Math.max(f.up.bandwidth, 1) * f.up.efficiency));
    const lat = (x.pp - 1) * f.out.latency;
    T.collective(
      OP['comm.pp'],
      1,
      bytes,
      x.pp,
      'scale-up (α of scale-out)',
      lat,
      bw,
      (x.pp - 1) * (f.out.latency + bytes / (Math.max(f.up.bandwidth, 1) * f.up.efficiency)),
    );
  }
  T.fixed(OP['overhead'], f.s.stepOverheadS);
}
