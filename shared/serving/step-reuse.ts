/**
 * Engine steps the search would time more than once, timed once. A step depends only on the
 * family (model × system × precision × serving options) and its shape (TP, PP, DP, EP, tokens,
 * phase, dual micro-batch) — see inference/step.ts shapeFor — so:
 * - configurations that differ only in their prefill pool (aggregated, and each allowed
 *   prefill:decode ratio) have the same decode replicas, the same memory and so the same batch
 *   sweep: their decode curve (TPOT, step time and binding limit per swept batch) is one curve;
 * - the two single-prompt prefills behind the prefill service time (mean and p90 prompt) do not
 *   depend on speculative decoding (drafts run in decode): configurations that differ only in it
 *   share them.
 * The space (space.ts) enumerates those neighbours one after another, so a one-group decode memo
 * and a small ring of recent prefills catch them; the numbers are the engine's own, bit for bit.
 */
import type { Family } from '../inference/family';
import type { Point } from '../inference/point';
import type { Layout } from '../inference/step';
import type { Bound } from '../inference/roofline';

/** One decode curve: its key, and its rows filled so far. */
export class DecodeCurve {
  f: Family | null = null;
  readonly key = new Float64Array(12);
  filled = 0;
  readonly tpotS: Float64Array;
  readonly stepS: Float64Array;
  readonly bound: Bound[];

  constructor(rows: number) {
    this.tpotS = new Float64Array(rows);
    this.stepS = new Float64Array(rows);
    this.bound = new Array<Bound>(rows).fill('memory');
  }

  matches(f: Family, pt: Point, maxBatch: number): boolean {
    const k = this.key;
    return (
      this.f === f &&
      k[0] === pt.decodeDevices &&
      k[1] === pt.tp &&
      k[2] === pt.pp &&
      k[3] === pt.dp &&
      k[4] === pt.ep &&
      k[5] === maxBatch &&
      k[6] === pt.promptTokens &&
      k[7] === pt.outputTokens &&
      k[8] === pt.specDraft &&
      k[9] === pt.specAccept &&
      k[10] === (pt.dual ? 1 : 0) &&
      k[11] === pt.prefixHit
    );
  }

  reset(f: Family, pt: Point, maxBatch: number): void {
    const k = this.key;
    this.f = f;
    k[0] = pt.decodeDevices;
    k[1] = pt.tp;
    k[2] = pt.pp;
    k[3] = pt.dp;
    k[4] = pt.ep;
    k[5] = maxBatch;
    k[6] = pt.promptTokens;
    k[7] = pt.outputTokens;
    k[8] = pt.specDraft;
    k[9] = pt.specAccept;
    k[10] = pt.dual ? 1 : 0;
    k[11] = pt.prefixHit;
    this.filled = 0;
  }
}

/**
 * The last few decode curves (speculative decoding off and on, for the last two families: KV
 * formats of one size share a family, see search.ts settingsOf), filled row by row as sweeps ask.
 */
export class DecodeCurveMemo {
  private readonly curves: DecodeCurve[];
  private next = 0;
  /** The curve of the last `use`. */
  cur: DecodeCurve;

  constructor(rows: number, slots = 4) {
    this.curves = Array.from({ length: slots }, () => new DecodeCurve(rows));
    this.cur = this.curves[0]!;
  }

  /** Drops every curve (and the families they hold). */
  forget(): void {
    for (const c of this.curves) c.f = null;
  }

  /**
   * Makes `cur` the curve of (f, decode side of pt, maxBatch): a kept one, or an emptied slot
   * (always, with `reuse` off: the tests time every step from scratch to check the reuse).
   */
  use(f: Family, pt: Point, maxBatch: number, reuse: boolean): DecodeCurve {
    if (reuse)
      for (const c of this.curves)
        if (c.matches(f, pt, maxBatch)) {
          this.cur = c;
          return c;
        }
    const c = this.curves[this.next]!;
    this.next = (this.next + 1) % this.curves.length;
    c.reset(f, pt, maxBatch);
    this.cur = c;
    return c;
  }
}

/** Recent single-prompt prefill times by (family, prefill layout, prompt, prefix hit). */
export class PrefillRing {
  private readonly fs: Array<Family | null>;
  private readonly keys: Float64Array;
  private readonly values: Float64Array;
  private next = 0;

  /** `reuse` off: every get misses (the tests time every step from scratch to check the reuse). */
  constructor(
    private readonly size: number,
    readonly reuse = true,
  ) {
    this.fs = new Array<Family | null>(size).fill(null);
    this.keys = new Float64Array(size * KEY);
    this.values = new Float64Array(size);
  }

  /** The time stored for this prefill, or NaN. */
  get(f: Family, pre: Layout, prompt: number, hit: number): number {
    if (!this.reuse) return Number.NaN;
    for (let i = 0; i < this.size; i++) {
      if (this.fs[i] !== f) continue;
      const o = i * KEY;
      const k = this.keys;
      if (
        k[o] === pre.devices &&
        k[o + 1] === pre.tp &&
        k[o + 2] === pre.pp &&
        k[o + 3] === pre.dp &&
        k[o + 4] === pre.ep &&
        k[o + 5] === prompt &&
        k[o + 6] === hit
      )
        return this.values[i]!;
    }
    return Number.NaN;
  }

  /** Drops every entry (and the families they hold). */
  clear(): void {
    this.fs.fill(null);
  }

  set(f: Family, pre: Layout, prompt: number, hit: number, seconds: number): void {
    const i = this.next;
    this.next = (i + 1) % this.size;
    const o = i * KEY;
    const k = this.keys;
    this.fs[i] = f;
    k[o] = pre.devices;
    k[o + 1] = pre.tp;
    k[o + 2] = pre.pp;
    k[o + 3] = pre.dp;
    k[o + 4] = pre.ep;
    k[o + 5] = prompt;
    k[o + 6] = hit;
    this.values[i] = seconds;
  }
}

const KEY = 7;
