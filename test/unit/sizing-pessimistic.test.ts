/**
 * Sizing at the pessimistic edge of the error band (slo.sizeAt: 'pessimistic'): each candidate's
 * decode steps and prompt prefills are taken at 1 + the 90th percentile of its class's band
 * (presets/error-bands.json), so the answer never costs less than at the estimate, and the ranked
 * numbers are the engine's estimate for the written plan times those factors.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { compileFamily } from '../../shared/inference/family';
import { parseSizingSpec } from '../../shared/schema/sizing';
import { bandOf } from '../../shared/serving/bands';
import { emptyOperatingPoint, operatingPoint } from '../../shared/serving/queueing';
import { runPrepared } from '../../shared/sizing/run';
import { prepareSearch, settingsOf } from '../../shared/sizing/search-context';
import { evaluateCandidate } from '../../shared/sizing/search';
import { small } from './fixtures/sizing-specs';

describe('sizing at the pessimistic edge of the error band', () => {
  const catalog = engineCatalog();
  const at = (sizeAt: 'estimate' | 'pessimistic') => {
    const sc = prepareSearch(parseSizingSpec({ ...small, slo: { ...small.slo, sizeAt } }), catalog);
    return { sc, r: runPrepared(sc, { topN: 10 }) };
  };
  const est = at('estimate');
  const pes = at('pessimistic');

  it('never answers cheaper than the estimate, and says what it was sized at', () => {
    expect(est.r.best && pes.r.best).toBeTruthy();
    expect(pes.r.best!.metrics.devices).toBeGreaterThanOrEqual(est.r.best!.metrics.devices);
    expect(est.r.best!.metrics.sizedAt).toEqual({ at: 'estimate', decodeScale: 1, prefillScale: 1 });
    expect(pes.r.best!.metrics.sizedAt.at).toBe('pessimistic');
    expect(pes.r.best!.metrics.sizedAt.decodeScale).toBeGreaterThan(1);
  });

  it("takes each step at 1 + its class's p90: the same load model with prefill and decode times scaled", () => {
    const e = pes.r.top[0]!;
    const s = pes.sc.systems.get(e.cand.systemId)!;
    const f = compileFamily(s.ctx, settingsOf(pes.sc, e.cand));
    const edge = (m: 'decode' | 'prefill') => 1 + Math.max(0, bandOf(s.ctx.errorBands, f, m).band!.p90);
    expect(pes.r.best!.metrics.sizedAt.decodeScale).toBeCloseTo(edge('decode'), 12);
    expect(pes.r.best!.metrics.sizedAt.prefillScale).toBeCloseTo(edge('prefill'), 12);
    const a = evaluateCandidate(est.sc, e.cand, null).model!;
    const b = evaluateCandidate(pes.sc, e.cand, null).model!;
    expect(a.decodeScale).toBe(1);
    expect(b.decodeScale).toBeCloseTo(edge('decode'), 12);
    expect(b.prefillA).toBeCloseTo(a.prefillA * edge('prefill'), 12);
    expect(b.prefillB).toBeCloseTo(a.prefillB * edge('prefill'), 12);
    // Taken at those times, the same batch gives a slower TPOT than the estimate.
    const opA = operatingPoint(a, 8, 0.01, 0.01, emptyOperatingPoint());
    const opB = operatingPoint(b, 8, 0.01, 0.01, emptyOperatingPoint());
    expect(opB.tpotS).toBeGreaterThan(opA.tpotS * edge('decode') * 0.999);
  });
});
