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
 * - requestOverheadS: fixed time per request outside the iterations: HTTP, the scheduler's
 *   admission and detokenization of the first token (fitted on the fit cases, docs/validation.md).
 * - tokenizeSPerToken: host time to tokenize one token of the request's text prompt before the
 *   engine sees it (measured, TOKENIZE_S_PER_TOKEN); image placeholders are not tokenized.
 * Sources: vLLM SchedulerConfig (docs.vllm.ai, vllm.config.scheduler), TensorRT-LLM "Tuning Max
 * Batch Size and Max Num Tokens" and "Paged Attention, IFB, and Request Scheduling", SGLang server
 * arguments (chunked_prefill_size, enable_mixed_chunk).
 * STACK_SCHEDULERS are each stack's defaults on an 80 GB-class GPU with today's releases; the defaults
 * a plan runs, which depend on the release, the model and the device, are stack-defaults.ts's.
 */
import type { InferenceSettings } from '../schema/plan';
import type { Citation } from '../source';

export type SchedulerPolicyName = 'mixed' | 'prefill-first';

/**
 * Fitted by scripts/fit-stacks.ts on the fit TTFT cases of all stacks pooled (9 cases): 2 ms. Refitted on
 * the 8 fit TTFT cases whose stack release is measured on their device: flat from 0 to 5 ms (38.9–39.4%),
 * so it stays (docs/validation.md).
 */
export const REQUEST_OVERHEAD_S = 0.002;

/**
 * Seconds to tokenize one prompt token on the serving host: 1.94 µs, the median over the eight prompt sizes
 * (679–101,615 tokens, 1.73–2.17 µs each) of the tokenizer benchmark in "CPU-GPU Co-Design for Agentic LLM
 * Inference" (transformers AutoTokenizer.encode on one core, as vLLM's API server calls it; registry id
 * cpu-gpu-codesign-tokenizer). This project's run of the tokenizers library with Qwen3's tokenizer on one Xeon
 * core gave 1.2–2.2 µs (calibration/tokenizer_rate.mjs, docs/calibration.md). Measured, not fitted.
 */
export const TOKENIZE_S_PER_TOKEN = 1.94e-6;

/** Where a scheduler's host time per request comes from (the end of every stack's `source`). */
export const HOST_TIME_SOURCE = `per-request time fitted on the fit cases (${(REQUEST_OVERHEAD_S * 1e3).toFixed(0)} ms), tokenization ${(TOKENIZE_S_PER_TOKEN * 1e6).toFixed(2)} µs per prompt token measured (cpu-gpu-codesign-tokenizer)`;

/** The document behind TOKENIZE_S_PER_TOKEN (the Sources page lists it under this module). */
export const TOKENIZE_SOURCES: readonly Citation[] = [
  {
    doc: 'cpu-gpu-codesign-tokenizer',
    at: 'Phase 2.1, tokenizer CPU benchmark: encode 1.18 ms for 679 tokens … 220.38 ms for 101,615 (about 500k tokens/s)',
  },
];

export interface Scheduler {
  maxBatchedTokens: number;
  policy: SchedulerPolicyName;
  chunkedPrefill: boolean;
  maxRunning: number | null;
  requestOverheadS: number;
  tokenizeSPerToken: number;
  source: string;
}

/** Host time of one request outside the iterations: the fixed part and the tokenization of its text prompt. */
export const requestHostS = (
  s: Pick<Scheduler, 'requestOverheadS' | 'tokenizeSPerToken'>,
  textTokens: number,
): number => s.requestOverheadS + s.tokenizeSPerToken * Math.max(0, textTokens);

export const STACK_SCHEDULERS: Record<InferenceSettings['serving']['stack']['name'], Scheduler> = {
  generic: {
    maxBatchedTokens: 8192,
    policy: 'mixed',
    chunkedPrefill: true,
    maxRunning: null,
    requestOverheadS: REQUEST_OVERHEAD_S,
    tokenizeSPerToken: TOKENIZE_S_PER_TOKEN,
    source: `generic: a chunked-prefill scheduler with an 8,192-token budget (the stacks' common default); ${HOST_TIME_SOURCE}`,
  },
  trtllm: {
    maxBatchedTokens: 8192,
    policy: 'mixed',
    chunkedPrefill: false,
    maxRunning: null,
    requestOverheadS: REQUEST_OVERHEAD_S,
    tokenizeSPerToken: TOKENIZE_S_PER_TOKEN,
    source: `TensorRT-LLM in-flight batching, max_num_tokens 8,192 (trtllm-ifb-scheduler); prompts whole, chunked context off unless enable_chunked_prefill is set (trtllm-long-sequences); ${HOST_TIME_SOURCE}`,
  },
  sglang: {
    maxBatchedTokens: 8192,
    policy: 'prefill-first',
    chunkedPrefill: true,
    maxRunning: null,
    requestOverheadS: REQUEST_OVERHEAD_S,
    tokenizeSPerToken: TOKENIZE_S_PER_TOKEN,
    source: `SGLang: prefill batches ahead of decode, chunked_prefill_size 8,192 on 60–160 GB GPUs (sglang-server-args); ${HOST_TIME_SOURCE}`,
  },
  vllm: {
    maxBatchedTokens: 8192,
    policy: 'mixed',
    chunkedPrefill: true,
    maxRunning: 1024,
    requestOverheadS: REQUEST_OVERHEAD_S,
    tokenizeSPerToken: TOKENIZE_S_PER_TOKEN,
    source: `vLLM V1: decode first, then prompt chunks in max_num_batched_tokens 8,192, at most 1,024 sequences, for the OpenAI server on GPUs of 70 GiB or more other than the A100 (vllm-batch-defaults); ${HOST_TIME_SOURCE}`,
  },
};
