/**
 * What a plan is resolved against (the presets and the user's own records), and the problems a
 * resolution or a check reports, each naming the field it concerns.
 */
import type { CalibrationProfile } from './calibration';
import type { Cluster } from './cluster';
import type { Accelerator, SystemSpec } from './hardware';
import type { ModelArchitecture } from './model';
import type { KernelProfile } from './kernels';
import type { PriceBook } from './prices';
import type { ErrorBands } from './error-bands';

export interface Catalog {
  models: readonly ModelArchitecture[];
  accelerators: readonly Accelerator[];
  systems: readonly SystemSpec[];
  /** Measured calibration profiles (presets/calibration or imported by the user). */
  calibrations?: readonly CalibrationProfile[];
  /** Measured kernel profiles (presets/kernels, converted from AIConfigurator's database, or imported). */
  kernels?: readonly KernelProfile[];
  /** Error bands by class from the validation table (presets/error-bands.json). */
  errorBands?: ErrorBands;
  /** Stored clusters a plan may reference by `clusterId`. */
  clusters?: readonly Cluster[];
  /** Price books, the first's figures over the later ones' (the user's book, then the presets'). */
  prices?: readonly PriceBook[];
}

export interface PlanIssue {
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

export class PlanError extends Error {
  constructor(readonly issues: PlanIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'PlanError';
  }
}
