/**
 * Fits the two per-stack constants the engine cannot source — the per-step host time
 * (inference/stacks.ts stepOverheadS) and the per-request time (serving/scheduler.ts
 * requestOverheadS) — on the FIT part of the validation table only (docs/validation.md), by a grid
 * search minimising the median |ln(predicted ÷ published)| over the fit cases of each stack:
 * the step time over the cases whose metric is not a TTFT, then the request time over the TTFT
 * cases. Prints the table it searched and the best values; the constants are then written by hand
 * into those modules with this script named as their source. Held-out cases are never read. One group
 * leaves out the cases whose stack release is not measured on their device (the engine warns about
 * them: another release's kernels time them, so their error is kernel speed).
 *
 *   npx tsx scripts/fit-stacks.ts
 */
import { engineCatalog } from '../presets/engine-catalog';
import { resolvePlan } from '../shared/plan/context';
import { migratePlanObject } from '../shared/schema/migrations';
import type { InferencePlan } from '../shared/schema/plan';
import { evaluateServing } from '../shared/serving/evaluate';
import { INFERENCE_VALIDATION_CASES, type ValidationCase } from '../shared/validation/cases';
import { predictCase } from '../shared/validation/run';

const STEP = [0, 5e-5, 1e-4, 2e-4, 3e-4, 5e-4, 8e-4, 1.2e-3];
const REQUEST = [0, 0.002, 0.005, 0.01, 0.02, 0.04];

const stackOf = (c: ValidationCase): string =>
  (c.plan as { inference?: { serving?: { stack?: { name?: string } } } }).inference?.serving?.stack?.name ?? 'generic';

function withOverrides(c: ValidationCase, step: number | null, request: number | null): ValidationCase {
  const p = c.plan as { inference: Record<string, unknown> & { serving?: Record<string, unknown> } };
  const serving = { ...(p.inference.serving ?? {}) };
  if (request !== null) serving.scheduler = { ...((serving.scheduler as object) ?? {}), requestOverheadS: request };
  const inference = { ...p.inference, serving, ...(step !== null ? { stepOverheadS: step } : {}) };
  return { ...c, plan: { ...c.plan, inference } as ValidationCase['plan'] };
}

function score(cases: ValidationCase[], step: number | null, request: number | null): number {
  const errs: number[] = [];
  for (const c of cases) {
    try {
      errs.push(Math.abs(Math.log(predictCase(withOverrides(c, step, request), engineCatalog()) / c.published)));
    } catch {
      // A case the engine refuses does not vote.
    }
  }
  errs.sort((a, b) => a - b);
  return errs.length ? errs[errs.length >> 1]! : Number.NaN;
}

const fit = INFERENCE_VALIDATION_CASES.filter((c) => c.split === 'fit');

/**
 * A case whose stack release is not measured on its device: the engine times it with another
 * release's kernels and says so (inference/checks.ts); its error is kernel speed, not a per-request time.
 */
function releaseMeasured(c: ValidationCase): boolean {
  const plan = migratePlanObject(c.plan) as InferencePlan;
  const r = evaluateServing(plan, resolvePlan(plan, engineCatalog()), { explain: false, benchmark: false });
  return !r.issues.some((i) => i.field === 'inference.serving.stack.version');
}
// Each stack has few fit cases of its own, so the three measured stacks share one step time and
// every stack one request time ('pooled'); the per-stack searches are printed beside it.
const GROUPS: Array<[string, (c: ValidationCase) => boolean]> = [
  ['pooled (trtllm, sglang, vllm)', (c) => stackOf(c) !== 'generic'],
  ['pooled (all stacks, request time)', () => true],
  ['pooled (all stacks, releases measured on their device)', releaseMeasured],
  ...['generic', 'trtllm', 'sglang', 'vllm'].map(
    (s) => [s, (c: ValidationCase) => stackOf(c) === s] as [string, (c: ValidationCase) => boolean],
  ),
];
for (const [stack, pick] of GROUPS) {
  const mine = fit.filter(pick);
  const steady = mine.filter((c) => c.metric !== 'ttftMs');
  const ttft = mine.filter((c) => c.metric === 'ttftMs');
  const stepScores = STEP.map((s) => [s, score(steady, s, null)] as const);
  const bestStep = stepScores.reduce((a, b) => (b[1] < a[1] ? b : a))[0];
  const reqScores = REQUEST.map((r) => [r, score(ttft, bestStep, r)] as const);
  const bestReq = ttft.length ? reqScores.reduce((a, b) => (b[1] < a[1] ? b : a))[0] : null;
  console.log(`${stack}: ${steady.length} steady cases, ${ttft.length} TTFT cases`);
  console.log(
    `  step  ${stepScores.map(([s, e]) => `${(s * 1e6).toFixed(0)}µs:${(e * 100).toFixed(1)}%`).join(' ')} → ${(bestStep * 1e6).toFixed(0)} µs`,
  );
  if (bestReq !== null)
    console.log(
      `  request ${reqScores.map(([r, e]) => `${(r * 1e3).toFixed(0)}ms:${(e * 100).toFixed(1)}%`).join(' ')} → ${(bestReq * 1e3).toFixed(0)} ms`,
    );
}
