/**
 * Explain traces: every result the engine returns can say how it was computed.
 *
 * A trace is plain data (so it crosses the worker boundary, the IPC bridge and the CLI unchanged):
 * a label, the formula in words and symbols, the inputs with their units, the value with its unit,
 * and the sub-results it was built from. The renderer shows it as "show the math", the PDF report
 * prints it in an appendix and the CLI prints it with --explain.
 */
import {
  formatBytes,
  formatBytesPerS,
  formatCount,
  formatFlop,
  formatFlopPerS,
  formatParams,
  formatSeconds,
  formatSig,
  formatUsd,
} from './units';

export type UnitLabel =
  | 'bytes'
  | 'B/s'
  | 'FLOP'
  | 'FLOP/s'
  | 's'
  | 'USD'
  | 'J'
  | 'W'
  | 'count'
  | 'ratio'
  | 'params'
  | 'tokens'
  | 'tokens/s'
  | 'USD/M tokens'
  | 'hops';

export interface TraceInput {
  name: string;
  value: number | string;
  unit?: UnitLabel | undefined;
  note?: string | undefined;
}

export interface Trace {
  label: string;
  formula: string;
  /** null: not known (a price not set, a TDP not published); the note says why. */
  value: number | null;
  unit: UnitLabel;
  inputs: TraceInput[];
  children: Trace[];
  note?: string | undefined;
}

export interface Explained<T> {
  value: T;
  trace: Trace;
}

export function trace(
  label: string,
  formula: string,
  value: number | null,
  unit: UnitLabel,
  inputs: TraceInput[] = [],
  children: Trace[] = [],
  note?: string,
): Trace {
  return note === undefined
    ? { label, formula, value, unit, inputs, children }
    : { label, formula, value, unit, inputs, children, note };
}

export const input = (name: string, value: number | string, unit?: UnitLabel, note?: string): TraceInput => ({
  name,
  value,
  unit,
  note,
});

/** Depth-first list of every node, for flat rendering (CLI, PDF appendix). */
export function flattenTrace(t: Trace, depth = 0): Array<{ depth: number; node: Trace }> {
  return [{ depth, node: t }, ...t.children.flatMap((c) => flattenTrace(c, depth + 1))];
}

/** A value by its unit label, as the app, the PDF and the CLI write it ("unknown" when not known). */
export function formatTraceValue(v: number | null, unit?: UnitLabel): string {
  if (v === null || !Number.isFinite(v)) return 'unknown';
  switch (unit) {
    case 'bytes':
      return formatBytes(v);
    case 'B/s':
      return formatBytesPerS(v);
    case 'FLOP':
      return formatFlop(v);
    case 'FLOP/s':
      return formatFlopPerS(v);
    case 's':
      return formatSeconds(v);
    case 'USD':
    case 'USD/M tokens':
      return formatUsd(v);
    case 'params':
      return formatParams(v);
    case 'ratio':
      return formatSig(v, 3);
    case 'W':
      return `${formatCount(v)} W`;
    case 'J':
      return `${formatSig(v, 3)} J`;
    case 'tokens':
      return `${formatCount(v)} tokens`;
    case 'tokens/s':
      return `${formatCount(v)} tokens/s`;
    case 'hops':
      return `${v} hops`;
    default:
      return Number.isInteger(v) ? v.toLocaleString('en-US') : Number(v.toPrecision(4)).toLocaleString('en-US');
  }
}

/** The trace as indented lines (the CLI's --explain): "label = value   [formula]". */
export function traceLines(t: Trace): string[] {
  return flattenTrace(t).map(
    ({ depth, node }) =>
      `${'  '.repeat(depth)}${node.label} = ${formatTraceValue(node.value, node.unit)}   [${node.formula}]${node.note ? ` — ${node.note}` : ''}`,
  );
}
