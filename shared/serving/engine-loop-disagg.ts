/**
 * The serving loop of a disaggregated deployment, one decode replica and its share of the prefill
 * pool: prompts are prefilled by the prefill pool (first come first served, batched up to the
 * scheduler's token budget per iteration, no decoding beside them), their KV cache then crosses to
 * the decode pool (kvTransferS), and the decode replica runs decode-only iterations over every
 * sequence it holds. The share of prefill capacity behind one decode replica is `prefillShare`
 * (prefill replicas ÷ decode replicas): at least one it is that many parallel prefill servers,
 * below one a single server at that fraction of a replica's speed. Closed, open and burst arrivals
 * as in engine-loop.ts.
 * The client streams from the decode worker (vLLM's disaggregated proxy sends the prompt to a
 * prefill instance with max_tokens 1, then streams the decode instance's answer: registry id
 * vllm-pd-proxy), so a request's first token reaches it at the end of its first decode iteration,
 * after the prefill, the KV transfer and the wait for the decode iteration in flight: TTFT is
 * measured there. The prefill's token is carried (the decode iteration adds the next); TPOT is
 * (last − first token) ÷ (output − 1), as the benchmarks compute it.
 */
import { rng } from '../schema/distribution';
import type { StepOracle } from '../inference/step-time';
import {
  lengthSampler,
  simulatedRequests,
  stats,
  waveOf,
  type Arrivals,
  type LoopResult,
  type Stats,
} from './engine-loop';
import type { Scheduler } from './scheduler';
import type { LengthDistribution } from '../schema/distribution';
import type { Citation } from '../source';

/** Where a disaggregated request's first token reaches the client (the Sources page lists it under this module). */
export const DISAGG_SOURCES: readonly Citation[] = [
  {
    doc: 'vllm-pd-proxy',
    at: '_handle_completions: the prefill instance answers with max_tokens 1; the client streams the decode instance’s response',
  },
];

export interface DisaggInput {
  prefill: StepOracle;
  decode: StepOracle;
  scheduler: Scheduler;
  capacity: number;
  prefillShare: number;
  kvTransferS: (promptTokens: number) => number;
  prompt: LengthDistribution;
  output: LengthDistribution;
  prefixHit: number;
  /** Prompt tokens per request that stand for images (not tokenized on the host); 0 when absent. */
  imageTokens?: number;
  arrivals: Arrivals;
  seed: number;
}

interface Req {
  wave: number;
  arrival: number;
  prompt: number;
  output: number;
  generated: number;
  /** When the client receives the first token (end of the first decode iteration); −1 before. */
  first: number;
  ready: number;
  /** Host time outside the iterations (scheduler.ts requestHostS), added to TTFT and end-to-end. */
  hostS: number;
}

/** Samples as (value, wave) pairs, weighted as engine-loop.ts weighs them. */
const summary = (xs: Array<[number, number]>, total: number, first: number): Stats =>
  stats(
    xs.map(([x]) => x),
    xs.map(([, w]) => w),
    total,
    first,
  );

interface Sim {
  t: number;
  prefillQueue: Req[];
  servers: Array<{ busyUntil: number; batch: Req[] }>;
  decodeQueue: Req[];
  running: Req[];
  decodeUntil: number;
  decoding: Req[];
  sent: number;
  done: number;
  tokens: number;
  iterations: number;
  batchSum: number;
  maxRunning: number;
  ttft: Array<[number, number]>;
  tpot: Array<[number, number]>;
  e2e: Array<[number, number]>;
}

function startPrefills(s: Sim, inp: DisaggInput, slow: number): void {
  for (const sv of s.servers) {
    if (sv.batch.length || !s.prefillQueue.length) continue;
    let budget = inp.scheduler.maxBatchedTokens;
    while (s.prefillQueue.length && (sv.batch.length === 0 || s.prefillQueue[0]!.prompt <= budget)) {
      const r = s.prefillQueue.shift()!;
      sv.batch.push(r);
      budget -= r.prompt;
    }
    const p = sv.batch.reduce((a, r) => a + r.prompt, 0);
    const S = p / sv.batch.length;
    sv.busyUntil = s.t + inp.prefill.mixed(0, p, 1, S) * slow;
  }
}

function startDecode(s: Sim, inp: DisaggInput, cap: number): void {
  if (s.decoding.length) return;
  s.decodeQueue.sort((a, b) => a.ready - b.ready);
  while (s.decodeQueue.length && s.decodeQueue[0]!.ready <= s.t && s.running.length < cap)
    s.running.push(s.decodeQueue.shift()!);
  if (!s.running.length) return;
  const ctx = s.running.reduce((a, r) => a + r.prompt + r.generated, 0) / s.running.length;
  s.decoding = [...s.running];
  s.decodeUntil = s.t + inp.decode.decode(s.running.length, ctx);
}

function newSim(servers: number): Sim {
  return {
    t: 0,
    prefillQueue: [],
    servers: Array.from({ length: servers }, () => ({ busyUntil: 0, batch: [] })),
    decodeQueue: [],
    running: [],
    decodeUntil: Infinity,
    decoding: [],
    sent: 0,
    done: 0,
    tokens: 0,
    iterations: 0,
    batchSum: 0,
    maxRunning: 0,
    ttft: [],
    tpot: [],
    e2e: [],
  };
}

/** Prefill servers whose batch is done give each request its first token and queue it for the KV transfer. */
function finishPrefills(s: Sim, inp: DisaggInput): void {
  for (const sv of s.servers)
    if (sv.batch.length && sv.busyUntil <= s.t) {
      for (const r of sv.batch) {
        r.generated = 1;
        r.ready = s.t + inp.kvTransferS(r.prompt);
        s.tokens++;
        s.decodeQueue.push(r);
      }
      sv.batch = [];
    }
}

export function runDisaggLoop(inp: DisaggInput): LoopResult {
  const next = lengthSampler(inp);
  const a = inp.arrivals;
  const total = simulatedRequests(a);
  const firstWave = a.mode === 'closed' ? Math.min(a.clients, a.requests) : a.mode === 'burst' ? a.requests : 0;
  const servers = inp.prefillShare >= 1 ? Math.floor(inp.prefillShare) : 1;
  const slow = inp.prefillShare >= 1 ? 1 : 1 / Math.max(1e-6, inp.prefillShare);
  const s = newSim(servers);
  const send = (at: number): void => {
    s.prefillQueue.push({ wave: waveOf(a, s.sent, at), arrival: at, ...next(), generated: 0, first: -1, ready: 0 });
    s.sent++;
  };
  for (let i = 0; i < Math.min(firstWave, total); i++) send(0);
  const pois = rng(inp.seed + 1);
  let nextArrival = a.mode === 'open' ? -Math.log(Math.max(1e-12, pois())) / a.ratePerSecond : Infinity;
  const cap = Math.max(1, Math.min(inp.capacity, inp.scheduler.maxRunning ?? Infinity));
  while (s.done < total && s.iterations < 2_000_000) {
    while (a.mode === 'open' && s.sent < total && nextArrival <= s.t) {
      send(nextArrival);
      nextArrival += -Math.log(Math.max(1e-12, pois())) / a.ratePerSecond;
    }
    startPrefills(s, inp, slow);
    startDecode(s, inp, cap);
    const busy = s.servers.filter((sv) => sv.batch.length).map((sv) => sv.busyUntil);
    const ready =
      s.decodeQueue.length && !s.decoding.length ? Math.min(...s.decodeQueue.map((r) => r.ready)) : Infinity;
    const next = Math.min(
      s.decoding.length ? s.decodeUntil : Infinity,
      ...busy,
      ready,
      a.mode === 'open' && s.sent < total ? nextArrival : Infinity,
    );
    if (!Number.isFinite(next)) break;
    s.t = Math.max(s.t, next);
    finishPrefills(s, inp);
    if (s.decoding.length && s.decodeUntil <= s.t) finishDecodeStep(s, inp, a, total, send);
  }
  return {
    ttftS: summary(s.ttft, a.requests, firstWave),
    tpotS: summary(s.tpot, a.requests, firstWave),
    e2eS: summary(s.e2e, a.requests, firstWave),
    outputTokensPerSecond: s.t > 0 ? s.tokens / s.t : 0,
    meanBatch: s.iterations ? s.batchSum / s.iterations : 0,
    maxRunning: s.maxRunning,
    queuedBeyondRunning: 0,
    iterations: s.iterations,
    completed: s.done,
  };
}

function finishDecodeStep(s: Sim, inp: DisaggInput, a: Arrivals, total: number, send: (at: number) => void): void {
  s.iterations++;
  s.batchSum += s.decoding.length;
  s.maxRunning = Math.max(s.maxRunning, s.running.length);
  const tps = inp.decode.tokensPerStep;
  for (const r of s.decoding) {
    if (r.first < 0) {
      // The client's first token: the decode worker streams it with this iteration's.
      r.first = s.t;
      s.ttft.push([s.t - r.arrival + r.hostS, r.wave]);
    }
    const g = Math.min(tps, r.output - r.generated);
    r.generated += g;
    s.tokens += g;
  }
  const finished = s.running.filter((r) => r.generated >= r.output);
  s.running = s.running.filter((r) => r.generated < r.output);
  s.decoding = [];
  for (const r of finished) {
    s.done++;
    s.e2e.push([s.t - r.arrival + r.hostS, r.wave]);
    if (r.output > 1) s.tpot.push([(s.t - r.first) / (r.output - 1), r.wave]);
    if (a.mode === 'closed' && s.sent < total) send(s.t);
  }
}
