/**
 * evaluateRl: an RL plan → the time of one step and its breakdown, the utilisation of each pool,
 * tokens generated per second, GPU-hours and $ for the run, the binding phase and memory per device
 * in each phase — each with its trace.
 *
 * Order: the trainer first (its resident state sets the rollout engine's KV budget when colocated
 * without offload), then generation (rollout.ts), the forward passes (passes.ts), the weight sync
 * (sync.ts), the layout in time (step.ts) and memory (memory.ts).
 * Tokens generated per second = samples × mean generated length ÷ step; device-hours = devices ×
 * step × steps ÷ 3,600; $ = device-hours × $/device-hour (cost.ts).
 */
import { deviceHourCost } from '../plan/cost';
import { PlanError, type Catalog, type PlanIssue } from '../plan/context';
import type { RlPlan } from '../schema/plan';
import { SECONDS_PER_HOUR } from '../units';
import { rlIssues } from './checks';
import { resolveRl, type RlContext } from './context';
import { rlMemory, trainerResident, type RlMemory } from './memory';
import { lengthModel } from '../schema/rl-lengths';
import { forwardPasses, type ForwardPass, type SequenceShape } from './passes';
import { evaluateRollout, type RolloutResult } from './rollout';
import { layoutStep, type StepLayout } from './step';
import { evaluateSync, type SyncResult } from './sync';
import { evaluateTrainPhase, type TrainPhase } from './train';
import { rlTrace } from './trace';
import type { Trace } from '../explain';

export interface RlResult extends StepLayout {
  stepTimeS: number;
  breakdownS: StepLayout['breakdown'];
  generatedTokensPerSecond: number;
  trainedTokensPerSecond: number;
  deviceHours: number;
  costUSD: number | null;
  usdPerDeviceHour: number | null;
  energyJ: number | null;
  memoryPerDeviceBytes: number;
  memory: RlMemory;
  bindingText: string;
  pools: { colocated: boolean; rolloutDevices: number; trainingDevices: number; devices: number };
  shape: SequenceShape;
  rollout: Omit<RolloutResult, 'family' | 'inputs' | 'lengths'> & {
    meanResponseTokens: number;
    truncatedShare: number;
    lengthLabel: string;
  };
  passes: ForwardPass[];
  trainPhase: {
    seconds: number;
    tokens: number;
    parts: Array<{ role: string; modelName: string; seconds: number; stepTimeS: number; mfu: number }>;
  };
  sync: SyncResult;
  issues: PlanIssue[];
  trace: Trace;
}

const BINDING_TEXT: Record<StepLayout['binding'], string> = {
  generation: 'Generation binds: the rollout engine decoding every sample (and waiting for the longest) sets the step.',
  logprobs: 'The log-prob passes bind: forwards of the policy, reference and critic over every sample.',
  reward: 'The reward binds: the reward model or verifier takes longest.',
  training: 'Training binds: forward, backward and optimizer over every sample.',
  sync: 'Weight synchronisation binds: moving the policy into the rollout engine (and switching engines).',
};

export function sequenceShape(
  rctx: RlContext,
  roll: { samples: number; lengths: { mean: number; second: number } },
): SequenceShape {
  const w = rctx.plan.rl.workload;
  const P = w.promptTokens;
  const mean = P + roll.lengths.mean;
  const second = P * P + 2 * P * roll.lengths.mean + roll.lengths.second;
  return {
    samples: w.promptsPerStep * w.samplesPerPrompt,
    generated: roll.samples,
    meanTokens: mean,
    effectiveLength: mean > 0 ? second / mean : P,
  };
}

function trainerIssues(train: TrainPhase): PlanIssue[] {
  return train.parts.flatMap((p) =>
    p.result.issues.map((i) => ({ ...i, field: i.field.startsWith('training.') ? `rl.${i.field}` : i.field })),
  );
}

export function evaluateRl(rctx: RlContext): RlResult {
  const plan = rctx.plan;
  const issues = rlIssues(rctx);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new PlanError(errors);
  // The shape of the step's sequences does not depend on the rollout engine: a first pass for it.
  const probe = evaluateRolloutShape(rctx);
  const shape = sequenceShape(rctx, probe);
  const train = evaluateTrainPhase(rctx, shape);
  issues.push(...trainerIssues(train).filter((i) => !issues.some((j) => j.message === i.message)));
  const roll = evaluateRollout(rctx, trainerResident(rctx, train));
  if (roll.memoryLimit < 1)
    issues.push({
      field: 'rl.rollout.parallelism',
      message:
        'the rollout engine’s weights leave no memory for a KV cache (timed as one sequence at a time): spread it over more devices (TP, PP, EP) or offload the idle trainer',
      severity: 'warning',
    });
  const passes = forwardPasses(rctx, shape);
  const sync = evaluateSync(rctx, roll, train);
  const rewardModel = passes.find((p) => p.role === 'reward')?.seconds ?? 0;
  const layout = layoutStep(
    {
      generation: roll.phaseS,
      logprobs: passes.filter((p) => p.role !== 'reward').reduce((s, p) => s + p.seconds, 0),
      reward: rewardModel + plan.rl.rewardSecondsPerStep,
      training: train.seconds,
      sync: sync.transferS,
      switch: sync.switchS,
    },
    rctx.pools.colocated,
    plan.rl.asyncSteps,
    { rollout: rctx.pools.rolloutDevices, training: rctx.pools.trainingDevices },
  );
  const memory = rlMemory(rctx, roll, train);
  const price = deviceHourCost(plan, rctx.policy.accelerator, rctx.policy.cluster);
  const deviceHours = (plan.devices * layout.stepS * plan.rl.workload.steps) / SECONDS_PER_HOUR;
  const generated = roll.samples * roll.lengths.mean;
  const { family: _f, inputs: _i, lengths, ...rollRest } = roll;
  const result: Omit<RlResult, 'trace'> = {
    ...layout,
    stepTimeS: layout.stepS,
    breakdownS: layout.breakdown,
    generatedTokensPerSecond: layout.stepS > 0 ? generated / layout.stepS : 0,
    trainedTokensPerSecond: layout.stepS > 0 ? train.tokens / layout.stepS : 0,
    deviceHours,
    costUSD: price.usdPerDeviceHour === null ? null : price.usdPerDeviceHour * deviceHours,
    usdPerDeviceHour: price.usdPerDeviceHour,
    energyJ: price.wattsPerDevice === null ? null : price.wattsPerDevice * deviceHours * SECONDS_PER_HOUR,
    memoryPerDeviceBytes: memory.peak,
    memory,
    bindingText: BINDING_TEXT[layout.binding],
    pools: { ...rctx.pools, devices: plan.devices },
    shape,
    rollout: {
      ...rollRest,
      meanResponseTokens: lengths.mean,
      truncatedShare: lengths.truncated,
      lengthLabel: lengths.label,
    },
    passes,
    trainPhase: {
      seconds: train.seconds,
      tokens: train.tokens,
      parts: train.parts.map((p) => ({
        role: p.role,
        modelName: p.modelName,
        seconds: p.seconds,
        stepTimeS: p.result.stepTimeS,
        mfu: p.result.mfu,
      })),
    },
    sync,
    issues,
  };
  return { ...result, trace: rlTrace(rctx, result, train, price.trace) };
}

/** Sample count and lengths only (cheap): the trainer needs them before the rollout engine runs. */
function evaluateRolloutShape(rctx: RlContext): { samples: number; lengths: { mean: number; second: number } } {
  const w = rctx.plan.rl.workload;
  return {
    samples: w.promptsPerStep * w.samplesPerPrompt * rctx.plan.rl.samplingMultiplier,
    lengths: lengthModel(w.response, w.maxResponseTokens),
  };
}

/** Resolves the plan's models against a catalog and evaluates it. */
export function evaluateRlPlan(plan: RlPlan, catalog: Catalog): RlResult {
  return evaluateRl(resolveRl(plan, catalog));
}
