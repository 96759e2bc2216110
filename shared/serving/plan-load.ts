/**
 * An inference plan under load: when its workload gives an arrival rate, the serving-loop model
 * (queueing.ts) predicts the decode batch that rate sustains, TTFT percentiles and the mean TPOT,
 * with the plan's prompt and output lengths (fixed, or distributions). The same functions size
 * deployments in the search, so a searched configuration opened as a plan shows the same numbers.
 * Also: the TTFT of a burst — all of the plan's concurrent requests arriving at once and
 * prefilled together — which grows with the burst, unlike one prompt on an idle system.
 */
import { input, trace, type Trace } from '../explain';
import type { Family } from '../inference/family';
import { evaluateBurstPrefill, prefillLayoutOf, type Point } from '../inference/point';
import type { InferencePlan } from '../schema/plan';
import { shiftedBy } from '../schema/distribution';
import { imageTokensPerRequest } from '../model/vision';
import { atArrivalRate, loadModelFor, newLoadScratch, peakBatch, sustainableRate, type Workload } from './load';

export interface UnderLoad {
  arrivalRatePerSecond: number;
  /** Largest arrival rate the plan sustains within memory (at its largest batch). */
  maxArrivalRatePerSecond: number;
  sustainable: boolean;
  batch: number;
  ttftS: { p50: number; p90: number; p99: number };
  ttftMeanS: number;
  tpotS: number;
  interTokenS: number;
  prefillUtilization: number;
  trace: Trace;
}

/**
 * The plan's workload for the load model: its prompt and output lengths, with a vision-language
 * model's image tokens (`imageTokens` per request) added to every prompt.
 */
export function workloadOf(plan: InferencePlan, imageTokens = 0): Workload {
  const w = plan.inference.workload;
  return {
    prompt: shiftedBy(w.lengths?.prompt ?? { mean: w.promptTokens }, imageTokens),
    output: w.lengths?.output ?? { mean: w.outputTokens },
    prefixHit: w.prefixCacheHitRate,
    imageTokens,
  };
}

/** The prefill side of a plan's load model: its pool's family and the KV link the plan names. */
export const prefillSide = (plan: InferencePlan, fPre: Family): { f: Family; kvLinkBytesPerS?: number } => {
  const link = plan.inference.serving.disaggregation?.kvTransferBytesPerS;
  return link === undefined ? { f: fPre } : { f: fPre, kvLinkBytesPerS: link };
};

/** TTFT and TPOT at the plan's arrival rate; prompts are timed on the prefill pool's family `fPre`. */
export function underLoad(plan: InferencePlan, f: Family, pt: Point, maxBatch: number, fPre = f): UnderLoad | null {
  const lambda = plan.inference.workload.arrivalRatePerSecond;
  if (lambda === undefined || maxBatch <= 0) return null;
  const ls = newLoadScratch();
  const w = workloadOf(plan, imageTokensPerRequest(f.model, plan.inference.workload.images));
  const lm = loadModelFor(f, pt, w, ls, undefined, prefillSide(plan, fPre));
  const top = peakBatch(f, pt, lm, maxBatch, ls);
  const op = atArrivalRate(f, pt, lm, lambda, maxBatch, ls, top);
  const cap = sustainableRate(f, pt, lm, maxBatch, ls, top);
  const r: Omit<UnderLoad, 'trace'> = {
    arrivalRatePerSecond: lambda,
    maxArrivalRatePerSecond: cap,
    sustainable: op !== null,
    batch: op?.batch ?? maxBatch,
    ttftS: op
      ? { p50: op.ttftS.p50, p90: op.ttftS.p90, p99: op.ttftS.p99 }
      : { p50: Infinity, p90: Infinity, p99: Infinity },
    ttftMeanS: op ? op.ttftMeanS : Infinity,
    tpotS: op ? op.tpotS : Infinity,
    interTokenS: op ? op.itlS : Infinity,
    prefillUtilization: op?.rho ?? 1,
  };
  return {
    ...r,
    trace: trace(
      'Under load (serving-loop model)',
      lm.mixed
        ? 'Poisson arrivals over DP replicas; mixed scheduling: M/G/1 per replica (Pollaczek–Khinchine, Takács) whose prompts’ iterations carry the decoders, a token each; decode steps between; Little’s law for the batch'
        : 'Poisson arrivals over DP replicas; prefill first, M/G/1 per replica (Pollaczek–Khinchine, Takács); decode in the time left; Little’s law for the batch',
      r.tpotS,
      's',
      [
        input('arrival rate', lambda, 'count', 'requests per second'),
        input('largest sustainable rate', cap, 'count', 'requests per second'),
        input('prefill service S(P) = a + b·P: a', lm.prefillA, 's'),
        input('b (per computed prompt token)', lm.prefillB, 's'),
        input('host time per request (fixed + tokenization of the mean prompt, in TTFT)', lm.hostS, 's'),
        input('a decoder’s time in a prompt’s iteration (mixed scheduling; 0: prefill first)', lm.mixedTokenS, 's'),
        input('decode batch at this rate', r.batch, 'count'),
        input('prefill utilisation per replica', r.prefillUtilization, 'ratio'),
        input('TTFT p90', r.ttftS.p90, 's'),
      ],
      [],
      op ? undefined : `the plan cannot sustain ${lambda} requests/s: at most ${cap.toPrecision(3)} within memory`,
    ),
  };
}

/** All the plan's concurrent requests arriving at once: the last one's time to first token (s). */
export function burstTtftS(f: Family, pt: Point): number {
  return evaluateBurstPrefill(f, pt, Math.ceil(pt.batch / prefillLayoutOf(pt).dp));
}
