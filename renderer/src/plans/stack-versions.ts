/**
 * What the editor offers for a plan's serving stack: the releases measured on the plan's device
 * (presets/kernels, newest first, ordered as the engine orders releases), and the stack's scheduler
 * defaults an empty field stands for (shared/serving/scheduler.ts).
 */
import { KERNEL_PROFILES, type KernelProfileEntry } from '@presets/kernels/manifest';
import { compareVersions } from '@shared/kernels/version';
import type { Plan, ServingStack } from '@shared/schema/plan';
import { STACKS } from '@shared/inference/stacks';
import type { Scheduler } from '@shared/serving/scheduler';
import { schedulerTargetFor, stackScheduler } from '@shared/serving/stack-defaults';
import type { Catalog } from '@shared/plan/context';
import { policyText } from '@shared/serving/describe';
import { deviceShareKept, reserveRule } from '@shared/inference/memory-reserve';

type Entry = Pick<KernelProfileEntry, 'acceleratorId' | 'stack' | 'version'>;

/** Releases of `stack` measured on the accelerator, newest first. */
export function measuredVersions(acceleratorId: string, stack: string, entries: readonly Entry[] = KERNEL_PROFILES) {
  const vs = entries.filter((e) => e.acceleratorId === acceleratorId && e.stack === stack).map((e) => e.version);
  return [...new Set(vs)].sort((a, b) => compareVersions(b, a));
}

/**
 * The version select's options: "newest measured" (value '', stored as null), each measured
 * release, and a stored release that is not measured on this device (a plan file, or a plan moved
 * to another system), so the select never shows a value it does not hold.
 */
export function versionOptions(
  acceleratorId: string,
  stack: string,
  current: string | null,
  entries: readonly Entry[] = KERNEL_PROFILES,
): Array<{ value: string; label: string }> {
  const vs = measuredVersions(acceleratorId, stack, entries);
  const newest = vs[0] ? `newest measured (${vs[0]})` : 'derived prior (no release measured here)';
  const out = [{ value: '', label: newest }, ...vs.map((v) => ({ value: v, label: v }))];
  if (current !== null && !vs.includes(current))
    out.push({ value: current, label: `${current} (not measured on this device)` });
  return out;
}

const SCHEDULER_TEXT: {
  [K in 'policy' | 'maxBatchedTokens' | 'chunkedPrefill' | 'maxRunning' | 'requestOverheadS' | 'tokenizeSPerToken']: (
    s: Scheduler,
  ) => string;
} = {
  policy: (s) => policyText(s.policy),
  maxBatchedTokens: (s) => String(s.maxBatchedTokens),
  chunkedPrefill: (s) => (s.chunkedPrefill ? 'on' : 'off'),
  maxRunning: (s) => (s.maxRunning === null ? 'as memory holds' : String(s.maxRunning)),
  requestOverheadS: (s) => String(s.requestOverheadS),
  tokenizeSPerToken: (s) => String(s.tokenizeSPerToken),
};

/** The serving stack a plan is timed with: a served plan's, or an RL plan's rollout engine's (null for training). */
export function servingStackOf(plan: Plan): ServingStack | null {
  if (plan.kind === 'inference') return plan.inference.serving.stack;
  return plan.kind === 'rl' ? plan.rl.rollout.serving.stack : null;
}

const stackOf = (plan: Plan) => servingStackOf(plan)?.name ?? 'generic';

/** The plan's stack default for a scheduler setting (for its release and model), as the placeholder of its empty field. */
export function schedulerPlaceholder(plan: Plan, catalog: Catalog, key: keyof typeof SCHEDULER_TEXT): string {
  const stack = servingStackOf(plan) ?? { name: 'generic', version: null };
  return SCHEDULER_TEXT[key](stackScheduler(stack, schedulerTargetFor(catalog, plan.modelId, plan.systemId)));
}

/** The stack's host time per engine step (inference/stacks.ts), which an empty per-step overhead stands for. */
export const stepOverheadPlaceholder = (plan: Plan): string => String(STACKS[stackOf(plan)].stepOverheadS);

/** The share of memory the stack keeps out of its KV cache by default (inference/memory-reserve.ts), for an empty reserve field. */
export function reservePlaceholder(plan: Plan, catalog: Catalog): string {
  const settings = plan.kind === 'inference' ? plan.inference : plan.kind === 'rl' ? plan.rl.rollout : null;
  if (!settings) return '';
  const rule = reserveRule(settings.serving.stack, null);
  if (rule.kind !== 'sglang') return String(rule.fraction);
  const sys = catalog.systems.find((x) => x.id === plan.systemId);
  const cap = catalog.accelerators.find((x) => x.id === sys?.acceleratorId)?.memoryBytes.value;
  const { tp, pp, dp } = settings.parallelism;
  return cap ? String(+(deviceShareKept(rule, cap, { tp, pp, dp }) ?? 0).toFixed(3)) : '';
}
