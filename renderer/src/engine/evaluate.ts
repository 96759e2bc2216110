/** Evaluates a plan (pure, synchronous): used by the worker and, in tests, directly. */
import { presetCatalog } from '@presets/load';
import type { CalibrationProfile } from '@shared/calibration/profile';
import { parseAccelerator, parseSystem, type PeakPrecision } from '@shared/schema/hardware';
import { parsePriceBook } from '@shared/schema/prices';
import { sweepBatch } from '@shared/inference/batch-sweep';
import { effectivePeak } from '@shared/inference/family';
import { fitChanges } from '@shared/sizing/fit';
import { evaluateServing } from '@shared/serving/evaluate';
import { PlanError, resolvePlan, type Catalog, type PlanContext } from '@shared/plan/context';
import { parseKernelProfile, type KernelProfile } from '@shared/schema/kernels';
import { evaluateTraining } from '@shared/training/evaluate';
import { evaluateRl } from '@shared/rl/evaluate';
import { resolveRl } from '@shared/rl/context';
import { sweepSplit } from '@shared/rl/split';
import type { Plan } from '@shared/schema/plan';
import { deviceHourCost, priceSource } from '@shared/plan/cost';
import type { EvaluateRequest, EvaluateResponse, ResolvedView, UserCatalogData } from './protocol';

let merged: { key: string; base: Catalog; catalog: Catalog } | null = null;

/**
 * The preset catalog with the user's imported profiles in front. Profiles arrive as fresh copies
 * with every request (structured clone), so the merged catalog — and the efficiency curves cached
 * per catalog — is reused while the same profiles come back, instead of rebuilt per keystroke.
 */
function catalogWith(base: Catalog, user: CalibrationProfile[]): Catalog {
  if (user.length === 0) return base;
  const key = user.map((u) => `${u.id}@${u.date}`).join('|');
  if (merged && merged.key === key && merged.base === base) return merged.catalog;
  const catalog = {
    ...base,
    calibrations: [
      ...user,
      ...(base.calibrations ?? []).filter((c) => !user.some((u) => u.acceleratorId === c.acceleratorId)),
    ],
  };
  merged = { key, base, catalog };
  return catalog;
}

let withUser: { key: string; base: Catalog; catalog: Catalog } | null = null;

const tryParse = <T>(f: () => T): T[] => {
  try {
    return [f()];
  } catch {
    return []; // an invalid user preset is shown (and named) on the Hardware page, not used here
  }
};

/** The user's kernel profiles (each validated; an invalid one is skipped) over the bundled ones with the same id. */
function withUserKernels(base: readonly KernelProfile[], user: unknown[]): KernelProfile[] {
  const mine = user.flatMap((k, i) => tryParse(() => parseKernelProfile(k, `imported kernel profile ${i}`)));
  return [...mine, ...base.filter((b) => !mine.some((m) => m.id === b.id))];
}

/**
 * The catalog with the user's accelerators and systems (Hardware page copies) and stored clusters
 * added, so plans and clusters can select them. Reused while the same data comes back.
 */
export function catalogWithUser(base: Catalog, user: UserCatalogData | undefined): Catalog {
  const kernels = user?.kernels ?? [];
  if (
    !user ||
    (user.accelerators.length + user.systems.length + user.clusters.length + kernels.length === 0 && !user.prices)
  )
    return base;
  const key = JSON.stringify([
    user.accelerators,
    user.systems,
    user.clusters.map((c) => `${c.id}@${c.updatedAt ?? ''}`),
    user.prices ?? null,
    // A profile is megabytes: its id and source stand for it (a re-import writes a new source).
    kernels.map((k) =>
      k && typeof k === 'object'
        ? `${String((k as KernelProfile).id)}@${JSON.stringify((k as KernelProfile).source)}`
        : '',
    ),
  ]);
  if (withUser && withUser.key === key && withUser.base === base) return withUser.catalog;
  const accelerators = user.accelerators.flatMap((a, i) =>
    tryParse(() => parseAccelerator(a, `user accelerator ${i}`)),
  );
  const systems = user.systems.flatMap((s, i) => tryParse(() => parseSystem(s, `user system ${i}`)));
  const catalog: Catalog = {
    ...base,
    accelerators: [...base.accelerators, ...accelerators.filter((a) => !base.accelerators.some((b) => b.id === a.id))],
    systems: [...base.systems, ...systems.filter((s) => !base.systems.some((b) => b.id === s.id))],
    clusters: [...user.clusters, ...(base.clusters ?? []).filter((c) => !user.clusters.some((u) => u.id === c.id))],
    prices: [
      ...(user.prices ? tryParse(() => parsePriceBook(user.prices, 'your price book')) : []),
      ...(base.prices ?? []),
    ],
    kernels: withUserKernels(base.kernels ?? [], kernels),
  };
  withUser = { key, base, catalog };
  return catalog;
}

/** The catalog a request sees: presets, the user's hardware and clusters, and their calibration profiles. */
export const requestCatalog = (
  user: UserCatalogData | undefined,
  calibrations: CalibrationProfile[] = [],
  base: Catalog = presetCatalog(),
): Catalog => catalogWith(catalogWithUser(base, user), calibrations);

/** What the plan resolved to, for the screens that show it (Compare's inputs, charts, the report). */
function resolvedView(plan: Plan, ctx: PlanContext, compute: PeakPrecision): ResolvedView {
  const cost = deviceHourCost(plan, ctx.accelerator, ctx.cluster);
  return {
    model: ctx.model.name,
    system: ctx.system.name,
    device: ctx.accelerator.name,
    peakFlopsPerS: effectivePeak(ctx.accelerator, compute).flops,
    memoryBandwidthBytesPerS: ctx.accelerator.memoryBandwidthBytesPerS.value ?? 0,
    usdPerDeviceHour: cost.usdPerDeviceHour,
    priceSource: priceSource(cost),
  };
}

export function evaluateRequest(req: EvaluateRequest, base: Catalog = presetCatalog()): EvaluateResponse {
  const t0 = performance.now();
  const catalog = requestCatalog(req.user, req.calibrations ?? [], base);
  try {
    if (req.plan.kind === 'rl') {
      // RL plans: the step, and the rollout/training split sweep when asked for.
      const rctx = resolveRl(req.plan, catalog);
      const result = evaluateRl(rctx);
      const split = req.sweep ? sweepSplit(req.plan, catalog) : [];
      const resolved = resolvedView(req.plan, rctx.policy, 'bf16');
      return { id: req.id, ok: true, kind: 'rl', result, split, resolved, ms: performance.now() - t0 };
    }
    const ctx = resolvePlan(req.plan, catalog);
    if (req.plan.kind === 'inference') {
      const result = evaluateServing(req.plan, ctx);
      const sweep = req.sweep ? sweepBatch(req.plan, ctx, 48) : [];
      const resolved = resolvedView(req.plan, ctx, req.plan.inference.precision.compute as PeakPrecision);
      const fit = result.memory.fits ? [] : fitChanges(req.plan, ctx, result.maxBatch);
      return { id: req.id, ok: true, kind: 'inference', result, sweep, resolved, fit, ms: performance.now() - t0 };
    }
    return {
      id: req.id,
      ok: true,
      kind: 'training',
      result: evaluateTraining(req.plan, ctx),
      resolved: resolvedView(req.plan, ctx, 'bf16'),
      ms: performance.now() - t0,
    };
  } catch (e) {
    if (e instanceof PlanError) return { id: req.id, ok: false, issues: e.issues, message: e.message };
    return { id: req.id, ok: false, issues: [], message: (e as Error).message };
  }
}
