/**
 * evaluateInference: the plan → the numbers a user would measure, each with its trace.
 * TTFT, TPOT, tokens/s (per request, per device, per cluster), prefill tokens/s, the largest batch
 * that fits, memory per device, $ per million input/output tokens, joules per token, and the
 * binding limit. The numbers come from the point evaluator (point.ts, the search's fast path);
 * the decode and TTFT steps are then explained operator by operator (explain-step.ts).
 * A diffusion LM is timed by its sampler instead (diffusion.ts): TTFT is its first block, TPOT the
 * request's latency ÷ answer tokens, and the same model decoded autoregressively stands beside it.
 * A Byte Latent Transformer is timed part by part (blt.ts), its numbers per equivalent token (and
 * per byte in `blt`).
 */
import { deviceHourCost } from '../plan/cost';
import { input, trace, type Trace } from '../explain';
import { PlanError, type PlanContext, type PlanIssue } from '../plan/context';
import { inferenceIssues } from './checks';
import type { InferencePlan } from '../schema/plan';
import { MEGA, SECONDS_PER_HOUR } from '../units';
import { imageTokensPerRequest } from '../model/vision';
import { bltTrace, evaluateBlt, type BltResult } from './blt';
import { latentArchitecture } from '../model/blt';
import { countParams } from '../model/params';
import { explainStep, type StepBreakdown } from './explain-step';
import { compileFamily, type Family } from './family';
import { memoryPerDevice, type MemoryBreakdown } from './memory';
import {
  emptyPointResult,
  evaluateDecode,
  evaluatePoint,
  layoutsOf,
  explainedScratchOf,
  newPointScratch,
  pointFromPlan,
  engineCopies,
  type Point,
  type PointResult,
  type Pricing,
} from './point';
import type { Bound } from './roofline';
import type { Layout } from './step';
import { diffusionTrace, evaluateDiffusion, newForwardScratch, samplerOf, type DiffusionResult } from './diffusion';

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

export interface SweepPoint {
  batch: number;
  tpotS: number;
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

const NO_PRICE: Pricing = { usdPerDeviceHour: null, wattsPerDevice: null };
/** The two forwards a diffusion sampler's result is explained from: one full forward and one sampler step. */
interface DiffusionScratch {
  full: ReturnType<typeof newForwardScratch>;
  step: ReturnType<typeof newForwardScratch>;
}
const newDiffusionScratch = (): DiffusionScratch => ({ full: newForwardScratch(), step: newForwardScratch() });

/** The diffusion sampler of a prepared plan and its autoregressive twin (the same model as a decoder). */
function diffusionOf(
  pr: Prepared,
  price: Pricing,
  cap: number,
  batch: number,
  ds: DiffusionScratch,
  withAr = true,
): Omit<DiffusionResult, 'trace'> {
  const w = pr.plan.inference.workload;
  const input = {
    prompt: w.promptTokens,
    output: w.outputTokens,
    batch,
    sampler: samplerOf(pr.plan.inference.diffusion, w.outputTokens),
  };
  const d = evaluateDiffusion(pr.fam, pr.decodeLayout, input, ds.full, ds.step);
  if (!withAr) return { ...d, ar: null };
  const arFam = compileFamily({ ...pr.ctx, model: { ...pr.ctx.model, kind: 'decoder' } }, pr.plan.inference);
  const a = evaluatePoint(arFam, { ...pr.point, batch }, price, cap, emptyPointResult(), newPointScratch(false));
  const ar = {
    ttftS: a.ttftS,
    tpotS: a.tpotS,
    latencyS: a.ttftS + w.outputTokens * a.tpotS,
    tokensPerSecondPerRequest: w.outputTokens / (a.ttftS + w.outputTokens * a.tpotS),
    outputTokensPerSecond: a.outputTokensPerSecond,
  };
  return { ...d, ar };
}

/** A diffusion LM's result: the sampler's latency and throughput in the fields an autoregressive plan fills. */
function diffusionInference(
  pr: Prepared,
  x: PointResult,
  mem: MemoryBreakdown,
  price: ReturnType<typeof deviceHourCost>,
  explain: boolean,
): InferenceResult {
  const B = pr.point.batch;
  const cap = pr.ctx.accelerator.memoryBytes.value ?? 0;
  const ds = newDiffusionScratch();
  const d0 = diffusionOf(pr, price, cap, B, ds);
  const step = explainStep(pr.fam, ds.step.X, ds.step.T, ds.step.R, explain);
  const full = explainStep(pr.fam, ds.full.X, ds.full.T, ds.full.R, explain);
  const w = { prompt: pr.point.promptTokens, output: pr.point.outputTokens, batch: B, sampler: d0.sampler };
  const d: DiffusionResult = { ...d0, trace: diffusionTrace(d0, w, explain ? [step.trace, full.trace] : []) };
  const N = pr.point.decodeDevices;
  const usd = price.usdPerDeviceHour;
  return {
    ttftS: d.firstBlockS,
    tpotS: d.latencyS / pr.point.outputTokens,
    outputTokensPerSecondPerRequest: d.tokensPerSecondPerRequest,
    outputTokensPerSecondPerDevice: d.outputTokensPerSecond / N,
    outputTokensPerSecond: d.outputTokensPerSecond,
    prefillTokensPerSecondPerDevice: x.prefillTokensPerSecond / N,
    prefillTokensPerSecond: x.prefillTokensPerSecond,
    inputTokensPerSecondPerDevice: x.inputTokensPerSecond / N,
    maxBatch: mem.maxBatch,
    memoryPerDeviceBytes: mem.total,
    memory: mem,
    costPerMillionInputTokensUSD: null,
    costPerMillionOutputTokensUSD:
      usd === null ? null : ((usd * N) / SECONDS_PER_HOUR / d.outputTokensPerSecond) * MEGA,
    usdPerDeviceHour: usd,
    energyPerOutputTokenJ: price.wattsPerDevice === null ? null : (price.wattsPerDevice * N) / d.outputTokensPerSecond,
    decodeDevices: N,
    prefillDevices: N,
    batch: B,
    decode: step,
    prefill: full,
    binding: step.bound,
    bindingText: BOUND_TEXT[step.bound],
    communicationBoundTpotS: 0,
    tokensPerStep: d.tokensPerStep,
    requestLatencyS: d.latencyS,
    diffusion: d,
    blt: null,
    issues: pr.issues,
    trace: trace(
      'Inference plan (diffusion sampler)',
      'latency = Σ denoising steps × forward time; throughput = batch × answer tokens ÷ latency',
      d.latencyS,
      's',
      [input('batch (concurrent requests)', B, 'count'), input('devices', N, 'count')],
      explain ? [d.trace, mem.trace, price.trace] : [],
    ),
  };
}

/** The latent's memory over the patches of the context, with the byte-level parts' weights and KV added. */
function bltMemory(pr: Prepared, r: Omit<BltResult, 'trace'>, cap: number): MemoryBreakdown {
  const s = pr.plan.inference;
  const w = s.workload;
  const lat = latentArchitecture(pr.ctx.model);
  const inPatches = (tokens: number) => Math.max(1, Math.round((tokens * r.bytesPerToken) / r.bytesPerPatch));
  const ps = {
    ...s,
    workload: { ...w, promptTokens: inPatches(w.promptTokens), outputTokens: inPatches(w.outputTokens) },
  };
  const m = memoryPerDevice(lat, countParams(lat), ps, pr.decodeLayout, cap, w.concurrentRequests);
  const seqs = w.concurrentRequests / pr.decodeLayout.dp;
  const kv = m.kvCache + r.localKvBytesPerSequence * seqs;
  const weights = m.weights + r.localWeightBytes;
  const total = weights + kv + m.activations + m.reserve;
  const perSeq = kv / Math.max(seqs, 1e-9);
  const free = cap - m.reserve - weights - m.activations;
  return {
    ...m,
    weights,
    kvCache: kv,
    total,
    fits: total <= cap,
    overflowBytes: Math.max(0, total - cap),
    overflowComponent: total <= cap ? null : weights >= kv ? 'weights' : 'kvCache',
    maxBatch: free <= 0 || perSeq <= 0 ? 0 : Math.floor(free / perSeq) * pr.decodeLayout.dp,
  };
}

/** A Byte Latent Transformer's result: its parts combined per byte, reported per equivalent token. */
function bltInference(
  pr: Prepared,
  price: ReturnType<typeof deviceHourCost>,
  cap: number,
  explain: boolean,
): InferenceResult {
  const B = pr.point.batch;
  const run = evaluateBlt(pr.ctx, pr.plan.inference, pr.point, pr.decodeLayout, price, cap, true);
  const r0 = run.result;
  const decode = explainStep(
    run.decoder.fam,
    run.decoder.sc.decode.X,
    run.decoder.sc.decode.T,
    run.decoder.sc.decode.R,
    explain,
  );
  const prefill = explainStep(
    run.latent.fam,
    run.latent.sc.ttft.X,
    run.latent.sc.ttft.T,
    run.latent.sc.ttft.R,
    explain,
  );
  const blt: BltResult = { ...r0, trace: bltTrace(r0, explain ? [decode.trace, prefill.trace] : []) };
  const mem = bltMemory(pr, r0, cap);
  const N = pr.point.decodeDevices;
  const usd = price.usdPerDeviceHour;
  const prefillTps = (pr.point.promptTokens / r0.ttftS) * pr.decodeLayout.dp;
  return {
    ttftS: r0.ttftS,
    tpotS: r0.tpotPerTokenS,
    outputTokensPerSecondPerRequest: r0.tokensPerSecondPerRequest,
    outputTokensPerSecondPerDevice: r0.tokensPerSecond / N,
    outputTokensPerSecond: r0.tokensPerSecond,
    prefillTokensPerSecondPerDevice: prefillTps / N,
    prefillTokensPerSecond: prefillTps,
    inputTokensPerSecondPerDevice: prefillTps / N,
    maxBatch: mem.maxBatch,
    memoryPerDeviceBytes: mem.total,
    memory: mem,
    costPerMillionInputTokensUSD: usd === null ? null : ((usd * N) / SECONDS_PER_HOUR / prefillTps) * MEGA,
    costPerMillionOutputTokensUSD: usd === null ? null : ((usd * N) / SECONDS_PER_HOUR / r0.tokensPerSecond) * MEGA,
    usdPerDeviceHour: usd,
    energyPerOutputTokenJ: price.wattsPerDevice === null ? null : (price.wattsPerDevice * N) / r0.tokensPerSecond,
    decodeDevices: N,
    prefillDevices: N,
    batch: B,
    decode,
    prefill,
    binding: decode.bound,
    bindingText: BOUND_TEXT[decode.bound],
    communicationBoundTpotS: 0,
    tokensPerStep: 1,
    requestLatencyS: r0.ttftS + pr.point.outputTokens * r0.tpotPerTokenS,
    diffusion: null,
    blt,
    issues: pr.issues,
    trace: trace(
      'Inference plan (Byte Latent Transformer)',
      'TPOT per equivalent token = bytes per token × (local parts + latent ÷ bytes per patch)',
      r0.tpotPerTokenS,
      's',
      [input('batch (concurrent requests)', B, 'count'), input('devices', N, 'count')],
      explain ? [blt.trace, mem.trace, price.trace] : [],
    ),
  };
}

/** Throughput vs TPOT over batch sizes (log-spaced, 1 … max(maxBatch, batch)), on the fast path (a diffusion LM: its sampler). */
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
  // A diffusion LM's throughput at each batch comes from its sampler (the batch of every forward).
  const diffusion = ctx.model.kind === 'diffusion';
  const blt = ctx.model.kind === 'blt';
  let last = 0;
  for (let i = 0; i < points; i++) {
    // Below one sequence per DP replica some replicas idle: the sweep starts at dp × pp.
    const lo = Math.min(top, pr.decodeLayout.dp * pr.decodeLayout.pp);
    const b = Math.max(lo, Math.round(Math.exp(Math.log(lo) + ((Math.log(top) - Math.log(lo)) * i) / (points - 1))));
    if (b === last) continue;
    last = b;
    pt.batch = b;
    if (blt) {
      const r = evaluateBlt(ctx, s, { ...pt }, pr.decodeLayout, NO_PRICE, cap, false).result;
      out.push({
        batch: b,
        tpotS: r.tpotPerTokenS,
        outputTokensPerSecondPerRequest: r.tokensPerSecondPerRequest,
        outputTokensPerSecondPerDevice: r.tokensPerSecond / pr.decodeLayout.devices,
        outputTokensPerSecond: r.tokensPerSecond,
        fits: maxB === 0 ? false : b <= maxB,
        dualMicroBatch: false,
      });
      continue;
    }
    if (diffusion) {
      const dd = diffusionOf(
        pr,
        { usdPerDeviceHour: null, wattsPerDevice: null },
        cap,
        b,
        newDiffusionScratch(),
        false,
      );
      out.push({
        batch: b,
        tpotS: dd.latencyS / pt.outputTokens,
        outputTokensPerSecondPerRequest: dd.tokensPerSecondPerRequest,
        outputTokensPerSecondPerDevice: dd.outputTokensPerSecond / pr.decodeLayout.devices,
        outputTokensPerSecond: dd.outputTokensPerSecond,
        fits: maxB === 0 ? false : b <= maxB,
        dualMicroBatch: false,
      });
      continue;
    }
    const d = evaluateDecode(pr.fam, pt, emptyPointResult());
    out.push({
      batch: b,
      tpotS: d.tpotS,
      outputTokensPerSecondPerRequest: 1 / d.tpotS,
      outputTokensPerSecondPerDevice: b / d.tpotS / pr.decodeLayout.devices,
      outputTokensPerSecond: b / d.tpotS,
      fits: maxB === 0 ? false : b <= maxB,
      dualMicroBatch: d.decodeDual,
    });
  }
  return out;
}
