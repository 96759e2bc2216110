/**
 * Labelled inputs for the fuzz oracle (see oracle.ts): from each example, the places a rule can
 * break or keep (its "sites"), then fast-check arbitraries that pick a site and a rule, so every
 * labelled input is reproducible from (seed, index) like the rest of the stream.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { toJsonText } from './generators';
import {
  accepts,
  DELETE,
  FREE,
  getAt,
  jsonSchemaOf,
  nodesAt,
  pathsOf,
  pathShape,
  pathText,
  withValue,
  type Labelled,
  type OracleSpec,
} from './oracle';

type Path = Array<string | number>;
type Node = Record<string, unknown>;
type Case = (pick: number) => Labelled | null;

const DESCRIPTIVE = new Set(['name', 'notes', 'note', 'author', 'description', 'title', 'label']);
const NEW_TEXT = 'Fuzzed text — ✓ 日本語';
const STRUCTURED: unknown[] = [{ fuzz: 1 }, [1, 2], true, 'not the right type'];

const toJson = (s: z.ZodType): Node => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' }) as Node;
const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

/** A value of `nodes`' kind that none of them accepts, or null. */
function refused(nodes: Node[], candidates: unknown[]): unknown {
  return candidates.find((v) => nodes.every((n) => !accepts(n, v))) ?? null;
}

/** Numbers just past the bounds the nodes share (a fraction above 1, a count below 1, …). */
function pastBounds(nodes: Node[]): number[] {
  const out: number[] = [];
  for (const n of nodes) {
    const max = (n['maximum'] ?? n['exclusiveMaximum']) as number | undefined;
    const min = (n['minimum'] ?? n['exclusiveMinimum']) as number | undefined;
    if (max !== undefined) out.push(max <= 1 ? max + 0.5 : max * 2 + 1);
    if (min !== undefined) out.push(min === 0 ? -0.5 : min - Math.max(1, Math.abs(min)));
    if (n['type'] === 'integer') out.push(1.5);
  }
  return out;
}

/** A value inside every node's bounds, or null (only for nodes bounded on both sides). */
function insideBounds(nodes: Node[], current: number): number | null {
  let lo = -Infinity;
  let hi = Infinity;
  for (const n of nodes) {
    lo = Math.max(lo, (n['minimum'] ?? n['exclusiveMinimum'] ?? -Infinity) as number);
    hi = Math.min(hi, (n['maximum'] ?? n['exclusiveMaximum'] ?? Infinity) as number);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return null;
  const integer = nodes.some((n) => n['type'] === 'integer');
  const mid = integer ? Math.ceil((lo + hi) / 2) : (lo + hi) / 2;
  const v = mid === current ? (integer ? Math.ceil(lo + 1) : lo + (hi - lo) / 4) : mid;
  return nodes.every((n) => accepts(n, v)) ? v : null;
}

/** The rules that apply at one path of one example, as case makers. */
function casesAt(spec: OracleSpec, schema: Node | null, ex: unknown, p: Path): Case[] {
  const out: Case[] = [];
  const v = getAt(ex, p);
  const field = p.length ? pathText(p) : '(root)';
  const bad = (rule: string, input: unknown, f = field): Labelled => ({
    input,
    label: { valid: false, rule, field: f },
  });
  const good = (rule: string, input: unknown): Labelled => ({ input, label: { valid: true, rule } });
  const isObject = !!v && typeof v === 'object' && !Array.isArray(v);
  if (spec.treeChecked && isObject) {
    out.push((k) => {
      const key = ['__proto__', 'constructor', 'prototype'][k % 3]!;
      return bad('hostile-key', withValue(ex, [...p, key], { polluted: true }), pathText([...p, key]));
    });
    out.push(() => bad('too-deep', withValue(ex, [...p, 'fuzzDeep'], nested(60)), pathText([...p, 'fuzzDeep'])));
  }
  if (!schema) return out;
  const nodes = nodesAt(schema, ex, p);
  if (nodes === FREE || nodes.length === 0 || nodes.some((n) => 'const' in n)) return out;
  const fixed = spec.fixed?.some((r) => r.test(pathShape(p))) ?? false;
  if (typeof v === 'number') {
    const past = refused(nodes, pastBounds(nodes));
    if (past !== null) out.push(() => bad('out-of-range', withValue(ex, p, past)));
    out.push((k) => {
      const x = [Number.NaN, Infinity, -Infinity][k % 3]!;
      // NaN has no JSON form: a text-only parser sees a file that is not JSON.
      return bad('non-finite', withValue(ex, p, x), Number.isNaN(x) && spec.textOnly ? '(file)' : field);
    });
    const inside = fixed ? null : insideBounds(nodes, v);
    if (inside !== null) out.push(() => good('in-range', withValue(ex, p, inside)));
  }
  if (v !== null && typeof v !== 'object') {
    const wrong = refused(nodes, STRUCTURED);
    if (wrong !== null) out.push(() => bad('wrong-type', withValue(ex, p, wrong)));
  }
  const last = p[p.length - 1];
  if (typeof v === 'string' && typeof last === 'string' && DESCRIPTIVE.has(last) && !fixed)
    if (nodes.every((n) => accepts(n, NEW_TEXT))) out.push(() => good('free-text', withValue(ex, p, NEW_TEXT)));
  if (isObject) out.push(...missingRequired(nodes, ex, p, bad));
  return out;
}

/** Dropping a key every candidate node requires (and none has a default for). */
function missingRequired(
  nodes: Node[],
  ex: unknown,
  p: Path,
  bad: (rule: string, input: unknown, f: string) => Labelled,
): Case[] {
  const obj = getAt(ex, p) as Node;
  const keys = Object.keys(obj).filter((k) =>
    nodes.every((n) => {
      const prop = (n['properties'] as Record<string, Node> | undefined)?.[k];
      return ((n['required'] ?? []) as string[]).includes(k) && !!prop && !('const' in prop);
    }),
  );
  return keys.map((k) => () => bad('missing', withValue(ex, [...p, k], DELETE), pathText([...p, k])));
}

/** Whole-input cases: the example as an object and as text, not an object, not JSON. */
function wholeCases(spec: OracleSpec, ex: unknown): Case[] {
  const text = JSON.stringify(ex, null, 2);
  const out: Case[] = [
    () => ({ input: ex, label: { valid: true, rule: 'example' } }),
    () => ({ input: text, label: { valid: true, rule: 'example-text' } }),
    (k) => ({
      input: [[1], 42, 'plain text', null][k % 4],
      label: { valid: false, rule: 'root-type', field: '(root)' },
    }),
    () => ({
      input: text.slice(0, Math.floor(text.length / 2)),
      label: { valid: false, rule: 'not-json', field: '(file)' },
    }),
  ];
  if (spec.acceptsBom) out.push(() => ({ input: `\uFEFF${text}`, label: { valid: true, rule: 'bom-text' } }));
  return out;
}

const siteCache = new WeakMap<OracleSpec, { valid: Case[]; invalid: Case[] }>();

/** Every case maker, valid and invalid, over all examples (computed once per spec). */
export function casesOf(spec: OracleSpec, examples: readonly unknown[]): { valid: Case[]; invalid: Case[] } {
  const cached = siteCache.get(spec);
  if (cached) return cached;
  const schema = spec.schema ? jsonSchemaOf(spec.schema, toJson) : null;
  const all: Case[] = [];
  for (const ex of examples) {
    all.push(...wholeCases(spec, ex));
    if (!spec.schema || spec.schema.safeParse(ex).success)
      for (const p of pathsOf(ex)) all.push(...casesAt(spec, schema, ex, p));
  }
  all.push(...(spec.cases?.(examples) ?? []).map((h) => () => h));
  // Sort makers by the label they give (a maker gives one kind of label whatever its pick).
  const out = { valid: [] as Case[], invalid: [] as Case[] };
  for (const m of all) (m(0)?.label.valid ? out.valid : out.invalid).push(m);
  siteCache.set(spec, out);
  return out;
}

/** Labelled inputs (a third built valid): given as an object or, a third of the time, as JSON text. */
export function labelledInputs(spec: OracleSpec, examples: readonly unknown[]): fc.Arbitrary<Labelled> {
  const { valid, invalid } = casesOf(spec, examples);
  const pick = (makers: Case[]) =>
    fc.record({ i: fc.nat(), k: fc.nat(), text: fc.nat({ max: 2 }) }).map(({ i, k, text }): Labelled => {
      const made = makers[i % makers.length]!(k)!;
      const asText = text === 0 && typeof made.input !== 'string' && !hasNaN(made.input);
      return asText ? { ...made, input: toJsonText(made.input) } : made;
    });
  return fc.oneof({ weight: 1, arbitrary: pick(valid) }, { weight: 2, arbitrary: pick(invalid) });
}

function hasNaN(x: unknown, depth = 0): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (depth > 80 || !x || typeof x !== 'object') return false;
  return Object.values(x).some((v) => hasNaN(v, depth + 1));
}
