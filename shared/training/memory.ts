/**
 * Training memory per device.
 * Per parameter: BF16 mixed precision 2 (weights) + 2 (grads) + 12 (FP32 master, Adam m, v) = 16
 * bytes; FP8 as DeepSeek-V3 trains (BF16 weights and grads, FP32 master, BF16 Adam moments)
 * 2 + 2 + 4 + 2 + 2 = 12 bytes. ZeRO-1 shards optimizer states, -2 also gradients, -3 also weights,
 * across DP (dense parameters over DP × CP, routed experts over their own DP group).
 * Activations per layer per micro-batch (Korthikanti et al. 2022): s·b·h·(34 + 5·a·s/h) bytes without
 * recomputation, s·b·h·34 with selective, 2·s·b·h with full, ÷ TP with sequence parallelism; MoE
 * layers add s·b·k·I_e·4 bytes for expert intermediates. 1F1B keeps p micro-batches in flight on the
 * first stage. FP8 training caches GEMM inputs in FP8 (DeepSeek-V3 report §3.3): half the bytes.
 * A 5% reserve is kept for the allocator and communication buffers.
 */
import type { PlanContext } from '../plan/context';
import type { TrainingPlan } from '../schema/plan';
import type { TrainingComm } from './communication';

export interface TrainingMemory {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  reserve: number;
  total: number;
  capacity: number;
}

export function trainingMemory(
  plan: TrainingPlan,
  ctx: PlanContext,
  comm: TrainingComm,
  micro: number,
): TrainingMemory {
  const s = plan.training;
  const par = s.parallelism;
  const m = ctx.model;
  const bytesOpt = s.precision === 'fp8' ? 8 : 12;
  const shard = (k: number, stage: number, dp: number): number => (par.zeroStage >= stage ? k / dp : k);
  const dpDense = par.dp * par.cp;
  const both = (bytes: number, stage: number): number =>
    shard(comm.denseParams * bytes, stage, dpDense) + shard(comm.expertParams * bytes, stage, comm.expertDp);
  const h = m.hiddenSize;
  const seq = s.sequenceLength;
  const mbTokens = (s.microBatchSequences * seq) / par.cp;
  const sbh = mbTokens * h;
  const core =
    s.recompute === 'full'
      ? 2 * sbh
      : s.recompute === 'selective'
        ? 34 * sbh
        : sbh * (34 + (5 * m.attention.numHeads * (seq / par.cp)) / h);
  const experts =
    m.moe && s.recompute !== 'full'
      ? (mbTokens * m.moe.topK * m.moe.expertIntermediateSize * 4) / Math.max(1, par.tp)
      : 0;
  const perLayer = core / (par.sequenceParallel ? par.tp : 1) + experts;
  const inFlight = par.pp > 1 ? Math.min(par.pp, micro) : 1;
  const activations = perLayer * (m.numLayers / par.pp) * inFlight * (s.precision === 'fp8' ? 0.5 : 1);
  const capacity = ctx.accelerator.memoryBytes.value ?? 0;
  const reserve = capacity * 0.05;
  const weights = both(2, 3);
  const gradients = both(2, 2);
  const optimizer = both(bytesOpt, 1);
  return {
    weights,
    gradients,
    optimizer,
    activations,
    reserve,
    total: weights + gradients + optimizer + activations + reserve,
    capacity,
  };
}
