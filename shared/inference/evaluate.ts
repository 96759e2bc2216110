/**
 * evaluateInference: the plan → the numbers a user would measure, each with its trace.
 * TTFT, TPOT, tokens/s (per request, per device, per cluster), prefill tokens/s, the largest batch
 * that fits, memory per device, $ per million input/output tokens, joules per token, and the
 * binding limit. Speculative decoding (MTP): a step verifies k drafts and yields
 * (1 − a^(k+1)) / (1 − a) tokens on average (acceptance a per draft, geometric).
 */
import { deviceHourCost } from '../cost';
import { input, trace, type Trace } from '../explain';
import { checkParallelism, PlanError, type PlanContext, type PlanIssue } from '../plan/context';
import type { InferencePlan } from '../plan/schema';
import { MEGA, SECONDS_PER_HOUR, toMs, type Seconds } from '../units';
import { deriveContext, stepTime, type Layout, type StepBreakdown } from './engine';
import { memoryPerDevice, type MemoryBreakdown } from './memory';
import type { Bound } from './roofline';

export interface InferenceResult {
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
}

const BOUND_TEXT: Record<Bound, string> = {
  compute: 'Compute-bound: the matmuls need more FLOP/s than the devices deliver.',
  memory: 'Memory-bandwidth-bound: each step reads weights and KV cache faster than anything else.',
  communication: 'Communication-bound: all-reduce / all-to-all traffic sets the pace.',
  overhead: 'Overhead-bound: per-step launch and scheduling overhead dominates at this batch.',
  'host-memory': 'Host-memory-bound: offloaded experts are read from DDR at CPU bandwidth.',
  'host-compute': 'Host-compute-bound: offloaded experts run on the CPU.',
};

interface Prepared {
  ctx: PlanContext;
  plan: InferencePlan;
  decodeLayout: Layout;
  prefillLayout: Layout;
  derived: ReturnType<typeof deriveContext>;
  issues: PlanIssue[];
}

export function prepareInference(plan: InferencePlan, ctx: PlanContext): Prepared {
  const s = plan.inference;
  const par = s.parallelism;
  const dis = s.serving.disaggregation;
  const decodeDevices = dis ? dis.decodeDevices : plan.devices;
  const prefillDevices = dis ? dis.prefillDevices : plan.devices;
  const decodeLayout: Layout = { devices: decodeDevices, tp: par.tp, pp: par.pp, dp: par.dp, ep: par.ep };
  const pdp = Math.max(1, Math.floor(prefillDevices / (par.tp * par.pp)));
  const prefillLayout: Layout = dis
    ? { devices: prefillDevices, tp: par.tp, pp: par.pp, dp: pdp, ep: Math.min(par.ep, par.tp * pdp) }
    : decodeLayout;
  const issues = checkParallelism(plan, ctx, par, decodeDevices, 'inference.parallelism');
  if (dis && dis.prefillDevices + dis.decodeDevices !== plan.devices)
    issues.push({
      field: 'inference.serving.disaggregation',
      message: `prefill ${dis.prefillDevices} + decode ${dis.decodeDevices} devices ≠ the plan's ${plan.devices}`,
      severity: 'error',
    });
  if (ctx.model.kind === 'diffusion')
    issues.push({
      field: 'modelId',
      message: `${ctx.model.name} is a diffusion language model: its sampler (steps × full forward) is not modelled by the inference planner`,
      severity: 'error',
    });
  if (s.serving.expertOffload && !ctx.model.moe)
    issues.push({
      field: 'inference.serving.expertOffload',
      message: 'expert offload needs a mixture-of-experts model',
      severity: 'error',
    });
  if (s.serving.expertOffload && !ctx.system.hostMemoryBandwidthBytesPerS.value)
    issues.push({
      field: 'inference.serving.expertOffload',
      message: `${ctx.system.name} has no host-memory bandwidth in its preset`,
      severity: 'error',
    });
  if (s.workload.concurrentRequests < par.dp)
    issues.push({
      field: 'inference.workload.concurrentRequests',
      message: `${s.workload.concurrentRequests} requests leave some of the ${par.dp} DP replicas idle`,
      severity: 'warning',
    });
  if (s.workload.promptTokens + s.workload.outputTokens > ctx.model.maxContextTokens)
    issues.push({
      field: 'inference.workload.promptTokens',
      message: `prompt + output = ${s.workload.promptTokens + s.workload.outputTokens} tokens exceeds ${ctx.model.name}'s ${ctx.model.maxContextTokens}-token context`,
      severity: 'warning',
    });
  return { ctx, plan, decodeLayout, prefillLayout, derived: deriveContext(ctx, s), issues };
}

function decodeAt(
  pr: Prepared,
  batch: number,
  explain: boolean,
): { step: StepBreakdown; tpot: number; tokensPerStep: number } {
  const s = pr.plan.inference;
  const lay = pr.decodeLayout;
  const context = s.workload.promptTokens + s.workload.outputTokens / 2;
  const perReplica = batch / lay.dp / lay.pp; // PP keeps pp micro-batches in flight
  const spec = s.serving.speculative;
  const verify = spec ? spec.draftTokens + 1 : 1;
  const step = stepTime(
    pr.ctx,
    s,
    lay,
    Math.max(perReplica, 1 / lay.dp) * verify,
    { kind: 'decode', context },
    pr.derived,
    explain,
  );
  let total = step.total;
  let tokensPerStep = 1;
  if (spec) {
    const a = spec.acceptanceRate;
    const k = spec.draftTokens;
    tokensPerStep = a >= 1 ? k + 1 : (1 - Math.pow(a, k + 1)) / (1 - a);
    // Each draft token runs one extra transformer block (an MTP module or a tiny draft model).
    total += (k * (step.total - step.overhead)) / pr.ctx.model.numLayers;
  }
  return { step, tpot: total / tokensPerStep, tokensPerStep };
}

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
  const mem = memoryPerDevice(ctx.model, pr.derived.p, s, pr.decodeLayout, cap, B);

  const dec = decodeAt(pr, B, explain);
  const tpot = dec.tpot;
  const outPerSec = B / tpot;
  const Nd = pr.decodeLayout.devices;
  const Np = pr.prefillLayout.devices;

  // Prefill: TTFT of one prompt alone; throughput with chunks of ≥ 8,192 computed tokens per replica.
  const P = s.workload.promptTokens;
  const computed = Math.max(1, Math.round(P * (1 - s.workload.prefixCacheHitRate)));
  const ttftStep = stepTime(
    ctx,
    { ...s, serving: { ...s.serving, dualMicroBatch: false } },
    pr.prefillLayout,
    computed,
    { kind: 'prefill', seq: P },
    pr.derived,
    explain,
  );
  const chunk = Math.max(computed, 8192);
  const thrStep = stepTime(ctx, s, pr.prefillLayout, chunk, { kind: 'prefill', seq: P }, pr.derived, false);
  const prefillPerReplica = chunk / thrStep.total;
  const prefillTokensPerSecond = prefillPerReplica * pr.prefillLayout.dp;
  const inputPerSecond = prefillTokensPerSecond / Math.max(1e-9, 1 - s.workload.prefixCacheHitRate);

  const price = deviceHourCost(plan, ctx.accelerator, ctx.cluster);
  const usdPerSecond = (n: number): number | null =>
    price.usdPerDeviceHour === null ? null : (price.usdPerDeviceHour * n) / SECONDS_PER_HOUR;
  const decCost = usdPerSecond(Nd);
  const preCost = usdPerSecond(Np);
  const costOut = decCost === null ? null : (decCost / outPerSec) * MEGA;
  const costIn = preCost === null ? null : (preCost / inputPerSecond) * MEGA;
  const energy = price.wattsPerDevice === null ? null : (price.wattsPerDevice * Nd) / outPerSec;

  const result: InferenceResult = {
    ttftMs: toMs(ttftStep.total as Seconds),
    tpotMs: toMs(tpot as Seconds),
    outputTokensPerSecondPerRequest: 1 / tpot,
    outputTokensPerSecondPerDevice: outPerSec / Nd,
    outputTokensPerSecond: outPerSec,
    prefillTokensPerSecondPerDevice: prefillTokensPerSecond / Np,
    prefillTokensPerSecond,
    inputTokensPerSecondPerDevice: inputPerSecond / Np,
    maxBatch: mem.maxBatch,
    memoryPerDeviceBytes: mem.total,
    memory: mem,
    costPerMillionInputTokensUSD: costIn,
    costPerMillionOutputTokensUSD: costOut,
    usdPerDeviceHour: price.usdPerDeviceHour,
    energyPerOutputTokenJ: energy,
    decodeDevices: Nd,
    prefillDevices: Np,
    batch: B,
    decode: dec.step,
    prefill: ttftStep,
    binding: dec.step.bound,
    bindingText: BOUND_TEXT[dec.step.bound],
    communicationBoundTpotMs: toMs((dec.step.communicationBound / dec.tokensPerStep) as Seconds),
    tokensPerStep: dec.tokensPerStep,
    issues: pr.issues,
    trace: trace(
      'Inference plan',
      'TPOT = decode step ÷ tokens per step; throughput = batch ÷ TPOT',
      tpot,
      's',
      [
        input('batch (concurrent requests)', B, 'count'),
        input('decode devices', Nd, 'count'),
        input('prefill devices', Np, 'count'),
        input('tokens per step (speculative)', dec.tokensPerStep, 'tokens'),
      ],
      explain ? [dec.step.trace, ttftStep.trace, mem.trace, price.trace] : [],
    ),
  };
  return result;
}

/** Throughput vs TPOT over batch sizes (log-spaced, 1 … max(maxBatch, batch)). */
export function sweepBatch(plan: InferencePlan, ctx: PlanContext, points = 64): SweepPoint[] {
  const pr = prepareInference(plan, ctx);
  const errors = pr.issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new PlanError(errors);
  const s = plan.inference;
  const cap = ctx.accelerator.memoryBytes.value ?? 0;
  const maxB = memoryPerDevice(ctx.model, pr.derived.p, s, pr.decodeLayout, cap, 1).maxBatch;
  const top = Math.max(2, maxB, s.workload.concurrentRequests, pr.decodeLayout.dp);
  const out: SweepPoint[] = [];
  let last = 0;
  for (let i = 0; i < points; i++) {
    // Below one sequence per DP replica some replicas idle: the sweep starts at dp × pp.
    const lo = Math.min(top, pr.decodeLayout.dp * pr.decodeLayout.pp);
    const b = Math.max(lo, Math.round(Math.exp(Math.log(lo) + ((Math.log(top) - Math.log(lo)) * i) / (points - 1))));
    if (b === last) continue;
    last = b;
    const d = decodeAt(pr, b, false);
    out.push({
      batch: b,
      tpotMs: toMs(d.tpot as Seconds),
      outputTokensPerSecondPerRequest: 1 / d.tpot,
      outputTokensPerSecondPerDevice: b / d.tpot / pr.decodeLayout.devices,
      outputTokensPerSecond: b / d.tpot,
      fits: maxB === 0 ? false : b <= maxB,
    });
  }
  return out;
}
