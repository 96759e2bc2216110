/**
 * What an RL plan must satisfy before it can be timed, each problem naming its field: the pools add
 * up to the plan's devices, the rollout layout fits its pool and the hardware (plan/context.ts
 * checkParallelism, inference/checks.ts linkIssues), PPO has a critic, asynchrony has separate pools,
 * the sequences fit the model's context. The trainer's layout is checked by the training engine
 * (train.ts renames its fields).
 */
import { clusterPlanIssues } from '../cluster/resolve';
import { linkIssues } from '../inference/checks';
import { compileFamily } from '../inference/family';
import { checkParallelism, type PlanIssue } from '../plan/context';
import type { RlContext } from './context';
import { rolloutLayout } from './rollout';

const error = (field: string, message: string): PlanIssue => ({ field, message, severity: 'error' });
const warning = (field: string, message: string): PlanIssue => ({ field, message, severity: 'warning' });

export function rlIssues(rctx: RlContext): PlanIssue[] {
  const { plan, pools, policy } = rctx;
  const rl = plan.rl;
  const issues: PlanIssue[] = [];
  if (!pools.colocated && pools.rolloutDevices + pools.trainingDevices !== plan.devices)
    issues.push(
      error(
        'rl.placement',
        `rollout ${pools.rolloutDevices} + training ${pools.trainingDevices} devices ≠ the plan's ${plan.devices}`,
      ),
    );
  issues.push(
    ...checkParallelism(plan, policy, rl.rollout.parallelism, pools.rolloutDevices, 'rl.rollout.parallelism'),
  );
  issues.push(
    ...linkIssues(compileFamily(policy, rctx.rolloutSettings), rolloutLayout(rctx), 'rl.rollout.parallelism'),
  );
  if (policy.cluster) issues.push(...clusterPlanIssues(plan, policy.cluster));
  if (rl.algorithm === 'ppo' && !rctx.critic)
    issues.push(error('rl.models.critic', 'PPO needs a critic (value model): set it to "policy" or a model id'));
  if (policy.model.kind === 'diffusion')
    issues.push(error('modelId', `${policy.model.name} is a diffusion language model: its rollouts are not modelled`));
  if (pools.colocated && rl.asyncSteps > 0)
    issues.push(
      warning(
        'rl.asyncSteps',
        `asynchrony needs separate rollout and training pools: colocated, the phases run one after another (k = ${rl.asyncSteps} ignored)`,
      ),
    );
  if (rl.rollout.serving.disaggregation !== null)
    issues.push(
      warning(
        'rl.rollout.serving.disaggregation',
        'prefill/decode disaggregation inside the rollout engine is not modelled',
      ),
    );
  const ctxLen = rl.workload.promptTokens + rl.workload.maxResponseTokens;
  if (ctxLen > policy.model.maxContextTokens)
    issues.push(
      warning(
        'rl.workload.maxResponseTokens',
        `prompt + longest response = ${ctxLen} tokens exceeds ${policy.model.name}'s ${policy.model.maxContextTokens}-token context`,
      ),
    );
  const samples = rl.workload.promptsPerStep * rl.workload.samplesPerPrompt;
  if (samples < rl.rollout.parallelism.dp)
    issues.push(
      warning(
        'rl.workload.promptsPerStep',
        `${samples} samples leave some of the ${rl.rollout.parallelism.dp} rollout replicas idle`,
      ),
    );
  return issues;
}
