// Kernel profiles a user imported (Calibration: an AIConfigurator folder) join the engine's catalog
// the way the bundled ones are: validated, over a bundled profile of the same id, and a newer
// version of a stack is what a plan with no version asked for ("newest measured") gets.
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { catalogWithUser } from '../../renderer/src/engine/evaluate';
import { kernelsFor } from '../../shared/kernels/select';
import { resolvePlan } from '../../shared/plan/context';
import { findPlan } from '../../presets/load';

const base = engineCatalog();
const bundled = base.kernels!.find((k) => k.id === 'aic-h100_sxm-sglang-0.5.14')!;
const user = (kernels: unknown[]) => ({ accelerators: [], systems: [], clusters: [], kernels });

describe("a user's imported kernel profiles", () => {
  it('a newer release is the one a plan with no version uses; an invalid profile is skipped', () => {
    const newer = { ...structuredClone(bundled), id: 'aic-h100_sxm-sglang-0.6.0', version: '0.6.0' };
    const cat = catalogWithUser(base, user([newer, { id: 'broken' }]));
    expect(cat.kernels!.length).toBe(base.kernels!.length + 1);
    const plan = findPlan('llama-3.1-8b-h100')!;
    const ctx = resolvePlan(plan, cat);
    const acc = ctx.accelerator;
    const pick = kernelsFor(
      acc,
      'hgx-h100',
      { name: 'sglang', version: null },
      ctx.kernels!.profiles,
      ctx.kernels!.classOf,
    );
    expect(pick!.set.version).toBe('0.6.0');
    const older = kernelsFor(
      acc,
      'hgx-h100',
      { name: 'sglang', version: '0.5.14' },
      ctx.kernels!.profiles,
      ctx.kernels!.classOf,
    );
    expect(older!.set.version).toBe('0.5.14');
  });

  it('a profile with a bundled id replaces the bundled one', () => {
    const mine = { ...structuredClone(bundled), device: 'my H100' };
    const cat = catalogWithUser(base, user([mine]));
    expect(cat.kernels!.length).toBe(base.kernels!.length);
    expect(cat.kernels!.filter((k) => k.id === bundled.id).map((k) => k.device)).toEqual(['my H100']);
  });
});
