/**
 * Which kernel tables time a plan: its serving stack (serving.stack) on its device.
 * - The device has a profile of that stack: the profile of the plan's version, else the newest
 *   older one, else the oldest newer one (the label names the version used) — "measured".
 * - 'generic' on a measured device: the median of the stacks measured on it — "measured".
 * - Otherwise the class prior (prior.ts) — "derived".
 * Measured collectives come with a profile only when it was measured on the plan's system.
 */
import type { Accelerator } from '../schema/hardware';
import type { KernelProfile } from '../schema/kernels';
import { kernelSetOf, stackLabel, type KernelSet } from './kernel-set';
import { classPrior, priorOf, type ClassOf, type DeviceKind } from './prior';
import { compareVersions } from './version';

/** What a prior needs to know of a device: class, architecture and datasheet peaks. */
export const deviceKind = (acc: Accelerator): DeviceKind => ({
  deviceClass: acc.deviceClass,
  architecture: acc.architecture?.value ?? null,
  bf16FlopsPerS: acc.peakFlopsPerS.bf16.value ?? acc.peakFlopsPerS.fp16.value ?? 0,
  bytesPerS: acc.memoryBandwidthBytesPerS.value ?? 0,
});

export interface StackChoice {
  name: 'generic' | 'trtllm' | 'sglang' | 'vllm';
  version: string | null;
}

export interface KernelChoice {
  set: KernelSet;
  /** The profile whose collectives were measured on the plan's system, if any. */
  comm: KernelSet | null;
}

function pickVersion(ps: KernelProfile[], version: string | null): KernelProfile {
  const sorted = [...ps].sort((a, b) => compareVersions(a.version, b.version));
  if (version === null) return sorted[sorted.length - 1]!;
  const exact = sorted.find((p) => p.version === version);
  if (exact) return exact;
  const older = sorted.filter((p) => compareVersions(p.version, version) < 0);
  return older[older.length - 1] ?? sorted[0]!;
}

const genericCache = new WeakMap<readonly KernelProfile[], Map<string, KernelSet>>();

function genericOf(profiles: readonly KernelProfile[], own: KernelProfile[], acc: Accelerator): KernelSet {
  let m = genericCache.get(profiles);
  if (!m) genericCache.set(profiles, (m = new Map()));
  const hit = m.get(acc.id);
  if (hit) return hit;
  const stacks = own.map((p) => `${stackLabel(p.stack)} ${p.version}`).join(', ');
  const set =
    own.length === 1
      ? kernelSetOf(own[0]!)
      : {
          ...priorOf(own.map(kernelSetOf), `generic-${acc.id}`, `measured: median of ${stacks} kernels on ${acc.name}`),
          derived: false,
          acceleratorId: acc.id,
        };
  m.set(acc.id, set);
  return set;
}

/**
 * Choices made, by profiles, class rule and accelerator (a search compiles a family per candidate:
 * the choice is the same for all of one system's). A memo of a pure function of its keys.
 */
const CHOICES = new WeakMap<
  readonly KernelProfile[],
  WeakMap<ClassOf, WeakMap<Accelerator, Map<string, KernelChoice | null>>>
>();

export function kernelsFor(
  acc: Accelerator,
  systemId: string,
  stack: StackChoice,
  profiles: readonly KernelProfile[],
  classOf: ClassOf,
): KernelChoice | null {
  let byClass = CHOICES.get(profiles);
  if (!byClass) CHOICES.set(profiles, (byClass = new WeakMap()));
  let byAcc = byClass.get(classOf);
  if (!byAcc) byClass.set(classOf, (byAcc = new WeakMap()));
  let byKey = byAcc.get(acc);
  if (!byKey) byAcc.set(acc, (byKey = new Map()));
  const key = `${systemId}|${stack.name}|${stack.version ?? ''}`;
  let c = byKey.get(key);
  if (c === undefined) byKey.set(key, (c = chooseKernels(acc, systemId, stack, profiles, classOf)));
  return c;
}

function chooseKernels(
  acc: Accelerator,
  systemId: string,
  stack: StackChoice,
  profiles: readonly KernelProfile[],
  classOf: ClassOf,
): KernelChoice | null {
  const own = profiles.filter((p) => p.acceleratorId === acc.id);
  const onSystem = (p: KernelProfile) => (p.systemIds.includes(systemId) ? kernelSetOf(p) : null);
  if (stack.name === 'generic' && own.length) {
    const latest = pickLatestPerStack(own);
    const comm = latest.map(onSystem).find((s) => s !== null) ?? null;
    return { set: genericOf(profiles, latest, acc), comm };
  }
  const mine = own.filter((p) => p.stack === stack.name);
  if (mine.length) {
    const p = pickVersion(mine, stack.version);
    return { set: kernelSetOf(p), comm: onSystem(p) };
  }
  const prior = classPrior(profiles, classOf, { ...deviceKind(acc), stack: stack.name });
  return prior ? { set: prior, comm: null } : null;
}

function pickLatestPerStack(ps: KernelProfile[]): KernelProfile[] {
  const by = new Map<string, KernelProfile[]>();
  for (const p of ps) by.set(p.stack, [...(by.get(p.stack) ?? []), p]);
  return [...by.values()].map((v) => pickVersion(v, null));
}
