import type { ClusterReport } from '@shared/cluster/compute';
import { sourceRegistry } from '@presets/sources';
import { sourceText } from '@shared/sources/registry';

const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const v = (f: { value: number | null; included?: boolean | undefined }): string =>
  f.included ? 'included' : f.value === null ? '' : String(f.value);

/** The bill of materials as CSV: one row per line, units in the header, sources in their own columns. */
export function bomCsv(r: ClusterReport): string {
  const head = [
    'item',
    'category',
    'quantity',
    'unit_usd',
    'unit_w',
    'line_usd',
    'line_w',
    'price_source',
    'power_source',
  ];
  const rows = r.bom.map((l) =>
    [
      l.item,
      l.category,
      String(l.quantity),
      v(l.unitUSD),
      v(l.unitW),
      l.unitUSD.value === null || l.unitUSD.included ? '' : String(l.unitUSD.value * l.quantity),
      l.unitW.value === null || l.unitW.included ? '' : String(l.unitW.value * l.quantity),
      `${sourceText(l.unitUSD.source, sourceRegistry())}${l.unitUSD.user ? ' (your figure)' : ''}${l.unitUSD.unverified ? ' (unverified)' : ''}`,
      `${sourceText(l.unitW.source, sourceRegistry())}${l.unitW.user ? ' (your figure)' : ''}${l.unitW.unverified ? ' (unverified)' : ''}`,
    ]
      .map(q)
      .join(','),
  );
  const totals = [
    ['total capex', '', '', '', '', String(r.tco.capexUSD), String(r.power.itPowerW), '', ''].map(q).join(','),
  ];
  return [head.join(','), ...rows, ...totals].join('\n') + '\n';
}
