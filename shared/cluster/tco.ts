/**
 * Total cost of ownership over the amortisation period.
 *   capex          = Σ quantity × unit price over priced BOM lines
 *   power per year = IT power × average fraction drawn × PUE × 8,760 h × $/kWh
 *   colocation     = $/kW-month × IT kW × 12, or $/rack-month × racks × 12
 *   support        = capex × support fraction per year
 *   TCO            = capex + years × (power + colocation + support)
 *   $ per device-hour = TCO ÷ (devices × years × 8,760 h)
 * Shares: compute = compute capex (+ its share of support); network = network capex (+ its share
 * of support); facility = racks, PDUs, electricity and colocation.
 */
import { input, trace, type Trace } from '../explain';
import { HOURS_PER_YEAR, KILO } from '../units';
import { sumLines, type BomLine } from './bom';
import type { PowerSummary } from './power';
import type { Cluster } from '../schema/cluster';

const MONTHS_PER_YEAR = 12;

export interface Tco {
  capexUSD: number;
  capexByCategory: { compute: number; network: number; facility: number };
  powerUSDPerYear: number;
  colocationUSDPerYear: number;
  supportUSDPerYear: number;
  opexUSDPerYear: number;
  tcoUSD: number;
  usdPerDeviceHour: number;
  share: { compute: number; network: number; facility: number };
  /** Lines with a quantity whose price is unknown: capex leaves them out. */
  unpriced: string[];
  trace: Trace;
}

export function totalCost(c: Cluster, lines: readonly BomLine[], p: PowerSummary, devices: number): Tco {
  const f = c.facility;
  const cat = (k: BomLine['category']) => sumLines(lines, 'unitUSD', (l) => l.category === k);
  const capexByCategory = { compute: cat('compute'), network: cat('network'), facility: cat('facility') };
  const capexUSD = capexByCategory.compute + capexByCategory.network + capexByCategory.facility;
  const powerUSDPerYear = (p.itPowerW / KILO) * f.averagePowerFraction * f.pue * HOURS_PER_YEAR * f.usdPerKWh;
  const col = f.colocation;
  const colocationUSDPerYear =
    col.mode === 'per-kw-month'
      ? col.usd * (p.itPowerW / KILO) * MONTHS_PER_YEAR
      : col.mode === 'per-rack-month'
        ? col.usd * (p.racks ?? 0) * MONTHS_PER_YEAR
        : 0;
  const supportUSDPerYear = capexUSD * f.supportFractionPerYear;
  const opexUSDPerYear = powerUSDPerYear + colocationUSDPerYear + supportUSDPerYear;
  const years = f.amortisationYears;
  const tcoUSD = capexUSD + years * opexUSDPerYear;
  const usdPerDeviceHour = tcoUSD / (devices * years * HOURS_PER_YEAR);
  const support = (x: number) => (capexUSD > 0 ? (x / capexUSD) * supportUSDPerYear * years : 0);
  const compute = capexByCategory.compute + support(capexByCategory.compute);
  const network = capexByCategory.network + support(capexByCategory.network);
  const facility = tcoUSD - compute - network;
  const share =
    tcoUSD > 0
      ? { compute: compute / tcoUSD, network: network / tcoUSD, facility: facility / tcoUSD }
      : { compute: 0, network: 0, facility: 0 };
  const unpriced = lines
    .filter((l) => l.quantity > 0 && l.unitUSD.value === null && !l.unitUSD.included)
    .map((l) => l.item);
  return {
    capexUSD,
    capexByCategory,
    powerUSDPerYear,
    colocationUSDPerYear,
    supportUSDPerYear,
    opexUSDPerYear,
    tcoUSD,
    usdPerDeviceHour,
    share,
    unpriced,
    trace: trace(
      'Cluster TCO per device-hour',
      '(capex + years × (power + colocation + support)) ÷ (devices × years × 8,760 h)',
      usdPerDeviceHour,
      'USD',
      [
        input('capex', capexUSD, 'USD', unpriced.length ? `leaves out unpriced: ${unpriced.join('; ')}` : undefined),
        input('electricity per year', powerUSDPerYear, 'USD', 'IT W × average fraction × PUE × 8,760 h × $/kWh'),
        input('colocation per year', colocationUSDPerYear, 'USD', col.mode === 'none' ? 'none' : col.source),
        input('support per year', supportUSDPerYear, 'USD', `${f.supportFractionPerYear} × capex`),
        input('amortisation years', years),
        input('devices', devices, 'count'),
        input('facility figures', f.source),
      ],
    ),
  };
}
