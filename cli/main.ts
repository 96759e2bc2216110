/**
 * cluster-planner: the command-line face of the engine. Every command prints JSON with --json and
 * a readable table otherwise. Exit codes: 0 ok, 2 bad input (message on stderr).
 */
import { CliError, parseArgs } from './format';
import { runCalibrateCheck } from './commands/calibrate';
import { runCluster } from './commands/cluster';
import { runHardware, runSystems } from './commands/hardware';
import { runInfer, runValidate } from './commands/infer';
import { runModel, runModels } from './commands/model';
import { runNetwork } from './commands/network';
import { runReport } from './commands/report';
import { runSearchCommand } from './commands/search';
import { runTrain } from './commands/train';
import { runRl } from './commands/rl';

const HELP = `cluster-planner — LLM cluster cost and speed planner

Usage:
  cluster-planner models [--json]                         list model preset ids
  cluster-planner model <id | config.json> [--seq N] [--json]
                                                          parameters, KV cache, FLOPs, weight bytes
  cluster-planner hardware [id] [--json]                  accelerator ids, or one preset (base units)
  cluster-planner systems [--json]                        system ids (nodes, racks, supernodes)
  cluster-planner infer <plan.json> [--json] [--explain] [--sweep batch]
                                                          TTFT, TPOT, throughput, memory, cost
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
  cluster [cluster.json | example id] [--json] [--explain]
                                                          bill of materials, power, racks, TCO, $ per device-hour
`;

type Command = (args: ReturnType<typeof parseArgs>) => number | Promise<number>;

export const COMMANDS: Record<string, Command> = {
  models: runModels,
  model: runModel,
  hardware: runHardware,
  systems: runSystems,
  infer: runInfer,
  validate: runValidate,
  network: runNetwork,
  train: runTrain,
  'calibrate-check': runCalibrateCheck,
  report: runReport,
  search: runSearchCommand,
  cluster: runCluster,
  rl: runRl,
};

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const cmd = args.positional[0];
  if (!cmd || args.flags.has('help') || cmd === 'help') {
    process.stdout.write(HELP);
    return cmd ? 0 : 2;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    process.stderr.write(`Unknown command "${cmd}". Commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  try {
    return await run(args);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`cluster-planner ${cmd}: ${msg}\n`);
    return e instanceof CliError ? e.exitCode : 2;
  }
}
