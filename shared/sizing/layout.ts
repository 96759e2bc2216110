/**
 * Parallel layouts that are valid by construction, for the plan editor's "Auto" and for keeping a
 * layout valid while one of its fields is edited:
 * - TP divides the attention heads and stays within the scale-up domain;
 * - TP × PP × DP = the devices of the pool;
 * - EP divides TP × DP and the experts it spreads: the routed experts, plus the fewest redundant
 *   copies that make them divide (inference and rollout engines place them, as EPLB does; a trainer
 *   places none, so its EP must divide the routed experts);
 * - PP ≤ the layers (an uneven split is allowed and flagged by the checks).
 * The auto layout follows the deployments the presets reproduce: a mixture-of-experts model spreads
 * its experts over every device with DP attention (DeepSeek-V3), a dense model takes the largest TP
 * inside one scale-up domain and DP (inference) or PP (training) beyond it.
 */
import type { ModelArchitecture } from '../schema/model';
import type { SystemSpec } from '../schema/hardware';
import type { Plan } from '../schema/plan';

export interface Layout {
  tp: number;
  pp: number;
  dp: number;
  ep: number;
}

export type LayoutUse = 'inference' | 'training';

const divisorsOf = (n: number): number[] => {
  const out: number[] = [];
  for (let d = 1; d * d <= n; d++)
    if (n % d === 0) {
      out.push(d);
      if (d * d !== n) out.push(n / d);
    }
  return out.sort((a, b) => a - b);
};

/** The redundant experts EP needs beside the routed ones (0 when EP divides them, or for a dense model). */
export function redundantFor(model: ModelArchitecture, ep: number): number {
  const routed = model.moe?.numRoutedExperts ?? 0;
  return routed > 0 && ep > 1 ? Math.ceil(routed / ep) * ep - routed : 0;
}

/** The largest EP ≤ `want` that divides `width` (and, for a trainer, the routed experts). */
export function fitEp(model: ModelArchitecture, want: number, width: number, use: LayoutUse): number {
  if (!model.moe) return 1;
  const routed = model.moe.numRoutedExperts;
  for (let e = Math.min(want, width); e > 1; e--)
    if (width % e === 0 && (use === 'inference' || routed % e === 0)) return e;
  return 1;
}

/** The largest TP ≤ `max` that divides the attention heads and `devices`. */
function fitTp(model: ModelArchitecture, max: number, devices: number): number {
  return divisorsOf(devices)
    .filter((t) => t <= max && model.attention.numHeads % t === 0)
    .reduce((a, b) => Math.max(a, b), 1);
}

/** A valid layout for `devices` of `system`, as the presets' deployments lay models out. */
export function autoLayout(model: ModelArchitecture, system: SystemSpec, devices: number, use: LayoutUse): Layout {
  if (model.moe) {
    // DP attention over every device, experts spread over all of them (EP = TP × DP).
    const ep = fitEp(model, devices, devices, use);
    return { tp: 1, pp: 1, dp: devices, ep };
  }
  const tp = fitTp(model, Math.min(system.scaleUpDomainDevices, devices), devices);
  const rest = devices / tp;
  if (use === 'training') {
    const pp = divisorsOf(rest)
      .filter((p) => p <= model.numLayers && p <= 16)
      .reduce((a, b) => Math.max(a, b), 1);
    return { tp, pp, dp: rest / pp, ep: 1 };
  }
  return { tp, pp: 1, dp: rest, ep: 1 };
}

/**
 * The layout after `changed` was edited to a new value, with the other fields following so that
 * TP × PP × DP = devices again (DP follows TP and PP; TP yields when devices change) and EP fits;
 * the edited field keeps its value. Returns the devices too (editing DP changes them).
 */
export function rebalance(
  model: ModelArchitecture,
  par: Layout,
  devices: number,
  changed: keyof Layout | 'devices',
  use: LayoutUse,
): { layout: Layout; devices: number } {
  let { tp, pp, dp } = par;
  let n = devices;
  if (changed === 'dp') n = tp * pp * dp;
  else if (changed === 'tp' || changed === 'pp') {
    if (n % (tp * pp) === 0) dp = n / (tp * pp);
    else n = tp * pp * dp;
  } else if (changed === 'devices') {
    if (n % (tp * pp) !== 0) {
      pp = n % pp === 0 ? pp : 1;
      tp = fitTp(model, tp, n / pp);
    }
    dp = n / (tp * pp);
  }
  // Experts spread over every device stay spread over every device; a narrower EP keeps its width.
  const want = par.ep > 1 && par.ep === par.tp * par.dp ? tp * dp : par.ep;
  const ep = changed === 'ep' ? par.ep : fitEp(model, want, tp * dp, use);
  return { layout: { tp, pp, dp, ep }, devices: n };
}

/** EPs near `ep` that are valid for the model and width, for a message offering the nearest ones. */
export function nearestEps(model: ModelArchitecture, ep: number, width: number, use: LayoutUse): number[] {
  if (!model.moe) return [1];
  const ok = divisorsOf(width).filter((e) => use === 'inference' || model.moe!.numRoutedExperts % e === 0);
  const below = ok.filter((e) => e < ep).at(-1);
  const above = ok.find((e) => e > ep);
  return [below, above].filter((e): e is number => e !== undefined);
}

// --- whole plans ------------------------------------------------------------------------------

/** A pool's layout; CP (training) and engine copies (inference replicas) multiply TP × PP × DP. */
type Par = Layout & { cp?: number; replicas?: number };
const LAYOUT_KEYS = ['tp', 'pp', 'dp', 'ep'] as const;

/** The field of a layout a path names ("inference.parallelism.tp" → tp), or "devices". */
function changedOf(path: string, prefix: string): keyof Layout | 'devices' | null {
  if (path === 'devices') return 'devices';
  if (!path.startsWith(`${prefix}.`)) return null;
  const k = path.slice(prefix.length + 1);
  return (LAYOUT_KEYS as readonly string[]).includes(k) ? (k as keyof Layout) : null;
}

/** A pool's layout rebalanced for an edit; `extra` devices (CP) multiply TP × PP × DP. */
function pool<P extends Par>(
  model: ModelArchitecture,
  par: P,
  devices: number,
  changed: keyof Layout | 'devices',
  use: LayoutUse,
): { par: P; devices: number } {
  const extra = (par.cp ?? 1) * (par.replicas ?? 1);
  const r = rebalance(model, par, devices / extra, changed, use);
  return { par: { ...par, ...r.layout }, devices: r.devices * extra };
}

/** The experts redundant copies an inference layout needs (kept when the plan already places enough). */
const redundantKept = (model: ModelArchitecture, ep: number, current: number): number =>
  ((model.moe?.numRoutedExperts ?? 0) + current) % Math.max(ep, 1) === 0 ? current : redundantFor(model, ep);

function rebalanceInference(plan: Plan & { kind: 'inference' }, path: string, model: ModelArchitecture): Plan {
  const inf = plan.inference;
  const dis = inf.serving.disaggregation;
  const changed = changedOf(path, 'inference.parallelism');
  const disPath = path.startsWith('inference.serving.disaggregation.');
  if (path === 'inference.parallelism.replicas') return withCopies(plan);
  if (!changed && !disPath) return plan;
  const prefill = dis?.prefillDevices ?? 0;
  const decode = dis ? (path === 'devices' ? plan.devices - prefill : dis.decodeDevices) : plan.devices;
  const edit = changed ?? 'devices';
  const r = pool(model, inf.parallelism, decode, edit === 'devices' && disPath ? 'devices' : edit, 'inference');
  return {
    ...plan,
    devices: r.devices + prefill,
    inference: {
      ...inf,
      parallelism: r.par,
      moe: { ...inf.moe, redundantExperts: redundantKept(model, r.par.ep, inf.moe.redundantExperts) },
      serving: dis
        ? { ...inf.serving, disaggregation: { ...dis, prefillDevices: prefill, decodeDevices: r.devices } }
        : inf.serving,
    },
  };
}

/** More or fewer engine copies of the same layout: the devices follow (replicas × TP × PP × DP). */
function withCopies(plan: Plan & { kind: 'inference' }): Plan {
  const inf = plan.inference;
  const p = inf.parallelism;
  const dis = inf.serving.disaggregation;
  const decode = (p.replicas ?? 1) * p.tp * p.pp * p.dp;
  const prefill = dis?.prefillDevices ?? 0;
  return {
    ...plan,
    devices: decode + prefill,
    inference: dis ? { ...inf, serving: { ...inf.serving, disaggregation: { ...dis, decodeDevices: decode } } } : inf,
  };
}

function rebalanceTraining(plan: Plan & { kind: 'training' }, path: string, model: ModelArchitecture): Plan {
  const changed = changedOf(path, 'training.parallelism') ?? (path === 'training.parallelism.cp' ? 'devices' : null);
  if (!changed) return plan;
  const r = pool(model, plan.training.parallelism, plan.devices, changed, 'training');
  return { ...plan, devices: r.devices, training: { ...plan.training, parallelism: r.par } };
}

/** RL: the two pools add up to the plan's devices (disaggregated), or share them (colocated). */
function rebalanceRl(plan: Plan & { kind: 'rl' }, path: string, model: ModelArchitecture): Plan {
  const rl = plan.rl;
  const pl = rl.placement;
  let rollout = pl.mode === 'colocated' ? plan.devices : pl.rolloutDevices;
  let training = pl.mode === 'colocated' ? plan.devices : pl.trainingDevices;
  if (pl.mode === 'disaggregated') {
    if (path === 'rl.placement.rolloutDevices' || path === 'devices') training = plan.devices - rollout;
    else if (path === 'rl.placement.trainingDevices') rollout = plan.devices - training;
  }
  if (rollout < 1 || training < 1) return plan;
  const rEdit = changedOf(path, 'rl.rollout.parallelism') ?? 'devices';
  const tEdit = changedOf(path, 'rl.training.parallelism') ?? 'devices';
  const r = pool(model, rl.rollout.parallelism, rollout, rEdit, 'inference');
  const t = pool(model, rl.training.parallelism, training, tEdit, 'training');
  const devices = pl.mode === 'colocated' ? plan.devices : r.devices + t.devices;
  return {
    ...plan,
    devices,
    rl: {
      ...rl,
      placement: pl.mode === 'colocated' ? pl : { ...pl, rolloutDevices: r.devices, trainingDevices: t.devices },
      rollout: {
        ...rl.rollout,
        parallelism: r.par,
        moe: { ...rl.rollout.moe, redundantExperts: redundantKept(model, r.par.ep, rl.rollout.moe.redundantExperts) },
      },
      training: { ...rl.training, parallelism: t.par },
    },
  };
}

/** Paths whose edit moves the rest of a layout. */
export const isLayoutPath = (path: string): boolean =>
  path === 'devices' ||
  /\.parallelism\.(tp|pp|dp|ep|cp|replicas)$/.test(path) ||
  /placement\.(rollout|training)Devices$|disaggregation\.(prefill|decode)Devices$/.test(path);

/**
 * The plan after the layout field at `path` was edited: the pools still add up and each pool's
 * TP × PP × DP (× CP) fills it, with the edited value kept.
 */
export function rebalancePlan(plan: Plan, path: string, model: ModelArchitecture): Plan {
  if (!isLayoutPath(path)) return plan;
  if (plan.kind === 'inference') return rebalanceInference(plan, path, model);
  if (plan.kind === 'training') return rebalanceTraining(plan, path, model);
  return rebalanceRl(plan, path, model);
}

/** The plan laid out from scratch for its devices (the editor's "Auto"). */
export function autoPlanLayout(plan: Plan, model: ModelArchitecture, system: SystemSpec): Plan {
  if (plan.kind === 'inference') {
    const inf = plan.inference;
    const dis = inf.serving.disaggregation;
    const lay = autoLayout(model, system, dis ? dis.decodeDevices : plan.devices, 'inference');
    return {
      ...plan,
      // One engine copy over the devices, experts spread by EP (no MoE TP): the auto layout's own choice.
      inference: {
        ...inf,
        parallelism: { ...lay, replicas: 1 },
        moe: { ...inf.moe, redundantExperts: redundantFor(model, lay.ep) },
      },
    };
  }
  if (plan.kind === 'training') {
    const t = plan.training.parallelism;
    const lay = autoLayout(model, system, plan.devices, 'training');
    return { ...plan, training: { ...plan.training, parallelism: { ...t, ...lay, cp: 1 } } };
  }
  const pl = plan.rl.placement;
  const roll = autoLayout(model, system, pl.mode === 'colocated' ? plan.devices : pl.rolloutDevices, 'inference');
  const train = autoLayout(model, system, pl.mode === 'colocated' ? plan.devices : pl.trainingDevices, 'training');
  return {
    ...plan,
    rl: {
      ...plan.rl,
      rollout: {
        ...plan.rl.rollout,
        parallelism: { ...roll, replicas: 1 },
        moe: { ...plan.rl.rollout.moe, redundantExperts: redundantFor(model, roll.ep) },
      },
      training: { ...plan.rl.training, parallelism: { ...plan.rl.training.parallelism, ...train, cp: 1 } },
    },
  };
}
