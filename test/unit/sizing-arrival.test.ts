// The serving loop's arrival rate for n sequences in flight (queueing.ts): the cubic solved with
// bracketed Newton steps must give the root of Little's law n = λ·(O·tpot/(1 − ρ) + D0) that a
// fine bisection of the law itself gives (the replaced code bisected it 48 times), on drawn
// service and load values, and the degenerate inputs must give what the bisection gave.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arrivalForInFlight } from '../../shared/serving/queueing';

/** Sequences in flight at arrival rate x (the law itself, written out independently). */
function inFlight(x: number, E: number, E2: number, Ot: number): number {
  const rho = x * E;
  if (rho >= 1) return Infinity;
  const EW = (x * E2) / (2 * (1 - rho));
  const stall = (x * (EW + E) * E) / (1 - rho);
  return x * (Ot / (1 - rho) + stall);
}

function bisect(n: number, E: number, E2: number, Ot: number): number {
  let lo = 0;
  let hi = Math.min(1 / E, n / Ot);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (inFlight(mid, E, E2, Ot) < n) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('arrival rate for n sequences in flight', () => {
  it('equals the bisection of Little’s law to 1e-9 relative', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }), // sequences per replica
        fc.double({ min: 1e-4, max: 30, noNaN: true }), // E[S], s
        fc.double({ min: 1, max: 4, noNaN: true }), // E[S²] ÷ E[S]² (≥ 1)
        fc.double({ min: 1e-3, max: 1e4, noNaN: true }), // O·tpot, s
        (n, E, k, Ot) => {
          const E2 = k * E * E;
          const got = arrivalForInFlight(n, E, E2, Ot);
          const want = bisect(n, E, E2, Ot);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * want);
          expect(got * E).toBeLessThan(1);
        },
      ),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('is 0 when nothing can be served (infinite time per token), or when nothing takes time', () => {
    expect(arrivalForInFlight(8, 0.1, 0.02, Infinity)).toBe(0);
    expect(arrivalForInFlight(8, 0, 0, 0)).toBe(0);
  });

  it('is the prefill capacity 1/E[S] with infinitely many sequences, and n/(O·tpot) with no prefill time', () => {
    expect(arrivalForInFlight(Infinity, 0.5, 0.3, 2)).toBe(2);
    expect(arrivalForInFlight(8, 0, 0, 2)).toBeCloseTo(4, 12);
  });
});
