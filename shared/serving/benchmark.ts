/**
 * A plan as serving benchmarks measure it (engine-loop.ts): its concurrentRequests as a closed
 * loop of that many clients (vLLM bench serve --max-concurrency, SGLang bench_serving,
 * genai-perf --concurrency), the same requests all at once (burst), and Poisson arrivals at the
 * workload's rate when it gives one. One attention-DP replica is simulated with its share of the
 * clients and of the KV cache; the replicas are alike.
 *
 * Clients far beyond what a replica runs at once only queue: past SIMULATED_CLIENTS (and four
 * times the running capacity) the loop is simulated with that many, which already saturates the
 * replica at its throughput X (requests/s), and the rest is added in closed form. Closed loop: each
 * further client ahead in the queue adds 1/X to every response (Little's law, R = C / X, for a
 * saturated closed system). Burst: requests start in queue order at rate X, so the queued part of
 * each time to first token scales with the burst's size.
 */
import type { Family } from '../inference/family';
import { engineCopies, tokensPerSpecStep, type Point } from '../inference/point';
import { stepOracle } from '../inference/step-time';
import type { Layout } from '../inference/step';
import type { InferencePlan } from '../schema/plan';
import { runLoop, type Arrivals, type LoopResult, type Stats } from './engine-loop';
import { runDisaggLoop } from './engine-loop-disagg';
import type { Scheduler } from './scheduler';
import { schedulerOf, schedulerTargetOf } from './stack-defaults';
import { moments, shiftedBy } from '../schema/distribution';
import { imageTokensPerRequest } from '../model/vision';
import type { Citation } from '../source';

export interface BenchmarkResult {
  /** Closed loop at the plan's concurrency. */
  closed: LoopResult & { concurrency: number; requests: number; simulatedClients: number };
  /** All of the plan's concurrent requests arriving at once. */
  burst: LoopResult;
  /** Poisson arrivals at the workload's rate, when it gives one. */
  open: (LoopResult & { ratePerSecond: number }) | null;
  scheduler: Scheduler;
  /** Sequences one replica's KV cache holds, and whether the closed loop asked for more (then they queued). */
  capacityPerReplica: number;
  overCapacity: boolean;
  /** Replicas the clients are spread over (attention-DP replicas × engine copies); one is simulated, the others are alike. */
  replicas: number;
}

/** A disaggregated plan's prefill pool: its family (another system's, when heterogeneous) and one copy's layout. */
export interface PrefillPool {
  f: Family;
  lay: Layout;
  /** Seconds to move one prompt's KV cache (of P tokens) to the decode pool. */
  kvTransferS: (promptTokens: number) => number;
}

/**
 * Requests a closed-loop benchmark sends when the plan does not say: vllm bench serve's default
 * --num-prompts, 1,000 (vllm-bench-serve-cli); never fewer than the clients.
 */
export const BENCHMARK_PROMPTS = 1000;

/** The document behind BENCHMARK_PROMPTS (the Sources page lists it under this module). */
export const BENCHMARK_SOURCES: readonly Citation[] = [
  {
    doc: 'vllm-bench-serve-cli',
    at: '--num-prompts: default 1000 (the closed-loop benchmark’s requests when a plan gives none)',
  },
];

/** Clients (and burst requests) of one replica simulated one by one; the queue beyond is added in closed form. */
export const SIMULATED_CLIENTS = 2048;

const shift = (s: Stats, by: number): Stats => ({
  mean: s.mean + by,
  p50: s.p50 + by,
  p90: s.p90 + by,
  p95: s.p95 + by,
  p99: s.p99 + by,
});

/**
 * A closed loop of `clients` from one of `sim` (saturated): (clients − sim) ÷ X more in every
 * response, X = the run's output tokens per second ÷ the mean output length.
 */
function queuedBeyond(r: LoopResult, clients: number, sim: number, outputMean: number): LoopResult {
  if (clients <= sim) return r;
  const x = r.outputTokensPerSecond / Math.max(outputMean, 1);
  const extra = x > 0 ? (clients - sim) / x : Infinity;
  return {
    ...r,
    ttftS: shift(r.ttftS, extra),
    e2eS: shift(r.e2eS, extra),
    queuedBeyondRunning: r.queuedBeyondRunning + clients - sim,
  };
}

/** A burst of `clients` from one of `sim`: the queued part of each TTFT (beyond the first) scales by clients ÷ sim. */
function burstBeyond(r: LoopResult, clients: number, sim: number): LoopResult {
  if (clients <= sim) return r;
  const k = clients / sim;
  const base = r.ttftS.p50 > 0 ? Math.min(r.ttftS.mean, r.ttftS.p50) : 0;
  const scale = (s: Stats): Stats => ({
    mean: base + (s.mean - base) * k,
    p50: base + (s.p50 - base) * k,
    p90: base + (s.p90 - base) * k,
    p95: base + (s.p95 - base) * k,
    p99: base + (s.p99 - base) * k,
  });
  const ttft = scale(r.ttftS);
  const decode = (s: keyof Stats) => r.e2eS[s] - r.ttftS[s];
  return {
    ...r,
    ttftS: ttft,
    e2eS: {
      mean: ttft.mean + decode('mean'),
      p50: ttft.p50 + decode('p50'),
      p90: ttft.p90 + decode('p90'),
      p95: ttft.p95 + decode('p95'),
      p99: ttft.p99 + decode('p99'),
    },
    queuedBeyondRunning: r.queuedBeyondRunning + clients - sim,
  };
}

export function runBenchmarks(
  plan: InferencePlan,
  f: Family,
  pt: Point,
  lay: Layout,
  maxBatch: number,
  pool: PrefillPool | null = null,
): BenchmarkResult | null {
  const w = plan.inference.workload;
  const replicas = Math.max(1, lay.dp) * engineCopies(plan);
  const capacity = Math.floor(maxBatch / replicas);
  if (capacity < 1) return null;
  const scheduler = schedulerOf(plan.inference, schedulerTargetOf(f.model, f.ctx.accelerator));
  const oracle = stepOracle(f, lay, pt, tokensPerSpecStep(pt.specDraft, pt.specAccept));
  const clients = Math.max(1, Math.round(w.concurrentRequests / replicas));
  const requests = Math.max(clients, Math.round((w.benchmarkRequests ?? BENCHMARK_PROMPTS) / replicas));
  const imageTokens = imageTokensPerRequest(f.model, w.images);
  const base = {
    oracle,
    scheduler,
    capacity,
    // A vision-language model's image tokens join every prompt.
    prompt: shiftedBy(w.lengths?.prompt ?? { mean: w.promptTokens }, imageTokens),
    output: w.lengths?.output ?? { mean: w.outputTokens },
    prefixHit: w.prefixCacheHitRate,
    imageTokens,
    seed: 20261207,
  };
  const run = (arrivals: Arrivals): LoopResult =>
    pool
      ? runDisaggLoop({
          ...base,
          arrivals,
          decode: oracle,
          prefill: stepOracle(pool.f, pool.lay, pt, 1),
          prefillShare: Math.max(1e-6, pool.lay.dp / Math.max(1, lay.dp)),
          kvTransferS: pool.kvTransferS,
        })
      : runLoop({ ...base, arrivals });
  const sim = Math.min(clients, Math.max(SIMULATED_CLIENTS, 4 * capacity));
  const closed = queuedBeyond(run({ mode: 'closed', clients: sim, requests }), clients, sim, moments(base.output).mean);
  const burst = burstBeyond(run({ mode: 'burst', requests: sim }), clients, sim);
  const rate = w.arrivalRatePerSecond;
  const open = rate ? run({ mode: 'open', ratePerSecond: rate / replicas, requests: Math.max(200, requests) }) : null;
  return {
    closed: { ...closed, concurrency: w.concurrentRequests, requests: requests * replicas, simulatedClients: sim },
    burst,
    open: open && rate ? { ...open, ratePerSecond: rate } : null,
    scheduler,
    capacityPerReplica: capacity,
    overCapacity: clients > Math.min(capacity, scheduler.maxRunning ?? Infinity),
    replicas,
  };
}
