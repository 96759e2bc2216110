/**
 * Efficiency curves with their logarithms precomputed, for the engine's hot loops. `interpFast`
 * returns exactly what `interpLog` (calibration/profile.ts) returns for the same curve — the same
 * clamping and the same arithmetic on the same logarithms — only without recomputing log(x_i).
 */
import type { Curve } from '../calibration/profile';

export interface FastCurve {
  xs: Float64Array;
  ys: Float64Array;
  lx: Float64Array;
  /** The last query and its answer (searches ask the same sizes again and again). */
  lastX: number;
  lastY: number;
}

export function fastCurve(c: Curve): FastCurve {
  const xs = new Float64Array(c.length);
  const ys = new Float64Array(c.length);
  const lx = new Float64Array(c.length);
  c.forEach(([x, y], i) => {
    xs[i] = x;
    ys[i] = y;
    lx[i] = Math.log(x);
  });
  // Both fields start as non-integer numbers, so V8 stores them as doubles in place from the start.
  return { xs, ys, lx, lastX: Number.NaN, lastY: 0.5 };
}

/**
 * Linear interpolation in log(x), clamped to the end points (as interpLog). Kept under V8's
 * "small function" size (27 bytecode bytes), which it inlines whatever its budget: a double passed
 * to or returned from a call it did not inline is boxed, an allocation per call on the hot path.
 * A hit allocates nothing; the miss path stores its answer in the curve rather than returning it.
 */
export function interpFast(c: FastCurve, x: number): number {
  if (x !== c.lastX) lookUp(c, x);
  return c.lastY;
}

function lookUp(c: FastCurve, x: number): void {
  c.lastX = x;
  const { xs, ys, lx } = c;
  const n = xs.length;
  if (n === 0) c.lastY = Number.NaN;
  else if (x <= xs[0]!) c.lastY = ys[0]!;
  else if (x >= xs[n - 1]!) c.lastY = ys[n - 1]!;
  else {
    // The first i with x ≤ xs[i] (binary search; interpLog scans, the segment is the same).
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x <= xs[mid]!) hi = mid;
      else lo = mid + 1;
    }
    const t = (Math.log(x) - lx[lo - 1]!) / (lx[lo]! - lx[lo - 1]!);
    c.lastY = ys[lo - 1]! + t * (ys[lo]! - ys[lo - 1]!);
  }
}
