/**
 * A discrete-event simulation of the serving loop that queueing.ts models analytically, to check
 * the analytical model and to let users "simulate" a chosen configuration. Seeded and
 * deterministic.
 *
 * Aggregated, one replica of c: Poisson arrivals at λ/c; prompt and output lengths drawn from their
 * distributions; prefill first — while prompts wait, the replica prefills them one at a time (FCFS),
 * taking S(P) = a + b·P for P computed tokens (with mixed scheduling, S'(P) = S(P) + mixedExtraS,
 * and the running sequences gain a token in each of the prompt's iterations); otherwise it runs a
 * decode step over every running sequence, taking the engine's decode step time at the current
 * batch (n per replica × c) and advancing each sequence by the tokens a step yields.
 * Disaggregated: Poisson arrivals at λ spread at random over the prefill pool's replicas (FCFS,
 * S(P) plus the KV transfer), then the decode pool runs steps over every sequence whose KV cache
 * has arrived; a sequence joins at the next step and its first token reaches the client at the end
 * of that step (the client reads the decode worker, engine-loop-disagg.ts).
 * Reported over requests after a 10% warm-up: TTFT percentiles (arrival → first token) and the mean
 * TPOT (per request: first → last token ÷ tokens after the first).
 */
import { moments, rng, type LengthDistribution } from '../schema/distribution';
import { chunksOf, mixedExtraS, type LoadModel, type Percentile } from './queueing';

export interface SimulationInput {
  model: LoadModel;
  /** Requests per second per copy. */
  lambda: number;
  prompt: LengthDistribution;
  output: LengthDistribution;
  prefixHit: number;
  /** Decode step time (s) at a batch of N sequences per copy, and tokens a step yields per sequence. */
  stepS: (N: number) => number;
  tokensPerStep: number;
  requests: number;
  seed: number;
}

export interface SimulationResult {
  ttftS: Record<Percentile, number>;
  ttftMeanS: number;
  tpotMeanS: number;
  /** Time-averaged number of sequences decoding per copy (stalled ones included). */
  meanBatch: number;
  completed: number;
}

interface Request {
  at: number;
  prompt: number;
  output: number;
  /** Time of the first token at the client (aggregated: end of prefill; disaggregated: end of the first decode step). */
  first: number;
  /** Disaggregated: when the KV cache has reached the decode pool. */
  ready: number;
  remaining: number;
  tokens: number;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

function arrivals(inp: SimulationInput, rate: number, count: number, seed: number): Request[] {
  const r = rng(seed);
  const u = (): number => Math.max(1e-12, r());
  const P = moments(inp.prompt);
  const O = moments(inp.output);
  const out: Request[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += -Math.log(u()) / rate;
    const output = Math.max(1, Math.round(O.sample(u())));
    out.push({
      at: t,
      prompt: Math.max(1, P.sample(u()) * (1 - inp.prefixHit)),
      output,
      first: 0,
      ready: 0,
      remaining: output - 1,
      tokens: 1,
    });
  }
  return out;
}

/** Advances every running sequence by one decode step; returns the finished ones' TPOTs. */
function step(running: Request[], t: number, tokensPerStep: number, done: Request[]): void {
  for (let i = running.length - 1; i >= 0; i--) {
    const s = running[i]!;
    s.remaining -= tokensPerStep;
    s.tokens += tokensPerStep;
    if (s.remaining <= 0) {
      s.remaining = t; // reuse: finish time
      done.push(s);
      running.splice(i, 1);
    }
  }
}

interface Run {
  reqs: Request[];
  done: Request[];
  /** ∫ sequences decoding dt, and the simulated time. */
  batchTime: number;
  end: number;
}

function aggregatedReplica(inp: SimulationInput): Run {
  const lm = inp.model;
  const reqs = arrivals(inp, inp.lambda / lm.replicas, inp.requests, inp.seed);
  const queue: Request[] = [];
  const running: Request[] = [];
  const done: Request[] = [];
  let next = 0;
  let t = 0;
  let batchTime = 0;
  while (next < reqs.length || queue.length || running.length) {
    while (next < reqs.length && reqs[next]!.at <= t) queue.push(reqs[next++]!);
    const head = queue.shift();
    if (head) {
      // Mixed scheduling: the prompt's k iterations carry the running sequences, a token each.
      const tau = lm.mixed && running.length ? inp.stepS(running.length * lm.replicas) : 0;
      const s = lm.prefillA + lm.prefillB * head.prompt + mixedExtraS(lm, running.length, tau, head.prompt);
      t += s;
      batchTime += running.length * lm.replicas * s;
      if (lm.mixed) step(running, t, chunksOf(lm, running.length, head.prompt), done);
      head.first = t;
      running.push(head);
    } else if (running.length) {
      const s = inp.stepS(running.length * lm.replicas);
      t += s;
      batchTime += running.length * lm.replicas * s;
      step(running, t, inp.tokensPerStep, done);
    } else t = reqs[next]!.at;
  }
  return { reqs, done, batchTime, end: t };
}

function disaggregated(inp: SimulationInput): Run {
  const lm = inp.model;
  const reqs = arrivals(inp, inp.lambda, inp.requests, inp.seed);
  const pick = rng(inp.seed ^ 0x9e3779b9);
  const free = new Array<number>(lm.replicas).fill(0);
  for (const q of reqs) {
    const k = Math.min(lm.replicas - 1, Math.floor(pick() * lm.replicas));
    free[k] = Math.max(free[k]!, q.at) + lm.prefillA + lm.prefillB * q.prompt;
    q.ready = free[k]! + lm.kvTransferS;
  }
  const joining = [...reqs].sort((a, b) => a.ready - b.ready);
  const running: Request[] = [];
  const done: Request[] = [];
  let next = 0;
  let t = 0;
  let batchTime = 0;
  while (next < joining.length || running.length) {
    const joined = next;
    while (next < joining.length && joining[next]!.ready <= t) running.push(joining[next++]!);
    if (!running.length) {
      t = joining[next]!.ready;
      continue;
    }
    const s = inp.stepS(running.length);
    t += s;
    batchTime += running.length * s;
    for (let i = joined; i < next; i++) joining[i]!.first = t;
    step(running, t, inp.tokensPerStep, done);
  }
  return { reqs, done, batchTime, end: t };
}

export function simulate(inp: SimulationInput): SimulationResult {
  const run = inp.model.aggregated ? aggregatedReplica(inp) : disaggregated(inp);
  const warm = Math.floor(inp.requests / 10);
  const kept = run.reqs.slice(warm);
  // The host time per request (load.ts) is a delay beside the GPU's queue.
  const ttft = kept.map((q) => q.first - q.at + inp.model.hostS);
  const keptSet = new Set(kept);
  const tpot = run.done
    .filter((q) => keptSet.has(q) && q.tokens > 1)
    .map((q) => (q.remaining - q.first) / (q.tokens - 1));
  return {
    ttftS: { p50: quantile(ttft, 0.5), p90: quantile(ttft, 0.9), p99: quantile(ttft, 0.99) },
    ttftMeanS: ttft.reduce((a, b) => a + b, 0) / Math.max(1, ttft.length),
    tpotMeanS: tpot.reduce((a, b) => a + b, 0) / Math.max(1, tpot.length),
    meanBatch: run.end > 0 ? run.batchTime / run.end : 0,
    completed: kept.length,
  };
}
