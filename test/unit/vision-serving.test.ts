// A vision-language model's image tokens join every prompt wherever prompts are timed: one prompt,
// the load at the arrival rate, the served benchmark, and the sizing search (whose spec now takes
// images per request). At a trickle of requests nothing queues, so the time to first token under
// load is one prompt's, images included (the load model and the benchmark timed the text alone).
import { describe, expect, it } from 'vitest';
import { findPlan, presetCatalog } from '../../presets/load';
import { resolvePlan } from '../../shared/plan/context';
import type { InferencePlan } from '../../shared/schema/plan';
import { parseSizingSpec, type SizingSpecInput } from '../../shared/schema/sizing';
import { evaluateServing } from '../../shared/serving/evaluate';
import { prepareSearch } from '../../shared/sizing/search-context';
import { planOf, runPrepared } from '../../shared/sizing/run';

const catalog = presetCatalog();
const IMAGE = { perRequest: 1, widthPx: 1920, heightPx: 1080 };

function vlPlan(images: boolean): InferencePlan {
  const p = structuredClone(findPlan('llama-3.1-8b-h100')) as InferencePlan;
  p.modelId = 'qwen2.5-vl-7b';
  p.inference.workload = {
    ...p.inference.workload,
    promptTokens: 100,
    outputTokens: 200,
    concurrentRequests: 1,
    arrivalRatePerSecond: 0.01,
    ...(images ? { images: IMAGE } : {}),
  };
  return p;
}

describe("a vision-language model's images in served numbers", () => {
  it('under load at a trickle, TTFT is one prompt’s with its image tokens; the closed loop at concurrency 1 too', () => {
    const p = vlPlan(true);
    const r = evaluateServing(p, resolvePlan(p, catalog));
    expect(r.underLoad!.ttftS.p50 / r.ttftS).toBeGreaterThan(0.95);
    expect(r.benchmark!.closed.ttftS.p50).toBeGreaterThan(r.ttftS * 0.95);
    const text = evaluateServing(vlPlan(false), resolvePlan(vlPlan(false), catalog));
    expect(r.ttftS).toBeGreaterThan(text.ttftS * 3);
  });

  it('the sizing search prices the images and writes them into the plan it answers with', () => {
    const input = (images: boolean): SizingSpecInput => ({
      schemaVersion: 1,
      kind: 'cluster-planner-sizing-spec',
      id: 'vl',
      name: 'VLM chat',
      modelId: 'qwen2.5-vl-7b',
      workload: {
        load: { mode: 'arrival-rate', requestsPerSecond: 2 },
        prompt: { mean: 100 },
        output: { mean: 200 },
        ...(images ? { images: IMAGE } : {}),
      },
      slo: { ttftMs: 5000, ttftPercentile: 'p90', tpotMs: 60 },
      constraints: {
        systems: ['hgx-h100'],
        maxDevices: 8,
        precisions: { weights: ['bf16'], compute: ['bf16'], kvCache: ['bf16'] },
        strategies: {
          tp: true,
          pp: false,
          ep: false,
          dpAttention: false,
          disaggregation: false,
          speculative: false,
          kvOffload: false,
        },
      },
    });
    const sc = prepareSearch(parseSizingSpec(input(true)), catalog);
    const best = runPrepared(sc, { topN: 20 }).top.find((e) => e.at)!;
    const plan = planOf(sc, best);
    expect(plan.inference.workload.images).toEqual(IMAGE);
    const res = evaluateServing(plan, resolvePlan(plan, catalog), { benchmark: false });
    expect(res.underLoad!.ttftS.p90 / best.at!.ttftS.p90).toBeCloseTo(1, 6);
    const textSc = prepareSearch(parseSizingSpec(input(false)), catalog);
    const text = runPrepared(textSc, { topN: 20 }).top.find((e) => e.cand.id === best.cand.id)!;
    expect(best.at!.ttftS.p50).toBeGreaterThan(text.at!.ttftS.p50 * 3);
  });
});
