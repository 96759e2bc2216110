/**
 * The validation table: published measurements and what the engine predicts for them.
 * Each case states the setting that was published; where a setting was not published, the
 * assumption is written beside it (`assumptions`). Defaults are never tuned to one figure.
 * Sources: ../shared/reference/published-measurements.md unless a case names another.
 */
import type { PlanInput } from '../plan/schema';
import { RL_VALIDATION_CASES } from './rl-cases';

export type Metric =
  | 'outputTokensPerSecondPerDevice'
  | 'inputTokensPerSecondPerDevice'
  | 'prefillTokensPerSecondPerDevice'
  | 'outputTokensPerSecondPerRequest'
  | 'tpotMs'
  | 'ttftMs'
  | 'deviceHoursPerTrillionTokens'
  | 'totalDeviceHours'
  | 'tokensPerDay'
  | 'stepTimeS'
  | 'tflopsPerDevice'
  | 'rlGenerationS'
  | 'rlLogprobsS'
  | 'rlTrainingS'
  | 'rlSyncS';

export interface ValidationCase {
  id: string;
  source: string;
  description: string;
  metric: Metric;
  /** Multiplier from the engine's unit to the published one (e.g. 8 GPUs per node). */
  scale: number;
  unit: string;
  published: number;
  assumptions: string;
  plan: PlanInput;
}

const DAY6 = 'DeepSeek open-infra-index Day 6 "DeepSeek-V3/R1 Inference System Overview" (2025-02-28)';

const inf = (
  id: string,
  name: string,
  modelId: string,
  systemId: string,
  devices: number,
  inference: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): PlanInput =>
  ({ schemaVersion: 1, id, name, kind: 'inference', modelId, systemId, devices, inference, ...extra }) as PlanInput;

const dsDecode = (devices: number, perDevice: number, fabric: 'ib' | 'roce') =>
  ({
    parallelism: { tp: 1, pp: 1, dp: devices, ep: devices },
    precision: { weights: 'fp8', compute: 'fp8', kvCache: 'bf16', dispatch: 'fp8', combine: 'bf16' },
    workload: {
      promptTokens: 3000,
      outputTokens: 4000,
      concurrentRequests: devices * perDevice,
      prefixCacheHitRate: 0.563,
    },
    serving: { dualMicroBatch: true },
    network: { fabric },
  }) as Record<string, unknown>;

const dsPrefill = (devices: number, prompt: number, hit: number, fabric: 'ib' | 'roce') =>
  ({
    parallelism: { tp: 1, pp: 1, dp: devices, ep: devices },
    precision: { weights: 'fp8', compute: 'fp8', kvCache: 'bf16', dispatch: 'fp8', combine: 'bf16' },
    workload: { promptTokens: prompt, outputTokens: 1, concurrentRequests: devices, prefixCacheHitRate: hit },
    serving: { dualMicroBatch: true },
    network: { fabric },
  }) as Record<string, unknown>;

export const INFERENCE_VALIDATION_CASES: ValidationCase[] = [
  {
    id: 'deepseek-day6-decode',
    source: DAY6,
    description: 'DeepSeek-V3/R1 decode throughput per H800 node (EP144, DP attention, dual micro-batch)',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'output tokens/s per node',
    published: 14_800,
    assumptions:
      '88 sequences per GPU (matches the reported 20-22 tokens/s per request at 14.8k per node); mean context 5,000 (reported average KV length 4,989); no MTP (not stated).',
    plan: inf('v-ds-decode', 'DeepSeek decode, Day 6', 'deepseek-v3', 'hgx-h800', 144, dsDecode(144, 88, 'ib')),
  },
  {
    id: 'deepseek-day6-decode-speed',
    source: DAY6,
    description: 'DeepSeek-V3/R1 average output speed per request',
    metric: 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: 'tokens/s per request',
    published: 21,
    assumptions: 'Same decode plan as above; the published range is 20-22, its midpoint is used.',
    plan: inf('v-ds-decode-2', 'DeepSeek decode speed', 'deepseek-v3', 'hgx-h800', 144, dsDecode(144, 88, 'ib')),
  },
  {
    id: 'deepseek-day6-prefill',
    source: DAY6,
    description: 'DeepSeek-V3/R1 prefill input tokens/s per H800 node, including 56.3% cache hits (EP32)',
    metric: 'inputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'input tokens/s per node',
    published: 73_700,
    assumptions: 'Prompt 4,989 tokens (the average KV length) with 56.3% served from the on-disk cache.',
    plan: inf(
      'v-ds-prefill',
      'DeepSeek prefill, Day 6',
      'deepseek-v3',
      'hgx-h800',
      32,
      dsPrefill(32, 4989, 0.563, 'ib'),
    ),
  },
  {
    id: 'rtp-llm-decode',
    source: 'Alibaba RTP-LLM DeepSeek reproduction on H800 with RoCE (published-measurements.md)',
    description: 'Decode throughput per H800 node, 4K input / 2K output, ITL ≤ 50 ms',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'output tokens/s per node',
    published: 14_700,
    assumptions:
      'EP144 like DeepSeek (layout not published), 88 sequences per GPU, RoCE latency, mean context 5,000 (4K + 2K/2).',
    plan: inf('v-rtp-decode', 'RTP-LLM decode', 'deepseek-v3', 'hgx-h800', 144, {
      ...dsDecode(144, 88, 'roce'),
      workload: { promptTokens: 4000, outputTokens: 2000, concurrentRequests: 144 * 88 },
    }),
  },
  {
    id: 'rtp-llm-prefill',
    source: 'Alibaba RTP-LLM DeepSeek reproduction on H800 with RoCE (published-measurements.md)',
    description: 'Prefill throughput per H800 node, 4K input',
    metric: 'inputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'input tokens/s per node',
    published: 42_600,
    assumptions: 'EP32, no prefix-cache hits (not stated), RoCE.',
    plan: inf('v-rtp-prefill', 'RTP-LLM prefill', 'deepseek-v3', 'hgx-h800', 32, dsPrefill(32, 4000, 0, 'roce')),
  },
  {
    id: 'sglang-96xh100-decode',
    source:
      'LMSYS blog "Deploying DeepSeek with PD disaggregation and large-scale expert parallelism on 96 H100 GPUs" (2025-05-05)',
    description: 'Decode output tokens/s per H100 node, 2,000-token inputs',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'output tokens/s per node',
    published: 22_300,
    assumptions:
      'Decode on 9 nodes (EP72 of the 96 GPUs), 256 sequences per GPU (not stated; SGLang ran large decode batches), output 100 tokens.',
    plan: inf('v-sglang-decode', 'SGLang decode', 'deepseek-v3', 'hgx-h100', 72, {
      ...dsDecode(72, 256, 'ib'),
      workload: { promptTokens: 2000, outputTokens: 100, concurrentRequests: 72 * 256 },
    }),
  },
  {
    id: 'sglang-96xh100-prefill',
    source: 'LMSYS blog, SGLang large-scale EP on 96 H100 (2025-05-05)',
    description: 'Prefill input tokens/s per H100 node, 2,000-token inputs',
    metric: 'inputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'input tokens/s per node',
    published: 52_300,
    assumptions: 'Prefill on 3 nodes (EP24), no cache hits.',
    plan: inf('v-sglang-prefill', 'SGLang prefill', 'deepseek-v3', 'hgx-h100', 24, dsPrefill(24, 2000, 0, 'ib')),
  },
  {
    id: 'cloudmatrix-decode',
    source: 'Serving Large Language Models on Huawei CloudMatrix384 (arXiv 2506.12708)',
    description: 'DeepSeek-R1 decode tokens/s per Ascend 910C at TPOT < 50 ms',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 1,
    unit: 'output tokens/s per NPU',
    published: 1_943,
    assumptions:
      'EP over the whole 384-NPU unified-bus domain (scale-up), INT8 weights computed in BF16 rate (no FP8 figure for 910C), 96 sequences per NPU, context 4K, MTP with one draft at 70% acceptance (the paper uses MTP).',
    plan: inf('v-cm-decode', 'CloudMatrix decode', 'deepseek-v3', 'cloudmatrix-384', 384, {
      parallelism: { tp: 1, pp: 1, dp: 384, ep: 384 },
      precision: { weights: 'int8', compute: 'int8', kvCache: 'int8', dispatch: 'fp8', combine: 'bf16' },
      workload: { promptTokens: 4000, outputTokens: 1000, concurrentRequests: 384 * 96 },
      serving: { dualMicroBatch: true, speculative: { draftTokens: 1, acceptanceRate: 0.7 } },
    }),
  },
  {
    id: 'cloudmatrix-prefill',
    source: 'Serving Large Language Models on Huawei CloudMatrix384 (arXiv 2506.12708)',
    description: 'DeepSeek-R1 prefill tokens/s per Ascend 910C',
    metric: 'prefillTokensPerSecondPerDevice',
    scale: 1,
    unit: 'prefill tokens/s per NPU',
    published: 6_688,
    assumptions: 'EP over 16 NPUs inside the unified-bus domain, INT8, 4K prompts.',
    plan: inf('v-cm-prefill', 'CloudMatrix prefill', 'deepseek-v3', 'cloudmatrix-384', 16, {
      parallelism: { tp: 1, pp: 1, dp: 16, ep: 16 },
      precision: { weights: 'int8', compute: 'int8', kvCache: 'int8', dispatch: 'fp8', combine: 'bf16' },
      workload: { promptTokens: 4000, outputTokens: 1, concurrentRequests: 16 },
      serving: { dualMicroBatch: true },
    }),
  },
  {
    id: 'ktransformers-decode-2s',
    source: 'KTransformers DeepseekR1_V3 tutorial (published-measurements.md)',
    description: 'DeepSeek-V3 Q4_K_M decode on 2 × Xeon Gold 6454S + RTX 4090D, experts on the CPU',
    metric: 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: 'tokens/s',
    published: 13,
    assumptions: 'Published 12.2-13.7 on two sockets, midpoint 13; short prompt (1,000), batch 1.',
    plan: inf('v-kt-decode', 'KTransformers decode', 'deepseek-v3', 'ktransformers-server', 1, {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'gguf-q4_k_m', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: 1000, outputTokens: 200, concurrentRequests: 1 },
      serving: { expertOffload: true },
    }),
  },
  {
    id: 'ktransformers-prefill-2s',
    source: 'KTransformers DeepseekR1_V3 tutorial (published-measurements.md)',
    description: 'DeepSeek-V3 Q4_K_M prefill on the same box (two sockets, no AMX)',
    metric: 'prefillTokensPerSecondPerDevice',
    scale: 1,
    unit: 'prompt tokens/s',
    published: 90,
    assumptions: 'Published 82.9-97.3 on two sockets, midpoint 90; 1,000-token prompt.',
    plan: inf('v-kt-prefill', 'KTransformers prefill', 'deepseek-v3', 'ktransformers-server', 1, {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'gguf-q4_k_m', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: 1000, outputTokens: 1, concurrentRequests: 1 },
      serving: { expertOffload: true },
    }),
  },
];

const trainPlan = (id: string, extra: Record<string, unknown>): PlanInput => {
  const base = TRAINING_PLANS[id];
  if (!base) throw new Error(`no training plan ${id}`);
  return { ...base, ...extra } as PlanInput;
};

/** Training settings as published (DeepSeek-V3 report; Llama 3 paper Table 4). */
const TRAINING_PLANS: Record<string, Record<string, unknown>> = {
  'deepseek-v3': {
    schemaVersion: 1,
    id: 'v-ds-train',
    name: 'DeepSeek-V3 pre-training',
    kind: 'training',
    modelId: 'deepseek-v3',
    systemId: 'hgx-h800',
    devices: 2048,
    training: {
      parallelism: {
        tp: 1,
        pp: 16,
        dp: 128,
        ep: 64,
        cp: 1,
        zeroStage: 1,
        schedule: 'dualpipe',
        sequenceParallel: false,
      },
      globalBatchTokens: 15360 * 4096,
      sequenceLength: 4096,
      precision: 'fp8',
      recompute: 'selective',
      totalTrainingTokens: 14.8e12,
      commOverlap: 0.9,
    },
  },
  'llama-405b': {
    schemaVersion: 1,
    id: 'v-llama-train',
    name: 'Llama 3 405B pre-training',
    kind: 'training',
    modelId: 'llama-3.1-405b',
    systemId: 'hgx-h100',
    devices: 16384,
    training: {
      parallelism: {
        tp: 8,
        pp: 16,
        dp: 128,
        cp: 1,
        zeroStage: 1,
        schedule: 'interleaved',
        virtualStages: 4,
        sequenceParallel: true,
      },
      globalBatchTokens: 16 * 1024 * 1024,
      sequenceLength: 8192,
      precision: 'bf16',
      recompute: 'selective',
      totalTrainingTokens: 15.6e12,
    },
  },
};

const DSV3 = 'DeepSeek-V3 Technical Report (arXiv 2412.19437) and Insights into DeepSeek-V3 Table 4';

export const TRAINING_VALIDATION_CASES: ValidationCase[] = [
  {
    id: 'deepseek-v3-gpu-hours-per-trillion',
    source: DSV3,
    description: 'H800 GPU-hours per trillion training tokens (engine efficiency, no target MFU)',
    metric: 'deviceHoursPerTrillionTokens',
    scale: 1,
    unit: 'GPU-hours per trillion tokens',
    published: 180_000,
    assumptions:
      'Layout from the report (PP16 DualPipe, EP64, DP128, FP8, batch 15,360 × 4,096); communication overlap 0.9.',
    plan: trainPlan('deepseek-v3', {}),
  },
  {
    id: 'deepseek-v3-step-time',
    source: DSV3,
    description: 'Seconds per step on 2,048 H800 (MPFT), Insights Table 4',
    metric: 'stepTimeS',
    scale: 1,
    unit: 's per step',
    published: 19.926,
    assumptions: 'As above.',
    plan: trainPlan('deepseek-v3', {}),
  },
  {
    id: 'deepseek-v3-tokens-per-day',
    source: DSV3,
    description: 'Training tokens per day on 2,048 H800 (MPFT), Insights Table 4',
    metric: 'tokensPerDay',
    scale: 1e-9,
    unit: 'billion tokens per day',
    published: 272.8,
    assumptions: 'As above.',
    plan: trainPlan('deepseek-v3', {}),
  },
  {
    id: 'llama3-405b-tflops',
    source: 'The Llama 3 Herd of Models (arXiv 2407.21783), Table 4',
    description: 'BF16 TFLOP/s per H100 training Llama 3 405B on 16,384 GPUs',
    metric: 'tflopsPerDevice',
    scale: 1e-12,
    unit: 'TFLOP/s per GPU',
    published: 405,
    assumptions:
      'Published range 380-430, midpoint 405; TP8 PP16 DP128, 16M-token batches of 8,192; interleaved schedule with 4 virtual stages (not stated).',
    plan: trainPlan('llama-405b', {}),
  },
];

export const VALIDATION_CASES: ValidationCase[] = [
  ...INFERENCE_VALIDATION_CASES,
  ...TRAINING_VALIDATION_CASES,
  ...RL_VALIDATION_CASES,
];
