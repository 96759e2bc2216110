/**
 * Training plans: step time, MFU, memory per device, time and cost to train.
 *
 * step = compute + pipeline bubble + exposed communication (compute.ts, communication.ts); the
 * compute comes from the forward operators that inference uses too (forward.ts); memory by
 * component with ZeRO sharding (memory.ts). MFU = tokens/s × model FLOPs per token ÷ (devices × BF16
 * peak); time to train = tokens ÷ tokens/s; device-hours and $ from the plan's prices.
 */
import { deviceHourCost } from '../plan/cost';
import { input, trace, type Trace } from '../explain';
import type { Operator } from '../inference/operators';
import { countParams } from '../model';
import { clusterPlanIssues } from '../cluster/resolve';
import { checkParallelism, PlanError, type PlanContext, type PlanIssue } from '../plan/context';
import type { TrainingPlan } from '../schema/plan';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR, TERA } from '../units';
import { trainingCommunication, trainingTimingIssues, type TrainingComm } from './communication';
import { trainingCompute, type TrainingCompute } from './compute';
import { trainingForward } from './forward';
import { trainingMemory, type TrainingMemory } from './memory';

export { TRAINING_COMPUTE_EFFICIENCY, TRAINING_EFFICIENCY_CITATION, TRAINING_EFFICIENCY_SOURCE } from './compute';

export interface TrainingResult {
  stepTimeS: number;
  tokensPerSecond: number;
  tokensPerDay: number;
  mfu: number;
  tflopsPerDevice: number;
  memoryPerDeviceBytes: number;
  memory: {
    weights: number;
    gradients: number;
    optimizer: number;
    activations: number;
    reserve: number;
    total: number;
    capacity: number;
  };
  fits: boolean;
  overflowComponent: string | null;
  overflowBytes: number;
  timeToTrainS: number;
  deviceHours: number;
  deviceHoursPerTrillionTokens: number;
  costUSD: number | null;
  energyJ: number | null;
  breakdown: { compute: number; bubble: number; dpComm: number; tpComm: number; epComm: number; ppComm: number };
  flopsPerToken: number;
  microBatches: number;
  /** The forward pass of one sequence as operator records (the builders inference uses). */
  operators: Operator[];
  issues: PlanIssue[];
  trace: Trace;
}

function checkTraining(plan: TrainingPlan, ctx: PlanContext): PlanIssue[] {
  const par = plan.training.parallelism;
  const issues = checkParallelism(plan, ctx, par, plan.devices / par.cp, 'training.parallelism');
  if (ctx.cluster) issues.push(...clusterPlanIssues(plan, ctx.cluster));
  issues.push(...trainingTimingIssues(plan, ctx));
  if (plan.devices % par.cp !== 0)
    issues.push({
      field: 'training.parallelism.cp',
      message: `CP ${par.cp} does not divide the ${plan.devices} devices`,
      severity: 'error',
    });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new PlanError(errors);
  return issues;
}

export function evaluateTraining(plan: TrainingPlan, ctx: PlanContext): TrainingResult {
  const issues = checkTraining(plan, ctx);
  const s = plan.training;
  const N = plan.devices;
  const fwd = trainingForward(ctx, s.precision, s.sequenceLength);
  const cmp = trainingCompute(plan, ctx, fwd);
  const comm = trainingCommunication(plan, ctx, countParams(ctx.model), cmp.microBatches);
  const endToEnd = s.targetMfu !== null;
  const hidden = endToEnd ? comm.total : Math.min(s.commOverlap * comm.total, cmp.compute);
  const exposedComm = comm.total - hidden;
  const exposed = comm.total > 0 ? exposedComm / comm.total : 0;
  const stepTime = cmp.compute + cmp.bubble + exposedComm;
  const mem = trainingMemory(plan, ctx, comm, cmp.microBatches);
  const fits = mem.total <= mem.capacity;
  const comps: Array<[string, number]> = [
    ['weights', mem.weights],
    ['gradients', mem.gradients],
    ['optimizer states', mem.optimizer],
    ['activations', mem.activations],
  ];
  const tokensPerSecond = s.globalBatchTokens / stepTime;
  const mfu = (tokensPerSecond * cmp.flopsPerToken) / (N * cmp.bf16Peak);
  const timeToTrain = s.totalTrainingTokens / tokensPerSecond;
  const deviceHours = (timeToTrain * N) / SECONDS_PER_HOUR;
  const price = deviceHourCost(plan, ctx.accelerator, ctx.cluster);
  return {
    stepTimeS: stepTime,
    tokensPerSecond,
    tokensPerDay: tokensPerSecond * SECONDS_PER_DAY,
    mfu,
    tflopsPerDevice: mfu * cmp.bf16Peak,
    memoryPerDeviceBytes: mem.total,
    memory: mem,
    fits,
    overflowComponent: fits ? null : comps.reduce((x, y) => (y[1] > x[1] ? y : x))[0],
    overflowBytes: Math.max(0, mem.total - mem.capacity),
    timeToTrainS: timeToTrain,
    deviceHours,
    deviceHoursPerTrillionTokens: (deviceHours / s.totalTrainingTokens) * TERA,
    costUSD: price.usdPerDeviceHour === null ? null : price.usdPerDeviceHour * deviceHours,
    energyJ: price.wattsPerDevice === null ? null : price.wattsPerDevice * N * timeToTrain,
    breakdown: {
      compute: cmp.compute,
      bubble: cmp.bubble,
      dpComm: exposed * comm.dp,
      tpComm: exposed * comm.tp,
      epComm: exposed * comm.ep,
      ppComm: exposed * comm.pp,
    },
    flopsPerToken: cmp.flopsPerToken,
    microBatches: cmp.microBatches,
    operators: fwd.operators,
    issues,
    trace: trainingTrace(plan, stepTime, cmp, comm, mem, exposed, fwd.operators, price.trace),
  } satisfies TrainingResult;
}

function trainingTrace(
  plan: TrainingPlan,
  stepTime: number,
  cmp: TrainingCompute,
  comm: TrainingComm,
  mem: TrainingMemory,
  exposed: number,
  ops: Operator[],
  priceTrace: Trace,
): Trace {
  const s = plan.training;
  const opTraces = ops.map((o) =>
    trace(`${o.name} × ${o.layers} layers`, 'FLOPs of one forward of one sequence', o.flops * o.layers, 'FLOP', [
      input('kind', o.kind),
      input('FLOPs per layer', o.flops, 'FLOP'),
    ]),
  );
  return trace(
    'Training step time',
    'compute + bubble + comm − min(overlap × comm, compute)',
    stepTime,
    's',
    [
      input('global batch', s.globalBatchTokens, 'tokens'),
      input('devices', plan.devices, 'count'),
      input('training FLOPs per token', cmp.flopsPerToken, 'FLOP'),
      input('micro-batches per replica', cmp.microBatches, 'count'),
      input('exposed communication share', exposed, 'ratio'),
    ],
    [
      trace(
        'Compute',
        `3 × forward FLOPs per token × tokens per device ÷ rate (${cmp.note})`,
        cmp.compute,
        's',
        [],
        opTraces,
      ),
      trace('Pipeline bubble', `${s.parallelism.schedule}: bubble fraction × compute`, cmp.bubble, 's', [
        input('bubble fraction', cmp.bubbleFraction, 'ratio'),
      ]),
      trace(
        'DP gradient sync',
        'reduce-scatter + all-gather of the BF16 gradient shard',
        comm.dp,
        's',
        [],
        comm.dpTraces,
      ),
      trace('TP collectives', '4 per layer per micro-batch', comm.tp, 's'),
      trace('EP all-to-all', 'dispatch + combine, forward and backward', comm.ep, 's'),
      trace(
        'Memory per device',
        'weights + gradients + optimizer (ZeRO-sharded) + activations + 5% reserve',
        mem.total,
        'bytes',
        [
          input('weights', mem.weights, 'bytes'),
          input('gradients', mem.gradients, 'bytes'),
          input('optimizer states', mem.optimizer, 'bytes', `${s.precision === 'fp8' ? 8 : 12} B per parameter`),
          input('activations', mem.activations, 'bytes', `recompute: ${s.recompute}`),
        ],
      ),
      priceTrace,
    ],
  );
}
