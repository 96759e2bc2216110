/**
 * The fuzz oracle: inputs labelled valid or invalid by construction, so the harness can check
 * more than "refused with some field, or accepted": an input built to be invalid must be refused
 * naming the field that was broken, and one built to be valid must be accepted.
 *
 * Labels come from the parser's own schema, read as JSON Schema (z.toJSONSchema, input side): for
 * a path of an example file, `nodesAt` finds every schema node that could describe it (all union
 * branches not ruled out by a const, a missing required key or the value's type), and
 * - an invalid case sets a value that every one of those nodes refuses (a wrong type, a number
 *   past a bound — a fraction above 1 —, NaN or Infinity, a missing required field) or, for
 *   parsers that check the tree, adds a `__proto__` / `constructor` key or nests past the depth
 *   limit; the expected field is the path;
 * - a valid case is the example itself (as an object, as text, with a byte-order mark), or the
 *   example with a free-text field or a bounded number changed to another value its node accepts.
 * Cross-field rules (refinements) are not in JSON Schema: they can only refuse more, so invalid
 * labels stay sound; paths whose refinements would refuse a "valid" change are listed per entry
 * in `fixed` and left alone. Paths under a free-form node (`{}`: records of anything) get no label.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { toJsonText } from './generators';

export type Label = { valid: true; rule: string } | { valid: false; rule: string; field: string };
export interface Labelled {
  input: unknown;
  label: Label;
}

export interface OracleSpec {
  /** The schema the parser validates an example object with (its input side). */
  schema?: z.ZodType;
  /** The parser refuses `__proto__` / `constructor` / `prototype` keys and nesting deeper than 40. */
  treeChecked: boolean;
  /** The parser strips a leading byte-order mark from text. */
  acceptsBom: boolean;
  /** The parser takes only text (an object reaches it as JSON text, where NaN is not JSON). */
  textOnly?: boolean;
  /** Paths (normalised: indices as `[]`) whose value is tied to others by refinements: no valid change there. */
  fixed?: readonly RegExp[];
  /** Hand-made cases for a parser without a schema (config.json). */
  cases?: (examples: readonly unknown[]) => Labelled[];
}

type Node = Record<string, unknown>;
type Path = Array<string | number>;
export const FREE = Symbol('free-form');

/** JSON Schema of a zod schema, cached. */
const schemas = new WeakMap<z.ZodType, Node>();
export function jsonSchemaOf(s: z.ZodType, toJson: (s: z.ZodType) => Node): Node {
  let j = schemas.get(s);
  if (!j) schemas.set(s, (j = toJson(s)));
  return j;
}

/** Concrete nodes of a node: union branches flattened. */
function expand(n: Node): Node[] {
  const u = (n['anyOf'] ?? n['oneOf']) as Node[] | undefined;
  return u ? u.flatMap(expand) : [n];
}

const typesOf = (n: Node): string[] | null =>
  n['type'] === undefined ? null : Array.isArray(n['type']) ? (n['type'] as string[]) : [n['type'] as string];

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeFits(n: Node, v: unknown): boolean {
  const t = typesOf(n);
  if (!t) return true;
  const vt = jsonType(v);
  return t.includes(vt) || (vt === 'integer' && t.includes('number'));
}

/** A branch the value could belong to: its type, its consts and its required keys fit. */
function branchFits(n: Node, v: unknown): boolean {
  if (!typeFits(n, v)) return false;
  if ('const' in n && n['const'] !== v) return false;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const props = (n['properties'] ?? {}) as Record<string, Node>;
    for (const [k, p] of Object.entries(props))
      if ('const' in p && k in v && (v as Node)[k] !== p['const']) return false;
    for (const k of (n['required'] ?? []) as string[]) if (!(k in v)) return false;
  }
  return true;
}

function child(n: Node, key: string | number): Node | typeof FREE | null {
  if (typeof key === 'number') return (n['items'] as Node | undefined) ?? FREE;
  const props = n['properties'] as Record<string, Node> | undefined;
  if (props && key in props) return props[key]!;
  const extra = n['additionalProperties'];
  if (extra === false) return null;
  if (extra && typeof extra === 'object') return extra as Node;
  return props ? null : FREE;
}

/**
 * Every schema node that could describe the value at `path` of `root`, or FREE when some node on
 * the way accepts anything (no label possible), or [] when the path is an unknown key.
 */
export function nodesAt(schema: Node, root: unknown, path: Path): Node[] | typeof FREE {
  let nodes = expand(schema);
  let value = root;
  for (const key of path) {
    const next: Node[] = [];
    for (const n of nodes.filter((x) => branchFits(x, value))) {
      if (Object.keys(n).length === 0) return FREE;
      const c = child(n, key);
      if (c === FREE) return FREE;
      if (c) next.push(...expand(c));
    }
    nodes = next;
    value = (value as Record<string | number, unknown>)?.[key];
  }
  if (nodes.some((n) => Object.keys(n).filter((k) => k !== 'default' && k !== 'description').length === 0)) return FREE;
  return nodes;
}

/** Whether a leaf node accepts a primitive or structured value (formats are not checked: lenient). */
export function accepts(n: Node, v: unknown): boolean {
  if (!typeFits(n, v)) return false;
  if ('const' in n && n['const'] !== v) return false;
  if (Array.isArray(n['enum']) && !(n['enum'] as unknown[]).includes(v)) return false;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return false;
    const num = (k: string): number | undefined => n[k] as number | undefined;
    if (num('minimum') !== undefined && v < num('minimum')!) return false;
    if (num('maximum') !== undefined && v > num('maximum')!) return false;
    if (num('exclusiveMinimum') !== undefined && v <= num('exclusiveMinimum')!) return false;
    if (num('exclusiveMaximum') !== undefined && v >= num('exclusiveMaximum')!) return false;
  }
  if (typeof v === 'string') {
    if (n['minLength'] !== undefined && v.length < (n['minLength'] as number)) return false;
    if (n['maxLength'] !== undefined && v.length > (n['maxLength'] as number)) return false;
    if (typeof n['pattern'] === 'string' && !new RegExp(n['pattern'] as string, 'u').test(v)) return false;
  }
  return true;
}

/** A path as the harness compares it: `a.b[0].c` and `a.b.0.c` are the same field. */
export const normalisePath = (p: string): string => p.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
export const pathText = (p: Path): string => p.map(String).join('.');
/** A path's shape for `fixed` patterns: indices as []. */
export const pathShape = (p: Path): string => p.map((k) => (typeof k === 'number' ? '[]' : k)).join('.');

/**
 * Whether a refusal naming `named` names the broken `expected` field: the field itself, a field
 * under it (nesting refused where it went too deep), or an ancestor that is not the root (a
 * union or a list refused as a whole).
 */
export function namesField(named: string, expected: string): boolean {
  const n = normalisePath(named);
  const e = normalisePath(expected);
  if (n === e || n.startsWith(`${e}.`)) return true;
  if (e === '(root)' || e === '(file)') return /^\((root|file)\)$/.test(n);
  return n !== '' && !/^\(/.test(n) && e.startsWith(`${n}.`);
}

// ---- the paths of an example -----------------------------------------------------------------

/** Leaf and object paths of an example (arrays: first 3 elements), at most `limit`. */
export function pathsOf(x: unknown, prefix: Path = [], out: Path[] = [], limit = 3000): Path[] {
  if (out.length >= limit) return out;
  out.push(prefix);
  if (Array.isArray(x)) x.slice(0, 3).forEach((v, i) => pathsOf(v, [...prefix, i], out, limit));
  else if (x && typeof x === 'object')
    for (const k of Object.keys(x)) pathsOf((x as Record<string, unknown>)[k], [...prefix, k], out, limit);
  return out;
}

export const getAt = (root: unknown, p: Path): unknown =>
  p.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | null)?.[k], root);

/**
 * `root` with the value at `p` replaced (or deleted when `value` is DELETE): the containers on the
 * path are copied, the rest is shared with `root` (parsers never change their input).
 */
export const DELETE = Symbol('delete');
export function withValue(root: unknown, p: Path, value: unknown): unknown {
  if (p.length === 0) return value;
  const [key, ...rest] = p;
  const copy: Record<string | number, unknown> = Array.isArray(root)
    ? [...(root as unknown[])]
    : Object.defineProperties({}, Object.getOwnPropertyDescriptors(root ?? {}));
  if (rest.length === 0 && value === DELETE) {
    if (Array.isArray(copy)) copy.splice(key as number, 1);
    else delete copy[key!];
  } else {
    const next = rest.length === 0 ? value : withValue(copy[key!], rest, value);
    Object.defineProperty(copy, key!, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

export { fc, toJsonText };
