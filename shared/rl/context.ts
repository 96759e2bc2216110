/**
 * What an RL plan runs on: the policy's context (plan/context.ts), the contexts of its reference,
 * critic and reward models (the same hardware with another architecture), the two pools — rollout
 * and training — and the inference settings the engine's builders read for each engine:
 * - rollout: the plan's rollout settings with a workload filled in (prompt, batch from the step);
 * - forward passes of the trainer (log-probs, reference, critic, reward model): the training layout,
 *   BF16 weights, the training precision for matmuls, MLA in its non-absorbed (prefill) form.
 * Colocated: both engines use all the plan's devices. Disaggregated: the pools' sizes from placement.
 */
import { PlanError, resolvePlan, type Catalog, type PlanContext, type PlanIssue } from '../plan/context';
import { forwardSettings } from '../training/forward';
import type { InferenceSettings, RlPlan } from '../schema/plan';
import type { ModelArchitecture } from '../schema/model';

export interface RlPools {
  colocated: boolean;
  rolloutDevices: number;
  trainingDevices: number;
}

export interface RlModels {
  /** Policy (= ctx.model), and the other models resolved to contexts on the same hardware; null = absent. */
  policy: PlanContext;
  reference: PlanContext | null;
  critic: PlanContext | null;
  reward: PlanContext | null;
}

export interface RlContext extends RlModels {
  plan: RlPlan;
  pools: RlPools;
  /** Inference settings of the rollout engine (workload placeholders; the step sets batch and context). */
  rolloutSettings: InferenceSettings;
  /** Inference settings describing the trainer's forward passes (training layout, CP folded into DP). */
  forwardSettings: InferenceSettings;
}

export function poolsOf(plan: RlPlan): RlPools {
  const p = plan.rl.placement;
  return p.mode === 'colocated'
    ? { colocated: true, rolloutDevices: plan.devices, trainingDevices: plan.devices }
    : { colocated: false, rolloutDevices: p.rolloutDevices, trainingDevices: p.trainingDevices };
}

export function rolloutSettingsOf(plan: RlPlan): InferenceSettings {
  const w = plan.rl.workload;
  return {
    ...plan.rl.rollout,
    workload: {
      promptTokens: w.promptTokens,
      outputTokens: w.maxResponseTokens,
      concurrentRequests: w.promptsPerStep * w.samplesPerPrompt,
      prefixCacheHitRate: 0,
    },
  };
}

export function forwardSettingsOf(plan: RlPlan): InferenceSettings {
  const t = plan.rl.training;
  const par = t.parallelism;
  return forwardSettings(t.precision, {
    parallelism: { tp: par.tp, pp: par.pp, dp: par.dp * par.cp, ep: par.ep, replicas: 1 },
    loadImbalance: t.moe.loadImbalance,
    fabric: plan.rl.rollout.network.fabric,
    runtimeReserveFraction: 0.05,
  });
}

function modelContext(
  ref: string | null,
  field: string,
  policy: PlanContext,
  catalog: Catalog,
  issues: PlanIssue[],
): PlanContext | null {
  if (ref === null) return null;
  if (ref === 'policy' || ref === policy.model.id) return policy;
  const m: ModelArchitecture | undefined = catalog.models.find((x) => x.id === ref);
  if (!m) {
    issues.push({
      field,
      message: `"${ref}" is not a model preset (use "policy" for a copy of the policy)`,
      severity: 'error',
    });
    return null;
  }
  return { ...policy, model: m };
}

/** Resolves the policy and the other models; unknown model ids are errors that name their field. */
export function resolveRl(plan: RlPlan, catalog: Catalog): RlContext {
  const policy = resolvePlan(plan, catalog);
  const issues: PlanIssue[] = [];
  const m = plan.rl.models;
  const reference = modelContext(m.reference, 'rl.models.reference', policy, catalog, issues);
  const critic = modelContext(m.critic, 'rl.models.critic', policy, catalog, issues);
  const reward = modelContext(m.reward, 'rl.models.reward', policy, catalog, issues);
  if (issues.length) throw new PlanError(issues);
  return {
    plan,
    policy,
    reference,
    critic,
    reward,
    pools: poolsOf(plan),
    rolloutSettings: rolloutSettingsOf(plan),
    forwardSettings: forwardSettingsOf(plan),
  };
}
