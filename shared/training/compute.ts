/**
 * Training compute per device per step, and the pipeline bubble.
 *
 * FLOPs come from the forward operators (forward.ts): training = 3 × forward; full recomputation
 * runs the forward once more, selective recomputation its attention core. With a target MFU the
 * compute time is model FLOPs ÷ (devices × BF16 peak × MFU), end to end; otherwise matmuls run at
 * the training precision's peak and attention at BF16, each × the training compute efficiency:
 * 0.55 is MegaScale's reported 55.2% MFU for a 175B model on 12,288 GPUs (ByteDance, NSDI 2024), a
 * large run with small pipeline bubbles, lower than the single-GEMM inference default (0.75).
 * Llama 3 405B (one of our golden checks) is *not* the source of this number.
 * MoE: the hottest expert sets the pace, so routed-expert time is × the load imbalance.
 * Pipeline bubble (Narayanan et al. 2021; DeepSeek-V3 report §3.2.1), m = micro-batches per
 * replica per step: 1F1B (p − 1)/m, interleaved (p − 1)/(v·m), DualPipe (p/2 − 1)/m.
 */
import { effectivePeak } from '../inference/family';
import type { PlanContext } from '../plan/context';
import type { TrainingPlan } from '../schema/plan';
import type { ForwardFlops } from './forward';

export const TRAINING_COMPUTE_EFFICIENCY = 0.55;
export const TRAINING_EFFICIENCY_SOURCE = 'MegaScale (NSDI 2024): 55.2% MFU, 175B model on 12,288 GPUs';
/** The same source as a sources-registry citation (presets/sources.json). */
export const TRAINING_EFFICIENCY_CITATION = {
  doc: 'megascale-nsdi2024',
  at: 'Abstract and evaluation: 55.2% MFU for a 175B model on 12,288 GPUs',
} as const;

export interface TrainingCompute {
  /** Model FLOPs per token (3 × forward; what MFU counts). */
  flopsPerToken: number;
  /** Seconds of compute per device per step, and of the pipeline bubble. */
  compute: number;
  bubble: number;
  bubbleFraction: number;
  microBatches: number;
  bf16Peak: number;
  note: string;
}

export function trainingCompute(plan: TrainingPlan, ctx: PlanContext, fwd: ForwardFlops): TrainingCompute {
  const s = plan.training;
  const par = s.parallelism;
  const bf16 = effectivePeak(ctx.accelerator, 'bf16').flops;
  const mm = effectivePeak(ctx.accelerator, s.precision === 'fp8' ? 'fp8' : 'bf16').flops;
  const flopsPerToken = 3 * fwd.totalPerToken;
  const perDeviceTokens = s.globalBatchTokens / plan.devices;
  let compute: number;
  let note: string;
  if (s.targetMfu !== null) {
    compute = (perDeviceTokens * flopsPerToken) / (bf16 * s.targetMfu);
    note = `target MFU ${s.targetMfu} of the BF16 peak, end to end (bubbles and exposed communication included)`;
  } else {
    const eff = plan.efficiency.compute ?? TRAINING_COMPUTE_EFFICIENCY;
    const matmulPasses = s.recompute === 'full' ? 4 : 3;
    const attnPasses = s.recompute === 'none' ? 3 : 4;
    const matmul = matmulPasses * (fwd.matmulPerToken + fwd.routedPerToken * (s.moe.loadImbalance - 1));
    compute = perDeviceTokens * (matmul / (mm * eff) + (attnPasses * fwd.attentionPerToken) / (bf16 * eff));
    note = `matmuls at ${s.precision.toUpperCase()} peak × ${eff}, attention at BF16 peak × ${eff} (${plan.efficiency.compute !== undefined ? 'plan override' : TRAINING_EFFICIENCY_SOURCE}); routed experts × load imbalance ${s.moe.loadImbalance}`;
  }
  const micro = Math.max(1, Math.floor(s.globalBatchTokens / s.sequenceLength / par.dp / s.microBatchSequences));
  const pp = par.pp;
  const bubbleFraction =
    pp <= 1
      ? 0
      : par.schedule === 'dualpipe'
        ? Math.max(0, pp / 2 - 1) / micro
        : par.schedule === 'interleaved'
          ? (pp - 1) / (par.virtualStages * micro)
          : (pp - 1) / micro;
  const bubble = s.targetMfu !== null ? 0 : compute * bubbleFraction;
  return { flopsPerToken, compute, bubble, bubbleFraction, microBatches: micro, bf16Peak: bf16, note };
}
