// Calibration profiles: they validate, curves interpolate monotonically, and the engine with each
// shipped profile reproduces its held-out end-to-end points within the tolerance reached when
// the profile was committed (a regression guard; the measured numbers live in the profile).
import { describe, expect, it } from 'vitest';
import { acceleratorPresets, calibrationPresets, presetCatalog } from '../../presets/load';
import { calibrateCheck } from '../../shared/validation/calibration-check';
import { curvesFromProfile, derivedCurves, interpLog, monotone, parseProfile } from '../../shared/calibration/profile';
import { curvesFor } from '../../shared/plan/context';

const acc = (id: string) => acceleratorPresets().find((a) => a.id === id)!;

describe('calibration profiles', () => {
  it('the shipped H100 and H200 profiles validate and name their source', () => {
    const ids = calibrationPresets()
      .map((p) => p.acceleratorId)
      .sort();
    expect(ids).toEqual(['h100-sxm', 'h200-sxm']);
    for (const p of calibrationPresets()) {
      expect(p.note).toMatch(/Measured with calibration\/kit\.py/);
      expect(p.source).toEqual(expect.objectContaining({ doc: `cp-calibration-${p.id}` }));
      expect(p.endToEnd.filter((x) => x.heldOut).length).toBeGreaterThan(5);
    }
  });
  it('a bad profile is refused naming the field', () => {
    const raw = JSON.parse(JSON.stringify(calibrationPresets()[0]));
    raw.copy.bytesPerS = -1;
    expect(() => parseProfile(raw, 'x.json')).toThrow(/x\.json: copy\.bytesPerS/);
  });
  it('interpolation is linear in log(size), clamped, and the curves are monotone where they must be', () => {
    const c = [
      [1, 0.1],
      [100, 0.5],
    ] as const;
    expect(interpLog(c, 10)).toBeCloseTo(0.3, 12);
    expect(interpLog(c, 0.5)).toBe(0.1);
    expect(interpLog(c, 1e6)).toBe(0.5);
    expect(
      monotone([
        [1, 0.5],
        [2, 0.4],
        [3, 0.6],
      ]),
    ).toEqual([
      [1, 0.5],
      [2, 0.5],
      [3, 0.6],
    ]);
    for (const p of calibrationPresets()) {
      const cv = curvesFromProfile(p, acc(p.acceleratorId));
      for (const curve of [cv.gemmCompute, cv.gemmMemory, cv.attnDecodeMemory, cv.attnPrefillCompute]) {
        expect(curve.length).toBeGreaterThan(2);
        for (let i = 1; i < curve.length; i++) expect(curve[i]![1]).toBeGreaterThanOrEqual(curve[i - 1]![1]);
        for (const [, y] of curve) {
          expect(y).toBeGreaterThan(0);
          expect(y).toBeLessThanOrEqual(1);
        }
      }
    }
  });
  it('derived curves: datacenter GPUs get the H100/H200 mean; other classes keep flat defaults', () => {
    const cat = presetCatalog();
    expect(curvesFor(acc('h800'), cat)?.source).toMatch(/derived for h800/);
    expect(curvesFor(acc('rtx-4090'), cat)).toBeNull();
    expect(derivedCurves(acc('ascend-910c'), [])).toBeNull();
    expect(curvesFor(acc('h100-sxm'), cat)?.source).toMatch(/Measured/);
  });
  for (const id of ['h100-sxm', 'h200-sxm']) {
    it(`${id}: held-out end-to-end points within the committed tolerance (median ≤ 4%, max ≤ 10.5%)`, () => {
      const p = calibrationPresets().find((x) => x.acceleratorId === id)!;
      const r = calibrateCheck(p, presetCatalog());
      expect(r.summary.heldOut.n).toBeGreaterThan(5);
      expect(r.summary.heldOut.medianAbsErrorPct).toBeLessThanOrEqual(4);
      // profiles of 2026-11-23: H100 2.6% / 10.1%, H200 3.6% / 9.1% (2026-11-22: 1.4 / 6.1, 3.0 / 7.9)
      expect(r.summary.heldOut.maxAbsErrorPct).toBeLessThanOrEqual(10.5);
      // the profile beats the flat defaults on the same points
      expect(r.summary.heldOut.medianAbsErrorPct).toBeLessThan(r.summary.defaultsAll.medianAbsErrorPct);
    });
  }
});
