// `npm run bench` (first part): the engine on the path the app's what-if runs, in Node. For every
// example inference plan, what the engine worker does on each edit (renderer/src/engine/evaluate.ts):
// resolve the plan against the catalog the app uses (presets with kernel profiles and error bands),
// evaluate it as a serving benchmark would see it (evaluateServing: the explained operator tables,
// memory, cost, the closed-loop, burst and open-loop serving simulation) and, when the batch chart
// is shown, its 48-point batch sweep. Prints numbers; asserts nothing (speed is measured here, never
// by timed assertions in tests). Bundled with esbuild first, as the app ships the engine bundled.
// The search's speed is `npm run bench:search`; the app's cold start and page timings `bench:app`.
import { performance } from 'node:perf_hooks';
import { engineCatalog } from '../presets/engine-catalog';
import { planPresets } from '../presets/load';
import { sweepBatch } from '../shared/inference/batch-sweep';
import { resolvePlan } from '../shared/plan/context';
import type { InferencePlan } from '../shared/schema/plan';
import { evaluateServing } from '../shared/serving/evaluate';

/** Median (and range) of 7 timed repetitions after a warm-up: one long run is at the mercy of a noisy core. */
function time(label: string, n: number, fn: () => void): number {
  for (let i = 0; i < Math.min(n, 50); i++) fn(); // warm-up: let V8 optimise before timing
  const reps = 7;
  const each = Math.max(1, Math.round(n / reps));
  const ms: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < each; i++) fn();
    ms.push((performance.now() - t0) / each);
  }
  ms.sort((a, b) => a - b);
  const med = ms[reps >> 1]!;
  console.log(
    `${label.padEnd(70)} ${med.toFixed(2).padStart(8)} ms  (median of ${reps} × ${each}; range ${ms[0]!.toFixed(2)}–${ms[reps - 1]!.toFixed(2)})`,
  );
  return med;
}

const t0 = performance.now();
const catalog = engineCatalog();
console.log(`Node ${process.version}, ${new Date().toISOString()}`);
console.log(
  `engine catalog (presets, kernel profiles, error bands) loaded in ${(performance.now() - t0).toFixed(0)} ms`,
);
const plans = planPresets().filter((p): p is InferencePlan => p.kind === 'inference');

// Each edit reaches the worker as a fresh plan object (posted, so structured-cloned): nothing cached
// on the previous object helps, and the clone is part of the time.
for (const plan of plans) {
  const first = performance.now();
  evaluateServing(plan, resolvePlan(structuredClone(plan), catalog));
  console.log(
    `${plan.id}: first what-if (cold: kernel tables picked, JIT) ${(performance.now() - first).toFixed(0)} ms`,
  );
  time(`  what-if: clone + resolve + evaluateServing (explained, served loop)`, 40, () => {
    const p = structuredClone(plan);
    evaluateServing(p, resolvePlan(p, catalog));
  });
  time(`  what-if with the batch chart: + 48-point batch sweep`, 40, () => {
    const p = structuredClone(plan);
    const ctx = resolvePlan(p, catalog);
    evaluateServing(p, ctx);
    sweepBatch(p, ctx, 48);
  });
}
