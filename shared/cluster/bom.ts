/**
 * Bill of materials: one line per item with a quantity, a unit price and a unit power, each a
 * sourced Figure (or the user's own, or null = unknown, never invented). Quantities come from the
 * node count and the fabric counts (fabric.ts); prices and powers from the cluster file, falling
 * back to the system preset (purchase price, power) and, for power only, to accelerator TDP ×
 * devices as a lower bound. A figure marked `included` is carried by another line (an NIC inside
 * a server's price) and is not added twice.
 */
import type { Accelerator, Sourced, SystemSpec } from '../schema/hardware';
import type { FabricCounts } from './fabric';
import type { Cluster, Fabric, Figure } from '../schema/cluster';

export type BomCategory = 'compute' | 'network' | 'facility';

export type BomFigure = Figure;

export interface BomLine {
  id: string;
  item: string;
  category: BomCategory;
  /** Where the item sits for rack sizing: inside nodes, in network racks, or the racks themselves. */
  placement: 'node' | 'network' | 'rack';
  quantity: number;
  unitUSD: BomFigure;
  unitW: BomFigure;
}

const INCLUDED = (what: string): BomFigure => ({ value: null, source: `included in ${what}`, included: true });
const unknown = (source: Figure['source'], note: string): BomFigure => ({ value: null, source, note });

/** A preset's sourced value as a BOM figure: its citation kept, the preset named in the note. */
function fromPreset(v: Sourced, preset: string): Figure {
  const note = [`${preset} preset`, v.note].filter(Boolean).join(': ');
  return {
    value: v.value,
    source: v.source ?? `${preset} preset (no source: the value is unknown)`,
    note,
    ...(v.unverified ? { unverified: true } : {}),
  };
}

/** The node's price: the cluster's figure, else the system preset's. */
export function nodePrice(c: Cluster, sys: SystemSpec): Figure {
  return c.node.unitUSD ?? fromPreset(sys.purchaseUSD, sys.name);
}

/** The node's nameplate power: the cluster's figure, the system preset's, else accelerators' TDP (lower bound). */
export function nodePower(c: Cluster, sys: SystemSpec, acc: Accelerator): Figure {
  if (c.node.unitW) return c.node.unitW;
  if (sys.powerW.value !== null) return fromPreset(sys.powerW, sys.name);
  const per = sys.devicesPerNode * sys.nodesPerSystem;
  if (acc.tdpW.value === null) return unknown(`${sys.name} preset`, 'node power and accelerator TDP are unknown');
  return {
    value: acc.tdpW.value * per,
    source: acc.tdpW.source ?? `${acc.name} preset`,
    note: `${acc.name} TDP × ${per}: accelerators only: CPUs, memory, fans and NICs are not in this figure (a lower bound)`,
    unverified: true,
  };
}

function computeLines(c: Cluster, sys: SystemSpec, acc: Accelerator): BomLine[] {
  const units = c.node.count;
  const perUnit = sys.devicesPerNode * sys.nodesPerSystem;
  const price = nodePrice(c, sys);
  const power = nodePower(c, sys, acc);
  const node: BomLine = {
    id: 'nodes',
    item: `${sys.name} (CPU, memory, chassis${price.value !== null ? ', accelerators' : ''})`,
    category: 'compute',
    placement: 'node',
    quantity: units,
    unitUSD:
      price.value !== null
        ? price
        : unknown(price.source, 'server price unknown without the accelerators: enter a quote as your own figure'),
    unitW: power,
  };
  const accLine: BomLine = {
    id: 'accelerators',
    item: `${acc.name} accelerators`,
    category: 'compute',
    placement: 'node',
    quantity: units * perUnit,
    unitUSD: price.value !== null ? INCLUDED('the node price') : fromPreset(acc.price.purchaseUSD, acc.name),
    unitW: {
      ...acc.tdpW,
      value: null,
      source: `TDP ${acc.tdpW.value ?? 'unknown'} W each, in the node power`,
      included: true,
    },
  };
  return [node, accLine];
}

function fabricLines(f: Fabric, n: FabricCounts, units: number, label: string, key: string): BomLine[] {
  const tier = (name: string, q: number): BomLine => ({
    id: `${key}-switch-${name}`,
    item: `${label}: ${name} switches (${f.switchModel}, ${f.radix} ports)`,
    category: 'network',
    placement: 'network',
    quantity: q,
    unitUSD: f.switchUSD,
    unitW: f.switchW,
  });
  const cable = (id: string, what: string, medium: string, q: number): BomLine => ({
    id: `${key}-cable-${id}`,
    item: `${label}: ${what} cables (${medium.toUpperCase()})`,
    category: 'network',
    placement: 'network',
    quantity: q,
    unitUSD: f.cableUSD,
    unitW: medium === 'dac' ? { value: 0, source: 'passive copper draws no power' } : INCLUDED('the transceiver ends'),
  });
  const xcvr = (id: string, where: string, q: number, medium: string): BomLine => ({
    id: `${key}-xcvr-${id}`,
    item: `${label}: ${medium === 'aoc' ? 'AOC ends' : 'optical transceivers'} (${where}, per ${f.nicGbps}G port)`,
    category: 'network',
    placement: id === 'nic' ? 'node' : 'network',
    quantity: q,
    unitUSD: medium === 'aoc' ? INCLUDED('the AOC cable price') : f.transceiverUSD,
    unitW: f.transceiverW,
  });
  const lines: BomLine[] = [
    {
      id: `${key}-nics`,
      item: `${label}: NICs (${f.nicModel}, ${f.nicGbps} Gb/s)`,
      category: 'network',
      placement: 'node',
      quantity: units * f.nicsPerNode,
      unitUSD: f.nicUSD,
      unitW: f.nicW,
    },
    tier('leaf', n.tiers.leaf),
  ];
  if (n.tiers.spine > 0) lines.push(tier('spine', n.tiers.spine));
  if (n.tiers.core > 0) lines.push(tier('core', n.tiers.core));
  lines.push(cable('endpoint', 'node-to-leaf', n.media.endpoint, n.cables.endpoint));
  if (n.cables.leafSpine > 0) lines.push(cable('leaf-spine', 'leaf-to-spine', n.media.switch, n.cables.leafSpine));
  if (n.cables.spineCore > 0) lines.push(cable('spine-core', 'spine-to-core', n.media.switch, n.cables.spineCore));
  if (n.transceivers.nicSide > 0) lines.push(xcvr('nic', 'NIC side', n.transceivers.nicSide, n.media.endpoint));
  if (n.transceivers.switchSide > 0)
    lines.push(xcvr('switch', 'switch side', n.transceivers.switchSide, n.media.switch));
  return lines;
}

function rackLines(c: Cluster, racks: number | null): BomLine[] {
  const f = c.facility;
  const q = racks ?? 0;
  return [
    {
      id: 'racks',
      item: 'Racks',
      category: 'facility',
      placement: 'rack',
      quantity: q,
      unitUSD: f.rackUSD,
      unitW: { value: 0, source: 'a rack draws no power of its own' },
    },
    {
      id: 'pdus',
      item: `Rack PDUs (${f.pdusPerRack} per rack)`,
      category: 'facility',
      placement: 'rack',
      quantity: q * f.pdusPerRack,
      unitUSD: f.pduUSD,
      unitW: { value: 0, source: 'PDU losses are part of the PUE' },
    },
  ];
}

export function buildBom(
  c: Cluster,
  sys: SystemSpec,
  acc: Accelerator,
  scaleOut: FabricCounts,
  frontEnd: FabricCounts | null,
  racks: number | null,
): BomLine[] {
  return [
    ...computeLines(c, sys, acc),
    ...fabricLines(c.fabric, scaleOut, c.node.count, 'Scale-out', 'so'),
    ...(frontEnd && c.frontEnd ? fabricLines(c.frontEnd, frontEnd, c.node.count, 'Front-end', 'fe') : []),
    ...rackLines(c, racks),
  ];
}

/** Sum of quantity × unit value over the lines that have a value and are not included elsewhere. */
export function sumLines(
  lines: readonly BomLine[],
  key: 'unitUSD' | 'unitW',
  filter?: (l: BomLine) => boolean,
): number {
  return lines
    .filter((l) => (filter ? filter(l) : true))
    .reduce((s, l) => (l[key].included || l[key].value === null ? s : s + l.quantity * l[key].value), 0);
}
