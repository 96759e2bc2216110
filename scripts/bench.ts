// `npm run bench`: times the engine in Node. Prints numbers; asserts nothing (speed is measured
// here, never by timed assertions in tests). The script is bundled with esbuild first, as the app
// ships the engine bundled: running it through a TypeScript loader (tsx) measures the loader too.
import { performance } from 'node:perf_hooks';
import { planPresets, presetCatalog } from '../presets/load';
import { evaluateInference, sweepBatch } from '../shared/inference/evaluate';
import { resolvePlan } from '../shared/plan/context';
import type { InferencePlan } from '../shared/plan/schema';

function time(label: string, n: number, fn: () => void): void {
  for (let i = 0; i < 2000; i++) fn(); // warm-up: let V8 optimise before timing
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  const per = ((performance.now() - t0) / n) * 1000;
  console.log(`${label.padEnd(58)} ${per.toFixed(2).padStart(9)} µs per call  (${n} calls)`);
}

const catalog = presetCatalog();
console.log(`Node ${process.version}, ${new Date().toISOString()}`);
for (const p of planPresets()) {
  if (p.kind !== 'inference') continue;
  const plan = p as InferencePlan;
  const ctx = resolvePlan(plan, catalog);
  time(`evaluate ${plan.id} (no trace)`, 20000, () => evaluateInference(plan, ctx, { explain: false }));
  time(`evaluate ${plan.id} (with explain trace)`, 10000, () => evaluateInference(plan, ctx));
  time(`64-point batch sweep ${plan.id}`, 1000, () => sweepBatch(plan, ctx, 64));
}
