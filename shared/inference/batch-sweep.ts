/**
 * Throughput against TPOT over batch sizes for one plan: log-spaced batches from one sequence per
 * replica and pipeline stage up to the largest that fits (or the plan's batch, if larger), each
 * timed on the fast path (point.ts evaluateDecode); a diffusion LM by its sampler, a Byte Latent
 * Transformer by its parts. Each point says whether it fits in memory.
 */
import { PlanError, type PlanContext } from '../plan/context';
import type { InferencePlan } from '../schema/plan';
import { evaluateBlt } from './blt';
import { diffusionOf, newDiffusionScratch } from './diffusion-result';
import { prepareInference } from './evaluate';
import { memoryPerDevice } from './memory';
import { emptyPointResult, evaluateDecode, type Pricing } from './point';

export interface SweepPoint {
  batch: number;
  tpotS: number;
  outputTokensPerSecondPerRequest: number;
  outputTokensPerSecondPerDevice: number;
  outputTokensPerSecond: number;
  fits: boolean;
  /** Whether dual micro-batch was applied at this batch. */
  dualMicroBatch: boolean;
}

const NO_PRICE: Pricing = { usdPerDeviceHour: null, wattsPerDevice: null };

/** Throughput vs TPOT over batch sizes (log-spaced, 1 … max(maxBatch, batch)), on the fast path (a diffusion LM: its sampler). */
export function sweepBatch(plan: InferencePlan, ctx: PlanContext, points = 64): SweepPoint[] {
  const pr = prepareInference(plan, ctx);
  const errors = pr.issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new PlanError(errors);
  const s = plan.inference;
  const cap = ctx.accelerator.memoryBytes.value ?? 0;
  const maxB = memoryPerDevice(ctx.model, pr.fam.params, s, pr.decodeLayout, cap, 1).maxBatch;
  const top = Math.max(2, maxB, s.workload.concurrentRequests, pr.decodeLayout.dp);
  const pt = { ...pr.point };
  const out: SweepPoint[] = [];
  // A diffusion LM's throughput at each batch comes from its sampler (the batch of every forward).
  const diffusion = ctx.model.kind === 'diffusion';
  const blt = ctx.model.kind === 'blt';
  let last = 0;
  for (let i = 0; i < points; i++) {
    // Below one sequence per DP replica some replicas idle: the sweep starts at dp × pp.
    const lo = Math.min(top, pr.decodeLayout.dp * pr.decodeLayout.pp);
    const b = Math.max(lo, Math.round(Math.exp(Math.log(lo) + ((Math.log(top) - Math.log(lo)) * i) / (points - 1))));
    if (b === last) continue;
    last = b;
    pt.batch = b;
    if (blt) {
      const r = evaluateBlt(ctx, s, { ...pt }, pr.decodeLayout, NO_PRICE, cap, false).result;
      out.push({
        batch: b,
        tpotS: r.tpotPerTokenS,
        outputTokensPerSecondPerRequest: r.tokensPerSecondPerRequest,
        outputTokensPerSecondPerDevice: r.tokensPerSecond / pr.decodeLayout.devices,
        outputTokensPerSecond: r.tokensPerSecond,
        fits: maxB === 0 ? false : b <= maxB,
        dualMicroBatch: false,
      });
      continue;
    }
    if (diffusion) {
      const dd = diffusionOf(
        pr,
        { usdPerDeviceHour: null, wattsPerDevice: null },
        cap,
        b,
        newDiffusionScratch(),
        false,
      );
      out.push({
        batch: b,
        tpotS: dd.latencyS / pt.outputTokens,
        outputTokensPerSecondPerRequest: dd.tokensPerSecondPerRequest,
        outputTokensPerSecondPerDevice: dd.outputTokensPerSecond / pr.decodeLayout.devices,
        outputTokensPerSecond: dd.outputTokensPerSecond,
        fits: maxB === 0 ? false : b <= maxB,
        dualMicroBatch: false,
      });
      continue;
    }
    const d = evaluateDecode(pr.fam, pt, emptyPointResult());
    out.push({
      batch: b,
      tpotS: d.tpotS,
      outputTokensPerSecondPerRequest: 1 / d.tpotS,
      outputTokensPerSecondPerDevice: b / d.tpotS / pr.decodeLayout.devices,
      outputTokensPerSecond: b / d.tpotS,
      fits: maxB === 0 ? false : b <= maxB,
      dualMicroBatch: d.decodeDual,
    });
  }
  return out;
}
