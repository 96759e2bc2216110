/**
 * Efficiency curves: (size, value) points interpolated linearly in log(size) and clamped at the
 * ends; built from measured points by taking the median per size and, where a larger operator
 * never runs less efficiently, made non-decreasing.
 */
export type Curve = ReadonlyArray<readonly [number, number]>;

/** Linear interpolation in log(x), clamped to the end points. */
export function interpLog(c: Curve, x: number): number {
  if (c.length === 0) return Number.NaN;
  const first = c[0]!;
  const last = c[c.length - 1]!;
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  const lx = Math.log(x);
  for (let i = 1; i < c.length; i++) {
    const [x1, y1] = c[i]!;
    if (x <= x1) {
      const [x0, y0] = c[i - 1]!;
      const t = (lx - Math.log(x0)) / (Math.log(x1) - Math.log(x0));
      return y0 + t * (y1 - y0);
    }
  }
  return last[1];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Groups points by key, takes the median of y per key, and sorts by key. */
export function curveFrom(points: Array<[number, number]>): Curve {
  const by = new Map<number, number[]>();
  for (const [x, y] of points) by.set(x, [...(by.get(x) ?? []), y]);
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([x, ys]) => [x, Math.min(1, median(ys))] as const);
}

/** Makes a curve non-decreasing in x (a larger operator never runs less efficiently). */
export function monotone(c: Curve): Curve {
  let best = 0;
  return c.map(([x, y]) => {
    best = Math.max(best, y);
    return [x, best] as const;
  });
}

