/**
 * Explain traces: every result the engine returns can say how it was computed.
 *
 * A trace is plain data (so it crosses the worker boundary, the IPC bridge and the CLI unchanged):
 * a label, the formula in words and symbols, the inputs with their units, the value with its unit,
 * and the sub-results it was built from. The renderer shows it as "show the math", the PDF report
 * prints it in an appendix and the CLI prints it with --explain.
 */

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
  value: number;
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
  value: number,
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
