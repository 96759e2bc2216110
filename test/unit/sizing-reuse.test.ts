// The search times each engine step once (shared/sizing/step-reuse.ts): configurations that differ
// only in their prefill pool share one decode curve, and those that differ only in speculative
// decoding share their single-prompt prefills. Reuse must not change a number: every candidate's
// curve and load model, evaluated after its neighbours, equals the same candidate with every step
// timed afresh (withoutStepReuse), bit for bit, in enumeration order, reversed and shuffled. A key
// that left out something a step depends on would hand a candidate its neighbour's numbers and
// fail here (checked by deleting the prompt length, and the prefill pool's layout, from the keys).
// The worker split keeps those neighbours together (forEachCandidate's share) and covers every index once.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { planPresets, presetCatalog } from '../../presets/load';
import { compileFamily } from '../../shared/inference/family';
import { emptyPointResult, evaluatePoint, pointFromPlan } from '../../shared/inference/point';
import { resolvePlan } from '../../shared/plan/context';
import type { InferencePlan } from '../../shared/schema/plan';
import type { KvFormat } from '../../shared/precision';
import { parseSizingSpec, type SizingSpec } from '../../shared/schema/sizing';
import type { Evaluated } from '../../shared/sizing/curve';
import { candidatesOf, newSearchScratch, prepareSearch } from '../../shared/sizing/search-context';
import { evaluateCandidate } from '../../shared/sizing/search';
import { stepGroupKey } from '../../shared/sizing/space';
import { SearchShare } from '../../shared/sizing/split';

const catalog = presetCatalog();
const spec = (id: string): SizingSpec =>
  parseSizingSpec(readFileSync(`presets/sizing/${id}.clustersearch.json`, 'utf8'), id);

/** A DeepSeek-V3 space small enough for a test, with every kind of neighbour: prefill pools,
 * speculative decoding on and off, KV offload on and off, FP8 and INT8 KV caches (one family), and
 * on HGX H200 (141 GB) layouts that differ only in EP (TP8 with EP 1 or 8) fit. */
const deepseek = (): SizingSpec => {
  const base = spec('deepseek-v3-50ms');
  return parseSizingSpec({
    ...base,
    slo: { ...base.slo, ttftMs: base.slo.ttftMs * 4 },
    constraints: {
      ...base.constraints,
      systems: ['hgx-h200'],
      maxDevices: 64,
      precisions: { ...base.constraints.precisions, kvCache: ['bf16', 'fp8', 'int8'] },
      strategies: { ...base.constraints.strategies, kvOffload: true },
    },
  });
};

const fingerprint = (ev: Evaluated) => ({
  id: ev.cand.id,
  structural: ev.structural,
  maxBatch: ev.maxBatch,
  prunedWith: ev.prunedWith,
  curve: Array.from(ev.curve),
  model: ev.model && { ...ev.model, prompt: ev.model.prompt.mean },
});

function fromScratch(s: SizingSpec) {
  const sc = prepareSearch(s, catalog);
  const cands = candidatesOf(sc);
  // The same search with every step timed afresh: its own scratch, reuse off.
  const fresh = { ...sc, scratch: newSearchScratch(false) };
  const alone = cands.map((c) => fingerprint(evaluateCandidate(fresh, c, sc.spec.slo)));
  return { sc, cands, alone };
}

describe('steps reused between neighbouring configurations', () => {
  for (const [name, make] of [
    ['DeepSeek-V3 on HGX H200 (prefill pools, MTP, KV offload, KV formats, EP or not)', deepseek],
    ['Llama-3.1-70B chat (prefill pools)', () => spec('llama-3.1-70b-chat')],
  ] as const)
    it(`${name}: every candidate's numbers equal its numbers from scratch, in any order`, () => {
      const { sc, cands, alone } = fromScratch(make());
      expect(cands.length).toBeGreaterThan(50);
      // the reuse has something to reuse: groups of more than one candidate
      expect(new Set(cands.map(stepGroupKey)).size).toBeLessThanOrEqual(cands.length / 2);
      const inOrder = (order: number[]) => {
        for (const i of order) expect(fingerprint(evaluateCandidate(sc, cands[i]!, sc.spec.slo))).toEqual(alone[i]);
      };
      const idx = cands.map((_, i) => i);
      inOrder(idx);
      inOrder([...idx].reverse());
      fc.assert(
        fc.property(fc.shuffledSubarray(idx, { minLength: idx.length, maxLength: idx.length }), (order) => {
          inOrder(order);
        }),
        { numRuns: 3, seed: 7 },
      );
      // Five passes over a few hundred candidates: seconds on a loaded two-core machine.
    }, 60_000);

  it('the engine reads a KV format only through its size: FP8 = INT8 and BF16 = FP16 (so they share a family)', () => {
    const out = emptyPointResult();
    for (const id of ['deepseek-v3-hgx-h800-ep144', 'llama-3.1-8b-h100', 'qwen3-30b-a3b-rtx4090-offload']) {
      const plan = planPresets().find((p) => p.id === id) as InferencePlan;
      const ctx = resolvePlan(plan, catalog);
      const numbers = (kvCache: KvFormat, batch: number, prompt: number) => {
        const s = { ...plan.inference, precision: { ...plan.inference.precision, kvCache } };
        const pt = { ...pointFromPlan(plan), batch, promptTokens: prompt };
        const r = evaluatePoint(compileFamily(ctx, s), pt, { usdPerDeviceHour: 2, wattsPerDevice: 700 }, 80e9, out);
        return JSON.parse(JSON.stringify(r)) as unknown;
      };
      for (const [batch, prompt] of [
        [1, 512],
        [32, 4096],
        [512, 32_768],
      ] as const) {
        expect(numbers('int8', batch, prompt), id).toEqual(numbers('fp8', batch, prompt));
        expect(numbers('fp16', batch, prompt), id).toEqual(numbers('bf16', batch, prompt));
        expect(numbers('int8', batch, prompt), id).not.toEqual(numbers('bf16', batch, prompt));
      }
    }
  });

  it('the worker split keeps each group whole and holds every candidate exactly once, at its place', () => {
    const spec = deepseek();
    const sc = prepareSearch(spec, catalog);
    const cands = candidatesOf(sc);
    for (const shares of [1, 2, 3, 4]) {
      const split = Array.from({ length: shares }, (_, k) => new SearchShare(spec, catalog, k, shares));
      for (const sh of split) sh.mine.forEach((i, j) => expect(sh.cands[j]).toEqual(cands[i]));
      const parts = split.map((sh) => sh.mine);
      expect(parts.flat().sort((a, b) => a - b)).toEqual(cands.map((_, i) => i));
      const owner = new Map<string, number>();
      parts.forEach((p, k) =>
        p.forEach((i) => {
          const g = stepGroupKey(cands[i]!);
          expect(owner.get(g) ?? k).toBe(k);
          owner.set(g, k);
        }),
      );
      if (shares > 1) for (const p of parts) expect(p.length).toBeGreaterThan(cands.length / shares / 2);
    }
  });
});
