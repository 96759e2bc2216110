/**
 * A plan as serving benchmarks measure it (engine-loop.ts): its concurrentRequests as a closed
 * loop of that many clients (vLLM bench serve --max-concurrency, SGLang bench_serving,
 * genai-perf --concurrency), the same requests all at once (burst), and Poisson arrivals at the
 * workload's rate when it gives one. One attention-DP replica is simulated with its share of the
 * clients and of the KV cache; the replicas are alike.
 */
import type { Family } from '../inference/family';
import { engineCopies, tokensPerSpecStep, type Point } from '../inference/point';
import { stepOracle } from '../inference/step-time';
import type { Layout } from '../inference/step';
import type { InferencePlan } from '../schema/plan';
import { runLoop, type Arrivals, type LoopResult } from './engine-loop';
import { runDisaggLoop } from './engine-loop-disagg';
import { schedulerOf, type Scheduler } from './scheduler';

export interface BenchmarkResult {
  /** Closed loop at the plan's concurrency. */
  closed: LoopResult & { concurrency: number; requests: number };
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
  const scheduler = schedulerOf(plan.inference);
  const oracle = stepOracle(f, lay, pt, tokensPerSpecStep(pt.specDraft, pt.specAccept));
  const clients = Math.max(1, Math.round(w.concurrentRequests / replicas));
  const requests = Math.max(clients, Math.round((w.benchmarkRequests ?? 10 * w.concurrentRequests) / replicas));
  const base = {
    oracle,
    scheduler,
    capacity,
    prompt: w.lengths?.prompt ?? { mean: w.promptTokens },
    output: w.lengths?.output ?? { mean: w.outputTokens },
    prefixHit: w.prefixCacheHitRate,
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
  const closed = run({ mode: 'closed', clients, requests });
  const burst = run({ mode: 'burst', requests: clients });
  const rate = w.arrivalRatePerSecond;
  const open = rate ? run({ mode: 'open', ratePerSecond: rate / replicas, requests: Math.max(200, requests) }) : null;
  return {
    closed: { ...closed, concurrency: w.concurrentRequests, requests: requests * replicas },
    burst,
    open: open && rate ? { ...open, ratePerSecond: rate } : null,
    scheduler,
    capacityPerReplica: capacity,
    overCapacity: clients > Math.min(capacity, scheduler.maxRunning ?? Infinity),
    replicas,
  };
}
