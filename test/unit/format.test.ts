// Numbers as people read them: no exponent notation in any formatter the pages, reports and CLI use.
import { describe, expect, it } from 'vitest';
import { formatRate, formatSig, formatTick, formatUsd } from '../../shared/units';

describe('plain numbers', () => {
  it('significant digits without an exponent', () => {
    expect(formatSig(20_520, 3)).toBe('20,500');
    expect(formatSig(0.000123456, 3)).toBe('0.000123');
    expect(formatSig(3.14159, 4)).toBe('3.142');
    expect(formatSig(12_345.6, 4)).toBe('12,350');
    expect(formatSig(Number.NaN)).toBe('NaN');
  });

  it('a chart tick: whole from 100 up, else 3 significant digits', () => {
    expect(formatTick(12_345.6)).toBe('12,346');
    expect(formatTick(1e-7)).toBe('0.0000001');
    expect(formatTick(42.123)).toBe('42.1');
  });

  it('rates in thousands take an SI prefix, never an exponent', () => {
    const t = formatRate(20_520, 'requests/s');
    expect(t).toBe('20.5 k requests/s');
    expect(t).not.toMatch(/e[+-]\d/);
  });
});

describe('dollars', () => {
  it('thousands are grouped below $10k', () => {
    expect(formatUsd(4394.634)).toBe('$4,394.63');
    expect(formatUsd(12.5)).toBe('$12.50');
    expect(formatUsd(0.0123)).toBe('$0.012');
    expect(formatUsd(1.551e9)).toBe('$1.55B');
    expect(formatUsd(491e6)).toBe('$491M');
  });
});
