/**
 * Token-length distributions for prompts and outputs: a log-normal fitted to a mean and a p90 (the
 * two numbers serving benchmarks usually publish), or a small histogram.
 *
 * Log-normal with parameters (μ, σ): mean = exp(μ + σ²/2), p90 = exp(μ + z·σ), z = 1.2816 (the
 * standard normal's 90th percentile). Given mean m and p90 q: ln(q/m) = zσ − σ²/2, so
 *   σ = z − √(z² − 2·ln(q/m))    (the smaller root; needs q ≤ m·e^{z²/2} ≈ 2.27·m),
 * E[X²] = exp(2μ + 2σ²), E[X³] = exp(3μ + 4.5σ²). A p90 equal to the mean is a constant length (σ = 0).
 * Histogram: points {tokens, weight}; moments and quantiles are those of the discrete distribution.
 */
import { z } from 'zod';

export const Z90 = 1.2815515655446004;
/** A percentile the planner reports or an objective is stated at. */
export type Pct = 'p50' | 'p90' | 'p95' | 'p99';
/** Standard normal quantiles of those percentiles (Φ⁻¹(0.5), Φ⁻¹(0.9), Φ⁻¹(0.95), Φ⁻¹(0.99)). */
export const Z_OF: Record<Pct, number> = { p50: 0, p90: Z90, p95: 1.6448536269514722, p99: 2.3263478740408408 };
export const Q_OF: Record<Pct, number> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

const tokens = (f: string) =>
  z
    .number({ error: `${f} must be a number` })
    .positive(`${f} must be > 0`)
    .max(1 << 24, `${f} is larger than 16M tokens`);

export const LengthDistribution = z.union([
  z
    .object({
      mean: tokens('mean'),
      /** 90th percentile; omitted = every request has the mean length. */
      p90: tokens('p90').optional(),
    })
    .refine((d) => d.p90 === undefined || d.p90 >= d.mean, { message: 'p90 must be ≥ the mean', path: ['p90'] })
    .refine((d) => d.p90 === undefined || Math.log(d.p90 / d.mean) <= (Z90 * Z90) / 2, {
      message: 'p90 above 2.27 × the mean cannot come from a log-normal: give a histogram instead',
      path: ['p90'],
    }),
  z.object({
    histogram: z
      .array(
        z.object({ tokens: tokens('histogram.tokens'), weight: z.number().positive('weight must be > 0').max(1e9) }),
      )
      .min(1, 'histogram needs at least one bin')
      .max(200, 'histogram has more than 200 bins'),
  }),
]);
export type LengthDistribution = z.infer<typeof LengthDistribution>;

export interface Moments {
  mean: number;
  /** E[X²] and E[X³]. */
  second: number;
  third: number;
  quantile: (q: number) => number;
  /** A sample from a uniform u ∈ (0, 1). */
  sample: (u: number) => number;
}

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  const poly = (k: number[], x: number): number => k.reduce((s, v) => s * x + v, 0);
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - pl) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

export function moments(d: LengthDistribution): Moments {
  if ('histogram' in d) return histogramMoments(d.histogram);
  const m = d.mean;
  const q = d.p90 ?? m;
  const sigma = q <= m ? 0 : Z90 - Math.sqrt(Math.max(0, Z90 * Z90 - 2 * Math.log(q / m)));
  const mu = Math.log(m) - (sigma * sigma) / 2;
  const at = (zq: number): number => Math.exp(mu + sigma * zq);
  return {
    mean: m,
    second: Math.exp(2 * mu + 2 * sigma * sigma),
    third: Math.exp(3 * mu + 4.5 * sigma * sigma),
    quantile: (p) => (sigma === 0 ? m : at(normalQuantile(p))),
    sample: (u) => (sigma === 0 ? m : at(normalQuantile(u))),
  };
}

function histogramMoments(h: Array<{ tokens: number; weight: number }>): Moments {
  const bins = [...h].sort((x, y) => x.tokens - y.tokens);
  const W = bins.reduce((s, b) => s + b.weight, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const b of bins) cdf.push((acc += b.weight / W));
  const pick = (u: number): number =>
    bins[
      Math.min(
        bins.length - 1,
        cdf.findIndex((c) => u <= c + 1e-12),
      )
    ]!.tokens;
  return {
    mean: bins.reduce((s, b) => s + (b.tokens * b.weight) / W, 0),
    second: bins.reduce((s, b) => s + (b.tokens ** 2 * b.weight) / W, 0),
    third: bins.reduce((s, b) => s + (b.tokens ** 3 * b.weight) / W, 0),
    quantile: pick,
    sample: pick,
  };
}

/** A seeded pseudo-random generator (mulberry32): deterministic simulations and tests. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The distribution of lengths `k` tokens longer (a vision-language model's image tokens joining every prompt). */
export function shiftedBy(d: LengthDistribution, k: number): LengthDistribution {
  if (k === 0) return d;
  if ('histogram' in d) return { histogram: d.histogram.map((b) => ({ tokens: b.tokens + k, weight: b.weight })) };
  return d.p90 === undefined ? { mean: d.mean + k } : { mean: d.mean + k, p90: d.p90 + k };
}
