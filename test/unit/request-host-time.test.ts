/**
 * A request's host time outside the GPU's iterations: the fixed per-request overhead and the
 * tokenization of its text prompt, 1.94 µs per token (scheduler.ts TOKENIZE_S_PER_TOKEN, measured:
 * registry cpu-gpu-codesign-tokenizer; docs/calibration.md). It adds to every
 * served TTFT — the closed-loop benchmark, a burst, and the load model at an arrival rate (which
 * left the per-request time out before) — and image placeholders are not tokenized.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { resolvePlan } from '../../shared/plan/context';
import type { InferencePlan } from '../../shared/schema/plan';
import { TOKENIZE_S_PER_TOKEN } from '../../shared/serving/scheduler';
import { evaluateServing } from '../../shared/serving/evaluate';
import { servedPlan } from './fixtures/plans';

const catalog = engineCatalog();

type Host = { requestOverheadS?: number; tokenizeSPerToken?: number };

function plan(promptTokens: number, host: Host, extra: Partial<InferencePlan['inference']['workload']> = {}) {
  return servedPlan({
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h100',
    devices: 1,
    precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
    workload: { promptTokens, outputTokens: 64, concurrentRequests: 1, ...extra },
    serving: { stack: { name: 'vllm', version: null }, scheduler: host },
  });
}

const served = (p: InferencePlan) => evaluateServing(p, resolvePlan(p, catalog), { explain: false });

describe('host time per request', () => {
  it('a closed loop of one client pays 1.94 µs per prompt token to tokenize (32,000 tokens: 62 ms)', () => {
    const withTok = served(plan(32_000, {})).benchmark!.closed.ttftS.mean;
    const without = served(plan(32_000, { tokenizeSPerToken: 0 })).benchmark!.closed.ttftS.mean;
    expect(withTok - without).toBeCloseTo(32_000 * TOKENIZE_S_PER_TOKEN, 9);
    expect(TOKENIZE_S_PER_TOKEN).toBe(1.94e-6);
  });

  it('a plan sets its own rate; the burst pays it too', () => {
    const a = served(plan(10_000, { tokenizeSPerToken: 1e-5 }));
    const b = served(plan(10_000, { tokenizeSPerToken: 0 }));
    expect(a.benchmark!.closed.ttftS.mean - b.benchmark!.closed.ttftS.mean).toBeCloseTo(0.1, 9);
    expect(a.benchmark!.burst.ttftS.mean - b.benchmark!.burst.ttftS.mean).toBeCloseTo(0.1, 9);
  });

  it('TTFT under load at an arrival rate adds the per-request time and the tokenization (the load model left both out)', () => {
    const load = { arrivalRatePerSecond: 0.5 };
    const slow = served(plan(4_000, { requestOverheadS: 0.5, tokenizeSPerToken: 1e-5 }, load)).underLoad!;
    const none = served(plan(4_000, { requestOverheadS: 0, tokenizeSPerToken: 0 }, load)).underLoad!;
    expect(slow.ttftMeanS - none.ttftMeanS).toBeCloseTo(0.5 + 4_000 * 1e-5, 9);
    expect(slow.tpotS).toBeCloseTo(none.tpotS, 12);
  });

  it('image tokens join the prompt but are not tokenized on the host', () => {
    const vl = (rate: number) => {
      const p = plan(27, { tokenizeSPerToken: rate }, { images: { perRequest: 1, widthPx: 1920, heightPx: 1080 } });
      return served({ ...p, modelId: 'qwen2.5-vl-7b' }).benchmark!.closed.ttftS.mean;
    };
    expect(vl(1e-3) - vl(0)).toBeCloseTo(27 * 1e-3, 9);
  });
});
