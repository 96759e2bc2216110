/**
 * "Simulate" a plan at its arrival rate: the discrete-event simulation (simulate.ts) of the serving
 * loop with the engine's step times, beside the analytical prediction (plan-load.ts), so a user can
 * see how far the queueing model is from a direct simulation for their configuration.
 */
import { compileFamily } from '../inference/family';
import { pointFromPlan, tokensPerSpecStep } from '../inference/point';
import { memoryPerDevice } from '../inference/memory';
import { layoutsOf } from '../inference/point';
import type { PlanContext } from '../plan/context';
import type { InferencePlan } from '../schema/plan';
import { decodeAt, loadModelFor, newLoadScratch } from './load';
import { prefillSide, underLoad, workloadOf } from './plan-load';
import { imageTokensPerRequest } from '../model/vision';
import { simulate } from './simulate';

export interface SimulationCheck {
  arrivalRatePerSecond: number;
  requests: number;
  rows: Array<{ metric: string; analytical: number; simulated: number; unit: string }>;
}

export function simulatePlan(
  plan: InferencePlan,
  ctx: PlanContext,
  opts: { requests: number; seed: number },
): SimulationCheck | null {
  const lambda = plan.inference.workload.arrivalRatePerSecond;
  if (lambda === undefined) return null;
  const f = compileFamily(ctx, plan.inference);
  // The prefill pool's own system (heterogeneous disaggregation) times the prompts.
  const fPre = ctx.prefill ? compileFamily(ctx.prefill, plan.inference) : f;
  const pt = pointFromPlan(plan);
  const dec = { devices: 1, tp: 1, pp: 1, dp: 1, ep: 1 };
  layoutsOf(pt, dec, { ...dec });
  const maxBatch = memoryPerDevice(
    ctx.model,
    f.params,
    plan.inference,
    dec,
    ctx.accelerator.memoryBytes.value ?? 0,
    1,
  ).maxBatch;
  const a = underLoad(plan, f, pt, maxBatch, fPre);
  const w = workloadOf(plan, imageTokensPerRequest(ctx.model, plan.inference.workload.images));
  const ls = newLoadScratch();
  const sim = simulate({
    model: loadModelFor(f, pt, w, ls, undefined, prefillSide(plan, fPre)),
    lambda,
    prompt: w.prompt,
    output: w.output,
    prefixHit: w.prefixHit,
    stepS: (N) => decodeAt(f, pt, Math.max(N, 1e-3), ls).stepS,
    tokensPerStep: tokensPerSpecStep(pt.specDraft, pt.specAccept),
    requests: opts.requests,
    seed: opts.seed,
  });
  return {
    arrivalRatePerSecond: lambda,
    requests: sim.completed,
    rows: [
      { metric: 'TTFT p50', analytical: a?.ttftS.p50 ?? Infinity, simulated: sim.ttftS.p50, unit: 's' },
      { metric: 'TTFT p90', analytical: a?.ttftS.p90 ?? Infinity, simulated: sim.ttftS.p90, unit: 's' },
      { metric: 'TTFT p99', analytical: a?.ttftS.p99 ?? Infinity, simulated: sim.ttftS.p99, unit: 's' },
      { metric: 'TTFT mean', analytical: a?.ttftMeanS ?? Infinity, simulated: sim.ttftMeanS, unit: 's' },
      { metric: 'TPOT mean per request', analytical: a?.tpotS ?? Infinity, simulated: sim.tpotMeanS, unit: 's' },
      {
        metric: 'decode batch (time average)',
        analytical: a?.batch ?? Infinity,
        simulated: sim.meanBatch,
        unit: 'sequences',
      },
    ],
  };
}
