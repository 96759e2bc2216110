import { PLAN_SCHEMA_VERSION, type Plan } from '@shared/schema/plan';
import { migratePlanObject } from '@shared/schema/migrations';

/** A new inference plan: Llama 3.1 8B on one H100 — small, valid, and quick to edit from. */
export function newInferencePlan(id: string): Plan {
  return migratePlanObject({
    schemaVersion: PLAN_SCHEMA_VERSION,
    id,
    name: 'New inference plan',
    kind: 'inference',
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h100',
    devices: 1,
    inference: {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: {},
      workload: { promptTokens: 2000, outputTokens: 500, concurrentRequests: 8 },
    },
  });
}

export function newTrainingPlan(id: string): Plan {
  return migratePlanObject({
    schemaVersion: PLAN_SCHEMA_VERSION,
    id,
    name: 'New training plan',
    kind: 'training',
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h100',
    devices: 8,
    training: {
      parallelism: { tp: 1, pp: 1, dp: 8, ep: 1, cp: 1, zeroStage: 1 },
      globalBatchTokens: 4 * 1024 * 1024,
      sequenceLength: 8192,
      totalTrainingTokens: 1e11,
    },
  });
}

/** A new RL plan: GRPO on Llama 3.1 8B, 8 × H100 colocated — small, valid, quick to edit from. */
export function newRlPlan(id: string): Plan {
  return migratePlanObject({
    schemaVersion: PLAN_SCHEMA_VERSION,
    id,
    name: 'New RL plan',
    kind: 'rl',
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h100',
    devices: 8,
    rl: {
      workload: {
        promptsPerStep: 64,
        samplesPerPrompt: 16,
        promptTokens: 200,
        response: { mean: 1000, p99: 4000 },
        maxResponseTokens: 4096,
        steps: 500,
      },
      rollout: { parallelism: { tp: 1, pp: 1, dp: 8, ep: 1 }, precision: {} },
      training: { parallelism: { tp: 1, pp: 1, dp: 8, ep: 1, cp: 1, zeroStage: 3 }, recompute: 'full' },
      placement: { mode: 'colocated' },
    },
  });
}
