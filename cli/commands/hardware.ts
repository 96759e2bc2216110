/**
 * `cluster-planner hardware [--json]` lists accelerator ids; `hardware <id> [--json]` prints one
 * preset with the schema's field names (base units: bytes, bytes/s, FLOP/s; scale-up per direction).
 * Every number keeps the `{ value, source }` shape of the public contract, with `source` the resolved
 * citation text (publisher, title, date, table or section, link) from presets/sources.json, and a
 * `checkedOn` date of the oldest document it cites. `systems [--json]` lists system ids.
 */
import { acceleratorPresets, findAccelerator, findSystem, systemPresets } from '../../presets/load';
import { citeText, presetChecked, resolvedSources } from '../../presets/sources';
import { PRECISIONS } from '../../shared/schema/hardware';
import { formatBytes, formatBytesPerS, formatFlopPerS } from '../../shared/units';
import { CliError, printJson, printPairs, printTable, type ParsedArgs } from '../format';

export function runHardware(args: ParsedArgs): number {
  const id = args.positional[1];
  const json = args.flags.has('json');
  if (!id) {
    const list = acceleratorPresets();
    if (json) printJson(list.map((a) => a.id));
    else
      printTable(
        list.map((a) => ({
          id: a.id,
          name: a.name,
          'BF16 dense': a.peakFlopsPerS.bf16.value === null ? 'unknown' : formatFlopPerS(a.peakFlopsPerS.bf16.value),
          memory: a.memoryBytes.value === null ? 'unknown' : formatBytes(a.memoryBytes.value),
          bandwidth:
            a.memoryBandwidthBytesPerS.value === null ? 'unknown' : formatBytesPerS(a.memoryBandwidthBytesPerS.value),
        })),
      );
    return 0;
  }
  const a = findAccelerator(id);
  if (!a) {
    const sys = findSystem(id);
    if (sys) {
      if (json) printJson({ ...resolvedSources(sys), checkedOn: presetChecked(sys) ?? null });
      else
        printPairs(
          Object.entries(resolvedSources(sys)).map(([k, v]) => [
            k,
            typeof v === 'object' ? JSON.stringify(v) : String(v),
          ]),
        );
      return 0;
    }
    throw new CliError(
      `No hardware preset "${id}". Ids: ${acceleratorPresets()
        .map((x) => x.id)
        .join(', ')}`,
    );
  }
  if (json) {
    printJson({ ...resolvedSources(a), checkedOn: presetChecked(a) ?? null });
    return 0;
  }
  const v = (x: number | null, f: (n: number) => string): string => (x === null ? 'unknown' : f(x));
  printPairs([
    ['accelerator', `${a.name} (${a.id})`],
    ...PRECISIONS.map((p): [string, string] => [
      `peak ${p.toUpperCase()} (dense)`,
      v(a.peakFlopsPerS[p].value, formatFlopPerS),
    ]),
    ['memory', v(a.memoryBytes.value, formatBytes)],
    ['memory bandwidth', v(a.memoryBandwidthBytesPerS.value, formatBytesPerS)],
    [`scale-up (${a.scaleUpFabric}, per direction)`, v(a.scaleUpBandwidthBytesPerS.value, formatBytesPerS)],
    ['scale-out per device', v(a.scaleOutBandwidthBytesPerS.value, formatBytesPerS)],
    ['TDP', v(a.tdpW.value, (w) => `${w} W`)],
    ['checked on', presetChecked(a) ?? 'no registry citations'],
    ['memory bandwidth source', citeText(a.memoryBandwidthBytesPerS.source) || (a.memoryBandwidthBytesPerS.note ?? '')],
  ]);
  return 0;
}

export function runSystems(args: ParsedArgs): number {
  const list = systemPresets();
  if (args.flags.has('json')) printJson(list.map((s) => s.id));
  else
    printTable(
      list.map((s) => ({
        id: s.id,
        name: s.name,
        devices: s.devicesPerNode * s.nodesPerSystem,
        'scale-up': s.scaleUpDomainDevices,
      })),
    );
  return 0;
}
