/**
 * A closed loop of C clients on one replica, analytically (the serving loop engine-loop.ts
 * simulates the same scheduler iteration by iteration; test/unit/closed-loop.test.ts checks the
 * two agree within 10%). Fixed prompt P and output O tokens, token budget B per iteration.
 *
 * With fixed lengths a closed loop runs in waves: the first C prompts arrive together and are
 * prefilled in n = ⌈C·P ÷ B⌉ iterations (without chunked prefill ⌈C ÷ ⌊B ÷ P⌋⌉, whole prompts);
 * requests then finish, and resubmit, in n groups of G = C ÷ n, one group per iteration, and keep
 * that pattern.
 * - mixed (vLLM, TensorRT-LLM): every request decodes alike, so the next cycle's prompts arrive as
 *   the first wave's completed and prefill as they come, beside the others' decoding (prefillWindow:
 *   a group of G prompts that fits the budget takes one iteration, step(C − G, G·P); a prompt longer
 *   than the budget spans several, sharing its first and last with its neighbours'); over one
 *   request's (O − 1)/g decode iterations (g tokens each with speculative decoding) the other n − 1
 *   groups prefill once each:
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

/** Prompts' first tokens in a prefill window (prefillWindow): each one's TTFT and the iteration it completes in. */
interface PrefillWindow {
  ttft: number[];
  done: number[];
  mean: number;
  /** Seconds from the window's first iteration to its last prompt's first token. */
  end: number;
}

/**
 * Prompts arriving at iteration offsets `at` (ascending; the first wave: all at 0) into a loop of C
 * clients, prefilled first come first served in iterations of the budget B: under the mixed policy
 * beside the clients not prefilling (C less the prompts arrived and unfinished), which take one token of
 * the budget each; under prefill-first alone. Without chunked prefill an iteration takes whole prompts
 * (at least one). A prompt's TTFT runs from the start of the iteration it arrives at to the end of the
 * one its last chunk runs in; iterations with no prompt (decoding only) are skipped, as no TTFT spans them.
 */
function prefillWindow(inp: ClosedLoopInput, C: number, ctx: number, at: readonly number[]): PrefillWindow {
  const { promptTokens: P, scheduler: s, oracle } = inp;
  const ttft: number[] = [];
  const done: number[] = [];
  const arrivedAt: number[] = [];
  let t = 0;
  let left = P;
  for (let it = 0, guard = 0; ttft.length < at.length && guard < 1_000_000; it++, guard++) {
    if (at[ttft.length]! > it) it = at[ttft.length]!;
    while (arrivedAt.length < at.length && at[arrivedAt.length]! <= it) arrivedAt.push(t);
    const pending = arrivedAt.length - ttft.length;
    const d = s.policy === 'mixed' ? C - pending : 0;
    const budget = Math.max(0, s.maxBatchedTokens - d);
    // Whole prompts only without chunking: as many as fit, at least one.
    const wholeCap = Math.max(1, Math.floor(budget / P));
    let tokens = 0;
    const finished: number[] = [];
    for (let k = ttft.length; k < arrivedAt.length; k++) {
      const room = s.chunkedPrefill ? Math.max(1, budget) - tokens : k - ttft.length < wholeCap ? left : 0;
      const n = Math.min(left, room);
      if (n <= 0) break;
      tokens += n;
      left -= n;
      if (left > 0) break;
      finished.push(k);
      left = P;
    }
    t += oracle.mixed(d, tokens, ctx, P);
    for (const k of finished) {
      ttft.push(t - arrivedAt[k]!);
      done.push(it);
    }
  }
  return { ttft, done, mean: ttft.reduce((a, b) => a + b, 0) / Math.max(1, ttft.length), end: t };
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
  const wave = prefillWindow(inp, C, ctx, new Array<number>(C).fill(0));
  // Prefill-first keeps the waves whole: every cycle repeats the first wave, each request waiting
  // for the rest of its wave's prompts before it decodes.
  const lastPrompt = wave.ttft[wave.ttft.length - 1] ?? 0;
  const tpotOut =
    s.policy === 'prefill-first' && decodeIters > 0
      ? wave.ttft.reduce((a, t1) => a + (lastPrompt - t1 + decodeIters * tauD) / (decodeIters * g), 0) /
        wave.ttft.length
      : tpot;
  // Mixed: the next cycle's prompts arrive as the first wave's completed (every request decodes alike),
  // and prefill as they come; a prompt longer than an iteration's budget spans several.
  const ttftSteady =
    s.policy === 'prefill-first'
      ? wave.mean
      : prefillWindow(
          inp,
          C,
          ctx,
          wave.done.map((c) => c - wave.done[0]!),
        ).mean;
  // Mixed: a first-wave request decodes through the wave's remaining prompt iterations first.
  const tpotFirst =
    s.policy === 'mixed' && decodeIters > 0
      ? wave.ttft.reduce(
          (a, t1) => a + (wave.end - t1 + Math.max(0, decodeIters - (wave.end - t1) / tauG) * tauD) / (decodeIters * g),
          0,
        ) / wave.ttft.length
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
