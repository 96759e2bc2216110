/**
 * Evaluated candidates kept as columns of typed arrays rather than objects. A search worker keeps
 * every candidate it evaluated so that a changed SLO re-filters without evaluating again; as
 * objects (the record, its load model, its curve's view) they survived the young generation and
 * the garbage collector copied each of them, which cost a worker 19% of its time against 5% for
 * the one-thread search that lets them go. Here a candidate's numbers sit in columns and its curve
 * stays in the arena chunk it was written to; `get(i)` rebuilds the same `Evaluated` (equal field
 * by field, the curve a view of the same memory) as a short-lived object.
 */
import type { LoadModel } from '../serving/queueing';
import type { Moments } from '../schema/distribution';
import { NCOL, REASON_TEXT, type Evaluated, type Reason } from './curve';
import type { Candidate } from './space';

/** Code 0: none; k: the k-th reason of REASON_TEXT. */
const REASONS: ReadonlyArray<Reason | null> = [null, ...(Object.keys(REASON_TEXT) as Reason[])];
const reasonCode = (r: Reason | null): number => {
  const i = REASONS.indexOf(r);
  if (i < 0) throw new Error(`evaluated-store: unknown reason ${String(r)}`);
  return i;
};

/** null ↔ NaN for the two prices (no price is ever NaN). */
const toCell = (x: number | null): number => (x === null ? Number.NaN : x);
const fromCell = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** The load model's numbers, one column each (its prompt moments are a reference: one per search). */
const MODEL_COLS = [
  'replicas',
  'prefillA',
  'prefillB',
  'outputMean',
  'outputInvMean',
  'kvTransferS',
  'decodeScale',
  'hostS',
  'mixedTokenS',
  'chunkTokens',
] as const;

export class EvaluatedStore {
  private n = 0;
  private readonly usd: Float64Array;
  private readonly capex: Float64Array;
  private readonly maxBatch: Float64Array;
  private readonly points: Int32Array;
  private readonly structural: Uint8Array;
  private readonly pruned: Array<Evaluated['prunedWith']>;
  private readonly buffers: ArrayBufferLike[];
  private readonly offsets: Float64Array;
  /** 0: no load model; 1: aggregated; 2: disaggregated pools. */
  private readonly modelKind: Uint8Array;
  private readonly model: Float64Array;
  private readonly prompts: Moments[];

  constructor(
    readonly capacity: number,
    private readonly cands: readonly Candidate[],
  ) {
    this.usd = new Float64Array(capacity);
    this.capex = new Float64Array(capacity);
    this.maxBatch = new Float64Array(capacity);
    this.points = new Int32Array(capacity);
    this.structural = new Uint8Array(capacity);
    this.pruned = new Array<Evaluated['prunedWith']>(capacity).fill(null);
    this.buffers = new Array<ArrayBufferLike>(capacity);
    this.offsets = new Float64Array(capacity);
    this.modelKind = new Uint8Array(capacity);
    this.model = new Float64Array(capacity * MODEL_COLS.length);
    this.prompts = new Array<Moments>(capacity);
  }

  get length(): number {
    return this.n;
  }

  push(ev: Evaluated): void {
    if (this.n >= this.capacity) throw new Error('evaluated-store: full');
    this.set(this.n++, ev);
  }

  /** Stores candidate i's evaluation (`ev.cand` must be `cands[i]`). */
  set(i: number, ev: Evaluated): void {
    if (ev.cand !== this.cands[i]) throw new Error(`evaluated-store: candidate ${i} is not ${ev.cand.id}`);
    this.usd[i] = toCell(ev.usdPerDeviceHour);
    this.capex[i] = toCell(ev.capexPerDeviceUSD);
    this.maxBatch[i] = ev.maxBatch;
    this.points[i] = ev.points;
    this.structural[i] = reasonCode(ev.structural);
    this.pruned[i] = ev.prunedWith;
    this.buffers[i] = ev.curve.buffer;
    this.offsets[i] = ev.curve.byteOffset;
    const m = ev.model;
    // 0 none, 1 aggregated (prefill first), 2 disaggregated, 3 aggregated with mixed scheduling.
    this.modelKind[i] = m === null ? 0 : !m.aggregated ? 2 : m.mixed ? 3 : 1;
    if (m === null) return;
    const o = i * MODEL_COLS.length;
    for (let k = 0; k < MODEL_COLS.length; k++) this.model[o + k] = m[MODEL_COLS[k]!];
    this.prompts[i] = m.prompt;
  }

  /** Candidate i's evaluation, rebuilt (a new object each call; its curve views the kept memory). */
  get(i: number): Evaluated {
    if (i < 0 || i >= this.n) throw new RangeError(`evaluated-store: no candidate ${i}`);
    const structural = REASONS[this.structural[i]!]!;
    const points = this.points[i]!;
    return {
      cand: this.cands[i]!,
      usdPerDeviceHour: fromCell(this.usd[i]!),
      capexPerDeviceUSD: fromCell(this.capex[i]!),
      maxBatch: this.maxBatch[i]!,
      curve: new Float64Array(this.buffers[i]!, this.offsets[i]!, points * NCOL),
      points,
      structural,
      prunedWith: this.pruned[i]!,
      model: this.modelAt(i),
    };
  }

  private modelAt(i: number): LoadModel | null {
    const kind = this.modelKind[i]!;
    if (kind === 0) return null;
    const o = i * MODEL_COLS.length;
    const c = this.model;
    return {
      replicas: c[o]!,
      prefillA: c[o + 1]!,
      prefillB: c[o + 2]!,
      prompt: this.prompts[i]!,
      outputMean: c[o + 3]!,
      outputInvMean: c[o + 4]!,
      aggregated: kind !== 2,
      kvTransferS: c[o + 5]!,
      decodeScale: c[o + 6]!,
      hostS: c[o + 7]!,
      mixed: kind === 3,
      mixedTokenS: c[o + 8]!,
      chunkTokens: c[o + 9]!,
    };
  }

  /** Bytes of curve data kept (the bulk of a worker's memory). */
  curveBytes(): number {
    let b = 0;
    for (let i = 0; i < this.n; i++) b += this.points[i]! * NCOL * 8;
    return b;
  }
}
