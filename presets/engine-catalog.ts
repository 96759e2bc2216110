/**
 * The catalog the engine runs with: the presets plus the kernel profiles (presets/kernels). Kept
 * apart from presets/load.ts so that only the contexts that evaluate plans (the CLI, the engine
 * workers, tests) bundle the profiles' few megabytes.
 */
import { parseKernelProfile, type KernelProfile } from '../shared/schema/kernels';
import type { Catalog } from '../shared/plan/context';
import { presetCatalog } from './load';
import { KERNEL_PRESETS_RAW } from './kernels/index';

let kernels: KernelProfile[] | null = null;
export function kernelPresets(): KernelProfile[] {
  kernels ??= KERNEL_PRESETS_RAW.map((raw, i) =>
    parseKernelProfile(raw, `presets/kernels/${(raw as { id?: string }).id ?? i}.json`),
  );
  return kernels;
}

let catalog: Catalog | null = null;
export function engineCatalog(): Catalog {
  catalog ??= { ...presetCatalog(), kernels: kernelPresets() };
  return catalog;
}
