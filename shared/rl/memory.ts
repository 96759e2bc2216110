/**
 * Memory per device in each phase of an RL step.
 * - Generation (rollout devices): the rollout engine's weights, KV cache of its concurrent sequences
 *   (context prompt + mean response), activations and reserve (inference/memory.ts).
 * - Log-probs and training (training devices): the trainer's weights, gradients and optimizer states
 *   (ZeRO-sharded; training/memory.ts), its activations (the forward passes keep at most what
 *   training keeps), the frozen reference and reward models' BF16 weights with the policy's sharding
 *   (policy weights × their parameters ÷ the policy's), PPO's critic with its own training state, and
 *   the training engine's 5% reserve.
 * - Colocated, the idle engine stays on the devices unless the placement moves it: without
 *   `trainerOffload` the trainer's state and the frozen models stay resident during generation
 *   (policy + reference + optimizer states + KV cache on the same devices): they use the share the
 *   rollout engine leaves free (its runtime reserve, vLLM's 1 − gpu_memory_utilization), and what
 *   exceeds it comes out of the KV budget; without `rolloutSleep` the rollout weights and KV cache
 *   stay during log-probs and training. Moves to host memory are timed in sync.ts.
 */
import { countParams } from '../model/params';
import type { RlContext } from './context';
import type { RolloutResult } from './rollout';
import type { TrainPhase } from './train';

export type MemoryPart =
  | 'rolloutWeights'
  | 'kvCache'
  | 'rolloutActivations'
  | 'weights'
  | 'gradients'
  | 'optimizer'
  | 'activations'
  | 'frozenModels'
  | 'critic'
  | 'reserve';

export interface PhaseMemory {
  phase: 'generation' | 'logprobs' | 'training';
  pool: 'rollout' | 'training' | 'all';
  parts: Partial<Record<MemoryPart, number>>;
  total: number;
}

export interface RlMemory {
  phases: PhaseMemory[];
  capacity: number;
  peak: number;
  peakPhase: PhaseMemory['phase'];
  fits: boolean;
  /** Training state that stays on the rollout devices during generation (colocated, no trainer offload). */
  residentDuringGeneration: number;
}

const sum = (p: Partial<Record<MemoryPart, number>>): number => Object.values(p).reduce((s, v) => s + (v ?? 0), 0);

/** Bytes the trainer side keeps resident outside its own training pass (for the rollout's KV budget). */
export function trainerResident(rctx: RlContext, train: TrainPhase): number {
  const p = rctx.plan.rl.placement;
  if (p.mode !== 'colocated' || p.trainerOffload) return 0;
  const policy = train.parts.find((x) => x.role === 'policy')!.result.memory;
  const critic = train.parts.find((x) => x.role === 'critic')?.result.memory;
  return (
    policy.weights +
    policy.gradients +
    policy.optimizer +
    frozen(rctx, policy.weights) +
    (critic ? critic.weights + critic.gradients + critic.optimizer : 0)
  );
}

/** BF16 weights of the frozen reference and reward models, sharded like the policy's. */
function frozen(rctx: RlContext, policyWeights: number): number {
  const pp = countParams(rctx.policy.model).total;
  return [rctx.reference, rctx.reward].reduce(
    (s, m) => (m ? s + policyWeights * (countParams(m.model).total / pp) : s),
    0,
  );
}

export function rlMemory(rctx: RlContext, roll: RolloutResult, train: TrainPhase): RlMemory {
  const capacity = rctx.policy.accelerator.memoryBytes.value ?? 0;
  const colocated = rctx.pools.colocated;
  const pl = rctx.plan.rl.placement;
  const trainerStays = pl.mode === 'colocated' && !pl.trainerOffload;
  const rolloutStays = pl.mode === 'colocated' && !pl.rolloutSleep;
  const pol = train.parts.find((x) => x.role === 'policy')!.result.memory;
  const cr = train.parts.find((x) => x.role === 'critic')?.result.memory;
  const criticState = cr ? cr.weights + cr.gradients + cr.optimizer : 0;
  const rm = roll.memory;
  const rollout = { rolloutWeights: rm.weights, kvCache: rm.kvCache };
  const trainerState = { weights: pol.weights, gradients: pol.gradients, optimizer: pol.optimizer };
  const frozenModels = frozen(rctx, pol.weights);
  // The rollout engine leaves its reserve share (vLLM: 1 − gpu_memory_utilization) to others: a
  // resident trainer lives there, and only what exceeds it comes out of the KV budget.
  const stays = trainerStays ? trainerResident(rctx, train) : 0;
  const gen: Partial<Record<MemoryPart, number>> = {
    ...rollout,
    rolloutActivations: rm.activations,
    ...(trainerStays ? { ...trainerState, frozenModels, critic: criticState } : {}),
    reserve: Math.max(0, rm.reserve - stays),
  };
  const trainerSide = (withActivations: number, withCritic: number): Partial<Record<MemoryPart, number>> => ({
    ...trainerState,
    activations: withActivations,
    frozenModels,
    critic: withCritic,
    reserve: pol.reserve,
    ...(rolloutStays ? rollout : {}),
  });
  const phases: PhaseMemory[] = [
    { phase: 'generation', pool: colocated ? 'all' : 'rollout', parts: gen, total: sum(gen) },
    {
      phase: 'logprobs',
      pool: colocated ? 'all' : 'training',
      parts: trainerSide(pol.activations, criticState),
      total: 0,
    },
    {
      phase: 'training',
      pool: colocated ? 'all' : 'training',
      parts: trainerSide(Math.max(pol.activations, cr?.activations ?? 0), criticState),
      total: 0,
    },
  ];
  for (const p of phases) p.total = sum(p.parts);
  const peak = phases.reduce((a, b) => (b.total > a.total ? b : a));
  return {
    phases,
    capacity,
    peak: peak.total,
    peakPhase: peak.phase,
    fits: peak.total <= capacity,
    residentDuringGeneration: trainerResident(rctx, train),
  };
}
