/**
 * "How many rollout vs training devices for this run?": the plan's devices split between a rollout
 * pool and a training pool (disaggregated, the plan's asynchrony), each split evaluated in full.
 * Candidate rollout pools are multiples of one rollout replica (TP × PP devices) that leave the
 * training pool a multiple of one training replica (TP × PP × CP); the data-parallel degrees follow
 * the pool sizes and EP is kept where it still divides TP × DP. At most `points` splits, spread
 * evenly; each row says whether every phase fits in memory.
 */
import type { Catalog } from '../plan/context';
import type { RlPlan } from '../schema/plan';
import { resolveRl } from './context';
import { evaluateRl } from './evaluate';

export interface SplitRow {
  rolloutDevices: number;
  trainingDevices: number;
  stepTimeS: number | null;
  generationS: number | null;
  trainerS: number | null;
  syncS: number | null;
  fits: boolean;
  binding: string | null;
  /** Why the split cannot be evaluated (layout or model problems). */
  error?: string;
}

/** The largest EP ≤ the plan's that divides TP × DP (experts stay spread when the pool changes). */
function fitEp(ep: number, width: number): number {
  for (let e = Math.min(ep, width); e > 1; e--) if (width % e === 0) return e;
  return 1;
}
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

export function splitPlan(plan: RlPlan, rolloutDevices: number): RlPlan | null {
  const N = plan.devices;
  const r = plan.rl.rollout.parallelism;
  const t = plan.rl.training.parallelism;
  const trainingDevices = N - rolloutDevices;
  const rr = r.tp * r.pp;
  const tr = t.tp * t.pp * t.cp;
  if (rolloutDevices < rr || trainingDevices < tr || rolloutDevices % rr || trainingDevices % tr) return null;
  const rdp = rolloutDevices / rr;
  const tdp = trainingDevices / tr;
  return {
    ...plan,
    rl: {
      ...plan.rl,
      placement: { mode: 'disaggregated', rolloutDevices, trainingDevices },
      rollout: { ...plan.rl.rollout, parallelism: { ...r, dp: rdp, ep: fitEp(r.ep, r.tp * rdp) } },
      training: { ...plan.rl.training, parallelism: { ...t, dp: tdp, ep: fitEp(t.ep, t.tp * tdp) } },
    },
  };
}

/**
 * Rollout pool sizes to try: whole nodes that hold whole replicas of both layouts when that leaves
 * at least three splits, else multiples of the rollout replica; spread evenly over (0, N).
 */
export function splitCandidates(plan: RlPlan, devicesPerNode: number, points = 9): number[] {
  const N = plan.devices;
  const r = plan.rl.rollout.parallelism;
  const t = plan.rl.training.parallelism;
  const replicas = lcm(r.tp * r.pp, t.tp * t.pp * t.cp);
  const sizes = (step: number): number[] => {
    const out: number[] = [];
    for (let d = step; d < N; d += step) if (splitPlan(plan, d)) out.push(d);
    return out;
  };
  let all = sizes(lcm(replicas, devicesPerNode));
  if (all.length < 3) all = sizes(r.tp * r.pp);
  if (all.length <= points) return all;
  const picked = new Set<number>();
  for (let i = 0; i < points; i++) picked.add(all[Math.round((i * (all.length - 1)) / (points - 1))]!);
  return [...picked];
}

export function sweepSplit(plan: RlPlan, catalog: Catalog, points = 9): SplitRow[] {
  const node = catalog.systems.find((s) => s.id === plan.systemId)?.devicesPerNode ?? 8;
  return splitCandidates(plan, node, points).map((d) => {
    const p = splitPlan(plan, d)!;
    const base = { rolloutDevices: d, trainingDevices: plan.devices - d };
    try {
      const r = evaluateRl(resolveRl(p, catalog));
      return {
        ...base,
        stepTimeS: r.stepTimeS,
        generationS: r.breakdownS.generation,
        trainerS: r.breakdownS.logprobs + r.breakdownS.reward + r.breakdownS.training,
        syncS: r.breakdownS.sync,
        fits: r.memory.fits,
        binding: r.binding,
      };
    } catch (e) {
      return {
        ...base,
        stepTimeS: null,
        generationS: null,
        trainerS: null,
        syncS: null,
        fits: false,
        binding: null,
        error: (e as Error).message,
      };
    }
  });
}

/** The fastest split that fits (null when none does). */
export function bestSplit(rows: SplitRow[]): SplitRow | null {
  return rows.reduce<SplitRow | null>(
    (b, r) => (r.fits && r.stepTimeS !== null && (b === null || r.stepTimeS < b.stepTimeS!) ? r : b),
    null,
  );
}
