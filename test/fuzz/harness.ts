/**
 * The fuzz harness: feeds generated inputs to every parser in the registry and classifies each
 * outcome. An input is
 * - rejected: the parser threw an Error whose message names a field of the input or of its schema
 *   ("field.path: problem", or "(root)" / "(file)" for the whole input); a crash (TypeError,
 *   RangeError: stack overflow, …) or a message naming nothing is a failure;
 * - accepted: the parser returned a value; when the entry has `evaluate`, the engine runs on it
 *   and must return only finite numbers, no negative time or cost, and finish within the budget
 *   (50 ms). The engine may refuse the value with a field-naming error (PlanError: TP × PP × DP
 *   ≠ devices, …): that counts as `engineRejected`, not a failure.
 *
 * The oracle (oracle.ts, labelled.ts): part of the stream is labelled valid or invalid by
 * construction. An input built invalid must be refused naming the field that was broken
 * (`accepted-invalid`, `misnamed-rejection` otherwise); one built valid must be accepted
 * (`rejected-valid`). The corpus (corpus.ts: inputs earlier runs found, each with its label) runs
 * first, every run.
 *
 * Timing is robust on a loaded machine: an evaluation is timed in CPU time of this process (Node's
 * process.cpuUsage; wall time where that is missing), so other processes sharing the cores do not
 * count — on the 2-core development machine, beside other sessions, wall time was often 3–4 times
 * the CPU time; an evaluation over budget is re-run up to twice more and only the fastest counts,
 * so a GC pause cannot fail a run; an input over budget three times is timed three more times at
 * the end of the run, and is `slow` (a failure) only when those are over budget too. Every evaluation's fastest time is recorded (maxEvaluateMs). Inputs are generated in chunks by
 * `fc.sample` with seed `seed + chunk`, so (seed, index) reproduces any input.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { corpusOf } from './corpus';
import { hostileJson, maybeText, mutationOf, stringsOf } from './generators';
import { KNOWN_ENGINE_BUGS } from './known-bugs';
import { labelledInputs } from './labelled';
import { namesField, type Label, type OracleSpec } from './oracle';

export interface FuzzEntry<T = unknown> {
  /** Short name: printed in reports and accepted by `npm run fuzz -- --only <name>`. */
  name: string;
  /** What the parser is and where the app calls it. */
  describes: string;
  /** Throws an Error naming the field, or returns the parsed value. Takes an object or JSON text. */
  parse(raw: unknown): T;
  /** Example files the mutations start from. */
  examples: readonly unknown[];
  /** Runs the engine on an accepted value; returns the numbers to check (name → value). */
  evaluate?(value: T): Record<string, number>;
  /** Keys an error may name although no example holds them (fields of derived objects). */
  extraFields?: readonly string[];
  /** How to label inputs valid or invalid by construction (oracle.ts). */
  oracle?: OracleSpec;
}

export type FailureKind =
  | 'parser-crash'
  | 'unnamed-rejection'
  | 'accepted-invalid'
  | 'misnamed-rejection'
  | 'rejected-valid'
  | 'engine-crash'
  | 'non-finite'
  | 'negative'
  | 'slow';

/** Failures of the parser itself (the rest are the engine's). */
export const PARSER_FAILURES: readonly FailureKind[] = [
  'parser-crash',
  'unnamed-rejection',
  'accepted-invalid',
  'misnamed-rejection',
  'rejected-valid',
];

export interface FuzzFailure {
  kind: FailureKind;
  /** The input's index in the stream, or its corpus file. */
  index: number | string;
  message: string;
  input: string;
}

/** One input and, when it was built valid or invalid, its label. */
export interface FuzzInput {
  input: unknown;
  label: Label | null;
}

export interface FuzzReport {
  name: string;
  seed: number;
  tried: number;
  rejected: number;
  accepted: number;
  /** Inputs labelled by construction: built valid, built invalid (included in tried). */
  labelledValid: number;
  labelledInvalid: number;
  /** Corpus inputs run before the stream (not in tried). */
  corpus: number;
  engineRejected: number;
  evaluated: number;
  failures: FuzzFailure[];
  failureCounts: Record<FailureKind, number>;
  /** The slowest evaluation in ms: its first run, or the fastest retry when the first was over budget. */
  maxEvaluateMs: number;
  /** Evaluations over budget three times in a row, timed again at the end of the run. */
  retried: number;
  /** Results matching a known engine bug (known-bugs.ts), by bug id: not counted as failures. */
  knownBugs: Record<string, number>;
  wallMs: number;
}

export const EVALUATE_BUDGET_MS = 50;
/** Times and costs: a negative one is a bug. Matched against the number's key path. */
const TIME_OR_COST = /(Ms|S|Seconds|USD|Usd|usd|cost|Cost|Hours|J|time|Time)$|breakdown|Breakdown/;
const PSEUDO_FIELD = /^\((root|file|payload)\)$/;

/** The field an error message names: the text before the first ": " (after an optional label). */
export function namedField(message: string, labels: readonly string[]): string | null {
  return namedFields(message, labels)[0] ?? null;
}

/**
 * Every reading of the field an error message names, shortest first: the text before the first
 * ": ", then before the second… (a key of the input may itself hold ": ", e.g. "#e(3o: 4U"), at
 * most five.
 */
export function namedFields(message: string, labels: readonly string[]): string[] {
  let m = message;
  for (const l of labels) if (m.startsWith(`${l}: `)) m = m.slice(l.length + 2);
  const out: string[] = [];
  for (let i = m.indexOf(': '); i > 0 && out.length < 5; i = m.indexOf(': ', i + 2)) {
    const field = m.slice(0, i);
    // A path of keys and indices ("inference.workload.promptTokens", "plans[0].devices",
    // "gemm.bf16.61.m"), checked against the input's keys by fieldIsKnown.
    if (PSEUDO_FIELD.test(field) || field.length <= 400) out.push(field);
    if (PSEUDO_FIELD.test(field)) break;
  }
  return out;
}

/** Every property name a zod schema declares (through its JSON Schema), for `extraFields`. */
export function schemaKeys(schema: z.ZodType): string[] {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const props = (x as { properties?: Record<string, unknown> }).properties;
      if (props) for (const k of Object.keys(props)) out.add(k);
      Object.values(x).forEach(walk);
    }
  };
  walk(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }));
  return [...out];
}

function keysOf(x: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 500 || out.size > 100_000) return out;
  if (Array.isArray(x)) for (const v of x) keysOf(v, out, depth + 1);
  else if (x && typeof x === 'object')
    for (const k of Object.keys(x)) {
      out.add(k);
      keysOf((x as Record<string, unknown>)[k], out, depth + 1);
    }
  return out;
}

/** True when every segment of the named field is a key the input, the examples or the entry know. */
function fieldIsKnown(field: string, known: Set<string>, raw: unknown): boolean {
  if (PSEUDO_FIELD.test(field)) return true;
  let inRaw: Set<string> | null = null;
  const isKey = (s: string): boolean => {
    if (known.has(s)) return true;
    inRaw ??= keysOf(typeof raw === 'string' ? safeParse(raw) : raw, new Set());
    return inRaw.has(s);
  };
  // Segments are keys (which may hold dots), each with optional [i] suffixes, or array indices:
  // try every split of the path at a dot, memoised per position.
  const memo = new Map<number, boolean>();
  const from = (p: number): boolean => {
    if (p >= field.length) return true;
    const hit = memo.get(p);
    if (hit !== undefined) return hit;
    let ok = false;
    for (let e = p; e <= field.length && !ok; e++) {
      if (e < field.length && field[e] !== '.') continue;
      const whole = field.slice(p, e);
      const seg = whole.replace(/(\[\d+\])+$/, '');
      // A key with index suffixes, an index, or indices alone (an array at the root: "[0][1]").
      const known = /^\d+$/.test(seg) || (seg === '' && whole !== '') || isKey(seg);
      if (known && (e === field.length || from(e + 1))) ok = true;
    }
    memo.set(p, ok);
    return ok;
  };
  return from(0);
}

function safeParse(t: string): unknown {
  try {
    return JSON.parse(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
  } catch {
    return null;
  }
}

const CRASH_TYPES = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError];

/** Why a thrown value is not an acceptable rejection, or null when it names a known field. */
export function rejectionProblem(
  e: unknown,
  known: Set<string>,
  raw: unknown,
  labels: readonly string[],
): { crash: boolean; message: string } | null {
  if (!(e instanceof Error)) return { crash: true, message: `threw a non-Error: ${String(e).slice(0, 200)}` };
  if (CRASH_TYPES.some((t) => e.constructor === t))
    return { crash: true, message: `${e.name}: ${e.message.slice(0, 300)}` };
  if (/\n\s+at /.test(e.message))
    return { crash: false, message: `message holds a stack trace: ${e.message.slice(0, 300)}` };
  const fields = namedFields(e.message, labels);
  if (!fields.length) return { crash: false, message: `message names no field: ${e.message.slice(0, 300)}` };
  if (!fields.some((f) => fieldIsKnown(f, known, raw)))
    return {
      crash: false,
      message: `names "${fields[0]}", which is not a field of the input: ${e.message.slice(0, 300)}`,
    };
  return null;
}

/** Finite numbers only; times and costs ≥ 0. Returns the first problem or null. */
export function numbersProblem(
  nums: Record<string, number>,
): { kind: 'non-finite' | 'negative'; message: string } | null {
  for (const [k, v] of Object.entries(nums)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return { kind: 'non-finite', message: `${k} = ${String(v)}` };
    if (v < 0 && TIME_OR_COST.test(k)) return { kind: 'negative', message: `${k} = ${v}` };
  }
  return null;
}

/** Flattens an engine result into `path → number` (booleans, strings and nulls skipped). */
export function flattenNumbers(
  x: unknown,
  prefix = '',
  out: Record<string, number> = {},
  depth = 0,
): Record<string, number> {
  if (depth > 40) return out;
  if (typeof x === 'number') out[prefix || '(value)'] = x;
  else if (Array.isArray(x)) x.forEach((v, i) => flattenNumbers(v, `${prefix}[${i}]`, out, depth + 1));
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) flattenNumbers(v, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  return out;
}

export function describeInput(x: unknown, max = 600): string {
  let s: string;
  try {
    s =
      typeof x === 'string'
        ? x
        : JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  } catch {
    s = String(x);
  }
  s ??= String(x);
  return s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;
}

/**
 * The arbitrary an entry is fuzzed with: mostly mutated examples, some random JSON, a third as
 * text (unlabelled); with an oracle, a third of the stream is labelled valid or invalid by
 * construction.
 */
export function inputsFor(entry: FuzzEntry): fc.Arbitrary<FuzzInput> {
  const strings = stringsOf(entry.examples);
  const free = maybeText(
    fc.oneof({ weight: 4, arbitrary: mutationOf(entry.examples, strings) }, { weight: 1, arbitrary: hostileJson }),
  ).map((input): FuzzInput => ({ input, label: null }));
  if (!entry.oracle) return free;
  return fc.oneof(
    { weight: 2, arbitrary: free },
    { weight: 1, arbitrary: labelledInputs(entry.oracle, entry.examples) },
  );
}

const CHUNK = 500;

/** Inputs `0 … n − 1` of the stream for `seed` (chunks of 500, reproducible by index). */
export function* labelledStream(entry: FuzzEntry, seed: number, n: number): Generator<[number, FuzzInput]> {
  const arb = inputsFor(entry);
  for (let c = 0; c * CHUNK < n; c++) {
    const batch = fc.sample(arb, { seed: seed + c, numRuns: Math.min(CHUNK, n - c * CHUNK) });
    for (let i = 0; i < batch.length; i++) yield [c * CHUNK + i, batch[i]!];
  }
}

/** The stream's inputs without their labels. */
export function* inputStream(entry: FuzzEntry, seed: number, n: number): Generator<[number, unknown]> {
  for (const [i, x] of labelledStream(entry, seed, n)) yield [i, x.input];
}

/** The input at `index` of the stream for `seed`, with its label (to turn a failure into a corpus case). */
export function labelledAt(entry: FuzzEntry, seed: number, index: number): FuzzInput {
  const c = Math.floor(index / CHUNK);
  return fc.sample(inputsFor(entry), { seed: seed + c, numRuns: (index % CHUNK) + 1 })[index % CHUNK]!;
}

export const inputAt = (entry: FuzzEntry, seed: number, index: number): unknown => labelledAt(entry, seed, index).input;

export interface RunOptions {
  seed: number;
  runs: number;
  budgetMs?: number;
  /** Keep at most this many failures per kind (counts stay exact). */
  keep?: number;
  labels?: readonly string[];
  /** Run the corpus before the stream (default true). */
  corpus?: boolean;
}

function emptyReport(name: string, seed: number): FuzzReport {
  const kinds: FailureKind[] = [...PARSER_FAILURES, 'engine-crash', 'non-finite', 'negative', 'slow'];
  return {
    name,
    seed,
    tried: 0,
    rejected: 0,
    accepted: 0,
    labelledValid: 0,
    labelledInvalid: 0,
    corpus: 0,
    engineRejected: 0,
    evaluated: 0,
    failures: [],
    failureCounts: Object.fromEntries(kinds.map((k) => [k, 0])) as Record<FailureKind, number>,
    maxEvaluateMs: 0,
    retried: 0,
    knownBugs: {},
    wallMs: 0,
  };
}

/** Checks one input against the parser, the oracle and the engine; counts into `r`. */
class Checker<T> {
  readonly r: FuzzReport;
  readonly slow: Array<{ index: number | string; raw: unknown; value: T }> = [];
  private readonly known: Set<string>;
  private readonly labels: readonly string[];
  private readonly budget: number;

  constructor(
    private readonly entry: FuzzEntry<T>,
    private readonly opts: RunOptions,
  ) {
    this.r = emptyReport(entry.name, opts.seed);
    this.known = new Set<string>(entry.extraFields ?? []);
    for (const e of entry.examples) keysOf(e, this.known);
    this.labels = opts.labels ?? [];
    this.budget = opts.budgetMs ?? EVALUATE_BUDGET_MS;
  }

  fail(kind: FailureKind, index: number | string, message: string, input: unknown): void {
    this.r.failureCounts[kind]++;
    if (this.r.failures.filter((f) => f.kind === kind).length < (this.opts.keep ?? 3))
      this.r.failures.push({ kind, index, message, input: describeInput(input) });
  }

  /** Parses one input; returns the value when it was accepted and should be evaluated. */
  parse(index: number | string, { input: raw, label }: FuzzInput): { value: T } | null {
    if (label?.valid) this.r.labelledValid++;
    else if (label) this.r.labelledInvalid++;
    let value: T;
    try {
      value = this.entry.parse(raw);
    } catch (e) {
      const problem = rejectionProblem(e, this.known, raw, this.labels);
      if (problem)
        return (this.fail(problem.crash ? 'parser-crash' : 'unnamed-rejection', index, problem.message, raw), null);
      if (label?.valid)
        return (
          this.fail(
            'rejected-valid',
            index,
            `built valid (${label.rule}), refused: ${(e as Error).message.slice(0, 300)}`,
            raw,
          ),
          null
        );
      const named = namedFields((e as Error).message, this.labels);
      if (label && !label.valid && !named.some((f) => namesField(f, label.field)))
        this.fail(
          'misnamed-rejection',
          index,
          `built invalid at ${label.field} (${label.rule}), refused naming "${named[0] ?? ''}"`,
          raw,
        );
      else this.r.rejected++;
      return null;
    }
    if (label && !label.valid)
      return (
        this.fail('accepted-invalid', index, `built invalid at ${label.field} (${label.rule}), accepted`, raw),
        null
      );
    this.r.accepted++;
    return this.entry.evaluate ? { value } : null;
  }

  /** Runs the engine on an accepted value: finite, non-negative, within budget (or re-timed later). */
  evaluate(index: number | string, raw: unknown, value: T): void {
    let nums: Record<string, number>;
    let ms: number;
    try {
      [nums, ms] = timed(this.entry, value, 3, this.budget);
    } catch (e) {
      const problem = rejectionProblem(e, this.known, raw, this.labels);
      if (problem) this.fail('engine-crash', index, problem.message, raw);
      else this.r.engineRejected++;
      return;
    }
    this.r.evaluated++;
    if (ms > this.budget) this.slow.push({ index, raw, value });
    else this.r.maxEvaluateMs = Math.max(this.r.maxEvaluateMs, ms);
    const np = numbersProblem(nums);
    if (!np) return;
    const bug = KNOWN_ENGINE_BUGS.find((b) => b.matches(nums));
    if (bug) this.r.knownBugs[bug.id] = (this.r.knownBugs[bug.id] ?? 0) + 1;
    else this.fail(np.kind, index, np.message, raw);
  }

  /** Over budget three times in a row: timed again at the end, away from whatever load spike ran then. */
  retime(): void {
    this.r.retried = this.slow.length;
    for (const s of this.slow) {
      const [, ms] = timed(this.entry, s.value, 3, this.budget);
      this.r.maxEvaluateMs = Math.max(this.r.maxEvaluateMs, ms);
      if (ms > this.budget)
        this.fail(
          'slow',
          s.index,
          `evaluation took ${ms.toFixed(1)} ms of CPU (fastest of 6 runs), budget ${this.budget} ms`,
          s.raw,
        );
    }
  }
}

export function runFuzz<T>(entry: FuzzEntry<T>, opts: RunOptions): FuzzReport {
  const t0 = performance.now();
  const c = new Checker(entry, opts);
  const one = (index: number | string, x: FuzzInput): void => {
    const ok = c.parse(index, x);
    if (ok) c.evaluate(index, x.input, ok.value);
  };
  if (opts.corpus !== false)
    for (const k of corpusOf(entry)) {
      c.r.corpus++;
      one(k.file, k);
    }
  // The stream's counts exclude the corpus (reported by its size; its failures are failures).
  const counted = ['labelledValid', 'labelledInvalid', 'rejected', 'accepted', 'engineRejected', 'evaluated'] as const;
  const afterCorpus = counted.map((k) => c.r[k]);
  for (const [index, x] of labelledStream(entry, opts.seed, opts.runs)) {
    c.r.tried++;
    one(index, x);
  }
  counted.forEach((k, i) => (c.r[k] -= afterCorpus[i]!));
  c.retime();
  c.r.wallMs = performance.now() - t0;
  return c.r;
}

/** Milliseconds of CPU this process has used (user + system), or wall time where Node's clock is missing. */
export function cpuMs(): number {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (!p?.cpuUsage) return performance.now();
  const u = p.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs evaluate up to `tries` times while over budget; returns the numbers and the fastest (CPU) time. */
function timed<T>(entry: FuzzEntry<T>, value: T, tries: number, budget: number): [Record<string, number>, number] {
  let best = Infinity;
  let nums: Record<string, number> = {};
  for (let i = 0; i < tries && best > budget; i++) {
    const s = cpuMs();
    nums = entry.evaluate!(value);
    best = Math.min(best, cpuMs() - s);
  }
  return [nums, best];
}

export const totalFailures = (r: FuzzReport): number => Object.values(r.failureCounts).reduce((a, b) => a + b, 0);
