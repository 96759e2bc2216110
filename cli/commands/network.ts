/** `cluster-planner network --topology ft2|ft3|mpft|mrft|sf|df --radix 64 [--planes 8] [--endpoints N] --json` */
import { buildTopology, TOPOLOGIES, type TopologyKind } from '../../shared/network/topology';
import { formatUsd } from '../../shared/units';
import { CliError, numFlag, printJson, printPairs, type ParsedArgs } from '../format';

export function runNetwork(args: ParsedArgs): number {
  const kind = args.flags.get('topology');
  if (typeof kind !== 'string' || !(TOPOLOGIES as readonly string[]).includes(kind))
    throw new CliError(`--topology must be one of ${TOPOLOGIES.join(', ')}`);
  const endpoints = args.flags.has('endpoints') ? numFlag(args, 'endpoints', 0) : undefined;
  let r;
  try {
    r = buildTopology({
      kind: kind as TopologyKind,
      radix: numFlag(args, 'radix', 64),
      planes: numFlag(args, 'planes', 8),
      ...(endpoints !== undefined ? { endpoints } : {}),
      portGbps: numFlag(args, 'port-gbps', 400),
    });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const { trace: _t, ...out } = r;
  if (args.flags.has('json')) printJson(out);
  else
    printPairs([
      ['topology', `${r.kind.toUpperCase()}, radix ${r.radix}`],
      ['endpoints', r.endpoints.toLocaleString('en-US')],
      ['switches', r.switches.toLocaleString('en-US')],
      ['links', r.links.toLocaleString('en-US')],
      ['cost', formatUsd(r.costUSD)],
      ['cost per endpoint', formatUsd(r.costPerEndpointUSD)],
      ['diameter (switch hops)', r.diameterHops],
    ]);
  return 0;
}
