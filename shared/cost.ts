/**
 * Money and energy. A device-hour costs either the plan's hourly price, or ownership:
 * purchase / (amortisation years × 8,760 h) + power (W × PUE × $/kWh) + opex share.
 * Energy per token = devices × watts drawn ÷ tokens per second.
 */
import type { Accelerator } from './hardware/schema';
import { input, trace, type Trace } from './explain';
import type { Plan } from './plan/schema';
import { sourceLabel } from './sources/registry';
import { HOURS_PER_YEAR, KILO } from './units';

export interface DeviceHourCost {
  usdPerDeviceHour: number | null;
  wattsPerDevice: number | null;
  trace: Trace;
}

export function deviceHourCost(plan: Plan, acc: Accelerator): DeviceHourCost {
  const tdp = acc.tdpW.value;
  const watts = tdp === null ? null : tdp * plan.powerFractionOfTdp;
  const p = plan.prices;
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
        v ?? Number.NaN,
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
