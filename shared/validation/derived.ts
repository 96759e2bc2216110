/**
 * Metrics the validation runner derives from the engine's inference result, for benchmarks whose
 * published number is not one of the result's fields.
 *
 * Offline max-throughput (MLPerf Offline, `trtllm-bench throughput`, vLLM `benchmark_throughput`):
 * every request is queued at once and the engine keeps as many sequences in flight as its batch
 * limit and KV memory allow. Modelled as a decode-dominated steady state at batch
 * n = min(stated batch limit, largest batch that fits) with each request's prefill sharing the
 * same devices (aggregated serving):
 *   output tok/s = O ÷ (P_c ÷ R_prefill + O ÷ R_decode(n)),
 * O the output length, P_c the computed prompt tokens (prompt × (1 − prefix hit rate)), R_prefill
 * the deployment's prefill tokens/s (chunks of ≥ 8,192 tokens per replica) and R_decode(n) its
 * decode output tokens/s at batch n (context = prompt + output ÷ 2). Each request costs the
 * deployment P_c ÷ R_prefill seconds of prefill and O ÷ R_decode seconds of decode; the sum is the
 * deployment time per request, so requests/s = 1 ÷ that sum. With disaggregated pools prefill and
 * decode run side by side: output tok/s = min(R_decode(n), R_prefill × O ÷ P_c).
 * Not modelled: piggybacking of prefill chunks on memory-bound decode steps (chunked prefill in
 * one batch), which makes real offline runs somewhat faster than this serial sharing.
 *
 * Single prompt (llama.cpp `llama-bench -p N`): prompt tokens ÷ TTFT of one prompt on an idle
 * system.
 */
import type { InferenceResult } from '../inference/evaluate';
import type { InferencePlan } from '../schema/plan';

export function offlineOutputTokensPerSecond(r: InferenceResult, plan: InferencePlan): number {
  const w = plan.inference.workload;
  const O = w.outputTokens;
  const Pc = w.promptTokens * (1 - w.prefixCacheHitRate);
  const Rdec = r.outputTokensPerSecond;
  const Rpre = r.prefillTokensPerSecond;
  if (plan.inference.serving.disaggregation) return Math.min(Rdec, (Rpre * O) / Math.max(Pc, 1e-9));
  return O / (Pc / Rpre + O / Rdec);
}

export function singlePromptTokensPerSecond(r: InferenceResult, plan: InferencePlan): number {
  return plan.inference.workload.promptTokens / r.ttftS;
}
