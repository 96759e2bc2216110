/**
 * Runs the validation table: every case's plan through the engine, the metric compared with the
 * published figure. errorPct = (predicted − published) / published × 100.
 * Each case is predicted twice: as the product predicts it (calibration curves where the device has
 * a profile, derived curves for other datacenter GPUs) and with `useCalibration: false`, the plain
 * roofline (datasheet peaks × the device's flat default efficiencies). The second column shows what
 * the calibration buys; on devices without curves the two agree.
 * Cases with `batchUpToMemory` and offline max-throughput cases are evaluated at
 * min(plan batch, largest batch that fits in memory).
 */
import { evaluateServing, type ServingResult } from '../serving/evaluate';
import { resolvePlan, type Catalog } from '../plan/context';
import { migratePlanObject } from '../schema/migrations';
import type { InferencePlan } from '../schema/plan';
import { evaluateTraining } from '../training/evaluate';
import type { Metric, ValidationCase } from './case';
import { offlineOutputTokensPerSecond, singlePromptTokensPerSecond } from './derived';
import type { Citation } from '../source';
import { evaluateRlPlan } from '../rl/evaluate';
import { MILLI } from '../units';

/** RL metrics read from the step's breakdown. */
const RL_PHASE: Partial<Record<string, 'generation' | 'logprobs' | 'training' | 'sync'>> = {
  rlGenerationS: 'generation',
  rlLogprobsS: 'logprobs',
  rlTrainingS: 'training',
  rlSyncS: 'sync',
};

export interface ValidationRow {
  id: string;
  /** The plan kind: serving and training rows are summarised apart from RL post-training rows. */
  kind: 'inference' | 'training' | 'rl';
  /** Registry citation(s) of the published figure (resolve with shared/sources/registry.ts). */
  source: Citation | Citation[];
  description: string;
  metric: string;
  unit: string;
  published: number;
  predicted: number | null;
  errorPct: number | null;
  /** The same case with useCalibration: false (datasheet × default efficiency). */
  rooflinePredicted: number | null;
  rooflineErrorPct: number | null;
  assumptions: string;
  error?: string;
}

/**
 * A closed-loop benchmark's TTFT and TPOT are the means of the simulated closed loop at its
 * concurrency (serving/benchmark.ts), as the benchmark tools report them; its medians where the
 * source gives only those.
 */
function benchmarkMetric(c: ValidationCase, r: ServingResult): number | null {
  if (c.benchmark?.mode !== 'closed' || !r.benchmark) return null;
  const stat = c.benchmark.statistic ?? 'mean';
  if (c.metric === 'ttftMs') return r.benchmark.closed.ttftS[stat] / MILLI;
  if (c.metric === 'tpotMs') return r.benchmark.closed.tpotS[stat] / MILLI;
  return null;
}

/**
 * Times are quoted in the cases as published (milliseconds); the engine gives seconds, converted
 * here, where the prediction meets the published figure.
 */
const IN_MS: Partial<Record<Metric, (r: ServingResult) => number>> = {
  tpotMs: (r) => r.tpotS / MILLI,
  ttftMs: (r) => r.ttftS / MILLI,
  requestLatencyMs: (r) => r.requestLatencyS / MILLI,
};

function inferenceMetric(c: ValidationCase, r: ServingResult, plan: InferencePlan): number {
  if (c.metric === 'offlineOutputTokensPerSecond') return offlineOutputTokensPerSecond(r, plan);
  if (c.metric === 'singlePromptTokensPerSecond') return singlePromptTokensPerSecond(r, plan);
  const b = benchmarkMetric(c, r);
  if (b !== null) return b;
  const ms = IN_MS[c.metric];
  if (ms) return ms(r);
  return (r as unknown as Record<string, number>)[c.metric] ?? Number.NaN;
}

/**
 * Metrics a prompt's compute sets; a device without a matmul peak cannot time them. A part that
 * states only an FP32 rate (Apple's GPUs) is timed at it, as the engine's effectivePeak does.
 */
const PREFILL_METRICS = new Set([
  'singlePromptTokensPerSecond',
  'prefillTokensPerSecondPerDevice',
  'inputTokensPerSecondPerDevice',
]);

function predictInference(c: ValidationCase, plan: InferencePlan, catalog: Catalog): number {
  const b = c.benchmark;
  if (b?.mode === 'closed' && b.requests !== undefined)
    plan = {
      ...plan,
      inference: { ...plan.inference, workload: { ...plan.inference.workload, benchmarkRequests: b.requests } },
    };
  const ctx = resolvePlan(plan, catalog);
  const p = ctx.accelerator.peakFlopsPerS;
  if (PREFILL_METRICS.has(c.metric) && !(p.bf16.value ?? p.fp16.value ?? p.fp32.value))
    throw new Error(
      `${ctx.accelerator.name}'s preset has no BF16/FP16/FP32 peak: prompt processing is compute-bound and cannot be timed`,
    );
  const benchmark = c.benchmark?.mode === 'closed' && (c.metric === 'ttftMs' || c.metric === 'tpotMs');
  let r = evaluateServing(plan, ctx, { explain: false, benchmark });
  const B = plan.inference.workload.concurrentRequests;
  if ((c.batchUpToMemory || c.metric === 'offlineOutputTokensPerSecond') && r.maxBatch < B) {
    if (r.maxBatch < 1) throw new Error('not even one sequence fits in device memory');
    plan = {
      ...plan,
      inference: { ...plan.inference, workload: { ...plan.inference.workload, concurrentRequests: r.maxBatch } },
    };
    r = evaluateServing(plan, ctx, { explain: false, benchmark });
  }
  return inferenceMetric(c, r, plan);
}

/** The case's metric in the published unit; throws when the plan cannot be evaluated. */
export function predictCase(c: ValidationCase, catalog: Catalog, useCalibration = true): number {
  const plan = migratePlanObject({ ...c.plan, useCalibration });
  let raw: number;
  if (plan.kind === 'inference') raw = predictInference(c, plan, catalog);
  else if (plan.kind === 'training') {
    const r = evaluateTraining(plan, resolvePlan(plan, catalog));
    raw = (r as unknown as Record<string, number>)[c.metric] ?? Number.NaN;
  } else {
    const r = evaluateRlPlan(plan, catalog);
    const phase = RL_PHASE[c.metric];
    raw = c.metric === 'stepTimeS' ? r.stepTimeS : phase ? r.breakdownS[phase] : Number.NaN;
  }
  if (!Number.isFinite(raw)) throw new Error(`the engine gives no finite ${c.metric}`);
  return raw * c.scale;
}

function tryPredict(c: ValidationCase, catalog: Catalog, useCalibration: boolean): number | null {
  try {
    return predictCase(c, catalog, useCalibration);
  } catch {
    return null;
  }
}

const pct = (predicted: number, published: number): number => ((predicted - published) / published) * 100;

export function runValidation(cases: readonly ValidationCase[], catalog: Catalog): ValidationRow[] {
  return cases.map((c) => {
    const base = {
      id: c.id,
      kind: (c.plan as { kind: ValidationRow['kind'] }).kind,
      source: c.source,
      description: c.description,
      metric: c.metric,
      unit: c.unit,
      published: c.published,
      assumptions: c.assumptions,
    };
    const roofline = tryPredict(c, catalog, false);
    const rooflineFields = {
      rooflinePredicted: roofline,
      rooflineErrorPct: roofline === null ? null : pct(roofline, c.published),
    };
    try {
      const predicted = predictCase(c, catalog, true);
      return { ...base, predicted, errorPct: pct(predicted, c.published), ...rooflineFields };
    } catch (e) {
      return { ...base, predicted: null, errorPct: null, ...rooflineFields, error: (e as Error).message };
    }
  });
}

export interface ErrorSummary {
  /** Rows with a prediction. */
  rows: number;
  medianAbsErrorPct: number | null;
  maxAbsErrorPct: number | null;
  within25: number;
}

/** Median and worst |error| and how many rows are within ±25%, over the rows that have an error. */
export function summarizeErrors(errors: ReadonlyArray<number | null>): ErrorSummary {
  const abs = errors.flatMap((e) => (e === null || !Number.isFinite(e) ? [] : [Math.abs(e)])).sort((a, b) => a - b);
  const n = abs.length;
  const median = n === 0 ? null : n % 2 ? abs[(n - 1) / 2]! : (abs[n / 2 - 1]! + abs[n / 2]!) / 2;
  return {
    rows: n,
    medianAbsErrorPct: median,
    maxAbsErrorPct: n ? abs[n - 1]! : null,
    within25: abs.filter((a) => a <= 25).length,
  };
}

export interface ValidationSummary {
  calibrated: ErrorSummary;
  roofline: ErrorSummary;
}

export function summarizeValidation(rows: readonly ValidationRow[]): ValidationSummary {
  return {
    calibrated: summarizeErrors(rows.map((r) => r.errorPct)),
    roofline: summarizeErrors(rows.map((r) => r.rooflineErrorPct)),
  };
}

/** Serving and training rows, and RL post-training rows (whole-pipeline step times), each summarised. */
export function summarizeByGroup(rows: readonly ValidationRow[]): { core: ValidationSummary; rl: ValidationSummary } {
  return {
    core: summarizeValidation(rows.filter((r) => r.kind !== 'rl')),
    rl: summarizeValidation(rows.filter((r) => r.kind === 'rl')),
  };
}

/** One line a reader can quote: "median |error| 12.3%, 14 of 20 rows within ±25% (plain roofline: …)". */
export function summaryLine(s: ValidationSummary): string {
  const f = (e: ErrorSummary): string =>
    e.medianAbsErrorPct === null
      ? 'no rows'
      : `median |error| ${e.medianAbsErrorPct.toFixed(1)}%, ${e.within25} of ${e.rows} rows within ±25%`;
  return `${f(s.calibrated)} (plain roofline: ${f(s.roofline)})`;
}
