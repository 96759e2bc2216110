// The search workers' compact store of evaluated candidates (shared/sizing/evaluated-store.ts):
// what it gives back equals, field by field, what was evaluated — structural rejects, candidates
// cut short, disaggregated pools, systems without a price — and its curves view the same memory.
import { describe, expect, it } from 'vitest';
import { presetCatalog } from '../../presets/load';
import { EvaluatedStore } from '../../shared/sizing/evaluated-store';
import { parseSizingSpec } from '../../shared/schema/sizing';
import { NCOL, type Evaluated } from '../../shared/sizing/curve';
import { candidatesOf, prepareSearch } from '../../shared/sizing/search-context';
import { evaluateCandidate } from '../../shared/sizing/search';
import { small } from './fixtures/sizing-specs';

const spec = parseSizingSpec({
  ...small,
  id: 'store',
  modelId: 'llama-3.1-70b',
  constraints: {
    ...small.constraints,
    systems: ['hgx-h100', 'consumer-4090-box'],
    maxDevices: 16,
    // A committed term: the 4090 box has no committed rate in the book (a system without a price); the H100 has the spec's.
    rentalTerm: 'committed',
    usdPerDeviceHour: { 'hgx-h100': 3 },
    precisions: { weights: ['bf16', 'fp8', 'int4'], compute: ['bf16'], kvCache: ['bf16'] },
    strategies: { ...small.constraints.strategies, pp: true, disaggregation: true, disaggregationRatios: [0.5, 1] },
  },
});

describe('EvaluatedStore', () => {
  const sc = prepareSearch(spec, presetCatalog());
  const cands = candidatesOf(sc);
  const evs: Evaluated[] = cands.map((c) => evaluateCandidate(sc, c, sc.spec.slo));
  const store = new EvaluatedStore(cands.length, cands);
  for (const ev of evs) store.push(ev);

  it('covers every kind of evaluation', () => {
    expect(evs.some((e) => e.structural)).toBe(true);
    expect(evs.some((e) => e.prunedWith)).toBe(true);
    expect(evs.some((e) => e.model && !e.model.aggregated)).toBe(true);
    expect(evs.some((e) => e.usdPerDeviceHour === null)).toBe(true);
    expect(evs.some((e) => !e.structural && !e.prunedWith && e.points > 1)).toBe(true);
  });

  it('gives back what was stored, field by field, the curve viewing the same memory', () => {
    expect(store.length).toBe(evs.length);
    evs.forEach((ev, i) => {
      const got = store.get(i);
      expect(got, ev.cand.id).toEqual(ev);
      expect(got.cand).toBe(ev.cand);
      expect(got.prunedWith).toBe(ev.prunedWith);
      expect(got.curve.buffer).toBe(ev.curve.buffer);
      expect(got.curve.byteOffset).toBe(ev.curve.byteOffset);
      expect(got.curve.length).toBe(ev.points * NCOL);
    });
    expect(store.curveBytes()).toBe(evs.reduce((b, e) => b + e.curve.byteLength, 0));
  });

  it('replaces an entry, and refuses a wrong candidate, an index out of range, or one too many', () => {
    const i = evs.findIndex((e) => e.prunedWith);
    const again = evaluateCandidate(sc, cands[i]!, null);
    store.set(i, again);
    expect(store.get(i)).toEqual(again);
    expect(() => store.set(i, evs[(i + 1) % evs.length]!)).toThrow(/is not/);
    expect(() => store.get(evs.length)).toThrow(RangeError);
    expect(() => store.push(evs[0]!)).toThrow(/full/);
  });
});
