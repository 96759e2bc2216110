/**
 * The bounds a schema puts on a number field, read from the zod schema itself, so that forms check
 * a typed value against the same limits the file format does (no copy of a minimum to drift).
 * A dotted path ("inference.parallelism.tp", "constraints.usdPerDeviceHour.hgx-h100") is followed
 * through objects, records, optional/nullable/default wrappers and unions (the first option that
 * has the path wins: a discriminated union's options share their number fields' bounds).
 */
import type { z } from 'zod';

export interface NumberBounds {
  int: boolean;
  /** Inclusive minimum and maximum. */
  min?: number;
  max?: number;
  /** Exclusive minimum ("> 0") and maximum. */
  gt?: number;
  lt?: number;
}

/** The parts of a zod v4 schema's definition this walk reads. */
interface Def {
  type: string;
  shape?: Record<string, Node>;
  innerType?: Node;
  valueType?: Node;
  options?: Node[];
  in?: Node;
  checks?: Array<{ _zod: { def: { check: string; value?: number; inclusive?: boolean; format?: string } } }>;
}
interface Node {
  _zod: { def: Def };
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(n: Node): Node {
  let x = n;
  for (let i = 0; i < 16; i++) {
    const d = x._zod.def;
    if (WRAPPERS.has(d.type) && d.innerType) x = d.innerType;
    else if (d.type === 'pipe' && d.in) x = d.in;
    else break;
  }
  return x;
}

function child(n: Node, key: string): Node | null {
  const d = unwrap(n)._zod.def;
  if (d.type === 'object') return d.shape?.[key] ?? null;
  if (d.type === 'record') return d.valueType ?? null;
  if (d.type === 'union')
    for (const o of d.options ?? []) {
      const c = child(o, key);
      if (c) return c;
    }
  return null;
}

/** The schema at a dotted path, unwrapped (null when the path leads nowhere). */
export function schemaAt(schema: z.ZodType, path: string): z.ZodType | null {
  let n: Node | null = schema as unknown as Node;
  for (const key of path.split('.').filter(Boolean)) {
    n = n && child(n, key);
    if (!n) return null;
  }
  return unwrap(n!) as unknown as z.ZodType;
}

/** The bounds of the number at `path`, or null when that is not a number. */
export function numberBounds(schema: z.ZodType, path: string): NumberBounds | null {
  const n = schemaAt(schema, path) as unknown as Node | null;
  if (!n || n._zod.def.type !== 'number') return null;
  const b: NumberBounds = { int: false };
  for (const c of n._zod.def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'number_format' && (d.format === 'safeint' || d.format?.startsWith('int'))) b.int = true;
    else if (d.check === 'greater_than' && d.value !== undefined) {
      if (d.inclusive) b.min = Math.max(b.min ?? -Infinity, d.value);
      else b.gt = Math.max(b.gt ?? -Infinity, d.value);
    } else if (d.check === 'less_than' && d.value !== undefined) {
      if (d.inclusive) b.max = Math.min(b.max ?? Infinity, d.value);
      else b.lt = Math.min(b.lt ?? Infinity, d.value);
    }
  }
  // An integer "> k" is "≥ k + 1", as a user reads it.
  if (b.int && b.gt !== undefined && Number.isInteger(b.gt)) {
    b.min = Math.max(b.min ?? -Infinity, b.gt + 1);
    delete b.gt;
  }
  return b;
}

/** The message a value outside the bounds gets, naming the field by its label (null: inside). */
export function boundsProblem(b: NumberBounds, label: string, n: number): string | null {
  if (b.int && !Number.isInteger(n)) return `${label} must be a whole number`;
  if (b.gt !== undefined && n <= b.gt) return `${label} must be > ${b.gt}`;
  if (b.min !== undefined && n < b.min) return `${label} must be at least ${b.min}`;
  if (b.lt !== undefined && n >= b.lt) return `${label} must be < ${b.lt}`;
  if (b.max !== undefined && n > b.max) return `${label} must be at most ${b.max}`;
  return null;
}
