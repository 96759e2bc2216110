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
import type { ModelArchitecture } from '../schema/model';
import { fitEp, redundantFor } from '../sizing/layout';
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

/**
 * The trainer's PP for a pool: its own when the pool keeps whole replicas and its EP, else the
 * nearest PP (≤ the layers) that lets EP still divide TP × DP (a trainer's EP must also divide the
 * routed experts, so it cannot shrink to whatever the pool allows without more experts per device).
 */
function trainerPp(plan: RlPlan, devices: number, model: ModelArchitecture): number {
  const t = plan.rl.training.parallelism;
  const keeps = (pp: number): boolean => {
    const per = t.tp * pp * t.cp;
    return devices % per === 0 && pp <= model.numLayers && ((t.tp * devices) / per) % t.ep === 0;
  };
  if (t.ep <= 1 || keeps(t.pp)) return t.pp;
  const options = Array.from({ length: Math.min(model.numLayers, 64) }, (_, i) => i + 1).filter(keeps);
  return options.sort((a, b) => Math.abs(a - t.pp) - Math.abs(b - t.pp))[0] ?? t.pp;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

/**
 * The plan with `rolloutDevices` in the rollout pool and the rest training. Each pool keeps its TP
 * and PP (a trainer changes PP where that keeps its EP); DP follows the pool; EP stays as wide as it
 * was where it still fits (a trainer's EP divides the routed experts; the rollout engine places the
 * redundant experts its EP needs).
 */
export function splitPlan(plan: RlPlan, rolloutDevices: number, model: ModelArchitecture): RlPlan | null {
  const N = plan.devices;
  const r = plan.rl.rollout.parallelism;
  const t = { ...plan.rl.training.parallelism, pp: trainerPp(plan, N - rolloutDevices, model) };
  const trainingDevices = N - rolloutDevices;
  const rr = r.tp * r.pp;
  const tr = t.tp * t.pp * t.cp;
  if (rolloutDevices < rr || trainingDevices < tr || rolloutDevices % rr || trainingDevices % tr) return null;
  const rdp = rolloutDevices / rr;
  const tdp = trainingDevices / tr;
  const rep = fitEp(model, r.ep, r.tp * rdp, 'inference');
  return {
    ...plan,
    rl: {
      ...plan.rl,
      placement: { mode: 'disaggregated', rolloutDevices, trainingDevices },
      rollout: {
        ...plan.rl.rollout,
        parallelism: { ...r, dp: rdp, ep: rep },
        moe: { ...plan.rl.rollout.moe, redundantExperts: redundantFor(model, rep) },
      },
      training: { ...plan.rl.training, parallelism: { ...t, dp: tdp, ep: fitEp(model, t.ep, t.tp * tdp, 'training') } },
    },
  };
}

/**
 * Rollout pool sizes to try: whole nodes that hold whole replicas of both layouts when that leaves
 * at least three splits, else multiples of the rollout replica; spread evenly over (0, N).
 */
export function splitCandidates(plan: RlPlan, model: ModelArchitecture, devicesPerNode: number, points = 9): number[] {
  const N = plan.devices;
  const r = plan.rl.rollout.parallelism;
  const t = plan.rl.training.parallelism;
  const replicas = lcm(r.tp * r.pp, t.tp * t.pp * t.cp);
  const sizes = (step: number): number[] => {
    const out: number[] = [];
    for (let d = step; d < N; d += step) if (splitPlan(plan, d, model)) out.push(d);
    return out;
  };
  let all = sizes(lcm(replicas, devicesPerNode));
  if (all.length < 3) all = sizes(r.tp * r.pp);
  // The plan's own split is always a row, so the table can show where the plan stands.
  const own = plan.rl.placement.mode === 'disaggregated' ? plan.rl.placement.rolloutDevices : null;
  const withOwn = (xs: number[]): number[] =>
    own !== null && !xs.includes(own) && splitPlan(plan, own, model) ? [...xs, own].sort((a, b) => a - b) : xs;
  if (all.length <= points) return withOwn(all);
  const picked = new Set<number>();
  for (let i = 0; i < points; i++) picked.add(all[Math.round((i * (all.length - 1)) / (points - 1))]!);
  return withOwn([...picked]);
}

/** The policy's architecture (inline or a preset), or null when the catalog has none. */
export const policyModel = (plan: RlPlan, catalog: Catalog): ModelArchitecture | null =>
  plan.model ?? catalog.models.find((m) => m.id === plan.modelId) ?? null;

export function sweepSplit(plan: RlPlan, catalog: Catalog, points = 9): SplitRow[] {
  const node = catalog.systems.find((s) => s.id === plan.systemId)?.devicesPerNode ?? 8;
  const model = policyModel(plan, catalog);
  if (!model) return [];
  return splitCandidates(plan, model, node, points).map((d) => {
    const p = splitPlan(plan, d, model)!;
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
