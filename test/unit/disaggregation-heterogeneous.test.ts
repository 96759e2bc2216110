/**
 * Heterogeneous disaggregation: a prefill pool on another system than decode's. Its prompts are
 * timed on the prefill system in every number the plan shows — one prompt, a burst, the load at
 * the arrival rate, the simulator's check — and the KV transfer crosses the link the plan names.
 * The search can place the prefill pool on another of the searched systems.
 */
import { describe, expect, it } from 'vitest';
import { findPlan, presetCatalog } from '../../presets/load';
import { resolvePlan } from '../../shared/plan/context';
import type { InferencePlan } from '../../shared/schema/plan';
import { evaluateServing } from '../../shared/serving/evaluate';

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
    expect(a100.ttftMs).toBeGreaterThan(h100.ttftMs * 1.3);
    expect(a100.ttftBurstMs).toBeGreaterThan(h100.ttftBurstMs * 1.3);
    // The load at the arrival rate queues on the pool that runs the prompts.
    expect(a100.underLoad!.ttftMs.p50).toBeGreaterThan(h100.underLoad!.ttftMs.p50 * 1.3);
    // and never reports a prompt under load faster than one prompt alone.
    expect(a100.underLoad!.ttftMs.p50).toBeGreaterThanOrEqual(a100.ttftMs * 0.999);
    // Decode is the same pool either way.
    expect(a100.tpotMs).toBeCloseTo(h100.tpotMs, 6);
  });

  it('moves the KV cache over the link the plan names', () => {
    const fast = served(plan('hgx-a100', 400e9));
    const slow = served(plan('hgx-a100', 1e9));
    // 2,000 tokens of Llama-3.1-70B's BF16 KV cache (320 KiB a token) over 1 GB/s: ~0.66 s more.
    const kv = (2000 * 80 * 2 * 8 * 128 * 2) / 1e9 - (2000 * 80 * 2 * 8 * 128 * 2) / 400e9;
    const extra = (slow.underLoad!.ttftMs.p50 - fast.underLoad!.ttftMs.p50) / 1e3;
    expect(extra).toBeGreaterThan(kv * 0.9);
    expect(extra).toBeLessThan(kv * 1.5);
  });
});
