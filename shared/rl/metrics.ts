/**
 * The values of shared/metrics for any evaluated plan: inference (sizing/metrics.ts), training and
 * RL runs, and which metrics the comparison of plans shows, in order.
 */
import { type MetricId, type MetricValues } from '../metrics';
import type { InferenceResult } from '../inference/evaluate';
import type { InferencePlan, Plan, RlPlan, TrainingPlan } from '../schema/plan';
import { planMetrics } from '../sizing/metrics';
import type { TrainingResult } from '../training/evaluate';
import type { RlResult } from './evaluate';

const headroom = (used: number, capacity: number): number | null => (capacity > 0 ? 1 - used / capacity : null);

export function trainingMetrics(plan: TrainingPlan, r: TrainingResult): MetricValues {
  return {
    stepTime: r.stepTimeS,
    mfu: r.mfu,
    trainTokensPerSecond: r.tokensPerSecond,
    timeToTrain: r.timeToTrainS,
    costToTrain: r.costUSD,
    memoryPerDevice: r.memoryPerDeviceBytes,
    memoryHeadroom: headroom(r.memoryPerDeviceBytes, r.memory.capacity),
    devices: plan.devices,
  };
}

export function rlMetrics(plan: RlPlan, r: RlResult): MetricValues {
  return {
    rlStepTime: r.stepTimeS,
    rlGeneratedPerSecond: r.generatedTokensPerSecond,
    rlGeneratedPerDevice: r.pools.devices > 0 ? r.generatedTokensPerSecond / r.pools.devices : null,
    rlDeviceHours: r.deviceHours,
    rlCost: r.costUSD,
    memoryPerDevice: r.memory.peak,
    memoryHeadroom: headroom(r.memory.peak, r.memory.capacity),
    devices: plan.devices,
  };
}

export type EvaluatedPlan =
  | { kind: 'inference'; result: InferenceResult }
  | { kind: 'training'; result: TrainingResult }
  | { kind: 'rl'; result: RlResult };

/** A plan's metrics from its evaluation (the plan and the result are of the same kind). */
export function resultMetrics(plan: Plan, e: EvaluatedPlan): MetricValues {
  if (e.kind === 'inference') return planMetrics(plan as InferencePlan, e.result);
  if (e.kind === 'training') return trainingMetrics(plan as TrainingPlan, e.result);
  return rlMetrics(plan as RlPlan, e.result);
}

/** The rows of a comparison of plans, in order (a row shows when at least one plan has a value). */
export const COMPARE_METRICS: readonly MetricId[] = [
  'servedTtft',
  'servedTpot',
  'ttft',
  'tpot',
  'requestLatency',
  'arTwinPerUser',
  'bltTpotPerByte',
  'outputPerUser',
  'outputPerDevice',
  'outputTotal',
  'prefillPerDevice',
  'maxBatch',
  'usdPerMOutput',
  'decodeUsdPerMOutput',
  'prefillUsdPerMInput',
  'energyPerOutputToken',
  'stepTime',
  'mfu',
  'trainTokensPerSecond',
  'timeToTrain',
  'costToTrain',
  'rlStepTime',
  'rlGeneratedPerSecond',
  'rlGeneratedPerDevice',
  'rlDeviceHours',
  'rlCost',
  'memoryHeadroom',
];
