/**
 * A closed loop of C clients on one replica, analytically (the serving loop engine-loop.ts
 * simulates the same scheduler iteration by iteration; test/unit/closed-loop.test.ts checks the
 * two agree within 10%). Fixed prompt P and output O tokens, token budget B per iteration.
 *
 * With fixed lengths a closed loop runs in waves: the first C prompts arrive together and are
 * prefilled in n = ⌈C·P ÷ B⌉ iterations (without chunked prefill ⌈C ÷ ⌊B ÷ P⌋⌉, whole prompts);
 * requests then finish, and resubmit, in n groups of G = C ÷ n, one group per iteration, and keep
 * that pattern.
 * - mixed (vLLM, TensorRT-LLM): a group's G prompts run in one iteration beside the other C − G
 *   sequences' decoding: TTFT = step(C − G, G·P); over one request's (O − 1)/g decode iterations
 *   (g tokens each with speculative decoding) the other n − 1 groups prefill once each:
 *   TPOT = [(n − 1)·step(C − G, G·P) + ((O − 1)/g − (n − 1))·step(C, 0)] ÷ (O − 1).
 * - prefill-first (SGLang): prompts run alone while any wait, so a wave stays whole: every cycle
 *   repeats the first wave (TTFT as below) and a request's TPOT counts the wave's remaining prompt
 *   iterations before its decoding, [last prompt − its first token + (O − 1)/g·step(C, 0)] ÷ (O − 1).
 * First wave: prompt i completes at iteration ⌈(i + 1)·P ÷ B⌉ of the first n (mixed: beside the
 * requests already decoding); its TTFT is the sum of those iterations. The benchmark's mean over N
 * requests weighs C first-wave requests and N − C later ones. Requests beyond what the running set
 * holds (R) wait (C − R) ÷ R lifetimes (Little's law). Every TTFT adds the request's host time
 * (the fixed overhead and the prompt's tokenization, scheduler.ts requestHostS).
 */
import type { StepOracle } from '../inference/step-time';
import { requestHostS, type Scheduler } from './scheduler';

export interface ClosedLoopInput {
  oracle: StepOracle;
  scheduler: Scheduler;
  capacity: number;
  clients: number;
  requests: number;
  promptTokens: number;
  outputTokens: number;
}

export interface ClosedLoopEstimate {
  ttftMeanS: number;
  tpotMeanS: number;
  /** Steady state (after the first wave) and the first wave's mean TTFT. */
  ttftSteadyS: number;
  ttftFirstWaveS: number;
  decodersPerIteration: number;
}

/**
 * The first wave: C prompts at once, prefilled first come first served in iterations of the budget
 * (mixed: less the sequences already decoding). Returns each prompt's first-token time and the
 * wave's end (the last prompt's).
 */
function firstWave(inp: ClosedLoopInput, C: number, ctx: number): { mean: number; times: number[]; end: number } {
  const { promptTokens: P, scheduler: s, oracle } = inp;
  const B = s.maxBatchedTokens;
  const times: number[] = [];
  let t = 0;
  let processed = 0;
  for (let guard = 0; times.length < C && guard < 1_000_000; guard++) {
    const d = s.policy === 'mixed' ? times.length : 0;
    // Without chunking an iteration takes whole prompts only (at least one).
    const whole = Math.max(1, Math.floor(Math.max(0, B - d) / P)) * P;
    const tokens = Math.max(1, Math.min(s.chunkedPrefill ? B - d : whole, C * P - processed));
    t += oracle.mixed(d, tokens, ctx, P);
    processed += tokens;
    while (times.length < C && (times.length + 1) * P <= processed + 1e-9) times.push(t);
  }
  return { mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length), times, end: t };
}

export function closedLoopEstimate(inp: ClosedLoopInput): ClosedLoopEstimate {
  const { promptTokens: P, outputTokens: O, scheduler: s, oracle } = inp;
  const g = oracle.tokensPerStep;
  const C0 = Math.max(1, inp.clients);
  const C = Math.max(1, Math.min(C0, inp.capacity, s.maxRunning ?? Infinity));
  const decodeIters = Math.max(0, (O - 1) / g);
  const ctx = P + O / 2;
  const n = s.chunkedPrefill
    ? Math.max(1, Math.ceil((C * P) / s.maxBatchedTokens))
    : Math.ceil(C / Math.max(1, Math.floor(s.maxBatchedTokens / P)));
  const G = C / n;
  const tauD = oracle.decode(C, ctx);
  const tauG = s.policy === 'mixed' ? oracle.mixed(C - G, G * P, ctx, P) : oracle.mixed(0, G * P, 1, P);
  const others = Math.min(n - 1, decodeIters);
  const tpot =
    decodeIters > 0
      ? s.policy === 'mixed'
        ? (others * tauG + (decodeIters - others) * tauD) / (decodeIters * g)
        : (decodeIters * tauD + others * tauG) / (decodeIters * g)
      : 0;
  const wave = firstWave(inp, C, ctx);
  // Prefill-first keeps the waves whole: every cycle repeats the first wave, each request waiting
  // for the rest of its wave's prompts before it decodes.
  const lastPrompt = wave.times[wave.times.length - 1] ?? 0;
  const tpotOut =
    s.policy === 'prefill-first' && decodeIters > 0
      ? wave.times.reduce((a, t1) => a + (lastPrompt - t1 + decodeIters * tauD) / (decodeIters * g), 0) /
        wave.times.length
      : tpot;
  const ttftSteady = s.policy === 'prefill-first' ? wave.mean : tauG;
  // Mixed: a first-wave request decodes through the wave's remaining prompt iterations first.
  const tpotFirst =
    s.policy === 'mixed' && decodeIters > 0
      ? wave.times.reduce(
          (a, t1) => a + (wave.end - t1 + Math.max(0, decodeIters - (wave.end - t1) / tauG) * tauD) / (decodeIters * g),
          0,
        ) / wave.times.length
      : tpotOut;
  const life = ttftSteady + decodeIters * g * tpotOut;
  const queueWait = C0 > C ? ((C0 - C) / C) * life : 0;
  const host = requestHostS(s, inp.promptTokens);
  const steady = ttftSteady + queueWait + host;
  const first = wave.mean + host;
  const N = Math.max(C0, inp.requests);
  const F = Math.min(C, N);
  return {
    ttftMeanS: (F * first + (N - F) * steady) / N,
    tpotMeanS: (F * tpotFirst + (N - F) * tpotOut) / N,
    ttftSteadyS: steady,
    ttftFirstWaveS: first,
    decodersPerIteration: C - G,
  };
}
