/**
 * One cluster, computed: node type and accelerator from the catalog, fabric counts, the BOM, power
 * and racks, and the TCO. Pure and synchronous; every error names the field it is about.
 */
import { pricedAccelerator, pricedSystem } from '../schema/prices';
import type { Accelerator, SystemSpec } from '../schema/hardware';
import type { Catalog } from '../schema/catalog';
import { buildBom, type BomLine } from './bom';
import { countFabric, type FabricCounts } from './fabric';
import { sizePower, type PowerSummary } from './power';
import type { Cluster } from '../schema/cluster';
import { totalCost, type Tco } from './tco';

export interface ClusterReport {
  cluster: Cluster;
  system: SystemSpec;
  accelerator: Accelerator;
  devices: number;
  /** System units (an HGX node, an NVL72 rack). */
  nodes: number;
  devicesPerNode: number;
  scaleOut: FabricCounts;
  frontEnd: FabricCounts | null;
  bom: BomLine[];
  power: PowerSummary;
  tco: Tco;
  warnings: string[];
}

/** The cluster's node type and its accelerator, priced from the catalog's price book. */
export function findNode(c: Cluster, catalog: Pick<Catalog, 'systems' | 'accelerators' | 'prices'>) {
  const system = catalog.systems.find((s) => s.id === c.node.systemId);
  if (!system) throw new Error(`node.systemId: "${c.node.systemId}" is not a system preset or one of your systems`);
  const accelerator = catalog.accelerators.find((a) => a.id === system.acceleratorId);
  if (!accelerator)
    throw new Error(`node.systemId: system "${system.id}" names unknown accelerator "${system.acceleratorId}"`);
  return { system: pricedSystem(system, catalog), accelerator: pricedAccelerator(accelerator, system.id, catalog) };
}

export function computeCluster(
  c: Cluster,
  catalog: Pick<Catalog, 'systems' | 'accelerators' | 'prices'>,
): ClusterReport {
  const { system, accelerator } = findNode(c, catalog);
  const devicesPerNode = system.devicesPerNode * system.nodesPerSystem;
  const devices = c.node.count * devicesPerNode;
  const scaleOut = countFabric(c.fabric, c.node.count, 'fabric');
  const frontEnd = c.frontEnd ? countFabric(c.frontEnd, c.node.count, 'frontEnd') : null;
  const draft = buildBom(c, system, accelerator, scaleOut, frontEnd, null);
  const power = sizePower(c, draft);
  const bom = buildBom(c, system, accelerator, scaleOut, frontEnd, power.racks);
  const tco = totalCost(c, bom, power, devices);
  const warnings: string[] = [];
  if (tco.unpriced.length) warnings.push(`No price for: ${tco.unpriced.join('; ')}. Capex and TCO leave them out.`);
  if (power.unknownPower.length)
    warnings.push(`No power figure for: ${power.unknownPower.join('; ')}. IT power leaves them out.`);
  if (power.racks === null) warnings.push('Node power is unknown, so racks cannot be sized: enter node.unitW.');
  return {
    cluster: c,
    system,
    accelerator,
    devices,
    nodes: c.node.count,
    devicesPerNode,
    scaleOut,
    frontEnd,
    bom,
    power,
    tco,
    warnings,
  };
}
