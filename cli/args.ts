/**
 * What each command accepts, checked before it runs: the number of positional arguments and
 * every option with its kind. An unknown option, a missing value, a value for a switch, a number
 * that is not one, or an extra argument exits 2 with one line naming it (`cluster-planner infer:
 * unknown option --jsn; options: --json, --explain, --sweep`). A new command adds one entry here;
 * test/unit/cli-errors.test.ts fails for a command without one.
 */
import { CliError, type ParsedArgs } from './format';

export type OptionKind = 'switch' | 'text' | 'number' | 'repeatable';

export interface CommandArgs {
  /** Positional arguments after the command name: [fewest, most]. */
  positional: readonly [number, number];
  /** What the positional argument is, for "missing" messages. */
  operand?: string;
  options: Readonly<Record<string, OptionKind>>;
  /** Allowed values of text options. */
  choices?: Readonly<Record<string, readonly string[]>>;
}

export const COMMAND_ARGS: Readonly<Record<string, CommandArgs>> = {
  models: { positional: [0, 0], options: { json: 'switch' } },
  model: {
    positional: [1, 1],
    operand: 'a model preset id or a config.json',
    options: { json: 'switch', seq: 'number' },
  },
  hardware: { positional: [0, 1], operand: 'an accelerator or system id', options: { json: 'switch' } },
  systems: { positional: [0, 0], options: { json: 'switch' } },
  infer: {
    positional: [1, 1],
    operand: 'a plan file',
    options: {
      json: 'switch',
      explain: 'switch',
      sweep: 'text',
      'ttft-ms': 'number',
      'tpot-ms': 'number',
      'e2e-ms': 'number',
      'tokens-per-s-per-user': 'number',
    },
    choices: { sweep: ['batch'] },
  },
  train: { positional: [1, 1], operand: 'a plan file', options: { json: 'switch', explain: 'switch' } },
  rl: {
    positional: [1, 1],
    operand: 'an RL plan file',
    options: { json: 'switch', explain: 'switch', sweep: 'text' },
    choices: { sweep: ['split'] },
  },
  search: {
    positional: [1, 1],
    operand: 'a sizing spec (.clustersearch.json)',
    options: { json: 'switch', top: 'number', simulate: 'switch' },
  },
  cluster: {
    positional: [0, 1],
    operand: 'a cluster file or example id',
    options: { json: 'switch', explain: 'switch' },
  },
  validate: { positional: [0, 0], options: { json: 'switch' } },
  'calibrate-check': { positional: [1, 1], operand: 'a calibration profile', options: { json: 'switch' } },
  report: {
    positional: [1, 1],
    operand: 'a plan file',
    options: { pdf: 'text', compare: 'repeatable', page: 'text' },
    choices: { page: ['A4', 'Letter'] },
  },
  network: {
    positional: [0, 0],
    options: {
      json: 'switch',
      topology: 'text',
      radix: 'number',
      planes: 'number',
      endpoints: 'number',
      'port-gbps': 'number',
    },
  },
};

const list = (xs: readonly string[]): string => xs.join(', ');

/** Throws a CliError naming the first bad argument of `cmd`; `args` comes from parseArgs (positional[0] is the command). */
export function checkArgs(cmd: string, spec: CommandArgs, args: ParsedArgs): void {
  const names = Object.keys(spec.options);
  for (const [name, value] of args.flags) {
    const kind = spec.options[name];
    if (kind === undefined)
      throw new CliError(
        `unknown option --${name}; ${names.length ? `options: ${list(names.map((n) => `--${n}`))}` : `${cmd} takes no options`}`,
      );
    if (kind === 'switch' && value !== true) throw new CliError(`--${name} takes no value, got "${value}"`);
    if (kind !== 'switch' && value === true) throw new CliError(`--${name} needs a value`);
    if (kind === 'number' && typeof value === 'string' && !Number.isFinite(Number(value)))
      throw new CliError(`--${name} needs a number, got "${value}"`);
    if (kind !== 'repeatable' && (args.multi.get(name)?.length ?? 0) > 1)
      throw new CliError(`--${name} is given more than once`);
    const allowed = spec.choices?.[name];
    if (allowed && typeof value === 'string' && !allowed.includes(value))
      throw new CliError(`--${name} must be one of ${list(allowed)}, got "${value}"`);
  }
  const pos = args.positional.slice(1);
  const [min, max] = spec.positional;
  if (pos.length < min) throw new CliError(`missing ${spec.operand ?? 'argument'}`);
  if (pos.length > max)
    throw new CliError(`unexpected argument "${pos[max]}"${max === 0 ? `: ${cmd} takes no arguments` : ''}`);
}
