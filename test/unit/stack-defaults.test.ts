/**
 * The scheduler defaults a served plan runs (shared/serving/stack-defaults.ts). vLLM V1 and SGLang
 * size theirs by the device (vllm-batch-defaults, sglang-server-args); before, every device had the
 * 80 GB-class defaults. vLLM before 0.8 ran its V0 engine (vllm-v1-default), whose scheduler the served loop now follows
 * (shared/serving/scheduler.ts): without chunked prefill, waiting prompts first and whole, up to
 * max(max_model_len, 2,048) tokens an iteration (vllm-v0-prefill-priority, vllm-v0-scheduler-config);
 * chunked prefill on by default for contexts over 32K (vllm-v0-long-context-chunked), forced off for
 * MLA models (vllm-v0-mla-no-chunked). Before, every vLLM release was timed with V1's scheduler.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { resolvePlan } from '../../shared/plan/context';
import { servedPlan } from './fixtures/plans';
import { evaluateServing } from '../../shared/serving/evaluate';

const catalog = engineCatalog();

function served(modelId: string, systemId: string, devices: number, version: string, C: number) {
  const plan = servedPlan({
    modelId,
    systemId,
    devices,
    precision: { weights: 'fp8', compute: 'fp8', kvCache: 'bf16' },
    workload: { promptTokens: 3200, outputTokens: 200, concurrentRequests: C, benchmarkRequests: 4 * C },
    serving: { stack: { name: 'vllm', version } },
  });
  return evaluateServing(plan, resolvePlan(plan, catalog), { explain: false }).benchmark!;
}

describe('vLLM V0 (before 0.8): its own scheduler defaults', () => {
  it('an MLA model on MI300X (ROCm): prompts first and whole, up to the model’s context per iteration', () => {
    const s = served('deepseek-v3', 'mi300x-8', 8, '0.7.3', 4).scheduler;
    expect(s.policy).toBe('prefill-first');
    expect(s.chunkedPrefill).toBe(false);
    expect(s.maxBatchedTokens).toBe(163_840);
  });

  it('a long-context model without MLA: chunked prefill on, decodes first, 2,048 tokens', () => {
    const s = served('llama-3.1-8b', 'hgx-h100', 1, '0.6.6', 4).scheduler;
    expect([s.policy, s.chunkedPrefill, s.maxBatchedTokens]).toEqual(['mixed', true, 2048]);
  });

  it('0.8.0 and later: V1’s defaults', () => {
    const s = served('deepseek-v3', 'mi300x-8', 8, '0.8.0', 4).scheduler;
    expect([s.policy, s.chunkedPrefill, s.maxBatchedTokens]).toEqual(['mixed', true, 8192]);
  });

  it('prompts first keep a closed loop’s waves whole: TTFT grows with the clients as a burst’s does', () => {
    // Four times the clients: V0 prefills each wave in one iteration before any decoding (its budget
    // holds all 16 prompts), so its mean TTFT grows about as the wave does, far more than V1's.
    const growth = (version: string) =>
      served('deepseek-v3', 'mi300x-8', 8, version, 16).closed.ttftS.mean /
      served('deepseek-v3', 'mi300x-8', 8, version, 4).closed.ttftS.mean;
    const v0 = growth('0.7.3');
    expect(v0).toBeGreaterThan(3);
    expect(v0).toBeGreaterThan(1.5 * growth('0.8.0'));
  });
});

describe('defaults sized by the device', () => {
  it('vLLM on an RTX 4090: 2,048 tokens per iteration and 256 sequences; on an H100: 8,192 and 1,024', () => {
    const small = served('llama-3.1-8b', 'consumer-4090-box', 1, '0.11.0', 4).scheduler;
    expect([small.maxBatchedTokens, small.maxRunning]).toEqual([2048, 256]);
    const large = served('llama-3.1-8b', 'hgx-h100', 1, '0.11.0', 4).scheduler;
    expect([large.maxBatchedTokens, large.maxRunning]).toEqual([8192, 1024]);
  });
});
