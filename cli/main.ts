/**
 * cluster-planner: the command-line face of the engine. Every command prints JSON with --json and
 * a readable table otherwise. Exit codes: 0 ok, 2 bad input (message on stderr).
 */
import { checkArgs, COMMAND_ARGS } from './args';
import { CliError, parseArgs } from './format';

export { MAX_INPUT_FILE_BYTES } from './files';

const HELP = `cluster-planner — LLM cluster cost and speed planner

Usage:
  cluster-planner models [--json]                         list model preset ids
  cluster-planner model <id | config.json> [--seq N] [--json]
                                                          parameters, KV cache, FLOPs, weight bytes
  cluster-planner hardware [id] [--json]                  accelerator ids, or one preset (base units)
  cluster-planner systems [--json]                        system ids (nodes, racks, supernodes)
  cluster-planner infer <plan.json> [--json] [--explain] [--sweep batch]
                                                          TTFT, TPOT, throughput, memory, cost
  cluster-planner infer <plan.json> [--tpot-ms T | --tokens-per-s-per-user R] [--ttft-ms T] [--e2e-ms T]
                                                          the most concurrent requests within the
                                                          objectives (closed loop), and the plan there
  cluster-planner train <plan.json> [--json] [--explain]  step time, MFU, memory, time and cost to train
  cluster-planner rl <plan.json> [--json] [--explain] [--sweep split]
                                                          RL step (GRPO/PPO): time, breakdown, tokens/s, cost
  cluster-planner search <spec.clustersearch.json> [--json] [--top N] [--simulate]
                                                          cheapest deployment meeting the SLOs, frontiers
  cluster-planner validate [--json]                       predicted vs published figures
  cluster-planner calibrate-check <profile.json> [--json] engine vs a calibration profile's measured points
  cluster-planner report <plan.json> [--compare other.json …] --pdf out.pdf [--page A4|Letter]
                                                          PDF report rendered in the system Chromium
  cluster-planner network --topology ft2|ft3|mpft|mrft|sf|df --radix 64 [--planes 8] [--endpoints N] [--json]
                                                          switches, links, cost of a cluster network
  cluster-planner cluster [cluster.json | example id] [--json] [--explain]
                                                          bill of materials, power, racks, TCO, $ per device-hour
  cluster-planner --help                                  this text

Files: every file argument must be a regular file of at most 8 MiB (8,388,608 bytes), checked
before it is read; a byte-order mark at its start is ignored. Warnings (a flag clamped, an
implausible input) go to stderr and do not change the exit code.
Exit codes: 0 done, 2 bad input (one line on stderr naming the problem).
`;

type Command = (args: ReturnType<typeof parseArgs>) => number | Promise<number>;

/**
 * Each command's module, loaded when the command runs: `models` need not load the engine's
 * kernel profiles (several megabytes) that `infer` and `search` read.
 */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  models: async () => (await import('./commands/model')).runModels,
  model: async () => (await import('./commands/model')).runModel,
  hardware: async () => (await import('./commands/hardware')).runHardware,
  systems: async () => (await import('./commands/hardware')).runSystems,
  infer: async () => (await import('./commands/infer')).runInfer,
  validate: async () => (await import('./commands/infer')).runValidate,
  network: async () => (await import('./commands/network')).runNetwork,
  train: async () => (await import('./commands/train')).runTrain,
  'calibrate-check': async () => (await import('./commands/calibrate')).runCalibrateCheck,
  report: async () => (await import('./commands/report')).runReport,
  search: async () => (await import('./commands/search')).runSearchCommand,
  cluster: async () => (await import('./commands/cluster')).runCluster,
  rl: async () => (await import('./commands/rl')).runRl,
};

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv.map((a) => (a === '-h' ? '--help' : a)));
  const cmd = args.positional[0];
  if (cmd === 'help' || args.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!cmd) {
    process.stderr.write(HELP);
    return 2;
  }
  const load = COMMANDS[cmd];
  if (!load) {
    process.stderr.write(`Unknown command "${oneLine(cmd)}". Commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  try {
    const spec = COMMAND_ARGS[cmd];
    if (spec) checkArgs(cmd, spec, args);
    return await (
      await load()
    )(args);
  } catch (e) {
    // One line naming the problem, never a stack trace: bad input is the user's to fix.
    process.stderr.write(`cluster-planner ${cmd}: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return e instanceof CliError ? e.exitCode : 2;
  }
}

/** Folds a message onto one line (zod and file-system messages may hold newlines). */
export function oneLine(s: string): string {
  const flat = s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return flat.length > 2000 ? `${flat.slice(0, 2000)}…` : flat || 'failed';
}
