/**
 * The most concurrent requests a plan serves within latency objectives: "how much throughput at
 * 50 ms TPOT". The plan is served as a closed loop of C clients (benchmark.ts, the serving loop
 * benchmarks measure) at C = 1, 2, 4, … up to what its KV cache holds (beyond it requests only
 * queue), in whole clients per attention-DP replica; the largest C whose mean TTFT, mean TPOT and
 * mean end-to-end latency meet every given objective is then found by bisection between the last ladder rung that met them and the first that did not. TTFT and TPOT
 * of a closed loop rise with C (larger decode batches, more prompts per iteration, queueing once
 * the running set is full), so the bisection brackets the boundary; where they do not rise
 * strictly (wave patterns), the answer is the largest C found that meets them, never one that
 * misses.
 */
import type { PlanContext } from '../plan/context';
import type { InferencePlan } from '../schema/plan';
import { evaluateServing, type ServingResult } from './evaluate';

/** Objectives in seconds; leave one out to not constrain it. */
export interface LatencyTargets {
  ttftS?: number;
  tpotS?: number;
  e2eS?: number;
}

export interface ConcurrencyRow {
  concurrency: number;
  ttftMeanS: number;
  tpotMeanS: number;
  e2eMeanS: number;
  /** Output tokens per second of the whole deployment (all replicas and copies). */
  outputTokensPerSecond: number;
  meets: boolean;
  /** The first objective missed, when one is. */
  missed: 'ttft' | 'tpot' | 'e2e' | null;
}

export interface SloConcurrency {
  /** The largest concurrency meeting every objective, or null when even one request misses. */
  best: ConcurrencyRow | null;
  /** The rows evaluated, by concurrency. */
  rows: ConcurrencyRow[];
  /** Sequences the deployment's KV cache holds at once (all replicas). */
  capacity: number;
  /** The full served result at the best concurrency (or at 1 when none meets). */
  result: ServingResult;
}

/** The plan with C concurrent requests (and a benchmark of 4·C requests, at least 32). */
export const withConcurrency = (plan: InferencePlan, c: number): InferencePlan => ({
  ...plan,
  inference: {
    ...plan.inference,
    workload: { ...plan.inference.workload, concurrentRequests: c, benchmarkRequests: Math.max(4 * c, 32) },
  },
});

function missedOf(t: LatencyTargets, ttft: number, tpot: number, e2e: number): ConcurrencyRow['missed'] {
  if (t.ttftS !== undefined && ttft > t.ttftS) return 'ttft';
  if (t.tpotS !== undefined && tpot > t.tpotS) return 'tpot';
  if (t.e2eS !== undefined && e2e > t.e2eS) return 'e2e';
  return null;
}

function rowAt(
  plan: InferencePlan,
  ctx: PlanContext,
  t: LatencyTargets,
  c: number,
): { row: ConcurrencyRow | null; r: ServingResult } {
  const r = evaluateServing(withConcurrency(plan, c), ctx, { explain: false });
  const b = r.benchmark;
  if (!b) return { row: null, r };
  const k = b.closed;
  const missed = missedOf(t, k.ttftS.mean, k.tpotS.mean, k.e2eS.mean);
  return {
    row: {
      concurrency: c,
      ttftMeanS: k.ttftS.mean,
      tpotMeanS: k.tpotS.mean,
      e2eMeanS: k.e2eS.mean,
      outputTokensPerSecond: k.outputTokensPerSecond * b.replicas,
      meets: missed === null,
      missed,
    },
    r,
  };
}

export function sloConcurrency(plan: InferencePlan, ctx: PlanContext, t: LatencyTargets): SloConcurrency {
  const probe = rowAt(plan, ctx, t, 1);
  const capacity = probe.r.maxBatch;
  const n = probe.r.benchmark?.replicas ?? 1;
  // Clients are spread evenly over the n alike replicas: step in whole clients per replica.
  const first = n === 1 ? probe : rowAt(plan, ctx, t, n);
  const rows: ConcurrencyRow[] = [];
  if (!first.row) return { best: null, rows, capacity, result: first.r };
  rows.push(first.row);
  type At = ReturnType<typeof rowAt> & { row: ConcurrencyRow; k: number };
  const at = (k: number): At | null => {
    const x = rowAt(plan, ctx, t, k * n);
    if (!x.row) return null;
    rows.push(x.row);
    return { ...x, row: x.row, k };
  };
  let good: At | null = first.row.meets ? { ...first, row: first.row, k: 1 } : null;
  let bad: number | null = good ? null : 1;
  // Beyond what the KV cache holds requests only queue: throughput stops rising, TTFT grows.
  const ceiling = Math.max(1, Math.floor(capacity / n));
  for (let k = 2; good && bad === null && good.k < ceiling; k = Math.min(2 * k, ceiling)) {
    const x = at(k);
    if (!x) break;
    if (x.row.meets) good = x;
    else bad = k;
  }
  while (good && bad !== null && bad - good.k > 1) {
    const x = at(Math.floor((good.k + bad) / 2));
    if (!x) break;
    if (x.row.meets) good = x;
    else bad = x.k;
  }
  rows.sort((a, b) => a.concurrency - b.concurrency);
  return { best: good?.row ?? null, rows, capacity, result: (good ?? first).r };
}
