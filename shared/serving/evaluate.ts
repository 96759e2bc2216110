/**
 * An inference plan as a serving benchmark would see it: the step-level numbers of the inference
 * layer (one prompt's TTFT, the decode step at the plan's batch, memory, cost) plus what depends on
 * how requests arrive — the TTFT of a burst of all concurrent prompts at once, and TTFT and TPOT
 * under the workload's arrival rate (plan-load.ts). This is what the app, the CLI and the
 * validation table call.
 */
import { evaluateInference, prepareInference, type InferenceResult, type Prepared } from '../inference/evaluate';
import { kvBytesForSequence } from '../model/kv-cache';
import type { PlanContext } from '../plan/context';
import type { InferencePlan } from '../schema/plan';
import { burstTtftS, underLoad, type UnderLoad } from './plan-load';
import { schedulerOf, schedulerTargetOf, type SchedulerTarget } from './stack-defaults';
import { runBenchmarks, type BenchmarkResult, type PrefillPool } from './benchmark';
import { bandOf, type Banded } from './bands';
import type { PlanIssue } from '../schema/catalog';

/**
 * A disaggregated plan's prefill pool for the serving loop: its family and layout, and the KV-cache
 * transfer of a prompt to the decode pool — KV bytes ÷ (the plan's kvTransferBytesPerS, or the
 * prefill worker's scale-out links: TP·PP devices × per-device bandwidth × link efficiency).
 */
function prefillPool(pr: Prepared): PrefillPool | null {
  const dis = pr.plan.inference.serving.disaggregation;
  if (!dis) return null;
  const f = pr.famPre;
  const link =
    dis.kvTransferBytesPerS ?? f.scaleOut.bandwidth * f.scaleOut.efficiency * pr.prefillLayout.tp * pr.prefillLayout.pp;
  const kv = pr.plan.inference.precision.kvCache;
  return {
    f,
    lay: pr.prefillLayout,
    kvTransferS: (P: number) => (link > 0 ? kvBytesForSequence(pr.ctx.model, P, kv) / link : 0),
  };
}

export interface ServingResult extends InferenceResult {
  /** The plan as serving benchmarks measure it: closed loop at its concurrency, burst, open loop (benchmark.ts); null when nothing fits. */
  benchmark: BenchmarkResult | null;
  /** All concurrent requests' prompts arriving at once: the last one's first token. */
  ttftBurstS: number;
  /** TTFT and TPOT at the workload's arrival rate, when it gives one. */
  underLoad: UnderLoad | null;
  /** Error bands (serving/bands.ts) of the decode numbers (TPOT, output throughput), one prompt's TTFT and the served TTFT. */
  bands: { decode: Banded; prefill: Banded; servedTtft: Banded };
}

export function evaluateServing(
  plan: InferencePlan,
  ctx: PlanContext,
  opts: { explain?: boolean; benchmark?: boolean } = {},
): ServingResult {
  const r = evaluateInference(plan, ctx, opts);
  const pr = prepareInference(plan, ctx);
  const load = underLoad(plan, pr.fam, pr.point, r.maxBatch, pr.famPre);
  const trace = load && (opts.explain ?? true) ? { ...r.trace, children: [...r.trace.children, load.trace] } : r.trace;
  // A diffusion sampler or a byte-level model prices its own steps: the autoregressive serving loop does not apply.
  const autoregressive = !r.diffusion && !r.blt;
  const benchmark =
    (opts.benchmark ?? true) && autoregressive
      ? runBenchmarks(plan, pr.fam, pr.point, pr.decodeLayout, r.maxBatch, prefillPool(pr))
      : null;
  const b = ctx.errorBands;
  const bands = {
    decode: bandOf(b, pr.fam, 'decode'),
    prefill: bandOf(b, pr.fam, 'prefill'),
    servedTtft: bandOf(b, pr.fam, 'served-ttft'),
  };
  const issues = [
    ...r.issues,
    ...(benchmark?.overCapacity ? [overCapacityIssue(plan, benchmark)] : []),
    ...(autoregressive ? wholePromptIssues(plan, schedulerTargetOf(pr.fam.model, ctx.accelerator)) : []),
  ];
  return { ...r, ttftBurstS: burstTtftS(pr.famPre, pr.point), underLoad: load, benchmark, bands, trace, issues };
}

/**
 * More concurrent requests than the KV cache (or the scheduler's cap) runs at once: engines queue
 * the rest, and so does the served loop; the step-level numbers at the plan's batch do not.
 */
function overCapacityIssue(plan: InferencePlan, b: BenchmarkResult): PlanIssue {
  const held = b.capacityPerReplica * b.replicas;
  const cap = b.scheduler.maxRunning;
  const limit =
    cap !== null && cap < b.capacityPerReplica
      ? `the scheduler runs at most ${cap * b.replicas} at once`
      : `the KV cache holds ${held} sequences`;
  return {
    field: 'inference.workload.concurrentRequests',
    severity: 'warning',
    message: `${plan.inference.workload.concurrentRequests} concurrent requests, but ${limit}: the served numbers queue the rest as engines do; TPOT and throughput at the plan's batch are as if they all fitted`,
  };
}

/** Without chunked prefill a prompt must fit one iteration's budget (TensorRT-LLM refuses a longer one). */
function wholePromptIssues(plan: InferencePlan, target: SchedulerTarget): PlanIssue[] {
  const sch = schedulerOf(plan.inference, target);
  const P = plan.inference.workload.promptTokens;
  if (sch.chunkedPrefill || P <= sch.maxBatchedTokens) return [];
  return [
    {
      field: 'inference.serving.scheduler.chunkedPrefill',
      severity: 'warning',
      message: `a ${P.toLocaleString('en-US')}-token prompt does not fit one iteration of ${sch.maxBatchedTokens.toLocaleString('en-US')} tokens without chunked prefill (TensorRT-LLM refuses it): timed as if it ran alone in one iteration; turn chunked prefill on or raise the max batched tokens`,
    },
  ];
}
