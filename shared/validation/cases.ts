/**
 * The validation table: published measurements and what the engine predicts for them.
 * Inference cases live by family (cases-ep.ts: large expert-parallel DeepSeek serving and CPU
 * offload; cases-throughput.ts: offline max-throughput and local single-stream runs published in
 * 2025–2026; cases-published.ts: the cases added on or after 2026-12-07, with their fit / held-out
 * split from splitOf(id); cases-architectures.ts: sparse attention, diffusion LMs and vision
 * encoders, also split by splitOf(id)); the training cases are below. Each case states the setting that was published;
 * where a setting was not published, the assumption is written beside it (`assumptions`).
 * Defaults are never tuned to one figure. Every case cites the original benchmark post, paper or
 * result page through the sources registry (`presets/sources.json`).
 */
import type { Citation } from '../source';
import { cite, type ValidationCase } from './case';
import { ARCHITECTURE_VALIDATION_CASES } from './cases-architectures';
import { EP_VALIDATION_CASES } from './cases-ep';
import { PUBLISHED_VALIDATION_CASES } from './cases-published';
import { THROUGHPUT_VALIDATION_CASES } from './cases-throughput';
import type { PlanInput } from '../schema/plan';
import { RL_VALIDATION_CASES } from './rl-cases';

export type { Metric, ValidationCase } from './case';

export const INFERENCE_VALIDATION_CASES: ValidationCase[] = [
  ...EP_VALIDATION_CASES,
  ...THROUGHPUT_VALIDATION_CASES,
  ...PUBLISHED_VALIDATION_CASES,
  ...ARCHITECTURE_VALIDATION_CASES,
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

const DSV3_HOURS: Citation[] = [
  cite('deepseek-v3-report', '§1 Introduction and Table 1: 180K H800 GPU hours per trillion tokens'),
];
const INSIGHTS_T4 = (at: string): Citation[] => [
  cite('deepseek-insights-isca2025', `Table 4 (2,048 H800, MPFT): ${at}`),
  cite('deepseek-v3-report', '§3 Infrastructures (training layout)'),
];

export const TRAINING_VALIDATION_CASES: ValidationCase[] = [
  {
    id: 'deepseek-v3-gpu-hours-per-trillion',
    split: 'fit',
    source: DSV3_HOURS,
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
    split: 'fit',
    source: INSIGHTS_T4('19.926 s per step'),
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
    split: 'fit',
    source: INSIGHTS_T4('272.80B tokens per day'),
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
    split: 'fit',
    source: cite('llama3-herd', 'Table 4: 380-430 TFLOPs/GPU, BF16 MFU 38-43% on 8,192-16,384 H100'),
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
