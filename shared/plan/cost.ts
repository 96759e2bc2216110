/**
 * Money and energy. A device-hour costs either the plan's hourly price, or ownership:
 * purchase / (amortisation years × 8,760 h) + power (W × PUE × $/kWh) + opex share.
 * Energy per token = devices × watts drawn ÷ tokens per second.
 * A plan on a cluster (shared/cluster) with ownership pricing pays the cluster's TCO per
 * device-hour instead (capex amortised + power, colocation and support, ÷ devices ÷ hours), and
 * draws the cluster's facility power per device.
 */
import type { ResolvedCluster } from '../cluster/resolve';
import { rentalFigure, type Accelerator, type Sourced } from '../schema/hardware';
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
  return p.mode === 'hourly' ? hourlyCost(p, acc, watts) : ownershipCost(p, acc, watts);
}

type HourlyPrices = Extract<Plan['prices'], { mode: 'hourly' }>;
type OwnershipPrices = Extract<Plan['prices'], { mode: 'ownership' }>;

/** Where a figure comes from: its document, and its note (how it was read) where it has one. */
const sourceOf = (acc: Accelerator, f: Sourced): string =>
  `${acc.id}: ${sourceLabel(f.source)}${f.note ? ` (${f.note})` : ''}`;

/** Rental: the plan's own rate, else the price book's (or the device preset's) at the plan's term. */
function hourlyCost(p: HourlyPrices, acc: Accelerator, watts: number | null): DeviceHourCost {
  const committed = p.rate === 'committed';
  const book = rentalFigure(acc, p.rate);
  const v = p.usdPerDeviceHour ?? book?.value ?? null;
  const src =
    p.usdPerDeviceHour !== null
      ? 'plan'
      : book
        ? sourceOf(acc, book)
        : `${acc.id}: no committed rate in the price book`;
  const missing = committed
    ? `no committed rate known for ${acc.id}: enter one in the price book (Hardware → Price book) or set prices.usdPerDeviceHour`
    : 'no price known: set prices.usdPerDeviceHour';
  return {
    usdPerDeviceHour: v,
    wattsPerDevice: watts,
    trace: trace(
      'Price per device-hour',
      committed ? 'hourly rental price, committed term' : 'hourly rental price, on demand',
      v,
      'USD',
      [input('source', src)],
      [],
      v === null ? missing : undefined,
    ),
  };
}

/** Ownership: purchase amortised over the years, power at the PUE and tariff, and the yearly opex share. */
function ownershipCost(p: OwnershipPrices, acc: Accelerator, watts: number | null): DeviceHourCost {
  const purchase = p.purchaseUsdPerDevice ?? acc.price.purchaseUSD.value;
  const from = p.purchaseUsdPerDevice !== null ? 'plan' : sourceOf(acc, acc.price.purchaseUSD);
  const power = watts === null ? 0 : ((watts * p.pue) / KILO) * p.powerUsdPerKWh;
  const v =
    purchase === null
      ? null
      : purchase / (p.amortisationYears * HOURS_PER_YEAR) + power + (purchase * p.opexFractionPerYear) / HOURS_PER_YEAR;
  return {
    usdPerDeviceHour: v,
    wattsPerDevice: watts,
    trace: trace(
      'Price per device-hour (ownership)',
      'purchase / (years × 8,760 h) + W × PUE / 1,000 × $/kWh + opex',
      v,
      'USD',
      [
        input('purchase per device', purchase ?? 'unknown', 'USD'),
        input('purchase price from', from),
        input('amortisation years', p.amortisationYears),
        input('watts drawn per device', watts ?? 'unknown TDP', 'W'),
        input('PUE', p.pue, 'ratio'),
        input('$ per kWh', p.powerUsdPerKWh, 'USD'),
      ],
      [],
      v === null
        ? `no purchase price known for ${acc.id}: enter one in the price book or set prices.purchaseUsdPerDevice`
        : undefined,
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
