/**
 * `cluster-planner cluster <cluster.json | preset id> [--json] [--explain]`: bill of materials,
 * power, racks and total cost of ownership of a cluster. Without an argument, lists the example
 * clusters (presets/clusters).
 */
import { clusterPresets, presetCatalog } from '../../presets/load';
import { citeText } from '../../presets/sources';
import { computeCluster, type ClusterReport } from '../../shared/cluster/compute';
import { parseClusterFile, type Cluster } from '../../shared/schema/cluster';
import { traceLines } from '../../shared/explain';
import { bomCells, clusterHeadline } from '../../shared/cluster/metrics';
import { readInputFile } from '../files';
import { CliError, printJson, printPairs, printTable, type ParsedArgs } from '../format';

function readCluster(arg: string): Cluster {
  const preset = clusterPresets().find((c) => c.id === arg);
  if (preset) return preset;
  let text: string;
  try {
    text = readInputFile(arg);
  } catch (e) {
    const ids = clusterPresets().map((c) => c.id);
    throw new CliError(`${(e as Error).message}; example ids: ${ids.join(', ')}`);
  }
  try {
    return parseClusterFile(text);
  } catch (e) {
    throw new CliError(`${arg}: ${(e as Error).message}`);
  }
}

/** The public JSON contract (field names stay stable). */
export function clusterJson(r: ClusterReport) {
  return {
    id: r.cluster.id,
    name: r.cluster.name,
    devices: r.devices,
    nodes: r.nodes,
    racks: r.power.racks,
    bom: r.bom.map((l) => ({
      item: l.item,
      category: l.category,
      quantity: l.quantity,
      unitUSD: l.unitUSD.included ? null : l.unitUSD.value,
      unitW: l.unitW.included ? null : l.unitW.value,
      source: `price: ${citeText(l.unitUSD.source)}${l.unitUSD.user ? ' (user figure)' : ''}; power: ${citeText(l.unitW.source)}${l.unitW.user ? ' (user figure)' : ''}`,
      ...(l.unitUSD.included || l.unitW.included
        ? { included: { price: !!l.unitUSD.included, power: !!l.unitW.included } }
        : {}),
    })),
    switches: r.scaleOut.tiers,
    capexUSD: r.tco.capexUSD,
    itPowerW: r.power.itPowerW,
    facilityPowerW: r.power.facilityPowerW,
    opexUSDPerYear: r.tco.opexUSDPerYear,
    tcoUSD: r.tco.tcoUSD,
    usdPerDeviceHour: r.tco.usdPerDeviceHour,
    share: r.tco.share,
    warnings: r.warnings,
  };
}

export function runCluster(args: ParsedArgs): number {
  const arg = args.positional[1];
  if (!arg) {
    const ids = clusterPresets().map((c) => c.id);
    if (args.flags.has('json')) printJson(ids);
    else process.stdout.write(ids.join('\n') + '\n');
    return 0;
  }
  let r: ClusterReport;
  try {
    r = computeCluster(readCluster(arg), presetCatalog());
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message);
  }
  if (args.flags.has('json')) {
    printJson({ ...clusterJson(r), ...(args.flags.has('explain') ? { trace: [r.tco.trace, r.power.trace] } : {}) });
    return 0;
  }
  printPairs([
    ['cluster', `${r.cluster.name} (${r.cluster.id})`],
    ...clusterHeadline(r).map((f): [string, string] => [f.label, `${f.value} (${f.sub})`]),
    ['switches', `${r.scaleOut.tiers.leaf} leaf, ${r.scaleOut.tiers.spine} spine, ${r.scaleOut.tiers.core} core`],
  ]);
  process.stdout.write('\n');
  printTable(
    r.bom.map((l) => {
      const c = bomCells(l);
      return {
        item: l.item,
        qty: c.qty,
        'unit price': c.unitPrice,
        'unit power': c.unitPower,
        'line price': c.linePrice,
      };
    }),
  );
  for (const w of r.warnings) process.stdout.write(`note: ${w}\n`);
  if (args.flags.has('explain'))
    for (const t of [r.tco.trace, r.power.trace]) for (const line of traceLines(t)) process.stdout.write(`${line}\n`);
  return 0;
}
