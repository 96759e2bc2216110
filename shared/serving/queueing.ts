/**
 * TTFT and TPOT under load: an analytical model of the serving loop that vLLM and SGLang run
 * (continuous batching, new prompts scheduled ahead of decode), checked against a discrete-event
 * simulation of the same loop (simulate.ts).
 *
 * Assumptions, stated once:
 * - Requests arrive as a Poisson process of rate λ per deployment copy and are spread evenly over
 *   its c attention-DP replicas (each sees a Poisson stream of λ/c).
 * - Prefill first: a replica with prompts waiting prefills them one at a time, first come first
 *   served; a prompt's service time is linear in its computed tokens, S(P) = a + b·P·(1 − hit),
 *   fitted to the engine's single-prompt prefill time at the mean and p90 prompt.
 * - Mixed scheduling (vLLM, TensorRT-LLM; the plan's scheduler policy): the same queue, but each of
 *   a prompt's iterations also carries the replica's n decoding sequences, which lengthens it
 *   (mixedExtraS) and gives each of them a token (mixedRates below); prefill first (SGLang) stalls
 *   them instead (aggregatedRates).
 * - Decode runs whenever no prompt waits: one step advances every running sequence by the tokens
 *   a step yields (speculative decoding included); its time is the engine's decode step at the
 *   current batch.
 * Per replica, prefill is an M/G/1 queue with utilisation ρ = (λ/c)·E[S]; its waiting time W has
 * the Pollaczek–Khinchine mean E[W] = (λ/c)·E[S²] / (2(1 − ρ)) and Takács' second moment
 * E[W²] = 2·E[W]² + (λ/c)·E[S³] / (3(1 − ρ)).
 * Decode gets the time prefill leaves, and stalls after each prefill for the prompts queued behind
 * it (aggregatedRates); Little's law ties the batch N = n·c to the arrival rate, so a sweep over N
 * gives the rate a copy sustains at each batch with its TPOT and TTFT.
 * TTFT = W + R + S(P) + H (+ the KV transfer when disaggregated), R the rest of a decode step in
 * flight (uniform over one step, when a step is in flight: with probability 1 − e^(−N)), H the
 * request's host time (the fixed overhead and the prompt's tokenization on the CPU, scheduler.ts:
 * a delay beside the GPU's queue, at the mean prompt). Its mean and variance are sums of the
 * parts'; its percentiles are those of the log-normal with that mean and variance (within ~5% of
 * the simulation on the checked loads, where adding the parts' percentiles overstated p99 by
 * 30–40%). TPOT is the mean over a request's tokens (percentiles of per-request TPOT are close to it
 * for long outputs). Disaggregated serving: the prefill pool is
 * the M/G/1 per prefill replica without decode steps to wait for; then the KV-cache transfer to the
 * decode pool, the rest of the decode step in flight there (R) and the decode step that streams the
 * first token to the client (the client reads the decode worker: engine-loop-disagg.ts), so
 * TTFT = W + S(P) + transfer + R + step; the decode pool runs TPOT = tpot_engine(N) at
 * λ = N / (O·tpot).
 */
import { Z_OF, type Moments } from '../schema/distribution';

export type Percentile = 'p50' | 'p90' | 'p99';

export interface LoadModel {
  /** Prefill servers per copy: the attention-DP replicas, or the prefill pool's replicas. */
  replicas: number;
  /** S(P) = a + b·P for P computed prompt tokens. */
  prefillA: number;
  prefillB: number;
  /** Computed prompt tokens (after prefix-cache hits). */
  prompt: Moments;
  outputMean: number;
  /** E[1/(O − 1)] over outputs of two or more tokens: weights a per-request stall into its mean TPOT. */
  outputInvMean: number;
  /** Prefill and decode share the replicas (false: disaggregated pools). */
  aggregated: boolean;
  /** Disaggregated: seconds to move one mean prompt's KV cache to the decode pool. */
  kvTransferS: number;
  /** Host time per request outside the GPU (fixed overhead + tokenization of the mean prompt): a delay, not a queue. */
  hostS: number;
  /**
   * Mixed scheduling (vLLM, TensorRT-LLM): a prompt's iterations carry every decoding sequence; false:
   * prefill first (SGLang), decoders wait while prompts are prefilled.
   */
  mixed: boolean;
  /** Mixed: seconds one decoding sequence adds to a prefill iteration (its token through the layers and its KV-cache reads). */
  mixedTokenS: number;
  /** Mixed: the token budget B a prompt is chunked by (B − n per iteration beside n decoders); Infinity = prompts whole. */
  chunkTokens: number;
  /**
   * Decode step times are taken × this (1: the engine's estimate; the upper edge of the error band
   * when a search sizes pessimistically). The prefill times above are already scaled likewise.
   */
  decodeScale: number;
}

export interface OperatingPoint {
  /** Requests per second one copy sustains, and the decode batch it runs at. */
  lambda: number;
  batch: number;
  /** Prefill utilisation per replica. */
  rho: number;
  /** Mean TPOT per request (what serving benchmarks report), and the mean time between tokens. */
  tpotS: number;
  itlS: number;
  ttftS: Record<Percentile, number>;
  ttftMeanS: number;
  /** The log-normal TTFT is fitted to: its percentile z is ttftQuantile(ttftMu, ttftSigma, z). */
  ttftMu: number;
  ttftSigma: number;
  stable: boolean;
}

export const emptyOperatingPoint = (): OperatingPoint => ({
  lambda: 0,
  batch: 0,
  rho: 0,
  tpotS: 0,
  itlS: 0,
  ttftS: { p50: 0, p90: 0, p99: 0 },
  ttftMeanS: 0,
  ttftMu: 0,
  ttftSigma: 0,
  stable: false,
});

/** The z-quantile of a log-normal TTFT with parameters (μ, σ): exp(μ + z·σ). */
export const ttftQuantile = (mu: number, sigma: number, z: number): number => Math.exp(mu + z * sigma);

export const serviceMean = (lm: LoadModel): number => lm.prefillA + lm.prefillB * lm.prompt.mean;
export const serviceSecond = (lm: LoadModel): number =>
  lm.prefillA * lm.prefillA +
  2 * lm.prefillA * lm.prefillB * lm.prompt.mean +
  lm.prefillB * lm.prefillB * lm.prompt.second;

/** Mixed: the iterations a prompt of P computed tokens spans beside n decoders, k = max(1, P ÷ (B − n)) (1 when prompts go whole). */
export const chunksOf = (lm: LoadModel, n: number, P = lm.prompt.mean): number =>
  Number.isFinite(lm.chunkTokens) ? Math.max(1, P / Math.max(1, lm.chunkTokens - n)) : 1;

/**
 * Mixed: the service a prompt adds beside n decoders on its replica: each of its k iterations reads
 * the weights again (the fixed part a of S) and carries the n decoders (n·mixedTokenS), so
 * S'(P) = S(P) + (k − 1)·a + k·n·mixedTokenS — and no iteration is shorter than the decode step τ
 * of the n decoders it carries (S' ≥ k·τ). Prefill first, or a prefill pool: none.
 */
export function mixedExtraS(lm: LoadModel, n: number, stepS: number, P = lm.prompt.mean): number {
  if (!lm.mixed || !lm.aggregated) return 0;
  const k = chunksOf(lm, n, P);
  const extra = (k - 1) * lm.prefillA + k * n * lm.mixedTokenS;
  return Math.max(extra, k * stepS - (lm.prefillA + lm.prefillB * P));
}

export function waitMean(lambdaR: number, ES: number, ES2: number): number {
  const rho = lambdaR * ES;
  return rho >= 1 ? Infinity : (lambdaR * ES2) / (2 * (1 - rho));
}

/**
 * TTFT at a per-copy arrival rate (`stepS` is the decode step a prompt may find in flight): its
 * mean, the log-normal fitted to it and, with `quantiles`, its p50/p90/p99 (a search's sweep keeps
 * μ and σ and takes only the percentile its SLO names, when it needs it: three fewer exponentials
 * per operating point).
 */
export function ttftAt(
  lm: LoadModel,
  lambda: number,
  stepS: number,
  out: OperatingPoint,
  quantiles = true,
  n = 0,
  busy = 1,
): void {
  const lr = lambda / lm.replicas;
  const a = lm.prefillA;
  const b = lm.prefillB;
  const P = lm.prompt;
  // S' = S + c (mixed scheduling beside n decoders): its moments from S's.
  const c = mixedExtraS(lm, n, stepS);
  const S1 = a + b * P.mean;
  const S2 = a * a + 2 * a * b * P.mean + b * b * P.second;
  const S3 = a * a * a + 3 * a * a * b * P.mean + 3 * a * b * b * P.second + b * b * b * P.third;
  const ES = S1 + c;
  const ES2 = S2 + 2 * c * S1 + c * c;
  const ES3 = S3 + 3 * c * S2 + 3 * c * c * S1 + c * c * c;
  const rho = lr * ES;
  out.rho = rho;
  if (rho >= 1) {
    out.ttftMeanS = out.ttftS.p50 = out.ttftS.p90 = out.ttftS.p99 = out.ttftMu = Infinity;
    out.ttftSigma = 0;
    return;
  }
  // Waiting time: Pollaczek–Khinchine mean and Takács second moment.
  const EW = (lr * ES2) / (2 * (1 - rho));
  const EW2 = 2 * EW * EW + (lr * ES3) / (3 * (1 - rho));
  // Disaggregated: the step that streams the first token follows the rest of the one in flight.
  // R: the rest of a decode step in flight, when one is (busy: the chance any sequence decodes).
  const R = (busy * stepS) / 2;
  const mean = EW + R + ES + lm.kvTransferS + (lm.aggregated ? 0 : stepS) + lm.hostS;
  const variance = EW2 - EW * EW + busy * (stepS * stepS) * (1 / 3 - busy / 4) + (ES2 - ES * ES);
  out.ttftMeanS = mean;
  // The sum's quantiles from a log-normal with the same mean and variance.
  const s2 = Math.log(1 + Math.max(0, variance) / (mean * mean));
  const mu = Math.log(mean) - s2 / 2;
  const s = Math.sqrt(s2);
  out.ttftMu = mu;
  out.ttftSigma = s;
  if (!quantiles) return;
  out.ttftS.p50 = ttftQuantile(mu, s, Z_OF.p50);
  out.ttftS.p90 = ttftQuantile(mu, s, Z_OF.p90);
  out.ttftS.p99 = ttftQuantile(mu, s, Z_OF.p99);
}

/**
 * The operating point at decode batch N: the arrival rate a copy sustains with N sequences decoding,
 * the TPOT they see and the TTFT a new prompt sees. `tpotS` and `stepS` are the engine's decode
 * time per token and per step at batch N.
 */
export function operatingPoint(
  lm: LoadModel,
  N: number,
  tpotS: number,
  stepS: number,
  out: OperatingPoint,
  quantiles = true,
): OperatingPoint {
  tpotS *= lm.decodeScale;
  stepS *= lm.decodeScale;
  out.batch = N;
  const n = N / lm.replicas;
  if (lm.aggregated && lm.mixed) mixedRates(lm, n, tpotS, stepS, out);
  else if (lm.aggregated) aggregatedRates(lm, n, tpotS, out);
  else {
    out.lambda = N / (lm.outputMean * tpotS);
    out.tpotS = out.itlS = tpotS;
  }
  // Sequences decoding at a random instant are about Poisson with mean N (per replica when shared):
  // a step is in flight with probability 1 − e^(−N).
  const busy = 1 - Math.exp(-(lm.aggregated ? n : N));
  ttftAt(lm, out.lambda, stepS, out, quantiles, lm.aggregated ? n : 0, busy);
  out.stable = out.rho < 1 && Number.isFinite(out.tpotS);
  return out;
}

/**
 * Shared replicas, n sequences decoding on each. Decode runs in the time prefill leaves, so tokens
 * come every tpot/(1 − ρ); after its own prefill a request also waits for the prompts queued behind
 * it, λ_r·(E[W] + E[S]) of them, each opening a busy period of E[S]/(1 − ρ):
 *   D0 = λ_r·(E[W] + E[S])·E[S] / (1 − ρ).
 * Little's law: n = λ_r·(O·tpot/(1 − ρ) + D0), increasing in λ_r on [0, 1/E[S]). Times 2(1 − ρ)²
 * it is a cubic in x = λ_r with one root there (E = E[S], E2 = E[S²]):
 *   E(E2 − 2E²)·x³ + (2E² − 2O·tpot·E − 2nE²)·x² + (2O·tpot + 4nE)·x − 2n = 0,
 * solved by Newton steps kept inside a shrinking bracket (bisection where a step would leave it).
 * Mean TPOT per request = tpot/(1 − ρ) + D0·E[1/(O − 1)].
 */
function aggregatedRates(lm: LoadModel, n: number, tpotS: number, out: OperatingPoint): void {
  const ES = serviceMean(lm);
  const ES2 = serviceSecond(lm);
  const O = lm.outputMean;
  const lr = arrivalForInFlight(n, ES, ES2, O * tpotS);
  const rho = lr * ES;
  out.lambda = lr * lm.replicas;
  out.rho = rho;
  out.itlS = tpotS / (1 - rho);
  out.tpotS = out.itlS + stallOf(lr, ES, ES2) * lm.outputInvMean;
}

/**
 * Shared replicas under mixed scheduling (vLLM, TensorRT-LLM), n sequences decoding on each: every
 * iteration of a prompt carries them (S' = S + mixedExtraS), so they gain a token in each of its k
 * iterations and in every decode step between: g = (1 − ρ)/tpot + λ_r·k tokens per second,
 * ρ = λ_r·E[S']. Little's law n = λ_r·O/g gives λ_r = n / (O·tpot − n·k·tpot + n·E[S']), and
 * ρ < 1 exactly while n < O/k: at n* = O/k every iteration is a prompt's and the decoders gain a
 * token only in those; from there on the copy is saturated at λ_r = 1/E[S'(n*)] (ρ = 1). Since
 * E[S'] grows with n, the rate can peak before n* (load.ts peakBatch finds the rising side).
 * ITL = 1/g; a request's TPOT adds the stall of the prompts queued behind its own, each iteration
 * of theirs taking E[S'] for the k tokens decode steps would give in k·tpot.
 */
function mixedRates(lm: LoadModel, n: number, tpotS: number, stepS: number, out: OperatingPoint): void {
  const k = chunksOf(lm, n);
  const nStar = lm.outputMean / k;
  const saturated = n >= nStar;
  const E = saturated
    ? serviceMean(lm) + (k - 1) * lm.prefillA + k * nStar * lm.mixedTokenS
    : serviceMean(lm) + mixedExtraS(lm, n, stepS);
  const lr = saturated ? 1 / E : n / (lm.outputMean * tpotS - n * k * tpotS + n * E);
  const rho = saturated ? 1 : lr * E;
  out.lambda = lr * lm.replicas;
  out.rho = rho;
  const g = (1 - rho) / tpotS + lr * k;
  out.itlS = g > 0 ? 1 / g : Infinity;
  // A request starts decoding as its prompt ends, when the prompts queued behind it follow: each of
  // their iterations takes E[S'] for the k tokens decode steps would give in k·tpot.
  const ES2 = serviceSecond(lm) + 2 * (E - serviceMean(lm)) * serviceMean(lm) + (E - serviceMean(lm)) ** 2;
  const stall = rho < 1 ? (lr * (waitMean(lr, E, ES2) + E) * Math.max(0, E - k * tpotS)) / (1 - rho) : Infinity;
  out.tpotS = out.itlS + stall * lm.outputInvMean;
}

/** The arrival rate per replica at which n sequences are in flight (the cubic above; Ot = O·tpot). */
export function arrivalForInFlight(n: number, E: number, E2: number, Ot: number): number {
  let lo = 0;
  let hi = Math.min(1 / E, n / Ot);
  // Nothing served (infinite time per token), or no bound at all (zero service and decode time).
  if (!(hi > 0) || hi === Infinity) return 0;
  // Infinitely many sequences: the prefill capacity 1/E[S] binds.
  if (n === Infinity) return hi;
  const c3 = E * (E2 - 2 * E * E);
  const c2 = 2 * E * E - 2 * Ot * E - 2 * n * E * E;
  const c1 = 2 * Ot + 4 * n * E;
  const c0 = -2 * n;
  let x = hi / 2;
  for (let i = 0; i < 200; i++) {
    const p = ((c3 * x + c2) * x + c1) * x + c0;
    if (p < 0) lo = x;
    else hi = x;
    let next = x - p / ((3 * c3 * x + 2 * c2) * x + c1);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * next || next === lo || next === hi) return next;
    x = next;
  }
  return x;
}

/** The stall D0 = λ_r·(E[W] + E[S])·E[S] / (1 − ρ) a request waits after its prefill (Infinity at ρ ≥ 1). */
function stallOf(lr: number, ES: number, ES2: number): number {
  const rho = lr * ES;
  if (rho >= 1) return Infinity;
  const EW = (lr * ES2) / (2 * (1 - rho));
  return (lr * (EW + ES) * ES) / (1 - rho);
}

/** Mean end-to-end latency of a request: TTFT + output × TPOT. */
export const e2eMeanS = (op: OperatingPoint, outputMean: number): number => op.ttftMeanS + outputMean * op.tpotS;
