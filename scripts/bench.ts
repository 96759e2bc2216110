// `npm run bench`: times the engine in Node. Prints numbers; asserts nothing (speed is measured
// here, never by timed assertions in tests). The script is bundled with esbuild first, as the app
// ships the engine bundled: running it through a TypeScript loader (tsx) measures the loader too.
import { performance } from 'node:perf_hooks';
import { planPresets, presetCatalog } from '../presets/load';
import { evaluateInference, sweepBatch } from '../shared/inference/evaluate';
import { compileFamily } from '../shared/inference/family';
import { emptyPointResult, evaluatePoint, pointFromPlan, type Point } from '../shared/inference/point';
import { deviceHourCost } from '../shared/plan/cost';
import { resolvePlan } from '../shared/plan/context';
import type { InferencePlan } from '../shared/schema/plan';

/** Median (and range) of 7 timed repetitions after a warm-up: one long run is at the mercy of a noisy core. */
function time(label: string, n: number, fn: () => void, per = 1, unit = 'call'): number {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(); // warm-up: let V8 optimise before timing
  const reps = 7;
  const each = Math.max(1, Math.round(n / reps));
  const us: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < each; i++) fn();
    us.push(((performance.now() - t0) / each / per) * 1000);
  }
  us.sort((a, b) => a - b);
  const med = us[reps >> 1]!;
  console.log(
    `${label.padEnd(62)} ${med.toFixed(3).padStart(9)} µs per ${unit}  (median of ${reps} × ${each * per} ${unit}s; range ${us[0]!.toFixed(3)}–${us[reps - 1]!.toFixed(3)})`,
  );
  return med;
}

const catalog = presetCatalog();
const plans = planPresets().filter((p): p is InferencePlan => p.kind === 'inference');
console.log(`Node ${process.version}, ${new Date().toISOString()}`);

// ---- the fast path: a 64-point grid on one plan family -------------------------------------------
// Llama-3.1-8B × one H100 × batch {1 … 128} × sequence {512 … 65,536}: prefill (TTFT and prefill
// throughput), decode (TPOT), memory and cost per point, as LLM-Viewer's analyze() reports them.
// Batch is the inner loop, as in the search: a context's prefill does not depend on the batch and
// is computed once per (layout, context). For reference, the issue that set this target measured
// LLM-Viewer's analyze() at about 51 µs per configuration on the same grid (≈ 15 × the 3.4 µs of
// the engine before the operator model).
{
  const plan = plans.find((p) => p.id === 'llama-3.1-8b-h100')!;
  const ctx = resolvePlan(plan, catalog);
  const fam = compileFamily(ctx, plan.inference);
  const price = deviceHourCost(plan, ctx.accelerator);
  const cap = ctx.accelerator.memoryBytes.value ?? 0;
  const grid: Point[] = [];
  for (let s = 512; s <= 65_536; s *= 2)
    for (let b = 1; b <= 128; b *= 2) grid.push({ ...pointFromPlan(plan), batch: b, promptTokens: s, outputTokens: 1 });
  const out = emptyPointResult();
  const us = time(
    'fast path: 64-point grid, Llama-3.1-8B × H100',
    20_000,
    () => {
      for (const pt of grid) evaluatePoint(fam, pt, price, cap, out);
    },
    grid.length,
    'configuration',
  );
  console.log(`  = ${(1e6 / us).toFixed(0)} configurations per second on one core`);
}

// ---- a DeepSeek-V3 EP plan family: configurations per second --------------------------------------
{
  const plan = plans.find((p) => p.id === 'deepseek-v3-hgx-h800-ep144')!;
  const ctx = resolvePlan(plan, catalog);
  const fam = compileFamily(ctx, plan.inference);
  const price = deviceHourCost(plan, ctx.accelerator);
  const cap = ctx.accelerator.memoryBytes.value ?? 0;
  const grid: Point[] = [];
  for (const dp of [8, 16, 32, 64, 144, 288])
    for (const b of [1, 4, 16, 64, 256])
      for (const dual of [false, true])
        grid.push({ ...pointFromPlan(plan), dp, ep: dp, decodeDevices: dp, prefillDevices: dp, batch: b * dp, dual });
  const out = emptyPointResult();
  const us = time(
    `fast path: DeepSeek-V3 EP family, ${grid.length} configurations`,
    5000,
    () => {
      for (const pt of grid) evaluatePoint(fam, pt, price, cap, out);
    },
    grid.length,
    'configuration',
  );
  console.log(`  = ${(1e6 / us).toFixed(0)} configurations per second on one core`);
}

// ---- the explained path, per example plan ----------------------------------------------------------
for (const plan of plans) {
  const ctx = resolvePlan(plan, catalog);
  time(`evaluate ${plan.id} (no trace)`, 20000, () => evaluateInference(plan, ctx, { explain: false }));
  time(`evaluate ${plan.id} (with explain trace)`, 10000, () => evaluateInference(plan, ctx));
  time(`64-point batch sweep ${plan.id}`, 1000, () => sweepBatch(plan, ctx, 64));
}
