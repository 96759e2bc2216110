/**
 * The RL section of the validation table: published RL-system step times and their
 * phases, reproduced from the settings the sources state. What a source does not state is assumed
 * the same way for every row of that source and written beside it; no default is tuned to a row.
 *
 * Sources:
 * - NeMo RL "Performance" summary, NeMo RL v0.4 GRPO table (NVIDIA, NVIDIA-NeMo/RL on GitHub, 2025):
 *   https://github.com/NVIDIA-NeMo/RL/blob/main/docs/about/performance-summary.md — columns model,
 *   on/off policy, T-max sequence length, G-average sequence length, GPUs, G-GBS, T-GBS, generation
 *   [TP, PP], training [TP, CP, EP, PP, VPP], tokens/s/GPU, total step time. DGX-H100, BF16 training
 *   and generation, Megatron-core, dataset OpenMathInstruct-2. Recipes (layouts the table leaves
 *   out): examples/configs/recipes/llm/performance/ and examples/configs/grpo_math_1B.yaml.
 * - "NeMo-RL V0.3: Scalable and Performant Post-training with Nemo-RL via Megatron-Core" (NVIDIA,
 *   2025-07-21, https://github.com/NVIDIA-NeMo/RL/discussions/1161), Results table: step time and its
 *   parts (policy training, refit, generation, get logprobs) averaged over steps 22–29, Megatron
 *   backend; max sequence length 4,096, rollout batch 2,048, global batch 512, sequence packing.
 * - "NeMo-RL: Journey of Optimizing Weight Transfer in Large MoE Models by 10x" (NVIDIA, 2025-08-12,
 *   https://github.com/NVIDIA-NeMo/RL/discussions/1189), Table 1: DeepSeek-V3 refit, training EP64 PP8,
 *   generation TP64, NeMo-RL v0.3 total 47.2 s.
 * - "ROCm Support for Miles: Large-Scale RL Post-Training on AMD Instinct GPUs" (AMD & Miles team,
 *   LMSYS blog, 2026-03-17, https://lmsys.org/blog/2026-03-17-rocm-miles-rl-amd/), "Performance"
 *   section and Figure 5: Qwen3-30B-A3B GRPO on one 8 × MI300X node, mean step 388.50 s.
 */
import type { PlanInput } from '../schema/plan';
import { cite, type ValidationCase } from './case';

const NEMO = cite('nemo-rl-performance-summary', 'v0.4 GRPO table');
const V03 = cite('nemo-rl-v03-megatron', 'Results table (Megatron rows)');
const REFIT = cite('nemo-rl-refit-moe', 'Table 1');
const MILES = cite('lmsys-miles-rocm-2026', 'Performance section and Figure 5');

/** Prompt length assumed for OpenMathInstruct-2 problems in NeMo RL's math prompt template. */
const NEMO_PROMPT = 120;
const NEMO_COMMON =
  `Not published, assumed for every NeMo row: prompts of ${NEMO_PROMPT} tokens (OpenMathInstruct-2 problems with the CoT template); ` +
  'response lengths log-normal with the table’s G-average as mean and p99 at the cap (T-max − prompt); reference pass on (KL penalty 0.01 in grpo_math_1B.yaml); ' +
  'Megatron distributed optimizer = ZeRO-1; activation checkpointing = full recomputation; train micro-batch 1; optimizer steps = G-GBS ÷ T-GBS.';
const NEMO_COLOCATED =
  'Colocated (recipe default colocated.enabled: true): the trainer’s weights and optimizer go to host memory for generation (offload_before_refit / offload_after_refit), vLLM sleeps during training, vLLM gpu_memory_utilization 0.6.';
const NEMO_ASYNC =
  'One step off (async_grpo, max_trajectory_age_steps 1): separate generation and training pools of equal size (the async recipes, colocated.enabled: false), vLLM gpu_memory_utilization 0.8.';

interface NemoRow {
  id: string;
  model: string;
  devices: number;
  prompts: number;
  samples: number;
  tMax: number;
  gAvg: number;
  gen: { tp: number; dp: number; ep?: number };
  train: { tp: number; pp: number; dp: number; ep?: number; cp?: number };
  optimizerSteps: number;
  async: boolean;
}

function nemoPlan(r: NemoRow): PlanInput {
  const cap = r.tMax - NEMO_PROMPT;
  const half = r.devices / 2;
  return {
    schemaVersion: 1,
    id: `v-${r.id}`,
    name: r.id,
    kind: 'rl',
    modelId: r.model,
    systemId: 'hgx-h100',
    devices: r.devices,
    rl: {
      algorithm: 'grpo',
      models: { reference: 'policy', critic: null, reward: null },
      workload: {
        promptsPerStep: r.prompts,
        samplesPerPrompt: r.samples,
        promptTokens: NEMO_PROMPT,
        response: { mean: r.gAvg, p99: cap },
        maxResponseTokens: cap,
        steps: 500,
      },
      rollout: {
        parallelism: { tp: r.gen.tp, pp: 1, dp: r.gen.dp, ep: r.gen.ep ?? 1 },
        precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
        serving: { runtimeReserveFraction: r.async ? 0.2 : 0.4 },
      },
      training: {
        parallelism: {
          tp: r.train.tp,
          pp: r.train.pp,
          dp: r.train.dp,
          ep: r.train.ep ?? 1,
          cp: r.train.cp ?? 1,
          zeroStage: 1,
          sequenceParallel: r.train.tp > 1,
        },
        microBatchSequences: 1,
        precision: 'bf16',
        recompute: 'full',
        optimizerSteps: r.optimizerSteps,
      },
      placement: r.async
        ? { mode: 'disaggregated', rolloutDevices: half, trainingDevices: half }
        : { mode: 'colocated', trainerOffload: true, rolloutSleep: true },
      asyncSteps: r.async ? 1 : 0,
    },
  } as PlanInput;
}

const nemoCase = (r: NemoRow, published: number, layout: string): ValidationCase => ({
  id: `nemo-rl-${r.id}`,
  split: 'fit',
  source: NEMO,
  description: `${r.id}: GRPO step time on ${r.devices} H100 (${r.async ? '1-step off-policy' : 'on-policy'})`,
  metric: 'stepTimeS',
  scale: 1,
  unit: 's per step',
  published,
  assumptions: `Table row: T-max ${r.tMax}, G-average ${r.gAvg}, G-GBS ${r.prompts * r.samples} (${r.prompts} prompts × ${r.samples} from the recipe), ${layout}. ${r.async ? NEMO_ASYNC : NEMO_COLOCATED} ${NEMO_COMMON}`,
  plan: nemoPlan(r),
});

const LLAMA_ON: NemoRow = {
  id: 'llama3.1-8b-on-policy',
  model: 'llama-3.1-8b',
  devices: 16,
  prompts: 64,
  samples: 32,
  tMax: 4096,
  gAvg: 1060,
  gen: { tp: 1, dp: 16 },
  train: { tp: 1, pp: 2, dp: 8 },
  optimizerSteps: 4,
  async: false,
};
const LLAMA_OFF: NemoRow = {
  ...LLAMA_ON,
  id: 'llama3.1-8b-1-step-off',
  gAvg: 1129,
  gen: { tp: 1, dp: 8 },
  train: { tp: 1, pp: 2, dp: 4 },
  async: true,
};
const DSV3_ON: NemoRow = {
  id: 'deepseek-v3-on-policy',
  model: 'deepseek-v3',
  devices: 256,
  prompts: 32,
  samples: 16,
  tMax: 1536,
  gAvg: 745,
  gen: { tp: 32, dp: 8 },
  train: { tp: 1, pp: 16, dp: 16, ep: 16 },
  optimizerSteps: 1,
  async: false,
};
const DSV3_OFF: NemoRow = { ...DSV3_ON, id: 'deepseek-v3-1-step-off', devices: 512, gAvg: 744, async: true };
const QWEN30_ON: NemoRow = {
  id: 'qwen3-30b-a3b-on-policy',
  model: 'qwen3-30b-a3b',
  devices: 32,
  prompts: 64,
  samples: 32,
  tMax: 4096,
  gAvg: 3154,
  gen: { tp: 4, dp: 8 },
  train: { tp: 2, pp: 1, dp: 16, ep: 8 },
  optimizerSteps: 4,
  async: false,
};

/** Miles on MI300X: response lengths assumed from the blog's own rollout throughput and truncation share. */
const MILES_PLAN: PlanInput = {
  schemaVersion: 1,
  id: 'v-miles-mi300x',
  name: 'Miles Qwen3-30B-A3B on 8 × MI300X',
  kind: 'rl',
  modelId: 'qwen3-30b-a3b',
  systemId: 'mi300x-8',
  devices: 8,
  rl: {
    algorithm: 'grpo',
    models: { reference: null, critic: null, reward: null },
    workload: {
      promptsPerStep: 32,
      samplesPerPrompt: 8,
      promptTokens: 200,
      response: { mean: 6400, p99: 17600 },
      maxResponseTokens: 8192,
      steps: 145,
    },
    rollout: {
      parallelism: { tp: 4, pp: 1, dp: 2, ep: 1 },
      precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      serving: { runtimeReserveFraction: 0.2 },
      partialRollout: true,
    },
    training: {
      parallelism: { tp: 4, pp: 1, dp: 2, ep: 8, cp: 1, zeroStage: 1, sequenceParallel: true },
      microBatchSequences: 1,
      precision: 'bf16',
      recompute: 'full',
      optimizerSteps: 1,
    },
    placement: { mode: 'colocated', trainerOffload: true, rolloutSleep: true },
    asyncSteps: 0,
  },
} as PlanInput;
const MILES_ASSUMPTIONS =
  'Stated: one node of 8 MI300X, GRPO 32 prompts × 8 samples, 8k response cap, global batch 256 (one optimizer step), Megatron TP4/EP8 with sequence parallelism, no KL term (no reference pass), partial rollout, colocated. ' +
  'Assumed: responses log-normal, mean 6,400 and p99 17,600 before the 8,192 cap, chosen so that the capped mean is 5,720 tokens (the blog’s 1.2k rollout tok/GPU/s × 8 GPUs × 152.79 s ÷ 256 samples) and 22.6% are cut (the blog: truncation 0.294 falling to 0.156); prompts 200 tokens (dapo-math-17k); SGLang rollout TP4 × 2 engines at memory fraction 0.8; trainer offloaded during rollout; full recomputation; weights gathered in full (slime/Miles update_weights).';

const miles = (id: string, metric: ValidationCase['metric'], published: number, what: string): ValidationCase => ({
  id: `miles-mi300x-${id}`,
  split: 'fit',
  source: MILES,
  description: `Qwen3-30B-A3B GRPO on 8 × MI300X: ${what}`,
  metric,
  scale: 1,
  unit: 's per step',
  published,
  assumptions: MILES_ASSUMPTIONS,
  plan: MILES_PLAN,
});

const REFIT_PLAN: PlanInput = {
  ...(nemoPlan({
    ...DSV3_ON,
    id: 'deepseek-v3-refit',
    devices: 512,
    gen: { tp: 64, dp: 8 },
    train: { tp: 1, pp: 8, dp: 64, ep: 64 },
  }) as Record<string, unknown>),
} as PlanInput;
(REFIT_PLAN as { rl: { placement: unknown } }).rl.placement = {
  mode: 'colocated',
  trainerOffload: false,
  rolloutSleep: true,
};

/** NeMo RL v0.3 Results rows: 2,048 samples (64 prompts × 32), 4,096 tokens, train batch 512. */
const V03_ROWS: Array<{
  row: NemoRow;
  published: Record<'step' | 'training' | 'sync' | 'generation' | 'logprobs', number>;
  layout: string;
}> = [
  {
    row: {
      ...LLAMA_ON,
      id: 'v0.3-llama3.1-8b',
      devices: 8,
      gAvg: 795,
      gen: { tp: 1, dp: 8 },
      train: { tp: 1, pp: 1, dp: 8 },
    },
    published: { step: 112, training: 28, sync: 5, generation: 58, logprobs: 18 },
    layout: '1 node; training data parallel only (the blog), generation TP1',
  },
  {
    row: {
      ...LLAMA_ON,
      id: 'v0.3-llama3.1-70b',
      model: 'llama-3.1-70b',
      devices: 64,
      gAvg: 398,
      gen: { tp: 4, dp: 16 },
      train: { tp: 4, pp: 4, dp: 4 },
    },
    published: { step: 147, training: 28, sync: 14, generation: 84, logprobs: 18 },
    layout: '8 nodes; training TP4 PP4 (the blog), generation TP4 (the blog’s 70B command)',
  },
  {
    row: {
      ...QWEN30_ON,
      id: 'v0.3-qwen3-30b-a3b',
      devices: 64,
      gAvg: 3251,
      gen: { tp: 4, dp: 16 },
      train: { tp: 2, pp: 1, dp: 32, ep: 8 },
    },
    published: { step: 167, training: 50, sync: 12, generation: 78, logprobs: 23 },
    layout: '8 nodes; training EP8 TP2 (the blog), generation TP4 (not stated; the v0.4 table’s layout)',
  },
];

const METRIC_OF = {
  step: ['stepTimeS', 'total step time'],
  training: ['rlTrainingS', 'policy training'],
  sync: ['rlSyncS', 'refit'],
  generation: ['rlGenerationS', 'generation'],
  logprobs: ['rlLogprobsS', 'get logprobs'],
} as const;

const v03Cases = (): ValidationCase[] =>
  V03_ROWS.flatMap(({ row, published, layout }) =>
    (Object.keys(published) as Array<keyof typeof published>).map((k) => ({
      ...nemoCase(row, published[k], layout),
      id: `nemo-rl-${row.id}-${k}`,
      source: V03,
      description: `${row.id.replace('v0.3-', '')} GRPO on ${row.devices} H100: ${METRIC_OF[k][1]} per step`,
      metric: METRIC_OF[k][0],
    })),
  );

export const RL_VALIDATION_CASES: ValidationCase[] = [
  ...v03Cases(),
  nemoCase(LLAMA_ON, 97.7, 'generation TP1 on each GPU, training PP2 (recipe pipeline_model_parallel_size 2)'),
  nemoCase(LLAMA_OFF, 74.6, 'generation TP1 on 8 GPUs, training PP2 on the other 8'),
  nemoCase(DSV3_ON, 154, 'generation TP32, training EP16 PP16; BF16 checkpoint'),
  nemoCase(DSV3_OFF, 77.9, 'generation TP32 on 256 GPUs, training EP16 PP16 on the other 256'),
  nemoCase(QWEN30_ON, 225, 'generation TP4, training TP2 EP8'),
  {
    id: 'nemo-rl-deepseek-v3-refit',
    split: 'fit',
    source: REFIT,
    description: 'DeepSeek-V3 refit (weights from training EP64 PP8 into generation TP64), NeMo-RL v0.3',
    metric: 'rlSyncS',
    scale: 1,
    unit: 's per step',
    published: 47.2,
    assumptions:
      'Stated: training sharding EP64 PP8, generation TP64 (512 H100 = 64 nodes). Assumed: colocated, BF16 weights, no trainer offload so the row holds the weight transfer only (the table’s refit excludes offloading). The table’s own speed-of-light is 3.3 s (parameter gather at full NVLink bandwidth).',
    plan: REFIT_PLAN,
  },
  miles('step', 'stepTimeS', 388.5, 'mean step time (steps 4–145)'),
  miles('generation', 'rlGenerationS', 152.79, 'rollout generation'),
  miles('training', 'rlTrainingS', 95.3, 'actor training'),
  miles('logprobs', 'rlLogprobsS', 31.53, 'log-prob computation'),
  miles('sync', 'rlSyncS', 33.85, 'update weights'),
];
