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
 * ('prefill-first'); without chunked prefill a prompt goes whole or waits for the next iteration.
 * A request's first token comes at the end of the iteration that finishes its prompt; its TTFT
 * adds the request's host time (the fixed overhead and the tokenization of its text prompt); its
 * TPOT is (last − first token) ÷ (output − 1), as vLLM bench serve, SGLang bench_serving and
 * genai-perf report it.
 */
import { moments, rng, type LengthDistribution } from '../schema/distribution';
import type { StepOracle } from '../inference/step-time';
import { requestHostS, type Scheduler } from './scheduler';

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
  /** Prompt tokens per request that stand for images (not tokenized on the host); 0 when absent. */
  imageTokens?: number;
  arrivals: Arrivals;
  seed: number;
}

/** One request's lengths as the loop runs it: prompt tokens left after prefix-cache hits, output, host seconds. */
export interface Lengths {
  prompt: number;
  output: number;
  hostS: number;
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
  /**
   * 0: sent at the start (the first wave of a closed loop, a burst); 2: one of a closed loop's last C
   * sends, which run while the load drains; 1: the others.
   */
  wave: number;
  arrival: number;
  prompt: number;
  promptLeft: number;
  output: number;
  generated: number;
  first: number;
  queued: boolean;
  /** Host time outside the iterations (scheduler.ts requestHostS), added to TTFT and end-to-end. */
  hostS: number;
}

/**
 * Statistics of samples weighted by wave. A closed loop of C clients and N requests is simulated for
 * its first wave and two more cycles (3·C requests), as a benchmark of N runs: C first-wave requests,
 * the last C, sent while the load starts to drain (no request follows them), and the N − 2·C between,
 * for which the second cycle stands (weight (N − 2·C) ÷ its count). Every sample weighs 1 when all N
 * are simulated.
 */
export function stats(xs: number[], waves: number[], total: number, first: number): Stats {
  if (!xs.length) return { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0 };
  const later = waves.filter((w) => w === 1).length;
  const drain = waves.filter((w) => w === 2).length;
  const wLater = later ? Math.max(0, total - first - drain) / later : 0;
  const pts = xs.map((x, i) => ({ x, w: waves[i] !== 1 || !later ? 1 : wLater })).sort((a, b) => a.x - b.x);
  const W = pts.reduce((a, p) => a + p.w, 0);
  const q = (p: number): number => {
    let acc = 0;
    for (const pt of pts) if ((acc += pt.w) >= p * W) return pt.x;
    return pts[pts.length - 1]!.x;
  };
  return { mean: pts.reduce((a, p) => a + p.x * p.w, 0) / W, p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99) };
}

/** Requests actually simulated: a closed loop's first wave and two more cycles; an open loop's first 2,000. */
export function simulatedRequests(a: Arrivals): number {
  if (a.mode === 'closed') return Math.min(a.requests, 3 * a.clients);
  if (a.mode === 'open') return Math.min(a.requests, 2000);
  return a.requests;
}

/**
 * Request lengths: fixed when a distribution has no spread, else drawn from it (seeded). The whole
 * prompt's text is tokenized, cached prefix included; image placeholders are not.
 */
export function lengthSampler(
  inp: Pick<LoopInput, 'seed' | 'prompt' | 'output' | 'prefixHit' | 'imageTokens' | 'scheduler'>,
): () => Lengths {
  const r = rng(inp.seed);
  const P = moments(inp.prompt);
  const O = moments(inp.output);
  const fixed = (d: LengthDistribution) => !('p90' in d && d.p90 !== undefined) && !('histogram' in d);
  const u = () => Math.max(1e-12, Math.min(1 - 1e-12, r()));
  return () => {
    const whole = fixed(inp.prompt) ? P.mean : P.sample(u());
    return {
      prompt: Math.max(1, Math.round(whole * (1 - inp.prefixHit))),
      output: Math.max(1, Math.round(fixed(inp.output) ? O.mean : O.sample(u()))),
      hostS: requestHostS(inp.scheduler, Math.round(whole) - (inp.imageTokens ?? 0)),
    };
  };
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
  ttftWave: number[];
  tpotWave: number[];
  e2eWave: number[];
}

/** The wave of a request sent `sent`-th (from 0) at time `at` (Req.wave). */
export function waveOf(a: Arrivals, sent: number, at: number): number {
  if (a.mode === 'open') return 1;
  if (at === 0) return 0;
  return a.mode === 'closed' && sent >= simulatedRequests(a) - a.clients ? 2 : 1;
}

function send(st: State, inp: LoopInput, next: () => Lengths, at: number): void {
  const l = next();
  st.waiting.push({
    wave: waveOf(inp.arrivals, st.sent, at),
    arrival: at,
    prompt: l.prompt,
    promptLeft: l.prompt,
    output: l.output,
    generated: 0,
    first: 0,
    queued: false,
    hostS: l.hostS,
  });
  st.sent++;
}

/** Admits arrived requests while the running set has room; one admitted later than it arrived had queued. */
function admit(st: State, cap: number): void {
  let head = 0;
  while (head < st.waiting.length && st.waiting[head]!.arrival <= st.t + 1e-12 && st.running.length < cap) {
    const r = st.waiting[head++]!;
    if (st.t > r.arrival + 1e-9 && st.running.length + 1 >= cap) st.queued++;
    st.running.push(r);
  }
  if (head) st.waiting.splice(0, head);
}

/** Plans one iteration: decode sequences, prompt chunks (request → tokens) and the time it takes. */
interface Iteration {
  decoders: Req[];
  chunks: Array<[Req, number]>;
  seconds: number;
}

/**
 * Prompt tokens of one iteration, first come first served within the budget: with chunking the
 * last prompt takes what is left; without, a prompt goes whole or waits (one longer than the whole
 * budget runs alone).
 */
export function promptChunks<R extends { promptLeft: number }>(
  waiting: readonly R[],
  budget: number,
  chunked: boolean,
): Array<[R, number]> {
  const chunks: Array<[R, number]> = [];
  for (const r of waiting) {
    if (budget <= 0 && (chunked || chunks.length)) break;
    if (!chunked && r.promptLeft > budget && chunks.length) break;
    const n = chunked ? Math.min(r.promptLeft, budget) : r.promptLeft;
    chunks.push([r, n]);
    budget -= n;
  }
  return chunks;
}

function iteration(st: State, inp: LoopInput): Iteration {
  const decoders = st.running.filter((r) => r.promptLeft === 0);
  const prefilling = st.running.filter((r) => r.promptLeft > 0);
  const s = inp.scheduler;
  const prefillOnly = s.policy === 'prefill-first' && prefilling.length > 0;
  const dec = prefillOnly ? [] : decoders;
  const chunks = promptChunks(prefilling, Math.max(0, s.maxBatchedTokens - dec.length), s.chunkedPrefill);
  const p = chunks.reduce((a, [, n]) => a + n, 0);
  const ctx = dec.length ? dec.reduce((a, r) => a + r.prompt + r.generated, 0) / dec.length : 1;
  const S = chunks.length ? chunks.reduce((a, [r]) => a + r.prompt, 0) / chunks.length : 1;
  return { decoders: dec, chunks, seconds: inp.oracle.mixed(dec.length, p, ctx, S) };
}

/** Iterations until the first decoding sequence finishes (or an arrival is due), at least one. */
function spanOf(st: State, inp: LoopInput, dec: Req[], tps: number, nextArrival: number): number {
  if (!dec.length) return 1;
  if (st.waiting.some((w) => w.arrival <= st.t) && st.running.length < inp.capacity) return 1;
  let k = Infinity;
  for (const r of dec) k = Math.min(k, Math.ceil((r.output - r.generated) / tps));
  const tau = inp.oracle.decode(dec.length, 1 + dec.reduce((a, r) => a + r.prompt + r.generated, 0) / dec.length);
  if (Number.isFinite(nextArrival) && tau > 0) k = Math.min(k, Math.max(1, Math.floor((nextArrival - st.t) / tau)));
  return Math.max(1, Math.min(k, 1 << 20));
}

/** Seconds per iteration over a span of k alike iterations: the decode step at the span's mean context. */
function spanSeconds(inp: LoopInput, dec: Req[], k: number, tps: number): number {
  const ctx = dec.reduce((a, r) => a + r.prompt + r.generated, 0) / dec.length + (k * tps) / 2;
  return inp.oracle.decode(dec.length, ctx);
}

function finish(st: State, inp: LoopInput, r: Req, next: () => Lengths): void {
  st.completed++;
  st.e2e.push(st.t - r.arrival + r.hostS);
  st.e2eWave.push(r.wave);
  if (r.output > 1) {
    st.tpot.push((st.t - r.first) / (r.output - 1));
    st.tpotWave.push(r.wave);
  }
  if (inp.arrivals.mode === 'closed' && st.sent < simulatedRequests(inp.arrivals)) send(st, inp, next, st.t);
}

function newState(): State {
  return {
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
    ttftWave: [],
    tpotWave: [],
    e2eWave: [],
  };
}

/** Applies k alike iterations: prompt chunks land (a finished prompt is a first token), decoders generate, the done leave. */
function applyIteration(st: State, inp: LoopInput, it: Iteration, k: number, tps: number, next: () => Lengths): void {
  for (const [r, n] of it.chunks) {
    r.promptLeft -= n;
    if (r.promptLeft === 0) {
      r.first = st.t;
      r.generated = 1;
      st.tokens++;
      st.ttft.push(st.t - r.arrival + r.hostS);
      st.ttftWave.push(r.wave);
    }
  }
  for (const r of it.decoders) {
    const g = Math.min(tps * k, r.output - r.generated);
    r.generated += g;
    st.tokens += g;
  }
  if (
    it.decoders.some((r) => r.generated >= r.output) ||
    it.chunks.some(([r]) => r.promptLeft === 0 && r.generated >= r.output)
  ) {
    const done = st.running.filter((r) => r.promptLeft === 0 && r.generated >= r.output);
    st.running = st.running.filter((r) => !(r.promptLeft === 0 && r.generated >= r.output));
    for (const r of done) finish(st, inp, r, next);
  }
}

export function runLoop(inp: LoopInput): LoopResult {
  const next = lengthSampler(inp);
  const st = newState();
  const a = inp.arrivals;
  const total = simulatedRequests(a);
  const firstWave = a.mode === 'closed' ? Math.min(a.clients, a.requests) : a.mode === 'burst' ? a.requests : 0;
  const first = Math.min(firstWave, total);
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
    // With no prompt in the iteration and nothing arriving before the next completion, the
    // iterations until then are alike: advance them together (context grows; its midpoint is used).
    const k = it.chunks.length ? 1 : spanOf(st, inp, it.decoders, tps, a.mode === 'open' ? nextArrival : Infinity);
    const secs = k > 1 ? spanSeconds(inp, it.decoders, k, tps) : it.seconds;
    st.t += secs * k;
    st.iterations += k;
    st.batchSum += it.decoders.length * k;
    st.maxRunning = Math.max(st.maxRunning, st.running.length);
    applyIteration(st, inp, it, k, tps, next);
  }
  return {
    ttftS: stats(st.ttft, st.ttftWave, a.requests, firstWave),
    tpotS: stats(st.tpot, st.tpotWave, a.requests, firstWave),
    e2eS: stats(st.e2e, st.e2eWave, a.requests, firstWave),
    outputTokensPerSecond: st.t > 0 ? st.tokens / st.t : 0,
    meanBatch: st.iterations ? st.batchSum / st.iterations : 0,
    maxRunning: st.maxRunning,
    queuedBeyondRunning: st.queued,
    iterations: st.iterations,
    completed: st.completed,
  };
}
