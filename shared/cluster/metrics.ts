/** The values of shared/metrics for a cluster report, and which of them a comparison of clusters shows. */
import type { MetricId, MetricValues } from '../metrics';
import type { ClusterReport } from './compute';

export function clusterMetrics(r: ClusterReport): MetricValues {
  return {
    devices: r.devices,
    tcoPerDeviceHour: r.tco.usdPerDeviceHour,
    clusterCapex: r.tco.capexUSD,
    clusterTco: r.tco.tcoUSD,
    clusterOpex: r.tco.opexUSDPerYear,
    itPower: r.power.itPowerW,
    facilityPowerPerDevice: r.devices > 0 ? r.power.facilityPowerW / r.devices : null,
    racks: r.power.racks,
    scaleOutSwitches: r.scaleOut.switches,
    networkShare: r.tco.share.network,
    scaleOutPerDevice: (r.cluster.fabric.nicGbps * r.cluster.fabric.nicsPerNode) / r.devicesPerNode,
  };
}

export const CLUSTER_COMPARE_METRICS: readonly MetricId[] = [
  'devices',
  'tcoPerDeviceHour',
  'clusterCapex',
  'clusterTco',
  'clusterOpex',
  'itPower',
  'facilityPowerPerDevice',
  'racks',
  'scaleOutSwitches',
  'networkShare',
  'scaleOutPerDevice',
];
