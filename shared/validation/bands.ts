/**
 * Error bands from the validation table (schema/error-bands.ts): each inference case's class and
 * its time error (measured time ÷ predicted time − 1; a throughput's error is turned into the
 * time's: predicted ÷ measured − 1), and the p10/p90 bands of the fit cases per class, pooled up to
 * a parent class where a class has fewer than MIN_CASES cases.
 */
import { compileFamily } from '../inference/family';
import { resolvePlan, type Catalog } from '../plan/context';
import {
  bandKey,
  METRIC_CLASSES,
  MIN_CASES,
  RATE_CLASSES,
  type Band,
  type MetricClass,
  type RateClass,
} from '../schema/error-bands';
import { migratePlanObject } from '../schema/migrations';
import type { InferencePlan } from '../schema/plan';
import { rateClassOf } from '../serving/bands';
import type { ValidationCase } from './case';
import { predictCase } from './run';

const TIME_METRICS = new Set(['tpotMs', 'ttftMs']);

export function metricClassOf(c: ValidationCase): MetricClass | null {
  if (c.metric === 'ttftMs') return c.benchmark?.mode === 'closed' ? 'served-ttft' : 'prefill';
  if (
    c.metric === 'singlePromptTokensPerSecond' ||
    c.metric === 'inputTokensPerSecondPerDevice' ||
    c.metric === 'prefillTokensPerSecondPerDevice'
  )
    return 'prefill';
  if (
    [
      'tpotMs',
      'outputTokensPerSecondPerDevice',
      'outputTokensPerSecondPerRequest',
      'offlineOutputTokensPerSecond',
    ].includes(c.metric)
  )
    return 'decode';
  return null;
}

export interface CaseError {
  id: string;
  split: ValidationCase['split'];
  rate: RateClass;
  moe: boolean;
  metric: MetricClass;
  /** Measured time ÷ predicted time − 1. */
  timeError: number;
}

/** The class and time error of each inference case the engine evaluates. */
export function caseErrors(cases: readonly ValidationCase[], catalog: Catalog): CaseError[] {
  const out: CaseError[] = [];
  for (const c of cases) {
    const metric = metricClassOf(c);
    if (!metric || c.plan.kind !== 'inference') continue;
    try {
      const plan = migratePlanObject(c.plan) as InferencePlan;
      const ctx = resolvePlan(plan, catalog);
      const f = compileFamily(ctx, plan.inference);
      const predicted = predictCase(c, catalog);
      const timeError = TIME_METRICS.has(c.metric) ? c.published / predicted - 1 : predicted / c.published - 1;
      out.push({ id: c.id, split: c.split, rate: rateClassOf(f), moe: !!ctx.model.moe, metric, timeError });
    } catch {
      // A case the engine refuses has no error to contribute.
    }
  }
  return out;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = q * (s.length - 1);
  const lo = Math.floor(i);
  return s[lo]! + (s[Math.min(s.length - 1, lo + 1)]! - s[lo]!) * (i - lo);
}

/** Bands of every class from the fit cases' errors, pooled to a parent class where too few. */
export function bandsFrom(errors: readonly CaseError[]): Record<string, Band> {
  const fit = errors.filter((e) => e.split === 'fit');
  const band = (xs: CaseError[], pooledAt: string): Band => ({
    p10: quantile(
      xs.map((e) => e.timeError),
      0.1,
    ),
    p90: quantile(
      xs.map((e) => e.timeError),
      0.9,
    ),
    cases: xs.length,
    pooledAt,
  });
  const out: Record<string, Band> = {};
  for (const rate of RATE_CLASSES)
    for (const moe of [false, true])
      for (const metric of METRIC_CLASSES) {
        const levels: Array<[string, CaseError[]]> = [
          [bandKey(rate, moe, metric), fit.filter((e) => e.rate === rate && e.moe === moe && e.metric === metric)],
          [`${rate}|any|${metric}`, fit.filter((e) => e.rate === rate && e.metric === metric)],
          [`any|any|${metric}`, fit.filter((e) => e.metric === metric)],
        ];
        const [at, xs] = levels.find(([, xs]) => xs.length >= MIN_CASES) ?? levels[levels.length - 1]!;
        if (xs.length) out[bandKey(rate, moe, metric)] = band(xs, at);
      }
  return out;
}

/** Share of the held-out cases whose measurement falls inside their class's band. */
export function heldOutCoverage(
  errors: readonly CaseError[],
  bands: Record<string, Band>,
): { inside: number; total: number } {
  const held = errors.filter((e) => e.split === 'held-out');
  const inside = held.filter((e) => {
    const b = bands[bandKey(e.rate, e.moe, e.metric)];
    return b && e.timeError >= b.p10 && e.timeError <= b.p90;
  }).length;
  return { inside, total: held.length };
}
