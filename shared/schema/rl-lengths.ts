/**
 * Response lengths of an RL step: a log-normal fitted to a mean and a p99, or a histogram, cut at
 * the generation cap (max_new_tokens). The tail sets the step time of a synchronous rollout, so the
 * survival function S(x) = P(L > x), the capped mean E[min(L, cap)] = ∫₀^cap S(x) dx and the
 * expected longest of n responses E[max] = ∫₀^cap (1 − (1 − S(x))ⁿ) dx are what the engine reads.
 *
 * Log-normal (μ, σ) from mean m and p99 q: mean = exp(μ + σ²/2), p99 = exp(μ + z·σ) with
 * z = 2.3263 (the standard normal's 99th percentile), so ln(q/m) = zσ − σ²/2 and
 *   σ = z − √(z² − 2·ln(q/m))  (the smaller root; needs q ≤ m·e^{z²/2} ≈ 14.97·m).
 * S(x) = 1 − Φ((ln x − μ)/σ), Φ from erf (Abramowitz & Stegun 7.1.26, |error| < 1.5·10⁻⁷).
 * A p99 equal to the mean (or omitted) is a constant length; a mean of 0 means empty responses.
 */
import { z } from 'zod';
import { normalQuantile } from './distribution';

export const Z99 = 2.3263478740408408;

const tokens = (f: string, min: 'zero' | 'positive') =>
  (min === 'zero'
    ? z.number({ error: `${f} must be a number` }).min(0, `${f} must be ≥ 0`)
    : z.number({ error: `${f} must be a number` }).positive(`${f} must be > 0`)
  ).max(1 << 24, `${f} is larger than 16M tokens`);

export const ResponseLength = z.union([
  z
    .object({
      /** Mean response length the model produces (tokens), before the cap. */
      mean: tokens('response.mean', 'zero'),
      /** 99th percentile; omitted or null = every response has the mean length. */
      p99: tokens('response.p99', 'positive').nullable().optional(),
    })
    .refine((d) => d.p99 == null || d.p99 >= d.mean, { message: 'p99 must be ≥ the mean', path: ['p99'] })
    .refine((d) => d.p99 == null || d.mean === 0 || Math.log(d.p99 / d.mean) <= (Z99 * Z99) / 2, {
      message: 'p99 above 14.97 × the mean cannot come from a log-normal: give a histogram instead',
      path: ['p99'],
    }),
  z.object({
    histogram: z
      .array(
        z.object({
          tokens: tokens('histogram.tokens', 'zero'),
          weight: z.number().positive('weight must be > 0').max(1e9),
        }),
      )
      .min(1, 'histogram needs at least one bin')
      .max(200, 'histogram has more than 200 bins'),
  }),
]);
export type ResponseLength = z.infer<typeof ResponseLength>;

/** Standard normal CDF Φ(x) (Abramowitz & Stegun 7.1.26). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export interface LengthModel {
  /** The cap (max_new_tokens): no response is longer. */
  cap: number;
  /** P(L > x) of the capped length, x ≥ 0 (0 from the cap on). */
  survival: (x: number) => number;
  /** E[min(L, cap)]: the mean generated length. */
  mean: number;
  /** E[min(L, cap)²]. */
  second: number;
  /** Share of responses cut at the cap. */
  truncated: number;
  /** A capped sample from a uniform u ∈ (0, 1) (simulations and tests). */
  sample: (u: number) => number;
  /** A description for traces ("log-normal, mean 1,060, p99 4,000, cut at 4,096"). */
  label: string;
}

/** Numerical ∫₀^cap g(x) dx with a fine midpoint rule (the survival function is smooth or a step). */
function integrate(g: (x: number) => number, cap: number, steps = 2000): number {
  if (cap <= 0) return 0;
  const h = cap / steps;
  let s = 0;
  for (let i = 0; i < steps; i++) s += g((i + 0.5) * h);
  return s * h;
}

export function lengthModel(d: ResponseLength, cap: number): LengthModel {
  const raw = 'histogram' in d ? histogram(d.histogram) : logNormal(d.mean, d.p99);
  const survival = (x: number): number => (x >= cap ? 0 : x < 0 ? 1 : raw.survival(x));
  const mean = integrate(survival, cap);
  return {
    cap,
    survival,
    mean,
    second: 2 * integrate((x) => x * survival(x), cap),
    truncated: raw.survival(cap),
    sample: (u) => Math.min(cap, raw.sample(u)),
    label: `${raw.label}, cut at ${cap} tokens`,
  };
}

interface Raw {
  survival: (x: number) => number;
  sample: (u: number) => number;
  label: string;
}

function logNormal(m: number, p99: number | null | undefined): Raw {
  const q = p99 ?? m;
  if (m === 0 || q <= m)
    return { survival: (x) => (x < m ? 1 : 0), sample: () => m, label: `every response ${m} tokens` };
  const sigma = Z99 - Math.sqrt(Math.max(0, Z99 * Z99 - 2 * Math.log(q / m)));
  const mu = Math.log(m) - (sigma * sigma) / 2;
  return {
    survival: (x) => (x <= 0 ? 1 : 1 - normalCdf((Math.log(x) - mu) / sigma)),
    sample: (u) => Math.exp(mu + sigma * normalQuantile(u)),
    label: `log-normal, mean ${m}, p99 ${q} tokens (σ ${sigma.toFixed(3)})`,
  };
}

function histogram(h: Array<{ tokens: number; weight: number }>): Raw {
  const bins = [...h].sort((a, b) => a.tokens - b.tokens);
  const W = bins.reduce((s, b) => s + b.weight, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const b of bins) cdf.push((acc += b.weight / W));
  return {
    survival: (x) => bins.reduce((s, b) => (b.tokens > x ? s + b.weight / W : s), 0),
    sample: (u) => {
      const i = cdf.findIndex((c) => u <= c + 1e-12);
      return bins[i < 0 ? bins.length - 1 : i]!.tokens;
    },
    label: `histogram of ${bins.length} bins`,
  };
}

/** Expected longest of n capped responses: ∫₀^cap (1 − (1 − S(x))ⁿ) dx. */
export function expectedMax(lm: LengthModel, n: number): number {
  if (n <= 1) return lm.mean;
  return integrate((x) => 1 - Math.pow(1 - lm.survival(x), n), lm.cap);
}
