/**
 * How a serving stack schedules one replica's iterations, as the plan sets it or the stack's
 * defaults (serving.scheduler overrides each field):
 * - maxBatchedTokens: the tokens one iteration may process, decode tokens included (vLLM
 *   max_num_batched_tokens, TensorRT-LLM max_num_tokens, SGLang chunked_prefill_size); a prompt
 *   longer than what is left is prefilled in chunks over several iterations.
 * - policy 'mixed': each iteration runs every decoding sequence and fills the rest of the budget
 *   with prompt chunks, first come first served (vLLM V1's scheduler, TensorRT-LLM's in-flight
 *   batching); 'prefill-first': while prompts wait, an iteration prefills them and decoding
 *   sequences wait (SGLang's default without --enable-mixed-chunk).
 * - chunkedPrefill: whether a prompt longer than what is left of the budget is split over
 *   iterations (vLLM V1 always; SGLang's chunked_prefill_size) or waits, whole, for an iteration
 *   with room (TensorRT-LLM unless enable_chunked_prefill is set: its "Long Sequences" guide,
 *   registry id trtllm-long-sequences). Without chunking a prompt longer than the whole budget
 *   runs alone in one iteration.
 * - maxRunning: sequences that may decode at once (max_num_seqs / max_batch_size / max running
 *   requests); null = as many as the KV cache holds. Requests beyond it queue; so do requests the
 *   KV cache cannot hold — a closed loop at concurrency C above what memory holds is evaluated as
 *   engines run it (queueing beyond the running batch), and the result says so.
 * - requestOverheadS: fixed time per request outside the iterations: HTTP, tokenization, the
 *   scheduler's admission and detokenization of the first token (fitted per stack on the fit
 *   cases, docs/validation.md).
 * Sources: vLLM SchedulerConfig (docs.vllm.ai, vllm.config.scheduler), TensorRT-LLM "Tuning Max
 * Batch Size and Max Num Tokens" and "Paged Attention, IFB, and Request Scheduling", SGLang server
 * arguments (chunked_prefill_size, enable_mixed_chunk), registry ids vllm-scheduler-config,
 * trtllm-ifb-scheduler, sglang-server-args.
 *
 * vLLM before 0.8 ran its V0 engine (V1 became the default in 0.8.0: vllm-v1-default), whose
 * scheduler is another: without chunked prefill it prefills waiting prompts first and does not
 * batch them with decoding (vllm-v0-prefill-priority), whole, up to max(max_model_len, 2,048) tokens
 * an iteration; with chunked prefill it decodes first and fills 2,048 tokens with prompt chunks
 * (vllm-v0-scheduler-config). Chunked prefill was on by default only for models of more than 32K
 * tokens of context (vllm-v0-long-context-chunked), not multimodal ones, and forced off for MLA
 * models (vllm-v0-mla-no-chunked: from 0.7.1 everywhere; from the 0.7.4 development builds only on
 * platforms other than CUDA). max_model_len is taken as the model's context length.
 */
import { compareVersions } from '../kernels/version';
import type { Catalog } from '../schema/catalog';
import type { ModelArchitecture } from '../schema/model';
import type { InferenceSettings, ServingStack } from '../schema/plan';
import type { Citation } from '../source';

/** Documents behind the stacks' scheduler defaults (the Sources page lists them under this module). */
export const SCHEDULER_SOURCES: readonly Citation[] = [
  {
    doc: 'trtllm-long-sequences',
    at: 'Chunked Context: enabled only by enable_chunked_prefill=True in the LLM API (TensorRT-LLM prefills prompts whole by default)',
  },
  {
    doc: 'vllm-bench-serve-cli',
    at: '--num-prompts: default 1000 (the closed-loop benchmark’s requests when a plan gives none)',
  },
  { doc: 'vllm-v1-default', at: 'V1 is enabled by default from 0.8.0; releases before it ran the V0 engine' },
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
];

export type SchedulerPolicyName = 'mixed' | 'prefill-first';

/** Fitted by scripts/fit-stacks.ts on the fit TTFT cases of all stacks pooled (9 cases): 2 ms. */
const REQUEST_OVERHEAD_S = 0.002;

export interface Scheduler {
  maxBatchedTokens: number;
  policy: SchedulerPolicyName;
  chunkedPrefill: boolean;
  maxRunning: number | null;
  requestOverheadS: number;
  source: string;
}

export const STACK_SCHEDULERS: Record<InferenceSettings['serving']['stack']['name'], Scheduler> = {
  generic: {
    maxBatchedTokens: 8192,
    policy: 'mixed',
    chunkedPrefill: true,
    maxRunning: null,
    requestOverheadS: REQUEST_OVERHEAD_S,
    source:
      "generic: a chunked-prefill scheduler with an 8,192-token budget (the stacks' common default); 2 ms per request fitted on the fit cases",
  },
  trtllm: {
    maxBatchedTokens: 8192,
    policy: 'mixed',
    chunkedPrefill: false,
    maxRunning: null,
    requestOverheadS: REQUEST_OVERHEAD_S,
    source:
      'TensorRT-LLM in-flight batching, max_num_tokens 8,192 (trtllm-ifb-scheduler); prompts whole, chunked context off unless enable_chunked_prefill is set (trtllm-long-sequences); per-request time fitted on the fit cases',
  },
  sglang: {
    maxBatchedTokens: 8192,
    policy: 'prefill-first',
    chunkedPrefill: true,
    maxRunning: null,
    requestOverheadS: REQUEST_OVERHEAD_S,
    source:
      'SGLang: prefill batches ahead of decode, chunked_prefill_size 8,192 on 80 GB-class GPUs (sglang-server-args); per-request time fitted on the fit cases',
  },
  vllm: {
    maxBatchedTokens: 8192,
    policy: 'mixed',
    chunkedPrefill: true,
    maxRunning: null,
    requestOverheadS: REQUEST_OVERHEAD_S,
    source:
      'vLLM V1: decode first, then prompt chunks in max_num_batched_tokens 8,192 for the OpenAI server on large GPUs (vllm-scheduler-config); per-request time fitted on the fit cases',
  },
};

/** What of the model and device a stack's defaults depend on (vLLM V0's chunked-prefill rule and token budget). */
export interface SchedulerModel {
  maxContextTokens: number;
  mla: boolean;
  multimodal: boolean;
  /** The device runs CUDA (an NVIDIA accelerator). */
  cuda: boolean;
}

export const schedulerModelOf = (m: ModelArchitecture, vendor: string): SchedulerModel => ({
  maxContextTokens: m.maxContextTokens,
  mla: m.attention.type === 'mla',
  multimodal: m.vision !== undefined,
  cuda: vendor === 'NVIDIA',
});

/** The traits above for a stored plan's model and system, looked up in the catalog (null when either is missing). */
export function schedulerModelFor(catalog: Catalog, modelId: string, systemId: string): SchedulerModel | null {
  const m = catalog.models.find((x) => x.id === modelId);
  const sys = catalog.systems.find((x) => x.id === systemId);
  const acc = sys && catalog.accelerators.find((x) => x.id === sys.acceleratorId);
  return m && acc ? schedulerModelOf(m, acc.vendor) : null;
}

/** Whether a vLLM release ran the V0 engine by default (before 0.8.0). */
export const isVllmV0 = (stack: ServingStack): boolean =>
  stack.name === 'vllm' && stack.version !== null && compareVersions(stack.version, '0.8.0') < 0;

/** Whether a V0 release forced chunked prefill off for an MLA model on this platform (vllm-v0-mla-no-chunked). */
const mlaWithoutChunking = (version: string, m: SchedulerModel): boolean =>
  m.mla && (!m.cuda || compareVersions(version, '0.7.4.dev0') < 0);

/** vLLM V0's defaults for a model (the rules in the header); a model not known is taken as short-context. */
function vllmV0Scheduler(version: string, m: SchedulerModel | null): Scheduler {
  const context = m?.maxContextTokens ?? 0;
  const chunked = m !== null && context > 32_768 && !m.multimodal && !mlaWithoutChunking(version, m);
  const common = { maxRunning: null, requestOverheadS: REQUEST_OVERHEAD_S };
  return chunked
    ? {
        ...common,
        maxBatchedTokens: 2048,
        policy: 'mixed',
        chunkedPrefill: true,
        source: `vLLM V0 (before 0.8): chunked prefill on for a ${context.toLocaleString('en-US')}-token context, decodes first, 2,048 tokens per iteration (vllm-v0-long-context-chunked, vllm-v0-scheduler-config); per-request time fitted on the fit cases`,
      }
    : {
        ...common,
        maxBatchedTokens: Math.max(context, 2048),
        policy: 'prefill-first',
        chunkedPrefill: false,
        source: `vLLM V0 (before 0.8): chunked prefill off${m?.mla && context > 32_768 ? ' (MLA)' : ''}, waiting prompts prefilled first and whole, up to the model's context (${Math.max(context, 2048).toLocaleString('en-US')} tokens) per iteration (vllm-v0-prefill-priority, vllm-v0-scheduler-config); per-request time fitted on the fit cases`,
      };
}

/** A stack's default scheduler for its release and, where the defaults depend on it, the model. */
export function stackScheduler(stack: ServingStack, model: SchedulerModel | null): Scheduler {
  return isVllmV0(stack) ? vllmV0Scheduler(stack.version!, model) : STACK_SCHEDULERS[stack.name];
}

/** The scheduler a plan runs: its stack's defaults (for its release and model) with the plan's overrides. */
export function schedulerOf(s: InferenceSettings, model: SchedulerModel | null): Scheduler {
  const base = stackScheduler(s.serving.stack, model);
  const o = s.serving.scheduler;
  if (!o) return base;
  return {
    maxBatchedTokens: o.maxBatchedTokens ?? base.maxBatchedTokens,
    policy: o.policy ?? base.policy,
    chunkedPrefill: o.chunkedPrefill ?? base.chunkedPrefill,
    maxRunning: o.maxRunningRequests ?? base.maxRunning,
    requestOverheadS: o.requestOverheadS ?? base.requestOverheadS,
    source: `${base.source}; plan overrides: ${Object.keys(o).join(', ')}`,
  };
}
