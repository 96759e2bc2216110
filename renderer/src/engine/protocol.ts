/** Messages between the UI and the engine worker (plain data, structured-cloneable). */
import type { ValidationRow } from '@shared/validation/run';
import type { CalibrationProfile } from '@shared/calibration/profile';
import type { Cluster } from '@shared/schema/cluster';
import type { PriceBook } from '@shared/schema/prices';
import type { SweepPoint } from '@shared/inference/batch-sweep';
import type { ServingResult } from '@shared/serving/evaluate';
import type { PlanIssue } from '@shared/plan/context';
import type { Plan } from '@shared/schema/plan';
import type { TrainingResult } from '@shared/training/evaluate';
import type { RlResult } from '@shared/rl/evaluate';
import type { SplitRow } from '@shared/rl/split';
import type { FitChange } from '@shared/sizing/fit';

export interface EvaluateRequest {
  id: number;
  plan: Plan;
  sweep: boolean;
  /** Calibration profiles the user imported; they override shipped ones for the same accelerator. */
  calibrations?: CalibrationProfile[];
  /** The user's accelerators and systems (Hardware page copies, raw preset-file data) and stored clusters. */
  user?: UserCatalogData;
}

export interface UserCatalogData {
  accelerators: unknown[];
  systems: unknown[];
  clusters: Cluster[];
  /** The user's price book (Hardware page), over the presets'. */
  prices?: PriceBook | null;
  /** Kernel profiles the user imported (Calibration: an AIConfigurator folder), over the bundled ones of the same id. */
  kernels?: unknown[];
}

/**
 * What a plan resolved to (the user's own systems included): names for Compare's inputs and the
 * report, the roof its charts are drawn against, and the price it was costed at.
 */
export interface ResolvedView {
  model: string;
  system: string;
  device: string;
  /** Peak FLOP/s at the plan's matmul precision (BF16 where the device lacks it). */
  peakFlopsPerS: number;
  memoryBandwidthBytesPerS: number;
  usdPerDeviceHour: number | null;
  priceSource: string;
}

export type EvaluateResponse =
  | {
      id: number;
      ok: true;
      kind: 'inference';
      result: ServingResult;
      sweep: SweepPoint[];
      resolved: ResolvedView;
      /** When the plan does not fit in memory: the smallest changes that make it fit. */
      fit: FitChange[];
      ms: number;
    }
  | { id: number; ok: true; kind: 'training'; result: TrainingResult; resolved: ResolvedView; ms: number }
  | { id: number; ok: true; kind: 'rl'; result: RlResult; split: SplitRow[]; resolved: ResolvedView; ms: number }
  | { id: number; ok: false; issues: PlanIssue[]; message: string };

/** The validation table, computed by the engine worker with the engine's catalog (as `cluster-planner validate`). */
export interface ValidateRequest {
  type: 'validate';
  id: number;
}
export interface ValidateResponse {
  id: number;
  validation: ValidationRow[];
}
