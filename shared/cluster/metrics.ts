/**
 * The values of shared/metrics for a cluster report, which of them a comparison of clusters
 * shows, and the headline figures the Clusters page shows as cards and the CLI prints.
 */
import type { HeadlineFigure, MetricId, MetricValues } from '../metrics';
import { formatPercent, formatUsd } from '../units';
import type { BomFigure, BomLine } from './bom';
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

const kw = (w: number): string => `${(w / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} kW`;

/** "Scale-out: leaf switches (64-port 400G InfiniBand …)" → "scale-out leaf switches". */
const shortPart = (line: string): string =>
  line.replace(/\s*\(.*$/, '').replace(/^([^:]+):\s*/, (_, tier: string) => `${tier.toLowerCase()} `);

function itPower(r: ClusterReport): HeadlineFigure {
  const unknown = r.power.unknownPower;
  const base = { id: 'it-power', label: 'IT power', value: `${unknown.length ? '≥ ' : ''}${kw(r.power.itPowerW)}` };
  if (!unknown.length)
    return { ...base, sub: `facility ${kw(r.power.facilityPowerW)} at PUE ${r.cluster.facility.pue}` };
  const n = unknown.length;
  return {
    ...base,
    sub: `leaves out ${n} ${n === 1 ? 'part' : 'parts'} with no power figure: ${unknown.map(shortPart).join(', ')}`,
    detail: unknown.join('\n'),
  };
}

/** A cluster's headline figures, in the same words on the page and in the CLI. */
export function clusterHeadline(r: ClusterReport): HeadlineFigure[] {
  const t = r.tco;
  const share = `${formatPercent(t.share.compute, 0)} / ${formatPercent(t.share.network, 0)} / ${formatPercent(t.share.facility, 0)}`;
  return [
    { id: 'devices', label: 'Devices', value: r.devices.toLocaleString('en-US'), sub: `${r.nodes} × ${r.system.name}` },
    {
      id: 'racks',
      label: 'Racks',
      value: r.power.racks === null ? 'unknown' : r.power.racks.toLocaleString('en-US'),
      sub: `${r.power.nodesPerRack ?? '?'} nodes per rack`,
    },
    itPower(r),
    {
      id: 'capex',
      label: 'Capex',
      value: formatUsd(t.capexUSD),
      sub: t.unpriced.length ? `${t.unpriced.length} lines unpriced` : 'every line priced',
    },
    {
      id: 'opex',
      label: 'Opex per year',
      value: formatUsd(t.opexUSDPerYear),
      sub: `power ${formatUsd(t.powerUSDPerYear)}`,
    },
    { id: 'tco', label: 'TCO', value: formatUsd(t.tcoUSD), sub: `over ${r.cluster.facility.amortisationYears} years` },
    {
      id: 'usd-per-device-hour',
      label: '$ per device-hour',
      value: `$${t.usdPerDeviceHour.toFixed(3)}`,
      sub: 'TCO ÷ devices ÷ hours',
    },
    { id: 'share', label: 'Compute / network / facility', value: share, sub: 'share of TCO' },
  ];
}

/** A bill-of-materials line's power per unit: "10.2 kW", "9 W". */
export const bomWatts = (w: number): string =>
  w >= 1000 ? `${(w / 1000).toFixed(1)} kW` : `${w.toLocaleString('en-US')} W`;

/** A figure with its marks: "incl.", "unknown", "$270k unverified", "$250k your figure". */
const figureText = (f: BomFigure, fmt: (n: number) => string): string =>
  f.included
    ? 'incl.'
    : `${f.value === null ? 'unknown' : fmt(f.value)}${f.user ? ' your figure' : ''}${f.unverified ? ' unverified' : ''}`;

/** A bill-of-materials line as the page's table and the CLI write it. */
export function bomCells(l: BomLine): { qty: string; unitPrice: string; unitPower: string; linePrice: string } {
  return {
    qty: l.quantity.toLocaleString('en-US'),
    unitPrice: figureText(l.unitUSD, formatUsd),
    unitPower: figureText(l.unitW, bomWatts),
    linePrice: l.unitUSD.value === null || l.unitUSD.included ? '—' : formatUsd(l.unitUSD.value * l.quantity),
  };
}
