/**
 * A diffusion LM's inference result (evaluateInference for a `diffusion` model): its sampler
 * (diffusion.ts) timed at the plan's batch and explained from one full forward and one sampler
 * step; TTFT is the first block, TPOT the request's latency ÷ answer tokens, and throughput, cost
 * and energy follow from the sampler's output tokens/s. The same model decoded autoregressively
 * (its twin) is evaluated beside it on the fast path (point.ts).
 */
import type { deviceHourCost } from '../plan/cost';
import { input, trace } from '../explain';
import { MEGA, SECONDS_PER_HOUR } from '../units';
import { explainStep } from './explain-step';
import { compileFamily } from './family';
import type { MemoryBreakdown } from './memory';
import { emptyPointResult, evaluatePoint, newPointScratch, type PointResult, type Pricing } from './point';
import { BOUND_TEXT } from './roofline';
import { diffusionTrace, evaluateDiffusion, newForwardScratch, samplerOf, type DiffusionResult } from './diffusion';
import type { InferenceResult, Prepared } from './evaluate';

/** The two forwards a diffusion sampler's result is explained from: one full forward and one sampler step. */
interface DiffusionScratch {
  full: ReturnType<typeof newForwardScratch>;
  step: ReturnType<typeof newForwardScratch>;
}
export const newDiffusionScratch = (): DiffusionScratch => ({ full: newForwardScratch(), step: newForwardScratch() });

/** The diffusion sampler of a prepared plan and its autoregressive twin (the same model as a decoder). */
export function diffusionOf(
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
export function diffusionInference(
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
