/**
 * calibrate-check: predicts every end-to-end point of a profile with the engine and that
 * profile's curves, and reports the error. A single per-step overhead (the time a CUDA-graph
 * step spends outside the modelled operators: norms, RoPE, sampling, gaps) is fitted on the
 * points *not* held out; held-out points are predicted with it and never used to fit.
 * MoE end-to-end points (profile.moe.endToEnd) are checked the same way, apart: each runs the
 * architecture recorded inline in profile.moe.models (reduced layer count), passed to the engine
 * as the plan's inline model, with its own overhead fitted on the MoE points not held out.
 */
import { evaluateInference } from '../inference/evaluate';
import { resolvePlan, type Catalog } from '../plan/context';
import { migratePlanObject } from '../schema/migrations';
import type { InferencePlan } from '../schema/plan';
import type { ModelArchitecture } from '../schema/model';
import { MILLI } from '../units';
import type { CalibrationProfile } from '../calibration/profile';

export interface CheckRow {
  id: string;
  measuredMs: number;
  predictedMs: number;
  errorPct: number;
  heldOut: boolean;
  phase: 'decode' | 'prefill';
}

export interface CheckSet {
  rows: CheckRow[];
  fittedOverheadMs: number;
  /** Same points with the flat defaults (no profile), for comparison. */
  defaults: CheckRow[];
  summary: { fit: Stats; heldOut: Stats; defaultsAll: Stats };
}

/** The dense end-to-end points, and apart from them the MoE ones when the profile has them. */
export interface CheckResult extends CheckSet {
  moe: CheckSet | null;
}

export interface Stats {
  n: number;
  medianAbsErrorPct: number;
  maxAbsErrorPct: number;
}

const SYSTEM_FOR: Record<string, string> = {
  'h100-sxm': 'hgx-h100',
  'h200-sxm': 'hgx-h200',
  h800: 'hgx-h800',
  b200: 'dgx-b200',
};

type Point = CalibrationProfile['endToEnd'][number];

function planFor(
  p: CalibrationProfile,
  pt: Point,
  overheadS: number,
  useCalibration: boolean,
  model?: ModelArchitecture,
): InferencePlan {
  const systemId = SYSTEM_FOR[p.acceleratorId];
  if (!systemId) throw new Error(`acceleratorId: no single-GPU system preset for "${p.acceleratorId}"`);
  return migratePlanObject({
    schemaVersion: 1,
    id: `check-${pt.id}`,
    name: pt.id,
    kind: 'inference',
    modelId: pt.modelId,
    ...(model ? { model } : {}),
    systemId,
    devices: 1,
    useCalibration,
    inference: {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      // decode attends to prompt + output/2 tokens: output 1 → context ≈ the measured context
      workload: { promptTokens: pt.context, outputTokens: 1, concurrentRequests: pt.batch },
      serving: { runtimeReserveFraction: 0 },
      moe: { loadImbalance: 1 },
      stepOverheadS: overheadS,
    },
  }) as InferencePlan;
}

function predictMs(
  p: CalibrationProfile,
  pt: Point,
  catalog: Catalog,
  overheadS: number,
  useCalibration: boolean,
): number {
  const model = p.moe?.models.find((m) => m.config.id === pt.modelId)?.config;
  const plan = planFor(p, pt, overheadS, useCalibration, model);
  const cat = {
    ...catalog,
    calibrations: [...(catalog.calibrations ?? []).filter((c) => c.acceleratorId !== p.acceleratorId), p],
  };
  const r = evaluateInference(plan, resolvePlan(plan, cat), { explain: false });
  return (pt.phase === 'decode' ? r.tpotS : r.ttftS) / MILLI;
}

const stats = (rows: CheckRow[]): Stats => {
  const e = rows.map((r) => Math.abs(r.errorPct)).sort((a, b) => a - b);
  return {
    n: e.length,
    medianAbsErrorPct: e.length ? e[Math.floor((e.length - 1) / 2)]! : 0,
    maxAbsErrorPct: e.length ? e[e.length - 1]! : 0,
  };
};

/** Fits the per-step overhead on the points not held out, then predicts every point. */
function checkPoints(p: CalibrationProfile, pts: readonly Point[], catalog: Catalog): CheckSet {
  const fitPts = pts.filter((x) => !x.heldOut);
  // Fit: median of (measured − prediction with zero overhead) over the fit points' decode steps.
  const resid = fitPts.filter((x) => x.phase === 'decode').map((x) => x.measuredMs - predictMs(p, x, catalog, 0, true));
  resid.sort((a, b) => a - b);
  const overheadMs = resid.length ? Math.max(0, resid[Math.floor(resid.length / 2)]!) : 0;
  const row = (x: Point, useCal: boolean, oh: number): CheckRow => {
    const predictedMs = predictMs(p, x, catalog, oh * MILLI, useCal);
    return {
      id: x.id,
      measuredMs: x.measuredMs,
      predictedMs,
      errorPct: ((predictedMs - x.measuredMs) / x.measuredMs) * 100,
      heldOut: x.heldOut,
      phase: x.phase,
    };
  };
  const rows = pts.map((x) => row(x, true, overheadMs));
  const defaults = pts.map((x) => row(x, false, 0.5));
  return {
    rows,
    fittedOverheadMs: overheadMs,
    defaults,
    summary: {
      fit: stats(rows.filter((r) => !r.heldOut)),
      heldOut: stats(rows.filter((r) => r.heldOut)),
      defaultsAll: stats(defaults),
    },
  };
}

export function calibrateCheck(p: CalibrationProfile, catalog: Catalog): CheckResult {
  const moe = p.moe?.endToEnd.length ? checkPoints(p, p.moe.endToEnd, catalog) : null;
  return { ...checkPoints(p, p.endToEnd, catalog), moe };
}
