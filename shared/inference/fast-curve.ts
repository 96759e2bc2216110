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
  /** The last few queries and their answers: searches ask the same sizes again and again. */
  cacheX: Float64Array;
  cacheY: Float64Array;
  next: number;
}

const CACHE = 1;

export function fastCurve(c: Curve): FastCurve {
  const xs = new Float64Array(c.length);
  const ys = new Float64Array(c.length);
  const lx = new Float64Array(c.length);
  c.forEach(([x, y], i) => {
    xs[i] = x;
    ys[i] = y;
    lx[i] = Math.log(x);
  });
  return { xs, ys, lx, cacheX: new Float64Array(CACHE).fill(Number.NaN), cacheY: new Float64Array(CACHE), next: 0 };
}

/** Linear interpolation in log(x), clamped to the end points (as interpLog). */
export function interpFast(c: FastCurve, x: number): number {
  const cx = c.cacheX;
  for (let i = 0; i < CACHE; i++) if (cx[i] === x) return c.cacheY[i]!;
  const y = interpUncached(c, x);
  cx[c.next] = x;
  c.cacheY[c.next] = y;
  c.next = (c.next + 1) % CACHE;
  return y;
}

function interpUncached(c: FastCurve, x: number): number {
  const n = c.xs.length;
  if (n === 0) return Number.NaN;
  if (x <= c.xs[0]!) return c.ys[0]!;
  if (x >= c.xs[n - 1]!) return c.ys[n - 1]!;
  // The first i with x ≤ xs[i] (binary search; interpLog scans, the segment is the same).
  let lo = 1;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= c.xs[mid]!) hi = mid;
    else lo = mid + 1;
  }
  const t = (Math.log(x) - c.lx[lo - 1]!) / (c.lx[lo]! - c.lx[lo - 1]!);
  return c.ys[lo - 1]! + t * (c.ys[lo]! - c.ys[lo - 1]!);
}
