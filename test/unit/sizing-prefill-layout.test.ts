/**
 * Disaggregated prefill pools with a layout of their own in the search: an MoE model's prefill
 * pool as TP1 with attention DP and EP over its devices (DeepSeek's prefill beside a TP decode),
 * when the spec allows it. The configurations are counted as enumerated, and each one's numbers
 * are what the engine gives for the plan the search writes for it.
 */
import { describe, expect, it } from 'vitest';
import { presetCatalog } from '../../presets/load';
import { resolvePlan } from '../../shared/plan/context';
import { parseSizingSpec, type SizingSpecInput } from '../../shared/schema/sizing';
import { evaluateServing } from '../../shared/serving/evaluate';
import { prepareSearch } from '../../shared/sizing/search-context';
import { planOf, runPrepared } from '../../shared/sizing/run';
import { countCandidates, enumerateCandidates } from '../../shared/sizing/space';

const input = (prefillDpAttention: boolean): SizingSpecInput => ({
  schemaVersion: 1,
  kind: 'cluster-planner-sizing-spec',
  id: 'moe-pools',
  name: 'MoE prefill pools',
  modelId: 'qwen3-235b-a22b',
  workload: {
    load: { mode: 'arrival-rate', requestsPerSecond: 4 },
    prompt: { mean: 4000, p90: 6000 },
    output: { mean: 500, p90: 800 },
  },
  slo: { ttftMs: 3000, ttftPercentile: 'p90', tpotMs: 60 },
  constraints: {
    systems: ['hgx-h200'],
    maxDevices: 32,
    precisions: { weights: ['fp8'], compute: ['fp8'], kvCache: ['fp8'] },
    strategies: {
      tp: true,
      pp: false,
      ep: true,
      dpAttention: true,
      disaggregation: true,
      disaggregationRatios: [1],
      prefillDpAttention,
      speculative: false,
      kvOffload: false,
    },
  },
});

describe('prefill pools with their own layout', () => {
  const catalog = presetCatalog();
  const on = parseSizingSpec(input(true));
  const off = parseSizingSpec(input(false));

  it('adds TP1 attention-DP pools beside decode-layout pools, counted as enumerated', () => {
    const sc = prepareSearch(on, catalog);
    const systems = [...sc.systems.values()].map((s) => ({ sys: s.sys, acc: s.acc }));
    const cands = enumerateCandidates(on, sc.model, systems);
    expect(countCandidates(on, sc.model, systems)).toBe(cands.length);
    const own = cands.filter((c) => c.prefillTp === 1);
    expect(own.length).toBeGreaterThan(0);
    for (const c of own) expect(c.disaggregated).toBe(true);
    const without = enumerateCandidates(off, sc.model, systems);
    expect(cands.length - own.length).toBe(without.length);
    expect(new Set(cands.map((c) => c.id)).size).toBe(cands.length);
  });

  it("each such configuration's TTFT is the engine's for the plan the search writes", () => {
    const sc = prepareSearch(on, catalog);
    const r = runPrepared(sc, { topN: 200 });
    const own = r.top.filter((e) => e.cand.prefillTp === 1 && e.at);
    expect(own.length).toBeGreaterThan(0);
    for (const e of own.slice(0, 3)) {
      const plan = planOf(sc, e);
      expect(plan.inference.serving.disaggregation?.prefill).toMatchObject({ tp: 1, dp: e.cand.prefillDevices });
      const res = evaluateServing(plan, resolvePlan(plan, catalog), { benchmark: false });
      const rel = Math.abs(res.underLoad!.ttftS.p90 / e.at!.ttftS.p90 - 1);
      expect(rel, e.cand.id).toBeLessThan(1e-9);
    }
  });
});
