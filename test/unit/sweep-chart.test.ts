// The batch-sweep chart never draws an unreachable batch as an operating point and
// marks where the engine's regime changes (dual micro-batch applied or not), and degrades to one
// plain line when the engine does not say.
import { describe, expect, it } from 'vitest';
import { layoutSweep, sweepCsv, sweepPointRows, type SweepPointView } from '../../renderer/src/charts/sweep';

const pt = (batch: number, extra: Partial<SweepPointView> = {}): SweepPointView => ({
  batch,
  tpotS: (10 + batch / 100) / 1000,
  outputTokensPerSecondPerRequest: 1000 / (10 + batch / 100),
  outputTokensPerSecondPerDevice: batch,
  outputTokensPerSecond: batch * 8,
  fits: true,
  ...extra,
});

describe('layoutSweep', () => {
  it('a sweep without regime fields is one line with no markers', () => {
    const l = layoutSweep([pt(8), pt(16), pt(32)]);
    expect(l.fitting.map((p) => p.batch)).toEqual([8, 16, 32]);
    expect(l.overflow).toEqual([]);
    expect(l.switches).toEqual([]);
    expect(l.hasDualMicroBatch).toBe(false);
    expect(l.hasRegime).toBe(false);
  });

  it('points past memory capacity go to a separate (dashed) part that joins the line', () => {
    const l = layoutSweep([pt(8), pt(16), pt(32, { fits: false }), pt(64, { fits: false })]);
    expect(l.fitting.map((p) => p.batch)).toEqual([8, 16]);
    expect(l.overflow.map((p) => p.batch)).toEqual([16, 32, 64]);
  });

  it('marks each point where dual micro-batch switches on or off, and regime changes', () => {
    const l = layoutSweep([
      pt(144, { dualMicroBatch: false, regime: 'memory-bound' }),
      pt(276, { dualMicroBatch: false, regime: 'memory-bound' }),
      pt(297, { dualMicroBatch: true, regime: 'memory-bound' }),
      pt(600, { dualMicroBatch: true, regime: 'compute-bound' }),
    ]);
    expect(l.hasDualMicroBatch).toBe(true);
    expect(l.switches.map((s) => [s.at.batch, s.label])).toEqual([
      [297, 'dual micro-batch on'],
      [600, 'memory-bound → compute-bound'],
    ]);
  });

  it('the tooltip names the configuration behind a point, units included', () => {
    const rows = Object.fromEntries(sweepPointRows(pt(297, { dualMicroBatch: true })));
    expect(rows['batch (sequences in flight)']).toBe('297');
    expect(rows['TPOT']).toBe('13.0 ms');
    expect(rows['dual micro-batch']).toBe('applied');
    expect(rows['fits in memory']).toBe('yes');
    expect(Object.keys(Object.fromEntries(sweepPointRows(pt(8))))).not.toContain('dual micro-batch');
  });
});

describe('sweepCsv', () => {
  it('adds the regime columns only when the engine gives them', () => {
    expect(sweepCsv([pt(8)]).split('\n')[0]).not.toContain('dual micro-batch');
    const csv = sweepCsv([pt(8, { dualMicroBatch: false }), pt(16, { dualMicroBatch: true, regime: 'compute-bound' })]);
    const [head, a, b] = csv.split('\n');
    expect(head).toMatch(/,dual micro-batch applied,regime$/);
    expect(a).toMatch(/,true,false,""$/);
    expect(b).toMatch(/,true,true,"compute-bound"$/);
  });
});
