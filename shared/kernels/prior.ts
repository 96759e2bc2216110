/**
 * Class priors: kernel efficiencies for a device nobody measured, derived from the devices that
 * were — first those of its architecture (H800 and H20 from H100 and H200, RTX 5090 from the RTX
 * PRO 6000's GB202), else the two measured parts of its device class nearest to it in datasheet
 * peaks (|ln bandwidth ratio| + |ln BF16 FLOP/s ratio|): a part's efficiency at small sizes is
 * set by fixed latencies, so it follows parts of similar speed, not the class's fastest. Each cell of a prior grid is the median, over the measured devices of the class, of their
 * interpolated efficiency at that cell (efficiencies are fractions of each device's own datasheet
 * peaks, so they transfer; the device's own peaks then scale them). A median is never above the
 * best measured device of the class. Collectives are not derived: they belong to a system's
 * fabric, and an unmeasured system keeps the analytic link model (network/collectives.ts).
 *
 * Classes without a measured member borrow: NPUs and TPUs the data-centre GPU prior, Apple SoCs
 * and CPUs the consumer/workstation GPU prior (the nearest class with a measurement, stated in the
 * label); a class with no measured member at all falls back to every measured device.
 */
import { effAt, type EffGrid } from '../schema/kernel-grid';
import type { GemmDtype } from '../schema/kernels';
import { kernelSetOf, stackLabel, type KernelSet } from './kernel-set';
import type { KernelProfile } from '../schema/kernels';

export const BORROWS: Record<string, string> = {
  npu: 'datacenter-gpu',
  tpu: 'datacenter-gpu',
  'apple-soc': 'consumer-gpu',
  cpu: 'consumer-gpu',
};

/** Whether two grids have the same axes (then their cells line up and need no interpolation). */
function sameAxes(a: EffGrid, b: EffGrid): boolean {
  if (a.axes.length !== b.axes.length) return false;
  for (let d = 0; d < a.axes.length; d++) {
    const x = a.axes[d]!;
    const y = b.axes[d]!;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** The median grid of several (the axes of the largest; each cell the median of the others' values there). */
export function medianGrid(grids: EffGrid[]): EffGrid {
  const ref = grids.reduce((a, b) => (b.logEff.length > a.logEff.length ? b : a));
  const dims = ref.axes.map((a) => a.length);
  const aligned = grids.map((g) => sameAxes(g, ref));
  const logEff = new Float64Array(ref.logEff.length);
  const at = new Float64Array(dims.length);
  const scratch = new Float64Array(8);
  const vals = new Float64Array(grids.length);
  for (let i = 0; i < logEff.length; i++) {
    let r = i;
    for (let d = dims.length - 1; d >= 0; d--) {
      at[d] = ref.axes[d]![r % dims[d]!]!;
      r = Math.floor(r / dims[d]!);
    }
    for (let j = 0; j < grids.length; j++) {
      const g = grids[j]!;
      vals[j] = aligned[j] ? Math.exp(g.logEff[i]!) : g.axes.length === dims.length ? effAt(g, at, scratch) : 1;
    }
    vals.sort();
    const m = vals.length >> 1;
    logEff[i] = Math.log(vals.length % 2 ? vals[m]! : (vals[m - 1]! + vals[m]!) / 2);
  }
  return { axes: ref.axes, logAxes: ref.logAxes, logEff, measured: 0 };
}

function groupMedian<T, K>(
  sets: KernelSet[],
  items: (s: KernelSet) => T[],
  key: (t: T) => K,
  grid: (t: T) => EffGrid,
): Array<{ item: T; grid: EffGrid }> {
  const by = new Map<string, { item: T; grids: EffGrid[] }>();
  for (const s of sets)
    for (const t of items(s)) {
      const k = JSON.stringify(key(t));
      const e = by.get(k) ?? { item: t, grids: [] };
      e.grids.push(grid(t));
      by.set(k, e);
    }
  return [...by.values()].map((e) => ({ item: e.item, grid: medianGrid(e.grids) }));
}

/** The prior of a set of measured kernel sets (one per device, or per device and stack). */
export function priorOf(members: KernelSet[], id: string, label: string): KernelSet {
  const gemm = new Map<GemmDtype, EffGrid>();
  const dtypes = new Set(members.flatMap((m) => [...m.gemm.keys()]));
  for (const d of dtypes) gemm.set(d, medianGrid(members.flatMap((m) => (m.gemm.has(d) ? [m.gemm.get(d)!] : []))));
  const kvMap = (pick: (s: KernelSet) => Map<string, EffGrid>) => {
    const out = new Map<string, EffGrid>();
    for (const k of new Set(members.flatMap((m) => [...pick(m).keys()])))
      out.set(k, medianGrid(members.flatMap((m) => (pick(m).has(k) ? [pick(m).get(k)!] : []))));
    return out;
  };
  const moeMembers = members.filter((m) => m.moe);
  return {
    id,
    acceleratorId: '',
    stack: members[0]!.stack,
    version: '',
    label,
    derived: true,
    gemm,
    decodeAttention: groupMedian(
      members,
      (s) => s.decodeAttention,
      (a) => [a.headDim, a.kvDtype, a.gqaLog2],
      (a) => a.grid,
    ).map(({ item, grid }) => ({ ...item, grid })),
    prefillAttention: groupMedian(
      members,
      (s) => s.prefillAttention,
      (a) => [a.headDim, a.dtype, a.kvDtype, a.gqaLog2],
      (a) => a.grid,
    ).map(({ item, grid }) => ({ ...item, grid })),
    mlaDecode: kvMap((s) => s.mlaDecode),
    mlaPrefill: kvMap((s) => s.mlaPrefill),
    // MoE shape tables differ per device; the prior keeps the most complete member's (its
    // efficiencies, not a median: shapes do not line up cell by cell across tables).
    moe: moeMembers.length
      ? moeMembers.reduce((a, b) => (b.moe!.shapes.length > a.moe!.shapes.length ? b : a)).moe
      : null,
    // Wide-EP MoE layers are per-device measurements of one shape: the most complete member's.
    moeWide: members.reduce((a, b) => (b.moeWide.length > a.moeWide.length ? b : a)).moeWide,
    allReduce: new Map(),
    nccl: new Map(),
    deepep: [],
  };
}

export interface DeviceKind {
  deviceClass: string;
  architecture: string | null;
  /** Datasheet BF16 FLOP/s and memory bandwidth (the nearest measured parts of the class lend their efficiencies). */
  bf16FlopsPerS: number;
  bytesPerS: number;
}

export interface PriorInput extends DeviceKind {
  stack: string;
}

/** Measured devices' kind, looked up by the caller (accelerator id → class, architecture, peaks). */
export type ClassOf = (acceleratorId: string) => DeviceKind | undefined;

/** Members of a class lending their efficiencies to a part of another architecture: the two nearest in peaks. */
export const NEAREST = 2;

const peakDistance = (a: DeviceKind, b: DeviceKind): number =>
  Math.abs(Math.log(Math.max(a.bytesPerS, 1) / Math.max(b.bytesPerS, 1))) +
  Math.abs(Math.log(Math.max(a.bf16FlopsPerS, 1) / Math.max(b.bf16FlopsPerS, 1)));

/** The measured devices nearest in peaks (by accelerator id), at most NEAREST of them. */
function nearestDevices(members: readonly KernelProfile[], classOf: ClassOf, want: DeviceKind): Set<string> {
  const ids = [...new Set(members.map((p) => p.acceleratorId))];
  const scored = ids.map((id) => ({ id, d: classOf(id) ? peakDistance(classOf(id)!, want) : Infinity }));
  scored.sort((a, b) => a.d - b.d);
  return new Set(scored.slice(0, NEAREST).map((x) => x.id));
}

const cache = new WeakMap<readonly KernelProfile[], Map<string, KernelSet | null>>();

/**
 * The prior for a device class and stack ('generic' = all stacks), or null when nothing is
 * measured at all. Cached per profile list.
 */
export function classPrior(profiles: readonly KernelProfile[], classOf: ClassOf, want: PriorInput): KernelSet | null {
  let m = cache.get(profiles);
  if (!m) cache.set(profiles, (m = new Map()));
  const key = `${want.deviceClass}|${want.architecture}|${want.stack}|${want.bf16FlopsPerS.toPrecision(4)}|${want.bytesPerS.toPrecision(4)}`;
  if (m.has(key)) return m.get(key)!;
  const byStack = profiles.filter((p) => want.stack === 'generic' || p.stack === want.stack);
  const pick = (cls: string) => byStack.filter((p) => classOf(p.acceleratorId)?.deviceClass === cls);
  let cls = `${want.architecture} architecture`;
  let members = want.architecture
    ? byStack.filter((p) => classOf(p.acceleratorId)?.architecture === want.architecture)
    : [];
  if (!members.length) members = pick((cls = want.deviceClass));
  if (!members.length && BORROWS[cls]) members = pick((cls = BORROWS[cls]!));
  if (!members.length) [members, cls] = [byStack, 'every measured device'];
  if (!members.length || cls !== `${want.architecture} architecture`) {
    const near = nearestDevices(members, classOf, want);
    members = members.filter((p) => near.has(p.acceleratorId));
    cls = `${cls}, nearest in datasheet peaks`;
  }
  const devices = [...new Set(members.map((p) => p.acceleratorId))];
  const stackText = want.stack === 'generic' ? 'all stacks' : stackLabel(want.stack);
  const prior = members.length
    ? priorOf(
        members.map(kernelSetOf),
        `prior-${want.deviceClass}-${want.stack}`,
        `derived: ${cls} prior (${stackText}), median of ${devices.join(', ')}`,
      )
    : null;
  m.set(key, prior);
  return prior;
}
