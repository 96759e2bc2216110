/**
 * The fuzz corpus: inputs earlier fuzz runs found (test/fuzz/corpus/<entry>/*.json), each kept
 * with the label it must get, and run first by every fuzz run (the CI suite and `npm run fuzz`).
 * A case is an example with a few values set (small and readable) or a whole input:
 *
 *   {
 *     "found": "npm run fuzz -- --runs 10000 --seed 1108018534: calibration #3060",
 *     "what": "a prefill attention point with seq 0 made the prefill operators' FLOP/s NaN",
 *     "from": "h200-sxm-2026-11-23",              // an example's id (or its index)
 *     "set": [{ "path": ["attention", "prefill", 0, "seq"], "value": 0 }],
 *     "text": false,                              // give it to the parser as JSON text
 *     "refused": "attention.prefill.0.seq"        // or "accepted": true
 *   }
 *
 * Values that JSON cannot hold are written as {"$number": "NaN" | "Infinity" | "-Infinity"}.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJsonText } from './generators';
import type { FuzzEntry, FuzzInput } from './harness';
import { withValue } from './oracle';

export const CORPUS_DIR = join(process.cwd(), 'test', 'fuzz', 'corpus');

export interface CorpusCase {
  found: string;
  what: string;
  from?: string | number;
  set?: Array<{ path: Array<string | number>; value: unknown }>;
  input?: unknown;
  text?: boolean;
  refused?: string;
  accepted?: boolean;
}

const revive = (_k: string, v: unknown): unknown => {
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && '$number' in v)
    return Number((v as { $number: string }).$number);
  return v;
};

function exampleOf(entry: FuzzEntry, from: string | number | undefined, file: string): unknown {
  if (from === undefined) throw new Error(`${file}: give "from" or "input"`);
  const ex =
    typeof from === 'number' ? entry.examples[from] : entry.examples.find((e) => (e as { id?: unknown }).id === from);
  if (ex === undefined) throw new Error(`${file}: no example "${from}" in the ${entry.name} entry`);
  return ex;
}

/** The corpus case's input and label. */
export function corpusInput(entry: FuzzEntry, c: CorpusCase, file: string): FuzzInput {
  let input = c.input !== undefined ? c.input : exampleOf(entry, c.from, file);
  for (const s of c.set ?? []) input = withValue(input, s.path, s.value);
  if (c.text) input = toJsonText(input);
  if (c.refused === undefined && c.accepted !== true) throw new Error(`${file}: say "refused" (a field) or "accepted"`);
  const label =
    c.refused !== undefined
      ? { valid: false as const, rule: 'corpus', field: c.refused }
      : { valid: true as const, rule: 'corpus' };
  return { input, label };
}

/** Every corpus case of an entry, by file name. */
export function corpusOf(entry: FuzzEntry): Array<FuzzInput & { file: string }> {
  let files: string[];
  try {
    files = readdirSync(join(CORPUS_DIR, entry.name)).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((f) => {
    const file = `corpus/${entry.name}/${f}`;
    const c = JSON.parse(readFileSync(join(CORPUS_DIR, entry.name, f), 'utf8'), revive) as CorpusCase;
    return { file, ...corpusInput(entry, c, file) };
  });
}
