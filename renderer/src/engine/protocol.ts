/** Messages between the UI and the engine worker (plain data, structured-cloneable). */
import type { CalibrationProfile } from '@shared/calibration/profile';
import type { Cluster } from '@shared/schema/cluster';
import type { SweepPoint } from '@shared/inference/evaluate';
import type { ServingResult } from '@shared/serving/evaluate';
import type { PlanIssue } from '@shared/plan/context';
import type { Plan } from '@shared/schema/plan';
import type { TrainingResult } from '@shared/training/evaluate';
import type { RlResult } from '@shared/rl/evaluate';
import type { SplitRow } from '@shared/rl/split';

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
}

export type EvaluateResponse =
  | { id: number; ok: true; kind: 'inference'; result: ServingResult; sweep: SweepPoint[]; ms: number }
  | { id: number; ok: true; kind: 'training'; result: TrainingResult; ms: number }
  | { id: number; ok: true; kind: 'rl'; result: RlResult; split: SplitRow[]; ms: number }
  | { id: number; ok: false; issues: PlanIssue[]; message: string };
