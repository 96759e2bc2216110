/**
 * evaluateInference: the plan → the numbers a user would measure, each with its trace.
 * TTFT, TPOT, tokens/s (per request, per device, per cluster), prefill tokens/s, the largest batch
 * that fits, memory per device, $ per million input/output tokens, joules per token, and the
 * binding limit. The numbers come from the point evaluator (point.ts, the search's fast path);
 * the decode and TTFT steps are then explained operator by operator (explain-step.ts).
 */
import { deviceHourCost } from '../plan/cost';
import { input, trace, type Trace } from '../explain';
import { PlanError, type PlanContext, type PlanIssue } from '../plan/context';
import { inferenceIssues } from './checks';
import type { InferencePlan } from '../schema/plan';
import { MILLI } from '../units';
import { explainStep, type StepBreakdown } from './explain-step';
import { compileFamily, type Family } from './family';
import { memoryPerDevice, type MemoryBreakdown } from './memory';
import {
  emptyPointResult,
  evaluateDecode,
  evaluatePoint,
  layoutsOf,
  newPointScratch,
  pointFromPlan,
  engineCopies,
  type Point,
  type PointResult,
} from './point';
import type { Bound } from './roofline';
import type { Layout } from './step';

export type { StepBreakdown } from './explain-step';

export interface InferenceResult {
  /** One prompt on an idle system. */
  ttftMs: number;
  tpotMs: number;
  outputTokensPerSecondPerRequest: number;
  outputTokensPerSecondPerDevice: number;
  outputTokensPerSecond: number;
  prefillTokensPerSecondPerDevice: number;
  prefillTokensPerSecond: number;
  /** Input tokens/s including prefix-cache hits (what DeepSeek reports per node). */
  inputTokensPerSecondPerDevice: number;
  maxBatch: number;
  memoryPerDeviceBytes: number;
  memory: MemoryBreakdown;
  costPerMillionInputTokensUSD: number | null;
  costPerMillionOutputTokensUSD: number | null;
  usdPerDeviceHour: number | null;
  energyPerOutputTokenJ: number | null;
  decodeDevices: number;
  prefillDevices: number;
  batch: number;
  decode: StepBreakdown;
  prefill: StepBreakdown;
  binding: Bound;
  bindingText: string;
  /** TPOT if only communication counted (the Insights §2.3.2 bound), ms. */
  communicationBoundTpotMs: number;
  tokensPerStep: number;
  issues: PlanIssue[];
  trace: Trace;
}

export interface SweepPoint {
  batch: number;
  tpotMs: number;
  outputTokensPerSecondPerRequest: number;
  outputTokensPerSecondPerDevice: number;
  outputTokensPerSecond: number;
  fits: boolean;
  /** Whether dual micro-batch was applied at this batch. */
  dualMicroBatch: boolean;
}

const BOUND_TEXT: Record<Bound, string> = {
  compute: 'Compute-bound: the matmuls need more FLOP/s than the devices deliver.',
  memory: 'Memory-bandwidth-bound: each step reads weights and KV cache faster than anything else.',
  communication: 'Communication-bound: all-reduce / all-to-all traffic sets the pace.',
  overhead: 'Overhead-bound: per-step launch and scheduling overhead dominates at this batch.',
  'host-memory': 'Host-memory-bound: offloaded experts are read from DDR at CPU bandwidth.',
  'host-compute': 'Host-compute-bound: offloaded experts run on the CPU.',
};

export interface Prepared {
  ctx: PlanContext;
  plan: InferencePlan;
  point: Point;
  decodeLayout: Layout;
  prefillLayout: Layout;
  fam: Family;
  /** The prefill pool's family: another system's with heterogeneous disaggregation, else fam. */
  famPre: Family;
  issues: PlanIssue[];
}

export function prepareInference(plan: InferencePlan, ctx: PlanContext): Prepared {
  const point = pointFromPlan(plan);
  const decodeLayout: Layout = { devices: 1, tp: 1, pp: 1, dp: 1, ep: 1 };
  const prefillLayout: Layout = { ...decodeLayout };
  layoutsOf(point, decodeLayout, prefillLayout);
  const fam = compileFamily(ctx, plan.inference);
  const famPre = ctx.prefill ? compileFamily(ctx.prefill, plan.inference) : fam;
  const issues = inferenceIssues(plan, ctx, fam, decodeLayout, prefillLayout);
  return { ctx, plan, point, decodeLayout, prefillLayout, fam, famPre, issues };
}

/** The fast path's NaN (price or TDP unknown) as the result's null. */
const known = (v: number): number | null => (Number.isNaN(v) ? null : v);

const SWEEP_RESULT = emptyPointResult();
const EXPLAINED = newPointScratch();

export function evaluateInference(
  plan: InferencePlan,
  ctx: PlanContext,
  opts: { explain?: boolean } = {},
): InferenceResult {
  const explain = opts.explain ?? true;
  const pr = prepareInference(plan, ctx);
  const errors = pr.issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new PlanError(errors);
  const s = plan.inference;
  const B = s.workload.concurrentRequests;
  const cap = ctx.accelerator.memoryBytes.value ?? 0;
  const price = deviceHourCost(plan, ctx.accelerator, ctx.cluster);
  const x: PointResult = evaluatePoint(pr.fam, pr.point, price, cap, emptyPointResult(), EXPLAINED, pr.famPre);
  const mem = memoryPerDevice(ctx.model, pr.fam.params, s, pr.decodeLayout, cap, B / engineCopies(plan));
  const decode = explainStep(pr.fam, EXPLAINED.decode.X, EXPLAINED.decode.T, EXPLAINED.decode.R, explain);
  const prefill = explainStep(pr.famPre, EXPLAINED.ttft.X, EXPLAINED.ttft.T, EXPLAINED.ttft.R, explain);
  // The point is one engine copy: per-device figures are the copy's, deployment totals × copies.
  const copies = engineCopies(plan);
  const Nd = pr.point.decodeDevices;
  const Np = pr.point.prefillDevices;
  return {
    ttftMs: x.ttftS / MILLI,
    tpotMs: x.tpotS / MILLI,
    outputTokensPerSecondPerRequest: 1 / x.tpotS,
    outputTokensPerSecondPerDevice: x.outputTokensPerSecond / Nd,
    outputTokensPerSecond: x.outputTokensPerSecond * copies,
    prefillTokensPerSecondPerDevice: x.prefillTokensPerSecond / Np,
    prefillTokensPerSecond: x.prefillTokensPerSecond * copies,
    inputTokensPerSecondPerDevice: x.inputTokensPerSecond / Np,
    maxBatch: mem.maxBatch * copies,
    memoryPerDeviceBytes: mem.total,
    memory: mem,
    costPerMillionInputTokensUSD: known(x.costPerMillionInputUSD),
    costPerMillionOutputTokensUSD: known(x.costPerMillionOutputUSD),
    usdPerDeviceHour: price.usdPerDeviceHour,
    energyPerOutputTokenJ: known(x.energyPerOutputTokenJ),
    decodeDevices: Nd * copies,
    prefillDevices: Np * copies,
    batch: B,
    decode,
    prefill,
    binding: decode.bound,
    bindingText: BOUND_TEXT[decode.bound],
    communicationBoundTpotMs: x.communicationBoundS / MILLI,
    tokensPerStep: x.tokensPerStep,
    issues: pr.issues,
    trace: trace(
      'Inference plan',
      'TPOT = decode step ÷ tokens per step; throughput = batch ÷ TPOT',
      x.tpotS,
      's',
      [
        input('batch (concurrent requests)', B, 'count'),
        input('decode devices', Nd, 'count'),
        input('prefill devices', Np, 'count'),
        input('tokens per step (speculative)', x.tokensPerStep, 'tokens'),
      ],
      explain ? [decode.trace, prefill.trace, mem.trace, price.trace] : [],
    ),
  };
}

/** Throughput vs TPOT over batch sizes (log-spaced, 1 … max(maxBatch, batch)), on the fast path. */
export function sweepBatch(plan: InferencePlan, ctx: PlanContext, points = 64): SweepPoint[] {
  const pr = prepareInference(plan, ctx);
  const errors = pr.issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new PlanError(errors);
  const s = plan.inference;
  const cap = ctx.accelerator.memoryBytes.value ?? 0;
  const maxB = memoryPerDevice(ctx.model, pr.fam.params, s, pr.decodeLayout, cap, 1).maxBatch;
  const top = Math.max(2, maxB, s.workload.concurrentRequests, pr.decodeLayout.dp);
  const pt = { ...pr.point };
  const out: SweepPoint[] = [];
  let last = 0;
  for (let i = 0; i < points; i++) {
    // Below one sequence per DP replica some replicas idle: the sweep starts at dp × pp.
    const lo = Math.min(top, pr.decodeLayout.dp * pr.decodeLayout.pp);
    const b = Math.max(lo, Math.round(Math.exp(Math.log(lo) + ((Math.log(top) - Math.log(lo)) * i) / (points - 1))));
    if (b === last) continue;
    last = b;
    pt.batch = b;
    const d = evaluateDecode(pr.fam, pt, SWEEP_RESULT);
    out.push({
      batch: b,
      tpotMs: d.tpotS / MILLI,
      outputTokensPerSecondPerRequest: 1 / d.tpotS,
      outputTokensPerSecondPerDevice: b / d.tpotS / pr.decodeLayout.devices,
      outputTokensPerSecond: b / d.tpotS,
      fits: maxB === 0 ? false : b <= maxB,
      dualMicroBatch: d.decodeDual,
    });
  }
  return out;
}
