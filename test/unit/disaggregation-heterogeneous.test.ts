/**
 * Heterogeneous disaggregation: a prefill pool on another system than decode's. Its prompts are
 * timed on the prefill system in every number the plan shows — one prompt, a burst, the load at
 * the arrival rate, the simulator's check — and the KV transfer crosses the link the plan names.
 * The search can place the prefill pool on another of the searched systems.
 */
import { pricedAccelerator } from '../../shared/schema/prices';
import { describe, expect, it } from 'vitest';
import { findPlan, presetCatalog } from '../../presets/load';
import { resolvePlan } from '../../shared/plan/context';
import type { InferencePlan } from '../../shared/schema/plan';
import { evaluateServing } from '../../shared/serving/evaluate';
import { parseSizingSpec, type SizingSpecInput } from '../../shared/schema/sizing';
import { prepareSearch } from '../../shared/sizing/search-context';
import { planOf, runPrepared } from '../../shared/sizing/run';
import { countCandidates, enumerateCandidates } from '../../shared/sizing/space';

const catalog = presetCatalog();

/** Llama-3.1-70B decode on 4 H100 (TP4), prefill on 4 devices of `prefillSystem`, 2 requests/s. */
function plan(prefillSystem: string, kvTransferBytesPerS?: number): InferencePlan {
  const p = structuredClone(findPlan('llama-3.1-70b-4xh100-tp4')) as InferencePlan;
  p.devices = 8;
  p.inference.workload.arrivalRatePerSecond = 2;
  p.inference.serving.disaggregation = {
    prefillDevices: 4,
    decodeDevices: 4,
    prefill: { tp: 4, pp: 1, dp: 1, ep: 1, systemId: prefillSystem },
    ...(kvTransferBytesPerS === undefined ? {} : { kvTransferBytesPerS }),
  };
  return p;
}
const served = (p: InferencePlan) => evaluateServing(p, resolvePlan(p, catalog), { benchmark: false });

describe('a prefill pool on another system', () => {
  it('times the prompts under load on the prefill system (an A100 pool is slower than an H100 one)', () => {
    const h100 = served(plan('hgx-h100'));
    const a100 = served(plan('hgx-a100'));
    expect(a100.ttftS).toBeGreaterThan(h100.ttftS * 1.3);
    expect(a100.ttftBurstS).toBeGreaterThan(h100.ttftBurstS * 1.3);
    // The load at the arrival rate queues on the pool that runs the prompts.
    expect(a100.underLoad!.ttftS.p50).toBeGreaterThan(h100.underLoad!.ttftS.p50 * 1.3);
    // and never reports a prompt under load faster than one prompt alone.
    expect(a100.underLoad!.ttftS.p50).toBeGreaterThanOrEqual(a100.ttftS * 0.999);
    // Decode is the same pool either way.
    expect(a100.tpotS).toBeCloseTo(h100.tpotS, 6);
  });

  it('moves the KV cache over the link the plan names', () => {
    const fast = served(plan('hgx-a100', 400e9));
    const slow = served(plan('hgx-a100', 1e9));
    // 2,000 tokens of Llama-3.1-70B's BF16 KV cache (320 KiB a token) over 1 GB/s: ~0.66 s more.
    const kv = (2000 * 80 * 2 * 8 * 128 * 2) / 1e9 - (2000 * 80 * 2 * 8 * 128 * 2) / 400e9;
    const extra = slow.underLoad!.ttftS.p50 - fast.underLoad!.ttftS.p50;
    expect(extra).toBeGreaterThan(kv * 0.9);
    expect(extra).toBeLessThan(kv * 1.5);
  });
});

describe('the search places prefill pools on other systems', () => {
  const input = (prefillOnOtherSystems: boolean): SizingSpecInput => ({
    schemaVersion: 1,
    kind: 'cluster-planner-sizing-spec',
    id: 'hetero',
    name: 'prefill on another system',
    modelId: 'llama-3.1-70b',
    workload: {
      load: { mode: 'arrival-rate', requestsPerSecond: 4 },
      prompt: { mean: 3000, p90: 6000 },
      output: { mean: 300, p90: 600 },
    },
    slo: { ttftMs: 3000, ttftPercentile: 'p90', tpotMs: 60 },
    constraints: {
      systems: ['hgx-h100', 'hgx-a100'],
      maxDevices: 16,
      precisions: { weights: ['bf16', 'fp8'], compute: ['bf16', 'fp8'], kvCache: ['bf16'] },
      strategies: {
        tp: true,
        pp: false,
        ep: false,
        dpAttention: false,
        disaggregation: true,
        disaggregationRatios: [1],
        prefillOnOtherSystems,
        speculative: false,
        kvOffload: false,
      },
    },
  });
  const on = parseSizingSpec(input(true));
  const off = parseSizingSpec(input(false));

  it('adds each disaggregated pool on the other system, where it computes in the format, counted as enumerated', () => {
    const sc = prepareSearch(on, catalog);
    const systems = [...sc.systems.values()].map((s) => ({ sys: s.sys, acc: s.acc }));
    const cands = enumerateCandidates(on, sc.model, systems);
    expect(countCandidates(on, sc.model, systems)).toBe(cands.length);
    const other = cands.filter((c) => c.prefillSystemId !== c.systemId);
    expect(other.length).toBeGreaterThan(0);
    for (const c of other) expect(c.disaggregated).toBe(true);
    // The A100 has no FP8 peak: FP8 compute never moves its prompts there.
    expect(other.some((c) => c.prefillSystemId === 'hgx-a100' && c.compute === 'fp8')).toBe(false);
    expect(other.some((c) => c.prefillSystemId === 'hgx-a100')).toBe(true);
    expect(other.some((c) => c.prefillSystemId === 'hgx-h100')).toBe(true);
    expect(cands.length - other.length).toBe(enumerateCandidates(off, sc.model, systems).length);
    expect(new Set(cands.map((c) => c.id)).size).toBe(cands.length);
  });

  it("each such configuration's TTFT and price are the engine's for the plan the search writes", () => {
    const sc = prepareSearch(on, catalog);
    const r = runPrepared(sc, { topN: 400 });
    const other = r.top.filter((e) => e.cand.prefillSystemId !== e.cand.systemId && e.at);
    expect(other.length).toBeGreaterThan(0);
    for (const e of other.slice(0, 3)) {
      const plan = planOf(sc, e);
      expect(plan.inference.serving.disaggregation?.prefill?.systemId).toBe(e.cand.prefillSystemId);
      const ctx = resolvePlan(plan, catalog);
      const res = evaluateServing(plan, ctx, { benchmark: false });
      const rel = Math.abs(res.underLoad!.ttftS.p90 / e.at!.ttftS.p90 - 1);
      expect(rel, e.cand.id).toBeLessThan(1e-9);
      // The copy's price is each pool's devices at its own system's price (the price book's, over the device preset's).
      const price = (id: string) => {
        const acc = catalog.accelerators.find((a) => a.id === catalog.systems.find((s) => s.id === id)!.acceleratorId)!;
        return pricedAccelerator(acc, id, catalog).price.hourlyUSD.value!;
      };
      const want =
        e.cand.decodeDevices * price(e.cand.systemId) + e.cand.prefillDevices * price(e.cand.prefillSystemId);
      expect(e.verdict.usdPerHour! / e.verdict.replicas).toBeCloseTo(want, 6);
    }
  });
});
