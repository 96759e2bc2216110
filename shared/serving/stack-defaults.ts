/**
 * The scheduler a plan runs: its stack's defaults for its release, its model and its device, with the
 * plan's own settings over them (scheduler.ts describes the fields).
 *
 * - vLLM V1 (0.8 and later: vllm-v1-default) sizes its OpenAI server's defaults by the device
 *   (vllm-batch-defaults, EngineArgs.get_batch_defaults): 8,192 tokens per iteration and 1,024
 *   sequences on a GPU of 70 GiB or more other than the A100; 2,048 and 256 otherwise.
 * - vLLM before 0.8 ran the V0 engine, whose scheduler is another: without chunked prefill it
 *   prefills waiting prompts first and does not batch them with decoding (vllm-v0-prefill-priority),
 *   whole, up to max(max_model_len, 2,048) tokens an iteration; with chunked prefill it decodes first
 *   and fills 2,048 tokens with prompt chunks (vllm-v0-scheduler-config). Chunked prefill was on by
 *   default only for models of more than 32K tokens of context (vllm-v0-long-context-chunked), not
 *   multimodal ones, and forced off for MLA models (vllm-v0-mla-no-chunked: from 0.7.1 everywhere;
 *   from the 0.7.4 development builds only on platforms other than CUDA). max_model_len is taken as
 *   the model's context length.
 * - SGLang sizes chunked_prefill_size by the GPU's memory (sglang-server-args): 2,048 tokens below
 *   35 GiB, 4,096 below 60 GiB, 8,192 below 160 GiB, 16,384 above (B200, MI300X); 4,096 when the
 *   memory is not known.
 * - TensorRT-LLM and the generic stack: STACK_SCHEDULERS as they are.
 */
import { compareVersions } from '../kernels/version';
import type { Catalog } from '../schema/catalog';
import type { Accelerator } from '../schema/hardware';
import type { ModelArchitecture } from '../schema/model';
import type { InferenceSettings, ServingStack } from '../schema/plan';
import type { Citation } from '../source';
import {
  HOST_TIME_SOURCE,
  REQUEST_OVERHEAD_S,
  STACK_SCHEDULERS,
  TOKENIZE_S_PER_TOKEN,
  type Scheduler,
} from './scheduler';

/** Documents behind the defaults above (the Sources page lists them under this module). */
export const STACK_DEFAULT_SOURCES: readonly Citation[] = [
  { doc: 'vllm-v1-default', at: 'V1 is enabled by default from 0.8.0; releases before it ran the V0 engine' },
  {
    doc: 'vllm-batch-defaults',
    at: 'get_batch_defaults: OpenAI server 8192 tokens and 1024 sequences at ≥ 70 GiB except the A100, else 2048 and 256',
  },
  {
    doc: 'vllm-v0-prefill-priority',
    at: 'the V0 scheduler prioritizes prefills and does not batch them with decodes; with chunked prefill it prioritizes decodes',
  },
  {
    doc: 'vllm-v0-scheduler-config',
    at: 'SchedulerConfig.__post_init__: max_num_batched_tokens 2048 with chunked prefill, else max(max_model_len, 2048)',
  },
  { doc: 'vllm-v0-long-context-chunked', at: 'chunked prefill on by default for models with more than 32K context' },
  { doc: 'vllm-v0-mla-no-chunked', at: 'MLA models: chunked prefill forced off (from 0.7.1)' },
  { doc: 'sglang-server-args', at: 'chunked_prefill_size by GPU memory: 2048 / 4096 / 8192 / 16384' },
  { doc: 'trtllm-ifb-scheduler', at: 'max num tokens and max batch size bound each in-flight-batching iteration' },
  {
    doc: 'trtllm-long-sequences',
    at: 'Chunked Context: enabled only by enable_chunked_prefill=True in the LLM API (TensorRT-LLM prefills prompts whole by default)',
  },
];

/** What of the model and the device a stack's defaults depend on. */
export interface SchedulerTarget {
  maxContextTokens: number;
  mla: boolean;
  multimodal: boolean;
  /** The device runs CUDA (an NVIDIA accelerator). */
  cuda: boolean;
  /** The device's memory (bytes), null when its preset does not give it. */
  memoryBytes: number | null;
  /** vLLM keeps its smaller defaults on the A100 whatever its memory. */
  a100: boolean;
}

export const schedulerTargetOf = (m: ModelArchitecture, acc: Accelerator): SchedulerTarget => ({
  maxContextTokens: m.maxContextTokens,
  mla: m.attention.type === 'mla',
  multimodal: m.vision !== undefined,
  cuda: acc.vendor === 'NVIDIA',
  memoryBytes: acc.memoryBytes.value ?? null,
  a100: /a100/i.test(acc.name),
});

/** The target of a stored plan's model and system, looked up in the catalog (null when either is missing). */
export function schedulerTargetFor(catalog: Catalog, modelId: string, systemId: string): SchedulerTarget | null {
  const m = catalog.models.find((x) => x.id === modelId);
  const sys = catalog.systems.find((x) => x.id === systemId);
  const acc = sys && catalog.accelerators.find((x) => x.id === sys.acceleratorId);
  return m && acc ? schedulerTargetOf(m, acc) : null;
}

const GIB = 2 ** 30;

/** Whether a vLLM release ran the V0 engine by default (before 0.8.0). */
export const isVllmV0 = (stack: ServingStack): boolean =>
  stack.name === 'vllm' && stack.version !== null && compareVersions(stack.version, '0.8.0') < 0;

/** Whether a V0 release forced chunked prefill off for an MLA model on this platform (vllm-v0-mla-no-chunked). */
const mlaWithoutChunking = (version: string, t: SchedulerTarget): boolean =>
  t.mla && (!t.cuda || compareVersions(version, '0.7.4.dev0') < 0);

/** vLLM V0's defaults for a model (the rules in the header); a model not known is taken as short-context. */
function vllmV0(version: string, t: SchedulerTarget | null): Scheduler {
  const context = t?.maxContextTokens ?? 0;
  const chunked = t !== null && context > 32_768 && !t.multimodal && !mlaWithoutChunking(version, t);
  const common = { maxRunning: null, requestOverheadS: REQUEST_OVERHEAD_S, tokenizeSPerToken: TOKENIZE_S_PER_TOKEN };
  if (chunked)
    return {
      ...common,
      maxBatchedTokens: 2048,
      policy: 'mixed',
      chunkedPrefill: true,
      source: `vLLM V0 (before 0.8): chunked prefill on for a ${context.toLocaleString('en-US')}-token context, decodes first, 2,048 tokens per iteration (vllm-v0-long-context-chunked, vllm-v0-scheduler-config); ${HOST_TIME_SOURCE}`,
    };
  const budget = Math.max(context, 2048);
  return {
    ...common,
    maxBatchedTokens: budget,
    policy: 'prefill-first',
    chunkedPrefill: false,
    source: `vLLM V0 (before 0.8): chunked prefill off${t?.mla && context > 32_768 ? ' (MLA)' : ''}, waiting prompts prefilled first and whole, up to the model's context (${budget.toLocaleString('en-US')} tokens) per iteration (vllm-v0-prefill-priority, vllm-v0-scheduler-config); ${HOST_TIME_SOURCE}`,
  };
}

/** vLLM V1's OpenAI-server defaults on the target's device (vllm-batch-defaults). */
function vllmV1(t: SchedulerTarget | null): Scheduler {
  const base = STACK_SCHEDULERS.vllm;
  if (!t || ((t.memoryBytes ?? 0) >= 70 * GIB && !t.a100)) return base;
  return {
    ...base,
    maxBatchedTokens: 2048,
    maxRunning: 256,
    source: `vLLM V1: decode first, then prompt chunks in max_num_batched_tokens 2,048, at most 256 sequences, for the OpenAI server on GPUs under 70 GiB and the A100 (vllm-batch-defaults); ${HOST_TIME_SOURCE}`,
  };
}

/** SGLang's chunked_prefill_size for the target's GPU memory (sglang-server-args). */
function sglang(t: SchedulerTarget | null): Scheduler {
  const base = STACK_SCHEDULERS.sglang;
  if (!t) return base;
  const gib = t.memoryBytes === null ? null : t.memoryBytes / GIB;
  const size = gib === null ? 4096 : gib < 35 ? 2048 : gib < 60 ? 4096 : gib < 160 ? 8192 : 16384;
  if (size === base.maxBatchedTokens) return base;
  const memory = gib === null ? 'memory not known' : `${gib.toFixed(0)} GiB`;
  return {
    ...base,
    maxBatchedTokens: size,
    source: `SGLang: prefill batches ahead of decode, chunked_prefill_size ${size.toLocaleString('en-US')} on this GPU (${memory}; sglang-server-args); ${HOST_TIME_SOURCE}`,
  };
}

/** A stack's default scheduler for its release and, where the defaults depend on them, the model and device. */
export function stackScheduler(stack: ServingStack, t: SchedulerTarget | null): Scheduler {
  if (stack.name === 'vllm') return isVllmV0(stack) ? vllmV0(stack.version!, t) : vllmV1(t);
  if (stack.name === 'sglang') return sglang(t);
  return STACK_SCHEDULERS[stack.name];
}

/**
 * A plan's host time per request outside the iterations: its scheduler's overrides, else its stack's
 * (the same constants for every stack and release, scheduler.ts).
 */
export function requestHostOf(s: InferenceSettings): Pick<Scheduler, 'requestOverheadS' | 'tokenizeSPerToken'> {
  const base = STACK_SCHEDULERS[s.serving.stack.name];
  const o = s.serving.scheduler;
  return {
    requestOverheadS: o?.requestOverheadS ?? base.requestOverheadS,
    tokenizeSPerToken: o?.tokenizeSPerToken ?? base.tokenizeSPerToken,
  };
}

/** The scheduler a plan runs: its stack's defaults (for its release, model and device) with the plan's overrides. */
export function schedulerOf(s: InferenceSettings, t: SchedulerTarget | null): Scheduler {
  const base = stackScheduler(s.serving.stack, t);
  const o = s.serving.scheduler;
  if (!o) return base;
  return {
    maxBatchedTokens: o.maxBatchedTokens ?? base.maxBatchedTokens,
    policy: o.policy ?? base.policy,
    chunkedPrefill: o.chunkedPrefill ?? base.chunkedPrefill,
    maxRunning: o.maxRunningRequests ?? base.maxRunning,
    requestOverheadS: o.requestOverheadS ?? base.requestOverheadS,
    tokenizeSPerToken: o.tokenizeSPerToken ?? base.tokenizeSPerToken,
    source: `${base.source}; plan overrides: ${Object.keys(o).join(', ')}`,
  };
}
