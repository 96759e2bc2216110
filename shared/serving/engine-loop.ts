/**
 * The serving loop of one replica, iteration by iteration: a deterministic discrete-event
 * simulation of the scheduler (scheduler.ts) with the engine's step times (inference/step-time.ts),
 * driven as benchmarks drive it:
 * - closed loop: C clients, each sending its next request the moment its last one finished (all C
 *   start together: the first wave arrives at once), until `requests` have been sent;
 * - open loop: Poisson arrivals at λ (seeded);
 * - burst: C requests at once, nothing after.
 * Each iteration admits waiting requests while the running set is below its cap (the scheduler's
 * maxRunning and what the KV cache holds), then runs either every decoding sequence plus prompt
 * chunks within the token budget ('mixed') or, while prompts wait, a prefill-only iteration
 * ('prefill-first'). A request's first token comes at the end of the iteration that finishes its
 * prompt; its TTFT adds the per-request overhead; its TPOT is (last − first token) ÷ (output − 1),
 * as vLLM bench serve, SGLang bench_serving and genai-perf report it.
 */
import { moments, rng, type LengthDistribution } from '../schema/distribution';
import type { StepOracle } from '../inference/step-time';
import type { Scheduler } from './scheduler';

export type Arrivals =
  | { mode: 'closed'; clients: number; requests: number }
  | { mode: 'open'; ratePerSecond: number; requests: number }
  | { mode: 'burst'; requests: number };

export interface LoopInput {
  oracle: StepOracle;
  scheduler: Scheduler;
  /** Sequences the KV cache holds on this replica (the running set never exceeds it). */
  capacity: number;
  prompt: LengthDistribution;
  output: LengthDistribution;
  prefixHit: number;
  arrivals: Arrivals;
  seed: number;
}

export interface Stats {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

export interface LoopResult {
  ttftS: Stats;
  tpotS: Stats;
  e2eS: Stats;
  /** Output tokens per second of the replica over the run. */
  outputTokensPerSecond: number;
  /** Mean sequences decoding per iteration, and the most that ever ran at once. */
  meanBatch: number;
  maxRunning: number;
  /** Requests that waited for a free slot in the running set (beyond what memory or the cap allows). */
  queuedBeyondRunning: number;
  iterations: number;
  completed: number;
}

interface Req {
  arrival: number;
  prompt: number;
  promptLeft: number;
  output: number;
  generated: number;
  first: number;
  queued: boolean;
}

const stats = (xs: number[]): Stats => {
  if (!xs.length) return { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0 };
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { mean: s.reduce((a, b) => a + b, 0) / s.length, p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99) };
};

/** Request lengths: fixed when a distribution has no spread, else drawn from it (seeded). */
function lengthSampler(inp: LoopInput): () => { prompt: number; output: number } {
  const r = rng(inp.seed);
  const P = moments(inp.prompt);
  const O = moments(inp.output);
  const fixed = (d: LengthDistribution) => !('p90' in d && d.p90 !== undefined) && !('histogram' in d);
  const u = () => Math.max(1e-12, Math.min(1 - 1e-12, r()));
  return () => ({
    prompt: Math.max(1, Math.round((fixed(inp.prompt) ? P.mean : P.sample(u())) * (1 - inp.prefixHit))),
    output: Math.max(1, Math.round(fixed(inp.output) ? O.mean : O.sample(u()))),
  });
}

interface State {
  t: number;
  waiting: Req[];
  running: Req[];
  sent: number;
  completed: number;
  iterations: number;
  batchSum: number;
  maxRunning: number;
  queued: number;
  tokens: number;
  ttft: number[];
  tpot: number[];
  e2e: number[];
}

function send(st: State, inp: LoopInput, next: () => { prompt: number; output: number }, at: number): void {
  const l = next();
  st.waiting.push({
    arrival: at,
    prompt: l.prompt,
    promptLeft: l.prompt,
    output: l.output,
    generated: 0,
    first: 0,
    queued: false,
  });
  st.sent++;
}

function admit(st: State, cap: number): void {
  while (st.waiting.length && st.waiting[0]!.arrival <= st.t + 1e-12) {
    if (st.running.length >= cap) {
      for (const w of st.waiting)
        if (w.arrival <= st.t && !w.queued) {
          w.queued = true;
          st.queued++;
        }
      return;
    }
    st.running.push(st.waiting.shift()!);
  }
}

/** Plans one iteration: decode sequences, prompt chunks (request → tokens) and the time it takes. */
function iteration(st: State, inp: LoopInput): { decoders: Req[]; chunks: Array<[Req, number]>; seconds: number } {
  const decoders = st.running.filter((r) => r.promptLeft === 0);
  const prefilling = st.running.filter((r) => r.promptLeft > 0);
  const s = inp.scheduler;
  const prefillOnly = s.policy === 'prefill-first' && prefilling.length > 0;
  const dec = prefillOnly ? [] : decoders;
  let budget = Math.max(0, s.maxBatchedTokens - dec.length);
  const chunks: Array<[Req, number]> = [];
  for (const r of prefilling) {
    if (budget <= 0) break;
    const n = Math.min(r.promptLeft, budget);
    chunks.push([r, n]);
    budget -= n;
  }
  const p = chunks.reduce((a, [, n]) => a + n, 0);
  const ctx = dec.length ? dec.reduce((a, r) => a + r.prompt + r.generated, 0) / dec.length : 1;
  const S = chunks.length ? chunks.reduce((a, [r]) => a + r.prompt, 0) / chunks.length : 1;
  return { decoders: dec, chunks, seconds: inp.oracle.mixed(dec.length, p, ctx, S) };
}

function finish(st: State, inp: LoopInput, r: Req, next: () => { prompt: number; output: number }): void {
  const o = inp.scheduler.requestOverheadS;
  st.completed++;
  st.e2e.push(st.t - r.arrival + o);
  if (r.output > 1) st.tpot.push((st.t - r.first) / (r.output - 1));
  if (inp.arrivals.mode === 'closed' && st.sent < inp.arrivals.requests) send(st, inp, next, st.t);
}

export function runLoop(inp: LoopInput): LoopResult {
  const next = lengthSampler(inp);
  const st: State = {
    t: 0,
    waiting: [],
    running: [],
    sent: 0,
    completed: 0,
    iterations: 0,
    batchSum: 0,
    maxRunning: 0,
    queued: 0,
    tokens: 0,
    ttft: [],
    tpot: [],
    e2e: [],
  };
  const a = inp.arrivals;
  const total = a.requests;
  const first = a.mode === 'closed' ? Math.min(a.clients, total) : a.mode === 'burst' ? total : 0;
  for (let i = 0; i < first; i++) send(st, inp, next, 0);
  const pois = rng(inp.seed + 1);
  let nextArrival = a.mode === 'open' ? -Math.log(Math.max(1e-12, pois())) / a.ratePerSecond : Infinity;
  const cap = Math.max(1, Math.min(inp.capacity, inp.scheduler.maxRunning ?? Infinity));
  const tps = inp.oracle.tokensPerStep;
  while (st.completed < total && st.iterations < 5_000_000) {
    while (a.mode === 'open' && st.sent < total && nextArrival <= st.t) {
      send(st, inp, next, nextArrival);
      nextArrival += -Math.log(Math.max(1e-12, pois())) / a.ratePerSecond;
    }
    admit(st, cap);
    if (!st.running.length) {
      const w = st.waiting[0]?.arrival ?? (st.sent < total ? nextArrival : Infinity);
      if (!Number.isFinite(w)) break;
      st.t = Math.max(st.t, w);
      continue;
    }
    const it = iteration(st, inp);
    st.t += it.seconds;
    st.iterations++;
    st.batchSum += it.decoders.length;
    st.maxRunning = Math.max(st.maxRunning, st.running.length);
    for (const [r, n] of it.chunks) {
      r.promptLeft -= n;
      if (r.promptLeft === 0) {
        r.first = st.t;
        r.generated = 1;
        st.tokens++;
        st.ttft.push(st.t - r.arrival + inp.scheduler.requestOverheadS);
      }
    }
    for (const r of it.decoders) {
      const g = Math.min(tps, r.output - r.generated);
      r.generated += g;
      st.tokens += g;
    }
    const done = st.running.filter((r) => r.promptLeft === 0 && r.generated >= r.output);
    if (done.length) {
      st.running = st.running.filter((r) => !(r.promptLeft === 0 && r.generated >= r.output));
      for (const r of done) finish(st, inp, r, next);
    }
  }
  return {
    ttftS: stats(st.ttft),
    tpotS: stats(st.tpot),
    e2eS: stats(st.e2e),
    outputTokensPerSecond: st.t > 0 ? st.tokens / st.t : 0,
    meanBatch: st.iterations ? st.batchSum / st.iterations : 0,
    maxRunning: st.maxRunning,
    queuedBeyondRunning: st.queued,
    iterations: st.iterations,
    completed: st.completed,
  };
}
