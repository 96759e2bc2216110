/**
 * Money and energy. A device-hour costs either the plan's hourly price, or ownership:
 * purchase / (amortisation years × 8,760 h) + power (W × PUE × $/kWh) + opex share.
 * Energy per token = devices × watts drawn ÷ tokens per second.
 * A plan on a cluster (shared/cluster) with ownership pricing pays the cluster's TCO per
 * device-hour instead (capex amortised + power, colocation and support, ÷ devices ÷ hours), and
 * draws the cluster's facility power per device.
 */
import type { ResolvedCluster } from '../cluster/resolve';
import type { Accelerator } from '../schema/hardware';
import { input, trace, type Trace } from '../explain';
import type { Plan } from '../schema/plan';
import { sourceLabel } from '../sources/registry';
import { HOURS_PER_YEAR, KILO } from '../units';

export interface DeviceHourCost {
  usdPerDeviceHour: number | null;
  wattsPerDevice: number | null;
  trace: Trace;
}

export function deviceHourCost(plan: Plan, acc: Accelerator, cluster?: ResolvedCluster): DeviceHourCost {
  const tdp = acc.tdpW.value;
  const watts = tdp === null ? null : tdp * plan.powerFractionOfTdp;
  const p = plan.prices;
  if (p.mode === 'ownership' && cluster && cluster.usdPerDeviceHour !== null) return clusterCost(cluster, watts);
  if (p.mode === 'hourly') {
    const v = p.usdPerDeviceHour ?? acc.price.hourlyUSD.value;
    const src =
      p.usdPerDeviceHour !== null
        ? 'plan'
        : `${acc.id} preset: ${acc.price.hourlyUSD.note ?? sourceLabel(acc.price.hourlyUSD.source)}`;
    return {
      usdPerDeviceHour: v,
      wattsPerDevice: watts,
      trace: trace(
        'Price per device-hour',
        'hourly rental price',
        v,
        'USD',
        [input('source', src)],
        [],
        v === null ? 'no price known: set prices.usdPerDeviceHour' : undefined,
      ),
    };
  }
  const capex = p.purchaseUsdPerDevice / (p.amortisationYears * HOURS_PER_YEAR);
  const power = watts === null ? 0 : ((watts * p.pue) / KILO) * p.powerUsdPerKWh;
  const opex = (p.purchaseUsdPerDevice * p.opexFractionPerYear) / HOURS_PER_YEAR;
  const v = capex + power + opex;
  return {
    usdPerDeviceHour: v,
    wattsPerDevice: watts,
    trace: trace(
      'Price per device-hour (ownership)',
      'purchase / (years × 8,760 h) + W × PUE / 1,000 × $/kWh + opex',
      v,
      'USD',
      [
        input('purchase per device', p.purchaseUsdPerDevice, 'USD'),
        input('amortisation years', p.amortisationYears),
        input('watts drawn per device', watts ?? 'unknown TDP', 'W'),
        input('PUE', p.pue, 'ratio'),
        input('$ per kWh', p.powerUsdPerKWh, 'USD'),
      ],
    ),
  };
}

/** Ownership on a cluster: the cluster's TCO per device-hour, with its trace as the child. */
function clusterCost(cluster: ResolvedCluster, tdpWatts: number | null): DeviceHourCost {
  const v = cluster.usdPerDeviceHour!;
  return {
    usdPerDeviceHour: v,
    wattsPerDevice: cluster.wattsPerDevice ?? tdpWatts,
    trace: trace(
      'Price per device-hour (cluster TCO)',
      `cluster "${cluster.name}": TCO ÷ (devices × years × 8,760 h)`,
      v,
      'USD',
      [
        input('cluster', cluster.name),
        input('devices in the cluster', cluster.devices, 'count'),
        input('facility power per device', cluster.wattsPerDevice ?? 'unknown', 'W'),
      ],
      [cluster.report.tco.trace],
      "the plan's own purchase price, PUE and $/kWh are not used: the cluster's BOM and facility are",
    ),
  };
}

/** Where a device-hour price comes from, in words ("plan", "h100-sxm preset: …", "cluster …"). */
export function priceSource(c: DeviceHourCost): string {
  const src = c.trace.inputs.find((i) => i.name === 'source' || i.name === 'cluster');
  if (c.usdPerDeviceHour === null) return c.trace.note ?? 'no price known';
  if (src) return String(src.value);
  return c.trace.label.replace(/^Price per device-hour \(|\)$/g, '');
}
