/**
 * Power and floor space. IT power = Σ quantity × unit power over the BOM (nameplate); facility
 * power = IT power × PUE. Racks are sized against the rack power budget at nameplate:
 * - node racks: nodes per rack = ⌊budget ÷ (node power + its NICs and NIC-side optics)⌋, also
 *   limited by height when the node's rack units are given (42U racks, the EIA-310 common height);
 * - network racks: ⌈switch-side IT power ÷ budget⌉, or, where switch power is unknown, by height
 *   at 1U per switch (the height of a 64-port QM9700; an assumption for other models).
 * Both round up, so racks × budget ≥ IT power always holds.
 */
import { input, trace, type Trace } from '../explain';
import { KILO } from '../units';
import { sumLines, type BomLine } from './bom';
import type { Cluster } from '../schema/cluster';

export const RACK_UNITS = 42;
export const SWITCH_RACK_UNITS = 1;

export interface PowerSummary {
  itPowerW: number;
  facilityPowerW: number;
  /** Per node: node + NICs + NIC-side optics, W (null when the node's power is unknown). */
  perNodeW: number | null;
  networkW: number;
  nodesPerRack: number | null;
  nodeRacks: number | null;
  networkRacks: number;
  racks: number | null;
  /** BOM lines whose power is unknown (not in the totals). */
  unknownPower: string[];
  trace: Trace;
}

export function sizePower(c: Cluster, lines: readonly BomLine[]): PowerSummary {
  const budgetW = c.facility.rackBudgetKW * KILO;
  const units = c.node.count;
  const nodeLine = lines.find((l) => l.id === 'nodes')!;
  const nodeExtras = sumLines(lines, 'unitW', (l) => l.placement === 'node' && l.id !== 'nodes') / units;
  const perNodeW = nodeLine.unitW.value === null ? null : nodeLine.unitW.value + nodeExtras;
  const networkW = sumLines(lines, 'unitW', (l) => l.placement === 'network');
  const itPowerW = sumLines(lines, 'unitW');
  const unknownPower = lines
    .filter((l) => l.quantity > 0 && l.unitW.value === null && !l.unitW.included)
    .map((l) => l.item);
  if (perNodeW !== null && perNodeW > budgetW)
    throw new Error(
      `facility.rackBudgetKW: one node draws ${(perNodeW / KILO).toFixed(1)} kW, more than the ${c.facility.rackBudgetKW} kW rack budget`,
    );
  let nodesPerRack: number | null = null;
  if (perNodeW !== null) {
    const byPower = perNodeW > 0 ? Math.floor(budgetW / perNodeW) : Number.POSITIVE_INFINITY;
    const byHeight = c.node.rackUnits ? Math.floor(RACK_UNITS / c.node.rackUnits) : Number.POSITIVE_INFINITY;
    nodesPerRack = Math.max(1, Math.min(byPower, byHeight, units));
  }
  const nodeRacks = nodesPerRack === null ? null : Math.ceil(units / nodesPerRack);
  const switches = lines.filter((l) => l.id.includes('-switch-')).reduce((s, l) => s + l.quantity, 0);
  const switchPowerKnown = lines.filter((l) => l.id.includes('-switch-')).every((l) => l.unitW.value !== null);
  const networkRacks = switchPowerKnown
    ? Math.ceil(networkW / budgetW)
    : Math.ceil((switches * SWITCH_RACK_UNITS) / RACK_UNITS);
  const racks = nodeRacks === null ? null : nodeRacks + networkRacks;
  const facilityPowerW = itPowerW * c.facility.pue;
  return {
    itPowerW,
    facilityPowerW,
    perNodeW,
    networkW,
    nodesPerRack,
    nodeRacks,
    networkRacks,
    racks,
    unknownPower,
    // With the node's power unknown only the network racks can be counted: the trace says so
    // rather than showing NaN.
    trace: trace(
      racks === null ? 'Racks (network racks only: node power unknown)' : 'Racks',
      'node racks = ⌈nodes ÷ ⌊budget ÷ W per node⌋⌉; network racks = ⌈network W ÷ budget⌉',
      racks ?? networkRacks,
      'count',
      [
        input('rack budget', budgetW, 'W', 'facility.rackBudgetKW'),
        input('W per node (node, NICs, NIC-side optics)', perNodeW ?? 'unknown', 'W'),
        input('nodes per rack', nodesPerRack ?? 'unknown', 'count'),
        input(
          'network IT power',
          networkW,
          'W',
          switchPowerKnown ? undefined : 'switch power unknown: sized by height, 1U per switch',
        ),
        input('IT power', itPowerW, 'W'),
        input('PUE', c.facility.pue, 'ratio'),
      ],
      [],
      unknownPower.length ? `power unknown for: ${unknownPower.join('; ')}` : undefined,
    ),
  };
}
