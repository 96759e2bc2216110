/**
 * evaluateInference: the plan → the numbers a user would measure, each with its trace.
 * TTFT, TPOT, tokens/s (per request, per device, per cluster), prefill tokens/s, the largest batch
 * that fits, memory per device, $ per million input/output tokens, joules per token, and the
 * binding limit. The numbers come from the point evaluator (point.ts, the search's fast path);
 * the decode and TTFT steps are then explained operator by operator (explain-step.ts).
 * A diffusion LM is timed by its sampler instead (diffusion-result.ts): TTFT is its first block, TPOT
 * the request's latency ÷ answer tokens, and the same model decoded autoregressively stands beside
 * it. A Byte Latent Transformer is timed part by part (blt-result.ts), its numbers per equivalent
 * token (and per byte in `blt`). The sweep over batch sizes is batch-sweep.ts.
 */
import { deviceHourCost } from '../plan/cost';
import { input, trace, type Trace } from '../explain';
import { PlanError, type PlanContext, type PlanIssue } from '../plan/context';
import { inferenceIssues } from './checks';
import type { InferencePlan } from '../schema/plan';
import { imageTokensPerRequest } from '../model/vision';
import type { BltResult } from './blt';
import { bltInference } from './blt-result';
import { explainStep, type StepBreakdown } from './explain-step';
import { compileFamily, type Family } from './family';
import { memoryPerDevice, type MemoryBreakdown } from './memory';
import {
  emptyPointResult,
  evaluatePoint,
  layoutsOf,
  explainedScratchOf,
  pointFromPlan,
  engineCopies,
  type Point,
  type PointResult,
} from './point';
import { BOUND_TEXT, type Bound } from './roofline';
import type { Layout } from './step';
import type { DiffusionResult } from './diffusion';
import { diffusionInference } from './diffusion-result';

export type { StepBreakdown } from './explain-step';

export interface InferenceResult {
  /** One prompt on an idle system. */
  ttftS: number;
  tpotS: number;
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
  /** TPOT if only communication counted (the Insights §2.3.2 bound), s. */
  communicationBoundTpotS: number;
  tokensPerStep: number;
  /** One request from its arrival to its last token at this batch: TTFT + output × TPOT (a diffusion LM: its sampler's latency). */
  requestLatencyS: number;
  /** A diffusion LM's sampler and its autoregressive twin; null for autoregressive models. */
  diffusion: DiffusionResult | null;
  /** A Byte Latent Transformer's parts, per byte and per equivalent token; null for other models. */
  blt: BltResult | null;
  issues: PlanIssue[];
  trace: Trace;
}

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
  // A vision-language model's images join each prompt as tokens (model/vision.ts).
  point.promptTokens += imageTokensPerRequest(ctx.model, plan.inference.workload.images);
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
  const ex = explainedScratchOf(pr.fam);
  const x: PointResult = evaluatePoint(pr.fam, pr.point, price, cap, emptyPointResult(), ex, pr.famPre);
  const mem = memoryPerDevice(ctx.model, pr.fam.params, s, pr.decodeLayout, cap, B / engineCopies(plan));
  if (ctx.model.kind === 'diffusion') return diffusionInference(pr, x, mem, price, explain);
  if (ctx.model.kind === 'blt') return bltInference(pr, price, cap, explain);
  const decode = explainStep(pr.fam, ex.decode.X, ex.decode.T, ex.decode.R, explain);
  const prefill = explainStep(pr.famPre, ex.ttft.X, ex.ttft.T, ex.ttft.R, explain);
  // The point is one engine copy: per-device figures are the copy's, deployment totals × copies.
  const copies = engineCopies(plan);
  const Nd = pr.point.decodeDevices;
  const Np = pr.point.prefillDevices;
  return {
    ttftS: x.ttftS,
    tpotS: x.tpotS,
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
    communicationBoundTpotS: x.communicationBoundS,
    tokensPerStep: x.tokensPerStep,
    requestLatencyS: x.ttftS + pr.point.outputTokens * x.tpotS,
    diffusion: null,
    blt: null,
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
