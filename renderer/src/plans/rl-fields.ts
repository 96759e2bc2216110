/**
 * The RL plan editor's fields: path, label, unit, meaning and input kind, kept as data so
 * the editor and the PDF assumptions table share them. Optional parts (response p99, disaggregated
 * pools, speculative decoding, the other models) are edited by RlEditor.tsx.
 */
import type { RlPlan } from '@shared/schema/plan';
import { stackFields, type FieldDef, type FieldGroup } from './fields';
import { reservePlaceholder } from './stack-versions';

const int = (path: string, label: string, unit: string, help: string): FieldDef => ({
  path,
  label,
  unit,
  help,
  kind: { type: 'number' },
});
const sel = (
  path: string,
  label: string,
  help: string,
  values: string[],
  numeric = false,
  unit = 'format',
): FieldDef => ({
  path,
  label,
  unit,
  help,
  kind: { type: 'select', options: values.map((v) => ({ value: v, label: v.toUpperCase() })), numeric },
});

export const RL_GROUPS: FieldGroup[] = [
  {
    title: 'Algorithm and workload',
    fields: [
      sel(
        'rl.algorithm',
        'Algorithm',
        'GRPO (group baseline, no critic), PPO (critic: a value model trained beside the policy) or DAPO (GRPO with dynamic sampling).',
        ['grpo', 'ppo', 'dapo'],
        false,
        'algorithm',
      ),
      {
        path: 'rl.samplingMultiplier',
        label: 'Dynamic-sampling multiplier',
        unit: '× samples',
        help: 'Samples generated per sample kept (DAPO drops groups whose rewards are all equal and samples more). 1 = none.',
        kind: { type: 'number', step: 0.1 },
      },
      int('rl.workload.promptsPerStep', 'Prompts per step', 'prompts', 'Prompts in one RL step (the rollout batch).'),
      int(
        'rl.workload.samplesPerPrompt',
        'Samples per prompt',
        'responses',
        'Responses sampled per prompt (GRPO group size).',
      ),
      int('rl.workload.promptTokens', 'Prompt', 'tokens', 'Mean prompt length.'),
      int(
        'rl.workload.maxResponseTokens',
        'Response cap',
        'tokens',
        'max_new_tokens: longer responses are cut here. The longest responses set a synchronous step.',
      ),
      int('rl.workload.steps', 'RL steps', 'steps', 'Steps in the run, for GPU-hours and cost.'),
      {
        path: 'rl.rewardSecondsPerStep',
        label: 'Verifier time',
        unit: 's per step',
        help: 'Seconds per step of a rule-based reward or verifier (unit tests, sandboxes) not hidden behind generation.',
        kind: { type: 'number', step: 0.5 },
      },
    ],
  },
  {
    title: 'Rollout engine',
    fields: [
      int('rl.rollout.parallelism.tp', 'Rollout TP', 'devices', 'Rollout engine TP.'),
      int('rl.rollout.parallelism.pp', 'Rollout PP', 'stages', 'Rollout engine PP.'),
      int(
        'rl.rollout.parallelism.dp',
        'Rollout replicas (DP)',
        'replicas',
        'Rollout engines (or DP-attention replicas); TP × PP × DP = the rollout devices.',
      ),
      int('rl.rollout.parallelism.ep', 'Rollout EP', 'devices', 'Routed experts spread over devices (MoE).'),
      sel('rl.rollout.precision.weights', 'Rollout weights', 'Rollout weight format.', ['bf16', 'fp8', 'int8', 'int4']),
      sel('rl.rollout.precision.compute', 'Rollout matmuls', 'Rollout matmul rate.', ['bf16', 'fp8', 'fp4', 'int8']),
      sel('rl.rollout.precision.kvCache', 'Rollout KV cache', 'KV cache element format.', ['bf16', 'fp8', 'int8']),
      ...stackFields(
        'rl.rollout',
        'The inference engine the rollouts are generated with; its measured kernels time generation.',
        {
          stack: 'Rollout stack',
          version: 'Rollout stack version',
        },
      ),
      {
        path: 'rl.rollout.serving.runtimeReserveFraction',
        label: 'Memory left to others',
        unit: 'fraction 0–1',
        help: 'Memory the rollout engine keeps out of its KV cache: vLLM, SGLang, of the device (1 − gpu_memory_utilization), where a resident trainer lives; TensorRT-LLM, of what is left after loading. Empty = the stack’s default.',
        kind: { type: 'number', step: 0.05 },
        nullable: true,
        placeholderOf: reservePlaceholder,
      },
      {
        path: 'rl.rollout.serving.dualMicroBatch',
        label: 'Dual micro-batch overlap',
        unit: 'on/off',
        help: 'Two half-batches overlap compute and communication (DeepSeek).',
        kind: { type: 'bool' },
      },
      {
        path: 'rl.rollout.partialRollout',
        label: 'Partial rollout',
        unit: 'on/off',
        help: 'The step takes the responses that finished; unfinished ones continue in the next step (no waiting on the tail).',
        kind: { type: 'bool' },
      },
    ],
  },
  {
    title: 'Trainer',
    fields: [
      int('rl.training.parallelism.tp', 'Trainer TP', 'devices', 'Trainer TP.'),
      int('rl.training.parallelism.pp', 'Trainer PP', 'stages', 'Trainer PP.'),
      int('rl.training.parallelism.dp', 'Trainer DP', 'replicas', 'TP × PP × DP × CP = the training devices.'),
      int('rl.training.parallelism.ep', 'Trainer EP', 'devices', 'Routed experts spread over devices.'),
      int('rl.training.parallelism.cp', 'Trainer CP', 'devices', 'Sequence split across devices.'),
      sel(
        'rl.training.parallelism.zeroStage',
        'ZeRO stage',
        '1 shards optimizer states, 2 also gradients, 3 (FSDP) also weights.',
        ['0', '1', '2', '3'],
        true,
        'stage',
      ),
      sel('rl.training.precision', 'Trainer precision', 'BF16 mixed precision or FP8.', ['bf16', 'fp8']),
      sel(
        'rl.training.recompute',
        'Activation recomputation',
        'Trade compute for activation memory.',
        ['none', 'selective', 'full'],
        false,
        'mode',
      ),
      int('rl.training.microBatchSequences', 'Micro-batch', 'sequences', 'Sequences per micro-batch per replica.'),
      int(
        'rl.training.optimizerSteps',
        'Optimizer steps per RL step',
        'updates',
        'Samples ÷ train global batch (NeMo RL: 2,048 ÷ 512 = 4).',
      ),
      int('rl.training.epochs', 'Epochs', 'passes', 'Passes over the step’s samples (PPO epochs).'),
    ],
  },
];

/** The RL settings that are not plain fields, as rows of the PDF report's assumptions table. */
export function rlAssumptions(plan: RlPlan): Array<[string, string]> {
  const rl = plan.rl;
  const r = rl.workload.response;
  const pl = rl.placement;
  const model = (v: string | null, none: string): string =>
    v === null ? none : v === 'policy' ? 'a copy of the policy' : v;
  return [
    [
      'Response lengths',
      'histogram' in r
        ? `histogram: ${r.histogram.map((b) => `${b.tokens} tokens × ${b.weight}`).join(', ')}`
        : r.p99 == null
          ? `every response ${r.mean} tokens`
          : `log-normal, mean ${r.mean}, p99 ${r.p99} tokens`,
    ],
    ['Reference model', model(rl.models.reference, 'none (no KL term)')],
    ['Critic', model(rl.models.critic, 'none')],
    ['Reward model', model(rl.models.reward, 'rule-based / verifier')],
    [
      'Placement',
      pl.mode === 'colocated'
        ? `colocated on ${plan.devices} devices; trainer offload during generation ${pl.trainerOffload ? 'on' : 'off'}, rollout engine sleeps during training ${pl.rolloutSleep ? 'on' : 'off'}`
        : `disaggregated: ${pl.rolloutDevices} rollout + ${pl.trainingDevices} training devices`,
    ],
    ['Asynchrony k', String(rl.asyncSteps)],
    [
      'Speculative decoding',
      rl.rollout.serving.speculative
        ? `${rl.rollout.serving.speculative.draftTokens} draft(s), acceptance ${rl.rollout.serving.speculative.acceptanceRate}`
        : 'off',
    ],
  ];
}
