// The search times each engine step once (shared/sizing/step-reuse.ts): configurations that differ
// only in their prefill pool share one decode curve, and those that differ only in speculative
// decoding share their single-prompt prefills. Reuse must not change a number: every candidate's
// curve and load model, evaluated after its neighbours, equals the same candidate with every step
// timed afresh (withoutStepReuse), bit for bit, in enumeration order, reversed and shuffled. A key
// that left out something a step depends on would hand a candidate its neighbour's numbers and
// fail here (checked by deleting the prompt length, and the prefill pool's layout, from the keys).
// The worker split keeps those neighbours together (shareIndices) and covers every index once.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { presetCatalog } from '../../presets/load';
import { parseSizingSpec, type SizingSpec } from '../../shared/sizing/schema';
import { candidatesOf, evaluateCandidate, prepareSearch, type Evaluated } from '../../shared/sizing/search';
import { withoutStepReuse } from '../../shared/sizing/step-reuse';
import { stepGroupKey } from '../../shared/sizing/space';
import { shareIndices } from '../../renderer/src/engine/search-split';

const catalog = presetCatalog();
const spec = (id: string): SizingSpec =>
  parseSizingSpec(readFileSync(`presets/sizing/${id}.clustersearch.json`, 'utf8'), id);

/** A DeepSeek-V3 space small enough for a test, with every kind of neighbour: prefill pools,
 * speculative decoding on and off, KV offload on and off. */
const deepseek = (): SizingSpec => {
  const base = spec('deepseek-v3-50ms');
  return parseSizingSpec({
    ...base,
    slo: { ...base.slo, ttftMs: base.slo.ttftMs * 4 },
    constraints: {
      ...base.constraints,
      systems: ['hgx-h800'],
      maxDevices: 64,
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
  const alone = withoutStepReuse(() => cands.map((c) => fingerprint(evaluateCandidate(sc, c, sc.spec.slo))));
  return { sc, cands, alone };
}

describe('steps reused between neighbouring configurations', () => {
  for (const [name, make] of [
    ['DeepSeek-V3 on HGX H800 (prefill pools, MTP, KV offload)', deepseek],
    ['Llama-3.1-70B chat (prefill pools)', () => spec('llama-3.1-70b-chat')],
  ] as const)
    it(`${name}: every candidate's numbers equal its numbers from scratch, in any order`, () => {
      const { sc, cands, alone } = fromScratch(make());
      expect(cands.length).toBeGreaterThan(50);
      // the reuse has something to reuse: groups of more than one candidate
      expect(new Set(cands.map(stepGroupKey)).size).toBeLessThan(cands.length / 2);
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
    });

  it('the worker split keeps each group whole and holds every candidate exactly once', () => {
    const sc = prepareSearch(deepseek(), catalog);
    const cands = candidatesOf(sc);
    for (const shares of [1, 2, 3, 4]) {
      const parts = Array.from({ length: shares }, (_, k) => shareIndices(cands, k, shares));
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
