/**
 * Validated access to the bundled presets. Parsing happens once, lazily; a bad preset throws with
 * its id and the field (the preset tests catch that before it ships).
 */
import PRICES_RAW from './prices.json';
import { parsePriceBook, type PriceBook } from '../shared/schema/prices';
import { parseAccelerator, parseSystem, type Accelerator, type SystemSpec } from '../shared/schema/hardware';
import { parseModel, type ModelArchitecture } from '../shared/schema/model';
import { migratePlanObject } from '../shared/schema/migrations';
import type { Plan } from '../shared/schema/plan';
import type { Catalog } from '../shared/plan/context';
import { parseProfile, type CalibrationProfile } from '../shared/calibration/profile';
import { parseCluster, type Cluster } from '../shared/schema/cluster';
import {
  ACCELERATOR_PRESETS_RAW,
  CALIBRATION_PRESETS_RAW,
  CLUSTER_PRESETS_RAW,
  MODEL_PRESETS_RAW,
  PLAN_PRESETS_RAW,
  SIZING_PRESETS_RAW,
  SYSTEM_PRESETS_RAW,
} from './index';
import { parseSizingSpec, type SizingSpec } from '../shared/schema/sizing';

const label = (kind: string, raw: unknown, i: number): string =>
  `presets/${kind}/${(raw as { id?: string }).id ?? i}.json`;

let models: ModelArchitecture[] | null = null;
let accelerators: Accelerator[] | null = null;
let systems: SystemSpec[] | null = null;

export function modelPresets(): ModelArchitecture[] {
  models ??= MODEL_PRESETS_RAW.map((raw, i) => parseModel(raw, label('models', raw, i)));
  return models;
}
export function acceleratorPresets(): Accelerator[] {
  accelerators ??= ACCELERATOR_PRESETS_RAW.map((raw, i) => parseAccelerator(raw, label('hardware', raw, i)));
  return accelerators;
}
export function systemPresets(): SystemSpec[] {
  systems ??= SYSTEM_PRESETS_RAW.map((raw, i) => parseSystem(raw, label('systems', raw, i)));
  return systems;
}

export const findModel = (id: string): ModelArchitecture | undefined => modelPresets().find((m) => m.id === id);
export const findAccelerator = (id: string): Accelerator | undefined => acceleratorPresets().find((a) => a.id === id);
export const findSystem = (id: string): SystemSpec | undefined => systemPresets().find((s) => s.id === id);

let plans: Plan[] | null = null;
export function planPresets(): Plan[] {
  plans ??= PLAN_PRESETS_RAW.map((raw) => migratePlanObject(raw));
  return plans;
}
export const findPlan = (id: string): Plan | undefined => planPresets().find((p) => p.id === id);

let calibrations: CalibrationProfile[] | null = null;
export function calibrationPresets(): CalibrationProfile[] {
  calibrations ??= CALIBRATION_PRESETS_RAW.map((raw, i) => parseProfile(raw, label('calibration', raw, i)));
  return calibrations;
}

let clusters: Cluster[] | null = null;
/** Example clusters (presets/clusters). */
export function clusterPresets(): Cluster[] {
  clusters ??= CLUSTER_PRESETS_RAW.map((raw, i) => parseCluster(raw, label('clusters', raw, i)));
  return clusters;
}
export const findCluster = (id: string): Cluster | undefined => clusterPresets().find((c) => c.id === id);

let sizing: SizingSpec[] | null = null;
/** Example sizing specs (presets/sizing/*.clustersearch.json). */
export function sizingPresets(): SizingSpec[] {
  sizing ??= SIZING_PRESETS_RAW.map((raw, i) =>
    parseSizingSpec(raw, `presets/sizing/${(raw as { id?: string }).id ?? i}.clustersearch.json`),
  );
  return sizing;
}

let prices: PriceBook | null = null;
/** The presets' price book (presets/prices.json), every figure sourced or null with a note. */
export function presetPriceBook(): PriceBook {
  prices ??= parsePriceBook(PRICES_RAW, 'presets/prices.json');
  return prices;
}

let catalog: Catalog | null = null;
export function presetCatalog(): Catalog {
  catalog ??= {
    models: modelPresets(),
    accelerators: acceleratorPresets(),
    systems: systemPresets(),
    calibrations: calibrationPresets(),
    clusters: clusterPresets(),
    prices: [presetPriceBook()],
  };
  return catalog;
}
