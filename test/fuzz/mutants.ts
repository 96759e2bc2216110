/**
 * Deliberately lax parsers, to show the fuzz oracle catches them (test/unit/fuzz-oracle.test.ts
 * runs each against the registry's parsers in CI; the fuzz alone must report it). Each wraps the
 * real parser the way a regression would weaken it:
 * - accept-anything: returns whatever JSON it is given;
 * - reject-everything: refuses every input, naming the root;
 * - no-depth-limit: never looks deeper than 30 levels (what a parser without the depth check
 *   does with a deep subtree under an unknown key: drops it and accepts);
 * - no-bad-key-check: drops `__proto__` / `constructor` / `prototype` keys instead of refusing;
 * - no-fraction-bound: takes a fraction (a field bounded by 1) past its bounds and clamps it;
 * - vague-field: refuses what the parser refuses, but names the whole file.
 */
import { z } from 'zod';
import type { FuzzEntry } from './harness';
import { FREE, getAt, nodesAt, pathsOf, withValue } from './oracle';

export type Mutant = (entry: FuzzEntry) => (raw: unknown) => unknown;

const json = (raw: unknown): unknown => {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  } catch {
    return raw;
  }
};

function prune(x: unknown, depth: number): unknown {
  if (depth > 30) return null;
  if (Array.isArray(x)) return x.map((v) => prune(v, depth + 1));
  if (x && typeof x === 'object')
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, prune(v, depth + 1)]));
  return x;
}

function withoutBadKeys(x: unknown, depth = 0): unknown {
  if (depth > 200) return x;
  if (Array.isArray(x)) return x.map((v) => withoutBadKeys(v, depth + 1));
  if (x && typeof x === 'object')
    return Object.fromEntries(
      Object.entries(x)
        .filter(([k]) => !['__proto__', 'constructor', 'prototype'].includes(k))
        .map(([k, v]) => [k, withoutBadKeys(v, depth + 1)]),
    );
  return x;
}

const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/** Clamps every number whose schema nodes all bound it by 1 into those bounds. */
function clampFractions(schema: z.ZodType, x: unknown): unknown {
  let js = jsonSchemas.get(schema);
  if (!js) jsonSchemas.set(schema, (js = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as never));
  let out = x;
  for (const p of pathsOf(x)) {
    const v = getAt(out, p);
    if (typeof v !== 'number') continue;
    const nodes = nodesAt(js, out, p);
    if (nodes === FREE || nodes.length === 0) continue;
    const max = nodes.map((n) => (n['maximum'] ?? n['exclusiveMaximum']) as number | undefined);
    if (!max.every((m) => m !== undefined && m <= 1)) continue;
    const hi = Math.min(...(max as number[]));
    const lo = Math.max(0, ...nodes.map((n) => (n['minimum'] ?? n['exclusiveMinimum'] ?? 0) as number));
    out = withValue(out, p, Math.min(hi, Math.max(lo, v)));
  }
  return out;
}

export const MUTANTS: Record<string, Mutant> = {
  'accept-anything': () => (raw) => json(raw),
  'reject-everything': () => () => {
    throw new Error('(root): refused');
  },
  'no-depth-limit': (e) => (raw) => e.parse(prune(json(raw), 0)),
  'no-bad-key-check': (e) => (raw) => e.parse(withoutBadKeys(json(raw))),
  'no-fraction-bound': (e) => (raw) => {
    const schema = e.oracle?.schema;
    const v = json(raw);
    return e.parse(schema && v && typeof v === 'object' ? clampFractions(schema, v) : raw);
  },
  'vague-field': (e) => (raw) => {
    try {
      return e.parse(raw);
    } catch (err) {
      throw new Error(`(file): ${(err as Error).message}`, { cause: err });
    }
  },
};

/** The entry with its parser replaced by a mutant (and no engine run: the parser is under test). */
export function mutated(entry: FuzzEntry, mutant: Mutant): FuzzEntry {
  const { evaluate: _e, ...rest } = entry;
  return { ...rest, parse: mutant(entry) };
}
