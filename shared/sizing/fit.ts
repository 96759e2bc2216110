/**
 * The smallest change that makes a plan that does not fit in memory fit, tried in the order of
 * what it costs: a smaller batch (nothing more to pay), lower-precision weights (a quality
 * question), then more devices (TP doubled within the scale-up domain, else PP doubled). Each
 * change is evaluated with the engine and offered only if the changed plan fits.
 */
import { evaluateInference } from '../inference/evaluate';
import { PlanError, type PlanContext } from '../plan/context';
import type { InferencePlan } from '../schema/plan';

export interface FitChange {
  /** What changes, in words ("batch 64 instead of 256"). */
  text: string;
  plan: InferencePlan;
}

function fits(plan: InferencePlan, ctx: PlanContext): boolean {
  try {
    return evaluateInference(plan, ctx, { explain: false }).memory.fits;
  } catch (e) {
    if (e instanceof PlanError) return false;
    throw e;
  }
}

function withBatch(plan: InferencePlan, batch: number): InferencePlan {
  const w = plan.inference.workload;
  return { ...plan, inference: { ...plan.inference, workload: { ...w, concurrentRequests: batch } } };
}

/** The layout scaled by k: TP while it stays in the scale-up domain, PP beyond it. */
function scaled(plan: InferencePlan, ctx: PlanContext, k: number): InferencePlan {
  const p = plan.inference.parallelism;
  const domain = ctx.system.scaleUpDomainDevices;
  const tp = p.tp * k <= domain ? p.tp * k : p.tp;
  const pp = tp === p.tp ? p.pp * k : p.pp;
  const serving = plan.inference.serving;
  const dis = serving.disaggregation;
  return {
    ...plan,
    devices: plan.devices * k,
    inference: {
      ...plan.inference,
      parallelism: { ...p, tp, pp },
      serving: dis
        ? {
            ...serving,
            disaggregation: { prefillDevices: dis.prefillDevices * k, decodeDevices: dis.decodeDevices * k },
          }
        : serving,
    },
  };
}

/** Changes that make the plan fit, cheapest first (empty when it fits already or nothing tried does). */
export function fitChanges(plan: InferencePlan, ctx: PlanContext, maxBatch: number): FitChange[] {
  const out: FitChange[] = [];
  const B = plan.inference.workload.concurrentRequests;
  if (maxBatch >= 1 && maxBatch < B) {
    const p = withBatch(plan, maxBatch);
    if (fits(p, ctx)) out.push({ text: `batch ${maxBatch} instead of ${B}`, plan: p });
  }
  const w = plan.inference.precision.weights;
  if (out.length === 0 && (w === 'bf16' || w === 'fp16')) {
    const p: InferencePlan = {
      ...plan,
      inference: { ...plan.inference, precision: { ...plan.inference.precision, weights: 'fp8' } },
    };
    if (fits(p, ctx)) out.push({ text: `FP8 weights instead of ${w.toUpperCase()}`, plan: p });
  }
  for (const k of [2, 4, 8, 16]) {
    const p = scaled(plan, ctx, k);
    if (!fits(p, ctx)) continue;
    const q = p.inference.parallelism;
    out.push({ text: `${p.devices} devices instead of ${plan.devices} (TP${q.tp} PP${q.pp})`, plan: p });
    break;
  }
  return out;
}
