/**
 * The values of shared/metrics for any evaluated plan: inference (sizing/metrics.ts), training and
 * RL runs, and which metrics the comparison of plans shows, in order.
 */
import { formatMetric, type HeadlineFigure, type MetricId, type MetricValues } from '../metrics';
import { formatBytes, formatPercent, formatSeconds } from '../units';
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

const count = (n: number): string => n.toLocaleString('en-US');

/** An RL run's headline figures: the RL page's cards and the CLI's first lines. */
export function rlHeadline(plan: RlPlan, r: RlResult): HeadlineFigure[] {
  const m = rlMetrics(plan, r);
  const steps = plan.rl.workload.steps;
  const peak = r.memory.phases.find((p) => p.phase === r.memory.peakPhase)!;
  const g = r.rollout;
  const tail = `longest ${count(Math.round(g.longestTokens))} vs mean ${count(Math.round(g.meanResponseTokens))} tokens; ${formatPercent(g.truncatedShare)} cut at the cap`;
  return [
    {
      id: 'step',
      label: 'Step time',
      value: formatMetric('rlStepTime', m.rlStepTime),
      sub: `${r.binding} binds · ${count(steps)} steps`,
    },
    {
      id: 'generated',
      label: 'Tokens generated',
      value: formatMetric('rlGeneratedPerSecond', m.rlGeneratedPerSecond),
      sub: `${formatMetric('rlGeneratedPerDevice', m.rlGeneratedPerDevice)} per device · ${formatMetric('rlGeneratedPerSecond', r.trainedTokensPerSecond)} trained`,
    },
    {
      id: 'cost',
      label: `Run of ${count(steps)} steps`,
      value: formatMetric('rlCost', m.rlCost, 'no price set'),
      sub: `${count(Math.round(r.deviceHours))} device-hours · ${formatSeconds(r.stepTimeS * steps)} in all`,
    },
    {
      id: 'memory',
      label: 'Memory per device',
      value: r.memory.fits ? 'fits' : 'does not fit',
      sub: `peak ${formatBytes(r.memoryPerDeviceBytes)} of ${formatBytes(r.memory.capacity)} (${peak.phase})`,
    },
    {
      id: 'utilisation',
      label: 'Pool utilisation',
      value: r.pools.colocated
        ? 'one pool'
        : `${formatPercent(r.utilisation.rollout)} / ${formatPercent(r.utilisation.training)}`,
      sub: r.pools.colocated
        ? `${count(r.pools.devices)} devices alternate between engines`
        : `rollout pool of ${count(r.pools.rolloutDevices)} / training pool of ${count(r.pools.trainingDevices)} devices`,
    },
    {
      id: 'tail',
      label: 'Generation tail',
      value: g.mode === 'synchronous' ? formatSeconds(g.gen.tailS) : 'not waited for',
      sub:
        g.mode === 'synchronous'
          ? tail
          : `${g.mode === 'partial' ? 'partial rollout' : 'asynchrony'} hides a ${formatSeconds(g.gen.tailS)} tail; ${tail}`,
    },
  ];
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
