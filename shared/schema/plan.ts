/**
 * The plan: one versioned, zod-validated format shared by the app (IndexedDB), plan files
 * (`.clusterplan.json`) and the CLI. `schemaVersion` is bumped on any incompatible change and
 * `migratePlan` (migrations.ts) brings older files forward; newer versions are refused.
 */
import { z } from 'zod';
import { ModelArchitecture } from './model';
import { KvFormat, NumericFormat } from '../precision';
import { LengthDistribution } from './distribution';
import { SourceField } from '../source';
import { ResponseLength } from './rl-lengths';
import { ImagesPerRequest } from './images';
import {
  count,
  fraction,
  positive,
  nonNeg,
  achieved,
  ComponentPrecision,
  DiffusionSampler,
  EfficiencyOverrides,
  InferenceParallelism,
  Parallelism,
  Prices,
  ServingStack,
} from './plan-parts';

export const PLAN_SCHEMA_VERSION = 1;

export {
  ComponentPrecision,
  DiffusionSampler,
  EfficiencyOverrides,
  InferenceParallelism,
  Parallelism,
  Prices,
  ServingStack,
} from './plan-parts';

export const InferenceSettings = z.object({
  parallelism: InferenceParallelism,
  precision: z.object({
    weights: NumericFormat.default('bf16'),
    /** Precision the matmuls run at (FP8 needs hardware support; falls back to BF16 otherwise). */
    compute: z.enum(['bf16', 'fp8', 'fp4', 'int8']).default('bf16'),
    kvCache: KvFormat.default('bf16'),
    /**
     * EP dispatch / combine element sizes (DeepSeek: FP8 dispatch, BF16 combine; TensorRT-LLM's wide
     * EP and SGLang on Blackwell dispatch NVFP4 tokens to NVFP4 experts).
     */
    dispatch: z.enum(['nvfp4', 'fp8', 'bf16']).default('bf16'),
    combine: z.enum(['fp8', 'bf16']).default('bf16'),
    /** Attention projections' own precision, when it differs from the plan's. */
    attention: ComponentPrecision.optional(),
    /** Routed experts' own precision, when it differs from the plan's. */
    experts: ComponentPrecision.optional(),
    /**
     * How FP8 weights are scaled: one scale per tensor (NVIDIA ModelOpt checkpoints) or per 128 × 128
     * block, with per-token-group activation scales (DeepSeek's and Qwen's official FP8
     * checkpoints); the stacks time the two with different GEMM kernels. Omitted: blocks for MoE
     * models, per tensor for dense ones.
     */
    fp8Scaling: z.enum(['tensor', 'block']).optional(),
  }),
  workload: z.object({
    promptTokens: count('workload.promptTokens', 1 << 24),
    outputTokens: count('workload.outputTokens', 1 << 24),
    /** Sequences decoding at once across the whole deployment (the batch). */
    concurrentRequests: count('workload.concurrentRequests', 1 << 24),
    prefixCacheHitRate: fraction('workload.prefixCacheHitRate').default(0),
    /** Requests per second arriving at this deployment: TTFT and TPOT are then also predicted under that load. */
    arrivalRatePerSecond: positive('workload.arrivalRatePerSecond', 1e7).optional(),
    /**
     * How a benchmark issues requests: 'closed' = concurrentRequests clients, each sending its next
     * request when the last one finished (vLLM bench serve --max-concurrency, genai-perf
     * --concurrency); `requests` in all (default 1,000, vllm bench serve's --num-prompts, or the
     * concurrency if larger).
     */
    benchmarkRequests: count('workload.benchmarkRequests', 1 << 24).optional(),
    /** Prompt and output lengths as distributions (mean and p90, or a histogram) for the load model; default: the fixed lengths above. */
    lengths: z.object({ prompt: LengthDistribution, output: LengthDistribution }).optional(),
    /**
     * Byte Latent Transformers: mean bytes per patch (BLT paper Table 1: 4.5 with entropy patching,
     * 6.1 with space patching, on its training mix), and the bytes of the reference tokenizer's token
     * that prompt and output lengths are counted in (Llama 3's: 4.4); ignored for other models.
     */
    bytesPerPatch: z.number().min(1, 'workload.bytesPerPatch must be at least 1').max(64).nullable().optional(),
    bytesPerToken: z.number().min(1, 'workload.bytesPerToken must be at least 1').max(64).nullable().optional(),
    /** Images per request for a vision-language model: its vision tower encodes them in prefill and their tokens join the prompt. */
    images: ImagesPerRequest.optional(),
  }),
  serving: z
    .object({
      stack: ServingStack.default({ name: 'generic', version: null }),
      /** The scheduler's settings, each overriding the stack's default (serving/scheduler.ts). */
      scheduler: z
        .object({
          maxBatchedTokens: count('serving.scheduler.maxBatchedTokens', 1 << 22).optional(),
          policy: z.enum(['mixed', 'prefill-first']).optional(),
          /** Split a prompt over iterations when it does not fit what is left of the budget (false: it waits, whole). */
          chunkedPrefill: z.boolean().optional(),
          maxRunningRequests: count('serving.scheduler.maxRunningRequests', 1 << 22).optional(),
          requestOverheadS: nonNeg('serving.scheduler.requestOverheadS', 60).optional(),
          /** Host seconds to tokenize one prompt token before the engine sees the request (serving/scheduler.ts). */
          tokenizeSPerToken: nonNeg('serving.scheduler.tokenizeSPerToken', 0.001).optional(),
        })
        .optional(),
      /**
       * Separate device pools for prefill and decode; null = the same devices do both. The decode
       * pool runs inference.parallelism per worker (decodeDevices ÷ its devices = decode workers);
       * the prefill pool its own layout when `prefill` is given (else decode's TP and PP), on
       * another system when `prefill.systemId` names one (heterogeneous disaggregation).
       */
      disaggregation: z
        .object({
          prefillDevices: count('serving.disaggregation.prefillDevices', 1 << 20),
          decodeDevices: count('serving.disaggregation.decodeDevices', 1 << 20),
          prefill: z
            .object({
              tp: count('serving.disaggregation.prefill.tp', 4096).default(1),
              pp: count('serving.disaggregation.prefill.pp', 4096).default(1),
              ep: count('serving.disaggregation.prefill.ep', 65536).default(1),
              dp: count('serving.disaggregation.prefill.dp', 65536).default(1),
              systemId: z.string().min(1).max(100).optional(),
            })
            .optional(),
          /** Bytes/s per prefill worker for the KV-cache transfer to the decode pool; omitted = the prefill worker's scale-out links. */
          kvTransferBytesPerS: positive('serving.disaggregation.kvTransferBytesPerS', 1e15).optional(),
        })
        .nullable()
        .default(null),
      /** Two micro-batches overlap compute with communication (DeepSeek dual micro-batch). */
      dualMicroBatch: z.boolean().default(false),
      /** MTP / speculative decoding: draft tokens per step and per-token acceptance rate. */
      speculative: z
        .object({
          draftTokens: count('serving.speculative.draftTokens', 16),
          acceptanceRate: fraction('serving.speculative.acceptanceRate'),
        })
        .nullable()
        .default(null),
      /** KV cache kept in host memory and streamed to the device each step. */
      kvOffload: z.boolean().default(false),
      /** Routed experts in host memory and computed on the CPU (KTransformers); attention and shared experts on the device. */
      expertOffload: z.boolean().default(false),
      /** MLA attends in latent space (weight absorption) during decode. */
      mlaAbsorbed: z.boolean().default(true),
      /**
       * Memory kept out of the KV cache for the runtime, CUDA graphs, fragmentation: a fraction of the device
       * (vLLM, SGLang, generic: 1 − gpu_memory_utilization) or, for TensorRT-LLM, of the memory left after the
       * weights and activations (1 − kv_cache_free_gpu_memory_fraction). null = the stack's default
       * (inference/memory-reserve.ts: vLLM 0.1 before 0.22, 0.08 after; TensorRT-LLM 0.1; SGLang its start-up rule).
       */
      runtimeReserveFraction: fraction('serving.runtimeReserveFraction').nullable().default(null),
      /** Share of the GPU's SMs that EP communication kernels occupy while they overlap compute (DeepSeek-V3: 20 of 132). */
      commSmFraction: z
        .number()
        .min(0)
        .max(0.9)
        .default(20 / 132),
    })
    .default({
      stack: { name: 'generic', version: null },
      disaggregation: null,
      dualMicroBatch: false,
      speculative: null,
      kvOffload: false,
      expertOffload: false,
      mlaAbsorbed: true,
      runtimeReserveFraction: null,
      commSmFraction: 20 / 132,
    }),
  moe: z
    .object({
      /** Tokens on the hottest expert ÷ the mean (1 = perfectly balanced). */
      loadImbalance: z.number().min(1, 'moe.loadImbalance must be ≥ 1').max(64).default(1.2),
      /**
       * Copies of hot experts placed beside the routed ones (EPLB: DeepSeek-V3 serves its 256 routed
       * experts as 288 over EP32 or EP144); routed + redundant must be a multiple of EP.
       */
      redundantExperts: z
        .number()
        .int('moe.redundantExperts must be a whole number')
        .min(0, 'moe.redundantExperts must be ≥ 0')
        .max(65_536)
        .default(0),
    })
    .default({ loadImbalance: 1.2, redundantExperts: 0 }),
  network: z
    .object({
      /** Where EP all-to-all travels: auto (in-domain share over scale-up, the rest over NICs), or all over one tier. */
      epTier: z.enum(['auto', 'scale-up', 'scale-out']).default('auto'),
      includeLatency: z.boolean().default(true),
      /** Scale-out fabric for the latency α (Insights Table 5). */
      fabric: z.enum(['ib', 'roce']).default('ib'),
    })
    .default({ epTier: 'auto', includeLatency: true, fabric: 'ib' }),
  /** Fixed per-step overhead (scheduler, sampling, launch gaps) in seconds; null = the serving stack's (inference/stacks.ts). */
  stepOverheadS: nonNeg('stepOverheadS', 10).nullable().default(null),
  /** A diffusion LM's sampler (inference/diffusion.ts); ignored for autoregressive models. */
  diffusion: DiffusionSampler.optional(),
});
export type InferenceSettings = z.infer<typeof InferenceSettings>;

export const TrainingSettings = z.object({
  parallelism: Parallelism.extend({
    /** Context parallel degree (sequence split across devices). */
    cp: count('parallelism.cp', 4096).default(1),
    zeroStage: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).default(1),
    schedule: z.enum(['1f1b', 'interleaved', 'dualpipe']).default('1f1b'),
    /** Virtual stages per device for the interleaved schedule. */
    virtualStages: count('parallelism.virtualStages', 64).default(1),
    sequenceParallel: z.boolean().default(true),
  }),
  globalBatchTokens: positive('globalBatchTokens', 1e12).min(1, 'globalBatchTokens must be at least 1 token'),
  sequenceLength: count('sequenceLength', 1 << 24),
  microBatchSequences: count('microBatchSequences', 1 << 16).default(1),
  precision: z.enum(['bf16', 'fp8']).default('bf16'),
  recompute: z.enum(['none', 'selective', 'full']).default('selective'),
  totalTrainingTokens: positive('totalTrainingTokens', 1e16).min(1, 'totalTrainingTokens must be at least 1 token'),
  /** Optional target MFU: when set, step compute time = FLOPs / (peak × MFU) instead of per-operator efficiency. */
  targetMfu: achieved('targetMfu').nullable().default(null),
  /** Fraction of exposed communication hidden behind compute (DualPipe ≈ 1, none = 0). */
  commOverlap: fraction('commOverlap').default(0.5),
  moe: z.object({ loadImbalance: z.number().min(1).max(64).default(1.1) }).default({ loadImbalance: 1.1 }),
});
export type TrainingSettings = z.infer<typeof TrainingSettings>;

const base = {
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/, 'id may hold letters, digits, ".", "_" and "-"'),
  name: z.string().min(1, 'name is empty').max(200, 'name is longer than 200 characters'),
  author: z.string().max(200).optional(),
  notes: z.string().max(20_000, 'notes are longer than 20,000 characters').optional(),
  /** Where an example plan's settings come from: registry citations in presets, free text in user plans. */
  source: SourceField.optional(),
  createdAt: z.string().max(40).optional(),
  updatedAt: z.string().max(40).optional(),
  /** A preset id, or the id of the inline `model`. */
  modelId: z.string().min(1).max(100),
  /** An inline architecture (imported config.json or user model); wins over the preset. */
  model: ModelArchitecture.optional(),
  systemId: z.string().min(1).max(100),
  /** The cluster this plan runs on (its fabric, TCO and size); optional, so the plan stays version 1. */
  clusterId: z.string().min(1).max(100).optional(),
  /** Total devices in the deployment. */
  devices: count('devices', 1 << 20),
  efficiency: EfficiencyOverrides.default({}),
  prices: Prices.default({ mode: 'hourly', usdPerDeviceHour: null, rate: 'on-demand' }),
  /** Use the accelerator's calibration profile (measured or derived curves) when one exists. */
  useCalibration: z.boolean().default(true),
  /** Watts per device actually drawn, as a fraction of TDP. */
  powerFractionOfTdp: z.number().gt(0).max(1.5).default(0.8),
};

// --- RL plans: a reinforcement-learning run (GRPO, PPO, DAPO) on one cluster -----------
const modelRef = (f: string) => z.string().min(1, `${f} is empty`).max(100).nullable();

/** The rollout engine: an inference configuration without its workload (the RL step supplies it). */
export const RlRolloutSettings = InferenceSettings.omit({ workload: true }).extend({
  /** Most sequences one rollout replica decodes at once (vLLM max_num_seqs); null = as many as memory holds. */
  maxConcurrentSequences: count('rl.rollout.maxConcurrentSequences', 1 << 20)
    .nullable()
    .default(null),
  /** Partial rollout: the step takes the responses that finished; unfinished ones continue next step (the tail is cut). */
  partialRollout: z.boolean().default(false),
});
export type RlRolloutSettings = z.infer<typeof RlRolloutSettings>;

/** The trainer: a training configuration whose batch and sequence length come from the rollouts. */
export const RlTrainingSettings = TrainingSettings.omit({
  globalBatchTokens: true,
  sequenceLength: true,
  totalTrainingTokens: true,
}).extend({
  /** Optimizer updates per RL step (samples ÷ train global batch; NeMo RL: 2,048 ÷ 512 = 4). */
  optimizerSteps: count('rl.training.optimizerSteps', 1024).default(1),
  /** Passes over the step's samples (PPO epochs). */
  epochs: count('rl.training.epochs', 64).default(1),
});
export type RlTrainingSettings = z.infer<typeof RlTrainingSettings>;

export const RlPlacement = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('colocated'),
    /** The trainer's weights and optimizer states go to host memory while the rollout engine generates. */
    trainerOffload: z.boolean().default(false),
    /** The rollout engine frees its KV cache and weights while the trainer runs (vLLM sleep mode). */
    rolloutSleep: z.boolean().default(true),
  }),
  z.object({
    mode: z.literal('disaggregated'),
    rolloutDevices: count('rl.placement.rolloutDevices', 1 << 20),
    trainingDevices: count('rl.placement.trainingDevices', 1 << 20),
  }),
]);
export type RlPlacement = z.infer<typeof RlPlacement>;

export const RlSettings = z.object({
  algorithm: z.enum(['grpo', 'ppo', 'dapo']).default('grpo'),
  /** DAPO dynamic sampling: samples generated per sample kept for training (≥ 1). */
  samplingMultiplier: z.number().min(1, 'rl.samplingMultiplier must be ≥ 1').max(64).default(1),
  models: z
    .object({
      /** Reference model for the KL term: "policy" (a frozen copy), another model id, or null (no KL, no pass). */
      reference: modelRef('rl.models.reference').default('policy'),
      /** PPO value model: "policy" (same architecture), another model id, or null (GRPO, DAPO). */
      critic: modelRef('rl.models.critic').default(null),
      /** Reward model id, or null for a rule-based reward or verifier. */
      reward: modelRef('rl.models.reward').default(null),
    })
    .default({ reference: 'policy', critic: null, reward: null }),
  /** Seconds per step of a rule-based reward or verifier (math check, unit tests) not hidden behind generation. */
  rewardSecondsPerStep: nonNeg('rl.rewardSecondsPerStep', 1e6).default(0),
  workload: z.object({
    promptsPerStep: count('rl.workload.promptsPerStep', 1 << 20),
    samplesPerPrompt: count('rl.workload.samplesPerPrompt', 4096),
    promptTokens: count('rl.workload.promptTokens', 1 << 24),
    /** Response lengths the policy produces (mean and p99, or a histogram). */
    response: ResponseLength,
    /** The generation cap (max_new_tokens): longer responses are cut here. */
    maxResponseTokens: count('rl.workload.maxResponseTokens', 1 << 24),
    /** RL steps in the run (for GPU-hours and cost). */
    steps: count('rl.workload.steps', 1e9),
  }),
  rollout: RlRolloutSettings,
  training: RlTrainingSettings,
  placement: RlPlacement,
  /**
   * How new weights reach the rollout engine: "gather" = every trainer device gathers the full policy
   * (NeMo RL refit, verl, slime) and the rollout pool receives it whole; "reshard" = each device
   * receives only its new shard (the least traffic).
   */
  weightSync: z.enum(['gather', 'reshard']).default('gather'),
  /** Asynchrony: 0 = on-policy and synchronous; k ≥ 1 = rollouts may lag the trained policy by k steps. */
  asyncSteps: z.number().int('rl.asyncSteps must be a whole number').min(0).max(64).default(0),
});
export type RlSettings = z.infer<typeof RlSettings>;

export const InferencePlan = z.object({ ...base, kind: z.literal('inference'), inference: InferenceSettings });
export const TrainingPlan = z.object({ ...base, kind: z.literal('training'), training: TrainingSettings });
export const RlPlan = z.object({ ...base, kind: z.literal('rl'), rl: RlSettings });
export const Plan = z.discriminatedUnion('kind', [InferencePlan, TrainingPlan, RlPlan]);
export type InferencePlan = z.infer<typeof InferencePlan>;
export type TrainingPlan = z.infer<typeof TrainingPlan>;
export type RlPlan = z.infer<typeof RlPlan>;
export type Plan = z.infer<typeof Plan>;
export type PlanInput = z.input<typeof Plan>;
