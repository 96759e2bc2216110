/** Evaluates a plan (pure, synchronous): used by the worker and, in tests, directly. */
import { presetCatalog } from '@presets/load';
import { evaluateInference, sweepBatch } from '@shared/inference/evaluate';
import { PlanError, resolvePlan, type Catalog } from '@shared/plan/context';
import { evaluateTraining } from '@shared/training/evaluate';
import type { EvaluateRequest, EvaluateResponse } from './protocol';

export function evaluateRequest(req: EvaluateRequest, base: Catalog = presetCatalog()): EvaluateResponse {
  const t0 = performance.now();
  const user = req.calibrations ?? [];
  const catalog: Catalog = user.length
    ? {
        ...base,
        calibrations: [
          ...user,
          ...(base.calibrations ?? []).filter((c) => !user.some((u) => u.acceleratorId === c.acceleratorId)),
        ],
      }
    : base;
  try {
    const ctx = resolvePlan(req.plan, catalog);
    if (req.plan.kind === 'inference') {
      const result = evaluateInference(req.plan, ctx);
      const sweep = req.sweep ? sweepBatch(req.plan, ctx, 48) : [];
      return { id: req.id, ok: true, kind: 'inference', result, sweep, ms: performance.now() - t0 };
    }
    return {
      id: req.id,
      ok: true,
      kind: 'training',
      result: evaluateTraining(req.plan, ctx),
      ms: performance.now() - t0,
    };
  } catch (e) {
    if (e instanceof PlanError) return { id: req.id, ok: false, issues: e.issues, message: e.message };
    return { id: req.id, ok: false, issues: [], message: (e as Error).message };
  }
}
