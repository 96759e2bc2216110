/**
 * Invariants that one-line changes to the engine used to slip past (found by mutation testing,
 * docs/development.md): the split of $ per token between prompt and output tokens, the activation
 * memory of a device, and the EP routing imbalance. Each value is recomputed here from its
 * documented formula, not read back from the engine.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { presetCatalog } from '../../presets/load';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import type { Catalog } from '../../shared/schema/catalog';
import { InferencePlan } from '../../shared/schema/plan';
import { moments } from '../../shared/schema/distribution';
import { parseSizingSpec } from '../../shared/schema/sizing';
import { runSearch } from '../../shared/sizing/run';
import { small } from './fixtures/sizing-specs';

describe('$ per million tokens, split between prompt and output tokens', () => {
  const specOf = (disaggregation: boolean) =>
    parseSizingSpec({
      ...small,
      constraints: {
        ...small.constraints,
        strategies: { ...small.constraints!.strategies, disaggregation, disaggregationRatios: [1] },
      },
    });
  for (const disaggregation of [false, true])
    it(`prompt and output shares add up to the whole bill (${disaggregation ? 'disaggregated' : 'aggregated'})`, () => {
      const spec = specOf(disaggregation);
      const r = runSearch(spec, presetCatalog(), { topN: 20 });
      const priced = r.top.filter((e) => e.verdict.feasible && e.verdict.usdPerMOutput !== null);
      expect(priced.length).toBeGreaterThan(0);
      const P = moments(spec.workload.prompt).mean;
      const O = moments(spec.workload.output).mean;
      for (const e of priced) {
        const v = e.verdict;
        // $ per hour = total $/M output × output tokens/h = decode's $/M output × output + prefill's $/M input × input.
        expect(v.decodeUsdPerMOutput! * O + v.prefillUsdPerMInput! * P).toBeCloseTo(v.usdPerMOutput! * O, 6);
        expect(v.prefillUsdPerMInput!).toBeGreaterThan(0);
        expect(v.decodeUsdPerMOutput!).toBeLessThan(v.usdPerMOutput!);
        if (e.cand.disaggregated)
          expect((v.prefillUsdPerMInput! * P) / (v.usdPerMOutput! * O)).toBeCloseTo(
            e.cand.prefillDevices / e.cand.devices,
            9,
          );
      }
    });
});

const plan = (o: Record<string, unknown> & { modelId: string; devices: number }) =>
  InferencePlan.parse({
    schemaVersion: 1,
    kind: 'inference',
    id: 'p',
    name: 'p',
    modelId: o.modelId,
    systemId: 'hgx-h200',
    devices: o.devices,
    inference: {
      precision: { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
      workload: { promptTokens: 3000, outputTokens: 500, concurrentRequests: 64 },
      ...o,
    },
  });

describe('activation memory per device', () => {
  it('is max(prefill chunk ≤ 8,192, sequences) × (24·h + 4·I ÷ TP) + sequences × 4·V ÷ TP bytes', () => {
    const p = plan({ modelId: 'llama-3.1-70b', devices: 4, parallelism: { tp: 4 } });
    const r = evaluateInference(p, resolvePlan(p, presetCatalog()));
    // Llama 3.1 70B (presets/models/llama-3.1-70b.json): h = 8192, I = 28672, V = 128256.
    const [h, I, V, tp, seqs, chunk] = [8192, 28672, 128256, 4, 64, 3000];
    expect(r.memory.activations).toBe(Math.max(chunk, seqs) * (24 * h + (4 * I) / tp) + seqs * ((4 * V) / tp));
  });
});

describe('EP routing imbalance', () => {
  const step = (catalog: Catalog, loadImbalance: number) => {
    const p = plan({
      modelId: 'qwen3-235b-a22b',
      devices: 8,
      parallelism: { tp: 1, dp: 8, ep: 8 },
      moe: { loadImbalance },
    });
    const r = evaluateInference(p, resolvePlan(p, catalog));
    // Prefill of a 3,000-token prompt: the experts are compute-bound, so the hottest rank's extra tokens show.
    const op = (id: string) => r.prefill.ops.find((o) => o.id === id)!.time;
    return { total: r.prefill.total, experts: op('moe.routed'), ep: op('comm.ep') };
  };
  for (const [name, catalog] of [
    ['kernel tables', engineCatalog()],
    ['plain roofline', presetCatalog()],
  ] as const)
    it(`slows the hottest rank's experts and its dispatch (${name})`, () => {
      const even = step(catalog, 1);
      const skewed = step(catalog, 2);
      expect(skewed.experts).toBeGreaterThan(even.experts * 1.5);
      expect(skewed.ep).toBeGreaterThan(even.ep * 1.5);
      expect(skewed.total).toBeGreaterThan(even.total);
    });
});
