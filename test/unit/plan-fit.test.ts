// A plan that does not fit in memory is offered the smallest change that makes it fit: a smaller
// batch when the weights fit, FP8 weights, then more devices; each offered plan fits when evaluated.
import { describe, expect, it } from 'vitest';
import { planPresets, presetCatalog } from '../../presets/load';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import type { InferencePlan } from '../../shared/schema/plan';
import { fitChanges } from '../../shared/sizing/fit';

const catalog = presetCatalog();
const base = planPresets().find((p) => p.id === 'llama-3.1-70b-4xh100-tp4') as InferencePlan;
const with_ = (devices: number, tp: number, batch: number): InferencePlan => ({
  ...base,
  devices,
  inference: {
    ...base.inference,
    parallelism: { ...base.inference.parallelism, tp },
    workload: { ...base.inference.workload, concurrentRequests: batch },
  },
});
const evaluate = (p: InferencePlan) => evaluateInference(p, resolvePlan(p, catalog), { explain: false });

describe('the smallest change that makes a plan fit', () => {
  it('a batch too large for the KV cache: the largest batch that fits comes first', () => {
    const p = with_(4, 4, 20_000);
    const r = evaluate(p);
    expect(r.memory.fits).toBe(false);
    expect(r.maxBatch).toBeGreaterThan(0);
    const changes = fitChanges(p, resolvePlan(p, catalog), r.maxBatch);
    expect(changes[0]!.text).toBe(`batch ${r.maxBatch} instead of 20000`);
    for (const c of changes) expect(evaluate(c.plan).memory.fits, c.text).toBe(true);
  });

  it('weights that do not fit on one device: FP8 weights or more devices, each of which fits', () => {
    const p = with_(1, 1, 8);
    const r = evaluate(p);
    expect(r.memory.fits).toBe(false);
    const changes = fitChanges(p, resolvePlan(p, catalog), r.maxBatch);
    expect(changes.map((c) => c.text)).toContainEqual(
      expect.stringMatching(/^\d+ devices instead of 1 \(TP\d+ PP1\)$/),
    );
    for (const c of changes) expect(evaluate(c.plan).memory.fits, c.text).toBe(true);
  });
});
