/** `cluster-planner network --topology ft2|ft3|mpft|mrft|sf|df --radix 64 [--planes 8] [--endpoints N] --json` */
import { buildTopology, TOPOLOGIES, type TopologyKind } from '../../shared/network/topology';
import { formatUsd } from '../../shared/units';
import { CliError, numFlag, printJson, printPairs, warn, type ParsedArgs } from '../format';

/** A number flag within [min, max] (whole when `whole`), refused naming the flag otherwise. */
function bounded(args: ParsedArgs, name: string, fallback: number, min: number, max: number, whole: boolean): number {
  const v = numFlag(args, name, fallback);
  if (v < min || v > max || (whole && !Number.isInteger(v)))
    throw new CliError(
      `--${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max.toLocaleString('en-US')}, got ${v}`,
    );
  return v;
}

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
      planes: bounded(args, 'planes', 8, 1, 64, true),
      ...(endpoints !== undefined ? { endpoints } : {}),
      portGbps: bounded(args, 'port-gbps', 400, 1, 100_000, false),
    });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message);
  }
  if (endpoints !== undefined && endpoints !== r.endpoints)
    warn(
      'network',
      kind === 'sf' || kind === 'df'
        ? `--endpoints ${String(args.flags.get('endpoints'))} ignored: a ${kind.toUpperCase()} of radix ${r.radix} has ${r.endpoints.toLocaleString('en-US')} endpoints`
        : `--endpoints ${String(args.flags.get('endpoints'))} is more than ${kind.toUpperCase()} of radix ${r.radix} connects: sized for its maximum, ${r.endpoints.toLocaleString('en-US')}`,
    );
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
