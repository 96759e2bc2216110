/** Output helpers for the CLI: JSON with --json, an aligned table otherwise. */
export function printJson(x: unknown): void {
  process.stdout.write(JSON.stringify(x, null, 2) + '\n');
}

export function printTable(rows: Array<Record<string, string | number>>): void {
  if (rows.length === 0) {
    process.stdout.write('(nothing)\n');
    return;
  }
  const cols = Object.keys(rows[0]!);
  const cell = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]): string =>
    vals
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(line(cols) + '\n' + line(widths.map((w) => '-'.repeat(w))) + '\n');
  for (const r of rows) process.stdout.write(line(cols.map((c) => cell(r[c]))) + '\n');
}

export function printPairs(pairs: Array<[string, string | number]>): void {
  const w = Math.max(...pairs.map(([k]) => k.length));
  for (const [k, v] of pairs) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
}

/** A warning on stderr ("cluster-planner <cmd>: warning: …"): the command goes on, the exit code is unchanged. */
export function warn(cmd: string, message: string): void {
  process.stderr.write(`cluster-planner ${cmd}: warning: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
  multi: Map<string, string[]>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const multi = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      let key: string;
      let val: string | true;
      if (eq > 0) {
        key = a.slice(2, eq);
        val = a.slice(eq + 1);
      } else {
        key = a.slice(2);
        const next = argv[i + 1];
        val = next !== undefined && !next.startsWith('--') && !BOOLEAN_FLAGS.has(key) ? (i++, next) : true;
      }
      flags.set(key, val);
      if (typeof val === 'string') multi.set(key, [...(multi.get(key) ?? []), val]);
    } else positional.push(a);
  }
  return { positional, flags, multi };
}

const BOOLEAN_FLAGS = new Set(['json', 'help', 'explain', 'all']);

export function numFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isFinite(n))
    throw new CliError(`--${name} needs a number, got ${v === true ? 'nothing' : JSON.stringify(v)}`);
  return n;
}
