/**
 * Resolves a plan against a catalog of presets: the model, the system, its accelerator and the
 * efficiencies that apply (plan override → calibration profile → the device's documented default).
 * Also checks the plan against the hardware and returns problems that name the field.
 */
import { curvesFromProfile, curvesUsable, derivedCurves, type EfficiencyCurves } from '../calibration/profile';
import type { Accelerator, SystemSpec } from '../schema/hardware';
import type { ModelArchitecture } from '../schema/model';
import type { Plan } from '../schema/plan';
import type { KernelProfile } from '../schema/kernels';
import type { ErrorBands } from '../schema/error-bands';
import type { ClassOf } from '../kernels/prior';
import { deviceKind } from '../kernels/select';
import { resolveCluster, type ResolvedCluster } from '../cluster/resolve';
import { PlanError, type Catalog, type PlanIssue } from '../schema/catalog';
import { pricedAccelerator, pricedSystem } from '../schema/prices';

export { PlanError, type Catalog, type PlanIssue };

export interface ResolvedEfficiency {
  compute: number;
  memoryBandwidth: number;
  link: number;
  source: { compute: string; memoryBandwidth: string; link: string };
}

export interface PlanContext {
  model: ModelArchitecture;
  system: SystemSpec;
  accelerator: Accelerator;
  efficiency: ResolvedEfficiency;
  /** Size-dependent efficiency curves: measured for this accelerator, derived for its class, or null (flat defaults). */
  curves: EfficiencyCurves | null;
  /** The plan's cluster (fabric tiers, TCO $ per device-hour), when it references one. */
  cluster?: ResolvedCluster;
  /** Kernel profiles and each measured device's class, for the stack's kernel tables (kernels/select.ts); null when the plan does not use calibration. */
  kernels: { profiles: readonly KernelProfile[]; classOf: ClassOf } | null;
  /** Error bands by class (presets/error-bands.json), when the catalog has them. */
  errorBands?: ErrorBands;
  /** A disaggregated plan's prefill pool on another system (heterogeneous): that system's context. */
  prefill?: PlanContext;
}

export function resolvePlan(plan: Plan, catalog: Catalog): PlanContext {
  const issues: PlanIssue[] = [];
  const model = plan.model ?? catalog.models.find((m) => m.id === plan.modelId);
  if (!model)
    issues.push({
      field: 'modelId',
      message: `"${plan.modelId}" is not a model preset and the plan has no inline model`,
      severity: 'error',
    });
  const system = catalog.systems.find((s) => s.id === plan.systemId);
  if (!system)
    issues.push({ field: 'systemId', message: `"${plan.systemId}" is not a system preset`, severity: 'error' });
  const accelerator = system ? catalog.accelerators.find((a) => a.id === system.acceleratorId) : undefined;
  if (system && !accelerator)
    issues.push({
      field: 'systemId',
      message: `system "${system.id}" names unknown accelerator "${system.acceleratorId}"`,
      severity: 'error',
    });
  if (!model || !system || !accelerator) throw new PlanError(issues);
  return resolveFound(
    plan,
    catalog,
    model,
    pricedSystem(system, catalog),
    pricedAccelerator(accelerator, system.id, catalog),
  );
}

function resolveFound(
  plan: Plan,
  catalog: Catalog,
  model: ModelArchitecture,
  system: SystemSpec,
  accelerator: Accelerator,
): PlanContext {
  const d = accelerator.efficiency;
  const o = plan.efficiency;
  const efficiency: ResolvedEfficiency = {
    compute: o.compute ?? d.compute.value,
    memoryBandwidth: o.memoryBandwidth ?? d.memoryBandwidth.value,
    link: o.link ?? d.link.value,
    source: {
      compute: o.compute !== undefined ? 'plan override' : `${accelerator.id} default: ${d.compute.justification}`,
      memoryBandwidth:
        o.memoryBandwidth !== undefined
          ? 'plan override'
          : `${accelerator.id} default: ${d.memoryBandwidth.justification}`,
      link: o.link !== undefined ? 'plan override' : `${accelerator.id} default: ${d.link.justification}`,
    },
  };
  const cluster = clusterFor(plan, catalog);
  return {
    model,
    system,
    accelerator,
    efficiency,
    curves: plan.useCalibration ? curvesFor(accelerator, catalog) : null,
    kernels:
      plan.useCalibration && catalog.kernels?.length
        ? { profiles: catalog.kernels, classOf: classOfIn(catalog) }
        : null,
    ...(catalog.errorBands ? { errorBands: catalog.errorBands } : {}),
    ...(cluster ? { cluster } : {}),
    ...prefillContext(plan, catalog),
  };
}

/** The prefill pool's own system, resolved like the plan's (heterogeneous disaggregation). */
function prefillContext(plan: Plan, catalog: Catalog): { prefill?: PlanContext } {
  if (plan.kind !== 'inference') return {};
  const id = plan.inference.serving.disaggregation?.prefill?.systemId;
  if (!id || id === plan.systemId) return {};
  try {
    return {
      prefill: resolvePlan(
        {
          ...plan,
          systemId: id,
          clusterId: undefined,
          inference: { ...plan.inference, serving: { ...plan.inference.serving, disaggregation: null } },
        },
        catalog,
      ),
    };
  } catch (e) {
    throw new PlanError([
      {
        field: 'inference.serving.disaggregation.prefill.systemId',
        message: (e as Error).message.replace(/^systemId: /, ''),
        severity: 'error',
      },
    ]);
  }
}

// --- clusters ------------------------------------------------------------------------
function clusterFor(plan: Plan, catalog: Catalog): ResolvedCluster | undefined {
  if (plan.clusterId === undefined) return undefined;
  const c = catalog.clusters?.find((x) => x.id === plan.clusterId);
  const fail = (message: string) => new PlanError([{ field: 'clusterId', message, severity: 'error' }]);
  if (!c) throw fail(`"${plan.clusterId}" is not a stored cluster`);
  try {
    return resolveCluster(c, catalog);
  } catch (e) {
    throw Object.assign(fail(`cluster "${c.name}": ${(e as Error).message}`), { cause: e });
  }
}

const classCache = new WeakMap<readonly Accelerator[], ClassOf>();

/** Accelerator id → device class and architecture, for the kernel priors (cached per accelerator list). */
function classOfIn(catalog: Catalog): ClassOf {
  let f = classCache.get(catalog.accelerators);
  if (!f) {
    const m = new Map(catalog.accelerators.map((a) => [a.id, deviceKind(a)]));
    f = (id) => m.get(id);
    classCache.set(catalog.accelerators, f);
  }
  return f;
}

const curveCache = new WeakMap<object, Map<string, EfficiencyCurves | null>>();

/** Measured curves when a profile for this accelerator exists, else the class's derived curves. */
export function curvesFor(acc: Accelerator, catalog: Catalog): EfficiencyCurves | null {
  const profiles = catalog.calibrations ?? [];
  let m = curveCache.get(profiles);
  if (!m) curveCache.set(profiles, (m = new Map()));
  if (m.has(acc.id)) return m.get(acc.id)!;
  const own = profiles.find((p) => p.acceleratorId === acc.id);
  let c: EfficiencyCurves | null;
  if (own) {
    c = curvesFromProfile(own, acc);
    if (!curvesUsable(c)) c = null;
  } else {
    const measured = profiles.flatMap((p) => {
      const a = catalog.accelerators.find((x) => x.id === p.acceleratorId);
      const cv = a ? curvesFromProfile(p, a) : null;
      return cv && curvesUsable(cv) ? [cv] : [];
    });
    c = derivedCurves(acc, measured);
  }
  m.set(acc.id, c);
  return c;
}

const FABRIC_LABEL: Record<string, string> = {
  nvlink: 'NVLink',
  nvl72: 'NVLink (NVL72)',
  pcie: 'PCIe',
  hccs: 'HCCS',
  ub: 'unified-bus',
  'infinity-fabric': 'Infinity Fabric',
  ici: 'ICI',
  neuronlink: 'NeuronLink',
  ethernet: 'Ethernet',
  none: 'no scale-up',
};

/** Structural checks that name the field: parallel degrees against devices and the hardware. */
/** The redundant experts the layout at `prefix` places (inference and RL rollout settings; training has none). */
function redundantExperts(plan: Plan, prefix: string): number {
  if (plan.kind === 'inference' && prefix.startsWith('inference.')) return plan.inference.moe.redundantExperts;
  if (plan.kind === 'rl' && prefix.startsWith('rl.rollout.')) return plan.rl.rollout.moe.redundantExperts;
  return 0;
}

/** EP must divide the experts it spreads: the routed ones plus any redundant copies. */
function expertIssues(ctx: PlanContext, ep: number, redundant: number, prefix: string): PlanIssue[] {
  const moe = ctx.model.moe;
  if (!moe || ep <= 1) return [];
  const total = moe.numRoutedExperts + redundant;
  if (total % ep === 0) return [];
  const extra = redundant ? ` plus ${redundant} redundant` : '';
  const fix = Math.ceil(moe.numRoutedExperts / ep) * ep - moe.numRoutedExperts;
  return [
    {
      field: `${prefix}.ep`,
      message: `EP ${ep} does not divide the ${moe.numRoutedExperts} routed experts${extra} of ${ctx.model.name} (${total} ÷ ${ep} = ${(total / ep).toFixed(2)} per device): choose an EP that divides ${total}${prefix.startsWith('training') || prefix.startsWith('rl.training') ? '' : `, or place ${fix} redundant experts`}`,
      severity: 'error',
    },
  ];
}

export function checkParallelism(
  plan: Plan,
  ctx: PlanContext,
  par: { tp: number; pp: number; dp: number; ep: number },
  devices: number,
  prefix: string,
): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const { tp, pp, dp, ep } = par;
  const dom = ctx.system.scaleUpDomainDevices;
  if (tp * pp * dp !== devices)
    issues.push({
      field: `${prefix}.dp`,
      message: `TP ${tp} × PP ${pp} × DP ${dp} = ${tp * pp * dp}, but the plan has ${devices} devices`,
      severity: 'error',
    });
  if (tp > dom)
    issues.push({
      field: `${prefix}.tp`,
      message: `TP ${tp} exceeds the ${dom}-${ctx.accelerator.kind.toUpperCase()} ${FABRIC_LABEL[ctx.system.scaleUpFabric] ?? ctx.system.scaleUpFabric} domain of ${ctx.system.name}`,
      severity: 'warning',
    });
  const a = ctx.model.attention;
  if (a.numHeads % tp !== 0)
    issues.push({
      field: `${prefix}.tp`,
      message: `TP ${tp} does not divide the ${a.numHeads} attention heads of ${ctx.model.name}`,
      severity: 'error',
    });
  const L = ctx.model.numLayers;
  if (pp > L)
    issues.push({
      field: `${prefix}.pp`,
      message: `PP ${pp} exceeds the ${L} layers of ${ctx.model.name}`,
      severity: 'error',
    });
  else if (L % pp !== 0)
    issues.push({
      field: `${prefix}.pp`,
      message: `PP ${pp} does not divide the ${L} layers of ${ctx.model.name}: stages hold ${Math.floor(L / pp)} or ${Math.ceil(L / pp)} layers, and the fullest sets the pace`,
      severity: 'warning',
    });
  issues.push(...expertIssues(ctx, ep, redundantExperts(plan, prefix), prefix));
  if (ep > 1 && !ctx.model.moe)
    issues.push({
      field: `${prefix}.ep`,
      message: `EP ${ep} needs a mixture-of-experts model; ${ctx.model.name} is dense`,
      severity: 'error',
    });
  if (ep > tp * dp)
    issues.push({
      field: `${prefix}.ep`,
      message: `EP ${ep} exceeds the ${tp * dp} devices of one pipeline stage (TP × DP)`,
      severity: 'error',
    });
  else if (ep > 1 && (tp * dp) % ep !== 0)
    issues.push({ field: `${prefix}.ep`, message: `EP ${ep} must divide TP × DP = ${tp * dp}`, severity: 'error' });
  if (plan.model === undefined && plan.modelId !== ctx.model.id)
    issues.push({ field: 'modelId', message: 'model id mismatch', severity: 'error' });
  return issues;
}
