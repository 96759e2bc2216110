/**
 * Training communication per step, over the tiers of tiers.ts (α always counted):
 * - DP: gradient reduce-scatter + all-gather (= all-reduce volume) of each device's BF16 gradient
 *   shard — dense parameters over DP × CP ranks, routed experts over their own data-parallel group
 *   — over scale-out unless the whole job fits in one scale-up domain;
 * - TP: 4 all-reduces per layer per micro-batch (2 forward, 2 backward) as reduce-scatter +
 *   all-gather pairs of the micro-batch's activations (sequence parallelism);
 * - EP: dispatch + combine, forward and backward: tokens × top-k × h × (1 + 2) bytes × 2, × the load
 *   imbalance (the hottest rank receives more);
 * - PP: activations sent forward and gradients back at each stage boundary, per micro-batch.
 * Overlap hides at most `commOverlap` of the communication, and never more than the compute it runs
 * behind: exposed = comm − min(overlap × comm, compute).
 */
import type { Trace } from '../explain';
import { allReduce, allToAll, reduceScatter, type Tier } from '../network/collectives';
import { trainingTiers } from '../inference/tiers';
import type { ParamCounts } from '../model/params';
import { layerCounts } from '../schema/model';
import { effectivePeak } from '../inference/family';
import type { PlanContext, PlanIssue } from '../plan/context';
import type { TrainingPlan } from '../schema/plan';

export interface TrainingComm {
  dp: number;
  tp: number;
  ep: number;
  pp: number;
  total: number;
  /** Parameters per device (before ZeRO sharding): dense and routed-expert, and the experts' DP degree. */
  denseParams: number;
  expertParams: number;
  expertDp: number;
  dpTraces: Trace[];
}

export function trainingCommunication(
  plan: TrainingPlan,
  ctx: PlanContext,
  p: ParamCounts,
  micro: number,
): TrainingComm {
  const s = plan.training;
  const par = s.parallelism;
  const N = plan.devices;
  const { up, out } = trainingTiers(ctx);
  const dom = ctx.system.scaleUpDomainDevices;
  const c = p.byComponent;
  const pp = par.pp;
  const denseParams =
    (c.attention + c.denseFfn + c.sharedExperts + c.router + c.norms + c.embeddings + c.lmHead) / (par.tp * pp);
  const expertParams = c.routedExperts / (pp * (par.ep > 1 ? par.ep : par.tp));
  const expertDp = Math.max(1, (par.dp * par.tp) / Math.max(par.ep, par.tp));
  // DP ranks sit in different scale-up domains unless the whole job fits in one.
  const whole: Tier = N <= dom ? up : out;
  const dpDense = par.dp * par.cp > 1 ? allReduce((denseParams * 2) as never, par.dp * par.cp, whole) : null;
  const dpExpert = expertParams > 0 && expertDp > 1 ? allReduce((expertParams * 2) as never, expertDp, whole) : null;
  const h = ctx.model.hiddenSize;
  const mbTokens = (s.microBatchSequences * s.sequenceLength) / par.cp;
  const tp =
    par.tp > 1
      ? 4 *
        2 *
        reduceScatter((mbTokens * h * 2) as never, par.tp, par.tp <= dom ? up : out).time *
        (ctx.model.numLayers / pp) *
        micro
      : 0;
  const moe = ctx.model.moe;
  const ep =
    moe && par.ep > 1
      ? allToAll(
          ((mbTokens / par.tp) * moe.topK * h * (1 + 2) * 2) as never,
          par.ep,
          par.ep <= dom || N <= dom ? up : out,
        ).time *
        (layerCounts(ctx.model).moe / pp) *
        micro *
        s.moe.loadImbalance
      : 0;
  const ppT =
    pp > 1 ? 2 * micro * ((mbTokens * h * 2) / (Math.max(whole.bandwidth, 1) * whole.efficiency) + whole.latency) : 0;
  const dp = (dpDense?.time ?? 0) + (dpExpert?.time ?? 0);
  return {
    dp,
    tp,
    ep,
    pp: ppT,
    total: dp + tp + ep + ppT,
    denseParams,
    expertParams,
    expertDp,
    dpTraces: [dpDense, dpExpert].flatMap((x) => (x ? [x.trace] : [])),
  };
}

/**
 * What training needs before it can be timed: a known compute peak (compute time is FLOPs ÷ peak)
 * and the bandwidth of every tier the layout's collectives cross (the same tiers as
 * trainingCommunication). An unknown figure is refused naming the field, rather than timed as NaN
 * or infinitely slow.
 */
export function trainingTimingIssues(plan: TrainingPlan, ctx: PlanContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const par = plan.training.parallelism;
  const acc = ctx.accelerator;
  const sys = ctx.system.name;
  if (!(effectivePeak(acc, 'bf16').flops > 0))
    out.push({
      field: 'systemId',
      message: `${acc.name} has no known BF16, FP16 or FP32 peak in its preset: training compute cannot be timed`,
      severity: 'error',
    });
  const { up, out: so } = trainingTiers(ctx);
  const dom = ctx.system.scaleUpDomainDevices;
  const N = plan.devices;
  const needs = (t: Tier, what: string, at: string): void => {
    if (!(t.bandwidth > 0))
      out.push({
        field: `training.parallelism.${at}`,
        message: `${what} needs the ${t.name} bandwidth, which ${sys}'s preset does not give`,
        severity: 'error',
      });
  };
  const across = (ranks: number): Tier => (ranks <= dom || N <= dom ? up : so);
  if (par.dp * par.cp > 1) needs(N <= dom ? up : so, `DP ${par.dp} × CP ${par.cp} gradient sync`, 'dp');
  if (par.tp > 1) needs(across(par.tp), `TP ${par.tp}`, 'tp');
  if (ctx.model.moe && par.ep > 1) needs(across(par.ep), `EP ${par.ep}`, 'ep');
  if (par.pp > 1) needs(N <= dom ? up : so, `PP ${par.pp}`, 'pp');
  return out;
}
