/**
 * A cluster as a plan sees it: device count, node type, the two collective tiers and the TCO's
 * $ per device-hour. The engine's collectives take `tiers` (Tier from shared/network/collectives).
 *
 * - scale-up tier: the accelerator's scale-up link, per direction; latency = NVLink's 3.33 µs
 *   (Insights Table 5; the only scale-up latency we have a measurement for).
 * - scale-out tier: bandwidth = NIC line rate × NICs per node ÷ devices per node, ÷ the
 *   oversubscription ratio when one plane has more endpoints than one leaf serves (traffic then
 *   crosses the oversubscribed leaf uplinks).
 * - scale-out latency = base + per-hop × switch hops. Insights Table 5 gives 2.8 µs same leaf
 *   (1 switch) and 3.7 µs cross leaf (3 switches) for IB, 3.6 / 5.6 µs for RoCE, so per hop
 *   (3.7 − 2.8) ÷ 2 = 0.45 µs (RoCE 1.0 µs) and base 2.35 µs (RoCE 2.6 µs); a three-tier path has 5.
 * - $ per device-hour = TCO ÷ (devices × years × 8,760 h); null when the node price is unknown.
 * - watts per device = facility power (IT × PUE) ÷ devices.
 */
import { LINK_LATENCY, LATENCY_SOURCE, type Tier } from '../network/collectives';
import type { Catalog, PlanIssue } from '../schema/catalog';
import type { Plan } from '../schema/plan';
import { gbitPerS, type BytesPerSecond, type Seconds } from '../units';
import { computeCluster, type ClusterReport } from './compute';
import type { Cluster } from '../schema/cluster';

const HOP = {
  ib: {
    perHop: (LINK_LATENCY.ibCrossLeaf - LINK_LATENCY.ibSameLeaf) / 2,
    base: LINK_LATENCY.ibSameLeaf - (LINK_LATENCY.ibCrossLeaf - LINK_LATENCY.ibSameLeaf) / 2,
  },
  roce: {
    perHop: (LINK_LATENCY.roceCrossLeaf - LINK_LATENCY.roceSameLeaf) / 2,
    base: LINK_LATENCY.roceSameLeaf - (LINK_LATENCY.roceCrossLeaf - LINK_LATENCY.roceSameLeaf) / 2,
  },
} as const;

export interface ResolvedCluster {
  id: string;
  name: string;
  devices: number;
  nodes: number;
  system: ClusterReport['system'];
  scaleUpDomainDevices: number;
  tiers: { scaleUp: Tier; scaleOut: Tier };
  /** Switch hops on the scale-out path the tier's latency assumes. */
  scaleOutHops: number;
  usdPerDeviceHour: number | null;
  wattsPerDevice: number | null;
  source: string;
  report: ClusterReport;
}

export function scaleOutLatency(protocol: 'ib' | 'roce', hops: number): Seconds {
  const h = HOP[protocol];
  return (h.base + h.perHop * hops) as Seconds;
}

export function resolveCluster(cluster: Cluster, catalog: Pick<Catalog, 'systems' | 'accelerators'>): ResolvedCluster {
  const r = computeCluster(cluster, catalog);
  const f = cluster.fabric;
  const acc = r.accelerator;
  const crosses = r.scaleOut.endpointsPerPlane > r.scaleOut.endpointsPerLeaf;
  const raw = (gbitPerS(f.nicGbps) * f.nicsPerNode) / r.devicesPerNode;
  const scaleOutBw = (crosses ? raw / f.oversubscription : raw) as BytesPerSecond;
  const hops = crosses ? r.scaleOut.hops.crossLeaf : r.scaleOut.hops.sameLeaf;
  const link = acc.efficiency.link.value;
  const nodePriced =
    r.bom.find((l) => l.id === 'nodes')!.unitUSD.value !== null ||
    r.bom.find((l) => l.id === 'accelerators')!.unitUSD.value !== null;
  return {
    id: cluster.id,
    name: cluster.name,
    devices: r.devices,
    nodes: r.nodes,
    system: r.system,
    scaleUpDomainDevices: r.system.scaleUpDomainDevices,
    tiers: {
      scaleUp: {
        name: `${r.system.scaleUpFabric} (${cluster.name})`,
        bandwidth: (acc.scaleUpBandwidthBytesPerS.value ?? 0) as BytesPerSecond,
        efficiency: link,
        latency: LINK_LATENCY.nvlink,
      },
      scaleOut: {
        name: `${f.protocol.toUpperCase()} ${f.nicGbps}G × ${f.nicsPerNode}/${r.devicesPerNode} devices${crosses && f.oversubscription > 1 ? `, ${f.oversubscription}:1 oversubscribed` : ''} (${cluster.name})`,
        bandwidth: scaleOutBw,
        efficiency: link,
        latency: scaleOutLatency(f.protocol, hops),
      },
    },
    scaleOutHops: hops,
    usdPerDeviceHour: nodePriced ? r.tco.usdPerDeviceHour : null,
    wattsPerDevice: r.power.itPowerW > 0 ? r.power.facilityPowerW / r.devices : null,
    source: `cluster "${cluster.name}": TCO over ${cluster.facility.amortisationYears} years; latency per hop from ${LATENCY_SOURCE}`,
    report: r,
  };
}

/** Does the plan fit the cluster: device count and node type. */
export function clusterPlanIssues(plan: Plan, resolved: ResolvedCluster): PlanIssue[] {
  const issues: PlanIssue[] = [];
  if (plan.devices > resolved.devices)
    issues.push({
      field: 'devices',
      message: `the plan needs ${plan.devices} devices; cluster "${resolved.name}" has ${resolved.devices}`,
      severity: 'error',
    });
  if (plan.systemId !== resolved.system.id)
    issues.push({
      field: 'systemId',
      message: `the plan runs on "${plan.systemId}" but cluster "${resolved.name}" is built of "${resolved.system.id}"`,
      severity: 'error',
    });
  return issues;
}
