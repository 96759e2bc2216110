/**
 * Input generators for the fuzz harness (fast-check arbitraries, so every input is reproducible
 * from a seed and an index). Two families:
 * - `hostileJson`: random JSON-ish values with the values parsers get wrong: NaN, ±Infinity, −0,
 *   1e308, 5e-324, 2^53 + 1, numbers as strings, unicode (lone surrogates, RTL marks, NUL),
 *   `__proto__` / `constructor` / `prototype` keys, deep nesting, huge arrays and strings;
 * - `mutationOf(examples)`: an example file with 1–4 mutations at chosen paths (drop a field, a
 *   wrong type, a special number, a plausible number, a string from the examples' own strings,
 *   nesting, huge values, hostile keys, an unknown field).
 * Either may then be serialised to text (`asText`) the way a file reaches a parser, with special
 * numbers written as the JSON a hostile file would hold (1e999 parses to Infinity; NaN is not JSON)
 * and, now and then, a truncated or corrupted byte.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export const SPECIAL_NUMBERS: readonly number[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  0.5,
  1.5,
  2 ** 31,
  2 ** 32 + 1,
];

export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

export const UNICODE_SAMPLES = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E\u202D',
  '\u200B',
  '\uFEFF',
  '𝓗𝟏𝟎𝟎',
  '日本語のプラン',
  'e\u0301',
  '🚀'.repeat(20),
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  'NaN',
  'Infinity',
  '',
  ' ',
];

/** Sets own property `k` (also `__proto__`) without invoking the prototype setter. */
export function defineOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

const specialNumber = fc.constantFrom(...SPECIAL_NUMBERS);
const weirdString = fc.oneof(
  fc.constantFrom(...UNICODE_SAMPLES),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.double().map((d) => String(d)),
  fc.integer().map((i) => String(i)),
);
const key = fc.oneof({ weight: 6, arbitrary: fc.string({ maxLength: 12 }) }, fc.constantFrom(...HOSTILE_KEYS));

/** Deeply nested arrays or objects (depth 30–300): parsers must bound recursion. */
export const deepNesting = fc
  .record({ depth: fc.integer({ min: 30, max: 300 }), asObject: fc.boolean() })
  .map(({ depth, asObject }): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
    return v;
  });

/**
 * Huge values, kept few and bounded so a run stays fast: 5,000–50,000 element arrays, 1,000–5,000
 * objects, 10^4–3·10^5 character strings (far beyond any real field; the 8 MB file limit is tested
 * directly in plan-files.test.ts).
 */
export const hugeValue = fc.oneof(
  fc.integer({ min: 5_000, max: 50_000 }).map((n) => new Array<number>(n).fill(1)),
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1_000, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => ({ i }))),
);

const { value: hostileJsonValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    specialNumber,
    fc.double(),
    fc.integer(),
    weirdString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((pairs) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of pairs) defineOwn(o, k, v);
      return o;
    }),
  ),
}));

/** Random JSON-ish values (may hold NaN, Infinity, hostile keys; rarely huge or deep). */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: hostileJsonValue },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: hugeValue },
);

// ---- mutations of example files ----------------------------------------------------------------

type Path = Array<string | number>;

/** Paths in a JSON tree (the root is []): at most `limit`, and the first 16 elements of an array (elements of one array are alike). */
export function allPaths(x: unknown, prefix: Path = [], out: Path[] = [], limit = 4000): Path[] {
  if (out.length >= limit) return out;
  out.push(prefix);
  if (Array.isArray(x)) {
    for (let i = 0; i < Math.min(x.length, 16) && out.length < limit; i++) allPaths(x[i], [...prefix, i], out, limit);
  } else if (x && typeof x === 'object')
    for (const k of Object.keys(x)) {
      if (out.length >= limit) break;
      allPaths((x as Record<string, unknown>)[k], [...prefix, k], out, limit);
    }
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) v = (v as Record<string | number, unknown>)[p];
  return v;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (typeof last === 'string') defineOwn(parent as Record<string, unknown>, last, value);
  else parent[last] = value;
  return root;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete (parent as Record<string, unknown>)[last as string];
  return root;
}

export type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'set'; at: number; value: unknown }
  | { op: 'special'; at: number; value: number }
  | { op: 'plausible'; at: number; value: number }
  | { op: 'scale'; at: number; factor: number }
  | { op: 'numberAsString'; at: number }
  | { op: 'swapString'; at: number; pick: number }
  | { op: 'addKey'; at: number; key: string; value: unknown }
  | { op: 'nest'; at: number; value: unknown }
  | { op: 'huge'; at: number; value: unknown };

const at = fc.nat();
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('drop' as const), at }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), at, value: hostileJsonValue }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('special' as const), at, value: specialNumber }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('plausible' as const),
      at,
      value: fc.oneof(
        fc.integer({ min: 0, max: 4096 }),
        fc.constantFrom(1, 2, 3, 4, 8, 16, 64, 128, 1024, 65536, 1 << 20),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1e16, noNaN: true }),
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('scale' as const),
      at,
      factor: fc.constantFrom(0, 0.001, 0.5, 2, 10, 1000, 1e6, -1),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('numberAsString' as const), at }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('swapString' as const), at, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('addKey' as const), at, key, value: hostileJsonValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nest' as const), at, value: deepNesting }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('huge' as const), at, value: hugeValue }) },
);

/** Applies mutations to a deep copy of the example; `strings` are the examples' own string values. */
export function applyMutations(example: unknown, muts: readonly Mutation[], strings: readonly string[]): unknown {
  let root: unknown = structuredClone(example);
  for (const m of muts) {
    const paths = allPaths(root);
    const path = paths[m.at % paths.length]!;
    const cur = getAt(root, path);
    switch (m.op) {
      case 'drop':
        root = deleteAt(root, path);
        break;
      case 'set':
      case 'special':
      case 'nest':
      case 'huge':
        root = setAt(root, path, m.value);
        break;
      case 'plausible':
        root = setAt(root, numericPath(root, paths, m.at) ?? path, m.value);
        break;
      case 'scale': {
        const p = numericPath(root, paths, m.at);
        if (p) root = setAt(root, p, (getAt(root, p) as number) * m.factor);
        break;
      }
      case 'numberAsString': {
        const p = numericPath(root, paths, m.at);
        if (p) root = setAt(root, p, String(getAt(root, p)));
        break;
      }
      case 'swapString': {
        const p = paths.find((q, i) => i >= m.at % paths.length && typeof getAt(root, q) === 'string');
        if (p && strings.length) root = setAt(root, p, strings[m.pick % strings.length]);
        break;
      }
      case 'addKey':
        if (cur && typeof cur === 'object' && !Array.isArray(cur))
          defineOwn(cur as Record<string, unknown>, m.key, m.value);
        break;
    }
    if (root === undefined) break;
  }
  return root;
}

/** The first path at or after index `from` (wrapping) that holds a number. */
function numericPath(root: unknown, paths: Path[], from: number): Path | null {
  for (let k = 0; k < paths.length; k++) {
    const p = paths[(from + k) % paths.length]!;
    if (typeof getAt(root, p) === 'number') return p;
  }
  return null;
}

/** Every string value in the examples (ids, enum values): swapping them across fields finds cross-field bugs. */
export function stringsOf(examples: readonly unknown[]): string[] {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (typeof x === 'string') {
      if (x.length < 80) out.add(x);
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  examples.forEach(walk);
  return [...out].sort();
}

export const mutationOf = (examples: readonly unknown[], strings: readonly string[]): fc.Arbitrary<unknown> =>
  fc
    .record({
      i: fc.nat({ max: Math.max(0, examples.length - 1) }),
      muts: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    })
    .map(({ i, muts }) => applyMutations(examples[i], muts, strings));

// ---- text ------------------------------------------------------------------------------------

/**
 * JSON text as a hostile file could hold it: ±Infinity as 1e999 / -1e999 (valid JSON that parses to
 * ±Infinity), −0 as -0, NaN as the bare word NaN (invalid JSON). Own `__proto__` keys are kept.
 */
export function toJsonText(x: unknown, depth = 0): string {
  if (depth > 400) return 'null';
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'number') {
    if (Number.isNaN(x)) return 'NaN';
    if (x === Number.POSITIVE_INFINITY) return '1e999';
    if (x === Number.NEGATIVE_INFINITY) return '-1e999';
    if (Object.is(x, -0)) return '-0';
    return String(x);
  }
  if (typeof x === 'string' || typeof x === 'boolean') return JSON.stringify(x);
  if (Array.isArray(x)) return `[${x.map((v) => toJsonText(v, depth + 1)).join(',')}]`;
  if (typeof x === 'object')
    return `{${Object.keys(x)
      .map((k) => `${JSON.stringify(k)}:${toJsonText((x as Record<string, unknown>)[k], depth + 1)}`)
      .join(',')}}`;
  return 'null';
}

export type TextDamage =
  { kind: 'none' } | { kind: 'truncate'; at: number } | { kind: 'byte'; at: number; ch: string } | { kind: 'bom' };

export const textDamage: fc.Arbitrary<TextDamage> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('byte' as const),
      at: fc.nat(),
      ch: fc.constantFrom('"', '{', '}', ',', '\u0000', '\\', 'é'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
);

export function damageText(text: string, d: TextDamage): string {
  switch (d.kind) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, d.at % Math.max(1, text.length));
    case 'byte': {
      const i = d.at % Math.max(1, text.length);
      return text.slice(0, i) + d.ch + text.slice(i + 1);
    }
    case 'bom':
      return '\uFEFF' + text;
  }
}

/** A value, or (one time in three) its JSON text, possibly damaged: parsers take both. */
export const maybeText = (values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 2, arbitrary: values },
    { weight: 1, arbitrary: fc.tuple(values, textDamage).map(([v, d]) => damageText(toJsonText(v), d)) },
  );
