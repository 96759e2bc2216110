/**
 * The training update of an RL step, by the training engine (training/evaluate.ts) on a synthetic
 * training plan: the step's kept samples (prompt + response tokens: the forward and backward run over
 * the whole sequence, the loss counts the response) split into `optimizerSteps` updates, each of
 * tokens ÷ optimizerSteps tokens at the effective sequence length S_eff (passes.ts), repeated for
 * `epochs` passes (PPO epochs). PPO trains its critic the same way after the policy.
 * Time = Σ models evaluateTraining(plan).stepTimeS × optimizerSteps × epochs. Problems the training
 * engine finds name the RL plan's fields (training.* → rl.training.*).
 */
import { PlanError, type PlanContext } from '../plan/context';
import type { RlPlan, TrainingPlan } from '../schema/plan';
import { evaluateTraining, type TrainingResult } from '../training/evaluate';
import type { RlContext } from './context';
import type { SequenceShape } from './passes';

export interface TrainPart {
  role: 'policy' | 'critic';
  modelName: string;
  result: TrainingResult;
  /** Seconds of this model's updates per RL step. */
  seconds: number;
}

export interface TrainPhase {
  parts: TrainPart[];
  seconds: number;
  /** Tokens trained per RL step (all epochs). */
  tokens: number;
}

export function syntheticTrainingPlan(
  plan: RlPlan,
  mctx: PlanContext,
  devices: number,
  shape: SequenceShape,
): TrainingPlan {
  const { optimizerSteps, epochs, ...training } = plan.rl.training;
  const tokens = shape.samples * shape.meanTokens;
  const { rl: _rl, kind: _kind, model: _model, ...base } = plan;
  void epochs;
  return {
    ...base,
    kind: 'training',
    modelId: mctx.model.id,
    devices,
    training: {
      ...training,
      globalBatchTokens: Math.max(1, tokens / optimizerSteps),
      sequenceLength: Math.max(1, Math.round(shape.effectiveLength)),
      totalTrainingTokens: Math.max(1, tokens * plan.rl.workload.steps * plan.rl.training.epochs),
    },
  };
}

function renamed(e: PlanError, colocated: boolean): PlanError {
  return new PlanError(
    e.issues.map((i) => ({
      ...i,
      field: i.field.startsWith('training.')
        ? `rl.${i.field}`
        : i.field === 'devices' && !colocated
          ? 'rl.placement.trainingDevices'
          : i.field,
    })),
  );
}

export function evaluateTrainPhase(rctx: RlContext, shape: SequenceShape): TrainPhase {
  const plan = rctx.plan;
  const models: Array<['policy' | 'critic', PlanContext | null]> = [
    ['policy', rctx.policy],
    ['critic', rctx.critic],
  ];
  const repeats = plan.rl.training.optimizerSteps * plan.rl.training.epochs;
  const parts: TrainPart[] = [];
  for (const [role, mctx] of models) {
    if (!mctx) continue;
    const tp = syntheticTrainingPlan(plan, mctx, rctx.pools.trainingDevices, shape);
    let result: TrainingResult;
    try {
      result = evaluateTraining(tp, mctx);
    } catch (e) {
      throw e instanceof PlanError ? renamed(e, rctx.pools.colocated) : e;
    }
    parts.push({ role, modelName: mctx.model.name, result, seconds: result.stepTimeS * repeats });
  }
  return {
    parts,
    seconds: parts.reduce((s, p) => s + p.seconds, 0),
    tokens: shape.samples * shape.meanTokens * plan.rl.training.epochs,
  };
}
