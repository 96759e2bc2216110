/**
 * DP attention without expert parallelism, as vLLM and SGLang run it: "by default, expert layers
 * form a tensor parallel group of size DP × TP" (vLLM, Data Parallel Deployment; registry id
 * vllm-dp-deployment). DeepSeek-V3 on 8 × H200 with attention DP 8 and EP 1 holds 1/8 of every
 * expert on each GPU, gathers the 8 DP ranks' tokens before each MoE layer and reduce-scatters
 * after it. Before, the engine refused MoE TP 8 with EP 1 and, with MoE TP left out, gave every DP
 * rank all the experts (671 GB of FP8 weights a GPU).
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { presetCatalog } from '../../presets/load';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import type { Catalog } from '../../shared/schema/catalog';
import { servedPlan } from './fixtures/plans';
import { parseSizingSpec, type SizingSpecInput } from '../../shared/schema/sizing';
import { layoutText } from '../../shared/sizing/describe';
import { prepareSearch } from '../../shared/sizing/search-context';
import { planOf, runPrepared } from '../../shared/sizing/run';
import { evaluateServing } from '../../shared/serving/evaluate';
import { countCandidates, enumerateCandidates } from '../../shared/sizing/space';

const plan = (parallelism: object) =>
  servedPlan({
    modelId: 'deepseek-v3',
    systemId: 'hgx-h200',
    devices: 8,
    parallelism,
    precision: { weights: 'fp8', compute: 'fp8', kvCache: 'bf16' },
    workload: { promptTokens: 2000, outputTokens: 500, concurrentRequests: 64 },
  });
const run = (parallelism: object, catalog: Catalog = engineCatalog()) => {
  const p = plan(parallelism);
  return evaluateInference(p, resolvePlan(p, catalog));
};

describe('DP attention with tensor-parallel experts (EP 1)', () => {
  it('is accepted with MoE TP = TP × DP stated, and is the same plan as with it left out', () => {
    const stated = run({ tp: 1, dp: 8, ep: 1, moeTp: 8 });
    const implied = run({ tp: 1, dp: 8, ep: 1 });
    expect(stated.tpotS).toBe(implied.tpotS);
    expect(stated.memoryPerDeviceBytes).toBe(implied.memoryPerDeviceBytes);
  });

  it('splits the experts over all 8 GPUs: the weights a GPU holds match EP 8 within 1%', () => {
    const tpExperts = run({ tp: 1, dp: 8, ep: 1 });
    const epExperts = run({ tp: 1, dp: 8, ep: 8 });
    expect(Math.abs(tpExperts.memory.weights / epExperts.memory.weights - 1)).toBeLessThan(0.01);
    // 671B parameters at one byte fit a GPU's 141 GB only once the experts are split eight ways.
    expect(tpExperts.memory.weights).toBeLessThan(141e9);
    expect(tpExperts.memory.fits).toBe(true);
  });

  for (const [name, catalog] of [
    ['kernel tables', engineCatalog()],
    ['plain roofline', presetCatalog()],
  ] as const)
    it(`gathers the DP ranks’ tokens and reduce-scatters them around every MoE layer (${name})`, () => {
      const r = run({ tp: 1, dp: 8, ep: 1 }, catalog);
      const op = r.decode.ops.find((o) => o.id === 'comm.ep')!;
      expect(op.name).toMatch(/MoE TP over 8 ranks/);
      expect(op.layers).toBe(58);
      // The gathered activations: 64 sequences over 8 DP ranks = 8 a rank, × 8 ranks × hidden 7,168 × 2 bytes.
      expect(op.wire!.bytes).toBe(64 * 7168 * 2);
      expect(op.time).toBeGreaterThan(0);
      expect(Number.isFinite(op.time)).toBe(true);
    });

  it('counts one TP all-reduce on MoE layers, where the experts’ reduce-scatter replaces the second', () => {
    const tpComm = (ep: number) =>
      run({ tp: 2, dp: 4, ep }, presetCatalog()).decode.ops.find((o) => o.id === 'comm.tp')!;
    const gathered = tpComm(1);
    // DeepSeek-V3: 61 layers, 58 of them MoE; with EP the TP group still all-reduces twice a layer.
    expect(gathered.time / tpComm(8).time).toBeCloseTo((2 - 58 / 61) / 2, 9);
    expect(gathered.name).toMatch(/× 1 per MoE layer/);
  });

  it('does the same expert work per GPU as TP 8 (the experts’ FLOPs per step agree within 1%)', () => {
    const flops = (r: ReturnType<typeof run>) => r.decode.ops.find((o) => o.id === 'moe.routed')!.flops;
    const dpAttention = run({ tp: 1, dp: 8, ep: 1 }, presetCatalog());
    const tp8 = run({ tp: 8, dp: 1, ep: 1 }, presetCatalog());
    // A decode step: TP 8 runs all 64 sequences on 1/8 of every expert; DP 8 runs 8 a rank, gathers
    // all 64 and runs them on its 1/8 of every expert.
    expect(Math.abs(flops(dpAttention) / flops(tp8) - 1)).toBeLessThan(0.01);
  });
});

describe('the search with EP off', () => {
  const input = (ep: boolean): SizingSpecInput => ({
    schemaVersion: 1,
    kind: 'cluster-planner-sizing-spec',
    id: 'no-ep',
    name: 'MoE without expert parallelism',
    modelId: 'qwen3-235b-a22b',
    workload: { load: { mode: 'arrival-rate', requestsPerSecond: 2 }, prompt: { mean: 2000 }, output: { mean: 500 } },
    slo: { ttftMs: 3000, tpotMs: 80 },
    constraints: {
      systems: ['hgx-h200'],
      maxDevices: 8,
      precisions: { weights: ['fp8'], compute: ['fp8'], kvCache: ['fp8'] },
      strategies: {
        tp: true,
        pp: false,
        ep,
        dpAttention: true,
        disaggregation: false,
        speculative: false,
        kvOffload: false,
      },
    },
  });

  it('tries DP attention with the experts tensor-parallel over the copy (vLLM without --enable-expert-parallel)', () => {
    const spec = parseSizingSpec(input(false));
    const sc = prepareSearch(spec, presetCatalog());
    const systems = [...sc.systems.values()].map((s) => ({ sys: s.sys, acc: s.acc }));
    const cands = enumerateCandidates(spec, sc.model, systems);
    expect(countCandidates(spec, sc.model, systems)).toBe(cands.length);
    const dpTp = cands.filter((c) => c.dp > 1 && c.ep === 1);
    expect(dpTp.length).toBeGreaterThan(0);
    expect(layoutText(dpTp[0]!, sc)).toMatch(/DP\d+ experts TP\d+/);
    // With EP on, DP attention pairs with EP as before.
    const withEp = parseSizingSpec(input(true));
    const scEp = prepareSearch(withEp, presetCatalog());
    expect(enumerateCandidates(withEp, scEp.model, systems).filter((c) => c.dp > 1 && c.ep === 1)).toHaveLength(0);
  });

  it("each such configuration's numbers are the engine's for the plan the search writes", () => {
    const sc = prepareSearch(parseSizingSpec(input(false)), presetCatalog());
    const r = runPrepared(sc, { topN: 500 });
    const own = r.top.filter((e) => e.cand.dp > 1 && e.cand.ep === 1 && e.at);
    expect(own.length).toBeGreaterThan(0);
    for (const e of own.slice(0, 3)) {
      const plan = planOf(sc, e);
      expect(plan.inference.parallelism).toMatchObject({ dp: e.cand.dp, ep: 1 });
      const res = evaluateServing(plan, resolvePlan(plan, presetCatalog()), { benchmark: false });
      expect(Math.abs(res.underLoad!.tpotS / e.at!.tpotS - 1), e.cand.id).toBeLessThan(1e-9);
      expect(Math.abs(res.underLoad!.ttftS.p90 / e.at!.ttftS.p90 - 1), e.cand.id).toBeLessThan(1e-9);
    }
  });
});
