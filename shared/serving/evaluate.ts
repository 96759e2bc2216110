/**
 * An inference plan as a serving benchmark would see it: the step-level numbers of the inference
 * layer (one prompt's TTFT, the decode step at the plan's batch, memory, cost) plus what depends on
 * how requests arrive — the TTFT of a burst of all concurrent prompts at once, and TTFT and TPOT
 * under the workload's arrival rate (plan-load.ts). This is what the app, the CLI and the
 * validation table call.
 */
import { evaluateInference, prepareInference, type InferenceResult } from '../inference/evaluate';
import type { PlanContext } from '../plan/context';
import type { InferencePlan } from '../schema/plan';
import { burstTtftMs, underLoad, type UnderLoad } from './plan-load';
import { runBenchmarks, type BenchmarkResult } from './benchmark';
import { bandOf, type Banded } from './bands';

/** The serving loop is simulated for aggregated plans (disaggregated pools: benchmark.ts, later). */
const disaggregatedOrNot = (plan: InferencePlan): boolean => plan.inference.serving.disaggregation === null;

export interface ServingResult extends InferenceResult {
  /** The plan as serving benchmarks measure it: closed loop at its concurrency, burst, open loop (benchmark.ts); null when nothing fits. */
  benchmark: BenchmarkResult | null;
  /** All concurrent requests' prompts arriving at once: the last one's first token. */
  ttftBurstMs: number;
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
  const load = underLoad(plan, pr.fam, pr.point, r.maxBatch);
  const trace = load && (opts.explain ?? true) ? { ...r.trace, children: [...r.trace.children, load.trace] } : r.trace;
  const benchmark = disaggregatedOrNot(plan)
    ? runBenchmarks(plan, pr.fam, pr.point, pr.decodeLayout, r.maxBatch)
    : null;
  const b = ctx.errorBands;
  const bands = {
    decode: bandOf(b, pr.fam, 'decode'),
    prefill: bandOf(b, pr.fam, 'prefill'),
    servedTtft: bandOf(b, pr.fam, 'served-ttft'),
  };
  return { ...r, ttftBurstMs: burstTtftMs(pr.fam, pr.point), underLoad: load, benchmark, bands, trace };
}
