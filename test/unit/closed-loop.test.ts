/**
 * The closed loop two ways: the analytic estimate (serving/closed-loop.ts) and the iteration-by-
 * iteration simulation of the same scheduler (serving/engine-loop.ts), with the same step times.
 * They must agree within 10% on mean TTFT and mean TPOT across loads, for both scheduler policies.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { compileFamily } from '../../shared/inference/family';
import { layoutsOf, pointFromPlan } from '../../shared/inference/point';
import { stepOracle } from '../../shared/inference/step-time';
import type { Layout } from '../../shared/inference/step';
import { resolvePlan } from '../../shared/plan/context';
import { InferencePlan } from '../../shared/schema/plan';
import { closedLoopEstimate } from '../../shared/serving/closed-loop';
import { promptChunks, runLoop } from '../../shared/serving/engine-loop';
import { STACK_SCHEDULERS } from '../../shared/serving/scheduler';
import { evaluateServing } from '../../shared/serving/evaluate';

/** A plan on H100s at TP `tp`, FP8 throughout, served by `serving` (TensorRT-LLM by default). */
function planOn(modelId: string, tp: number, P: number, O: number, C = 1, serving: object = {}) {
  return InferencePlan.parse({
    schemaVersion: 1,
    kind: 'inference',
    id: 'p',
    name: 'p',
    modelId,
    systemId: 'hgx-h100',
    devices: tp,
    inference: {
      parallelism: { tp },
      precision: { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
      workload: { promptTokens: P, outputTokens: O, concurrentRequests: C },
      serving: { stack: { name: 'trtllm', version: null }, ...serving },
    },
  });
}

function setup(modelId: string, tp: number, P: number, O: number) {
  const plan = planOn(modelId, tp, P, O);
  const ctx = resolvePlan(plan, engineCatalog());
  const f = compileFamily(ctx, plan.inference);
  const pt = pointFromPlan(plan);
  const dec: Layout = { devices: 1, tp: 1, pp: 1, dp: 1, ep: 1 };
  const pre: Layout = { ...dec };
  layoutsOf(pt, dec, pre);
  return { oracle: stepOracle(f, dec, pt, 1), P, O };
}

/**
 * Model, TP, prompt, output, concurrencies (budget 8,192 tokens). Llama-3.1-70B at concurrency 64
 * and 128 (16 and 32 prompt groups a cycle) was left out until the simulation weighed its last,
 * draining cycle as the benchmark's last C requests rather than as half of the steady ones (the
 * estimate was 10.5% and 13% above it there; 0.2% and 0.4% now).
 */
const CASES = [
  ['llama-3.1-8b', 1, 1000, 500, [1, 8, 32, 128]],
  ['llama-3.1-70b', 4, 2000, 300, [1, 8, 32, 64, 128]],
  // A prompt longer than the 8,192-token budget spans iterations: the estimate once took a mixed
  // steady-state prompt as done in one (40% under the simulation at concurrency 1, under the
  // one-prompt prefill itself).
  ['llama-3.1-8b', 1, 16_000, 500, [1, 4, 32]],
] as const;

describe('closed loop: analytic estimate = simulated loop within 10%', () => {
  for (const [model, tp, P, O, loads] of CASES)
    for (const [policy, chunkedPrefill] of [
      ['mixed', true],
      ['prefill-first', true],
      ['mixed', false],
    ] as const)
      for (const C of loads)
        it(`${model} TP${tp}, ${policy}${chunkedPrefill ? '' : ' (whole prompts)'}, concurrency ${C}`, () => {
          const { oracle } = setup(model, tp, P, O);
          const scheduler = { ...STACK_SCHEDULERS.generic, policy, chunkedPrefill };
          const requests = 10 * C;
          const sim = runLoop({
            oracle,
            scheduler,
            capacity: 100_000,
            prompt: { mean: P },
            output: { mean: O },
            prefixHit: 0,
            arrivals: { mode: 'closed', clients: C, requests },
            seed: 1,
          });
          const est = closedLoopEstimate({
            oracle,
            scheduler,
            capacity: 100_000,
            clients: C,
            requests,
            promptTokens: P,
            outputTokens: O,
          });
          expect(Math.abs(est.tpotMeanS / sim.tpotS.mean - 1), 'TPOT').toBeLessThanOrEqual(0.1);
          expect(Math.abs(est.ttftMeanS / sim.ttftS.mean - 1), 'TTFT').toBeLessThanOrEqual(0.1);
        });
});

describe('prompt chunks of one iteration', () => {
  const reqs = (...left: number[]) => left.map((promptLeft, i) => ({ i, promptLeft }));
  const sizes = (c: Array<[{ i: number }, number]>) => c.map(([r, n]) => `${r.i}:${n}`).join(' ');

  it('chunked prefill splits the prompt that does not fit what is left (vLLM, SGLang)', () => {
    expect(sizes(promptChunks(reqs(5000, 5000), 8142, true))).toBe('0:5000 1:3142');
  });

  it('without it a prompt goes whole or waits (TensorRT-LLM by default)', () => {
    expect(sizes(promptChunks(reqs(5000, 5000), 8142, false))).toBe('0:5000');
    expect(sizes(promptChunks(reqs(3000, 3000, 3000), 8142, false))).toBe('0:3000 1:3000');
  });

  it('without it a prompt longer than the whole budget runs alone, not never', () => {
    expect(sizes(promptChunks(reqs(20_000, 100), 8192, false))).toBe('0:20000');
    expect(sizes(promptChunks(reqs(900), 0, false))).toBe('0:900');
  });

  it('the TensorRT-LLM stack does not chunk by default; the others do', () => {
    expect(STACK_SCHEDULERS.trtllm.chunkedPrefill).toBe(false);
    expect(STACK_SCHEDULERS.vllm.chunkedPrefill).toBe(true);
    expect(STACK_SCHEDULERS.sglang.chunkedPrefill).toBe(true);
  });
});

describe('a prompt longer than the budget without chunked prefill', () => {
  const served = (stack: 'trtllm' | 'vllm', promptTokens: number, chunkedPrefill?: boolean) => {
    const plan = planOn('llama-3.1-8b', 1, promptTokens, 100, 2, {
      stack: { name: stack, version: null },
      ...(chunkedPrefill === undefined ? {} : { scheduler: { chunkedPrefill } }),
    });
    return evaluateServing(plan, resolvePlan(plan, engineCatalog()), { explain: false }).issues.filter(
      (i) => i.field === 'inference.serving.scheduler.chunkedPrefill',
    );
  };

  it('is named (TensorRT-LLM refuses it), with what to change', () => {
    const [w] = served('trtllm', 20_000);
    expect(w?.message).toMatch(
      /20,000-token prompt does not fit one iteration of 8,192 tokens.*turn chunked prefill on/,
    );
  });

  it('is not named when prompts are chunked or fit', () => {
    expect(served('trtllm', 20_000, true)).toEqual([]);
    expect(served('vllm', 20_000)).toEqual([]);
    expect(served('trtllm', 4_000)).toEqual([]);
  });
});

describe('closed loop: the simulated benchmark weighs its cycles as a run of N requests does', () => {
  it('a long run (N = 100·C) has the steady cycle’s TPOT: the draining last C requests weigh C ÷ N', () => {
    const { oracle } = setup('llama-3.1-70b', 4, 2000, 300);
    const C = 64;
    const sim = runLoop({
      oracle,
      scheduler: STACK_SCHEDULERS.generic,
      capacity: 100_000,
      prompt: { mean: 2000 },
      output: { mean: 300 },
      prefixHit: 0,
      arrivals: { mode: 'closed', clients: C, requests: 100 * C },
      seed: 1,
    });
    // The median is the steady cycle's; the mean moves from it only by the first wave and the
    // drain, 2 of 100 cycles (before: the drain weighed half of the N − C, and the mean was 13% lower).
    expect(Math.abs(sim.tpotS.mean / sim.tpotS.p50 - 1)).toBeLessThan(0.02);
  });
});
