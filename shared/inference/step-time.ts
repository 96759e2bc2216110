/**
 * Step times for a serving loop: what one engine iteration of one attention replica costs with
 * d sequences decoding at a mean context, p prompt tokens being prefilled (a chunk of prompts of
 * S tokens), or both in one mixed step.
 *
 * - Decode step: the engine's decode step (step.ts) with d tokens per replica (× the verified
 *   drafts with speculative decoding), attending to the given context.
 * - Prefill or mixed step: weights are read once for all p + d tokens, so the step is the engine's
 *   prefill step over p + d tokens, plus the decode sequences' attention over their contexts
 *   (the decode step at that context less the same step at a one-token context).
 * Results are cached on a grid of about 4% steps in d, p and context, so a serving loop of many
 * thousands of iterations evaluates a few hundred distinct steps.
 */
import type { Family } from './family';
import { OpTable } from './operators';
import { emptyTotals, type StepTotals } from './overlap';
import type { Point } from './point';
import { newShape, runStep, shapeFor, type Layout, type Phase, type StepShape } from './step';

export interface StepOracle {
  /** Seconds of a decode-only step with d sequences on the replica at mean context `ctx`. */
  decode(d: number, ctx: number): number;
  /** Seconds of a step prefilling p tokens of prompts of S tokens, with d sequences decoding beside them. */
  mixed(d: number, p: number, ctx: number, S: number): number;
  /** Tokens each decoding sequence gains per step (speculative decoding: the expected accepted tokens). */
  tokensPerStep: number;
}

const bucket = (x: number): number =>
  x <= 16 ? Math.max(1, Math.round(x)) : Math.round(Math.exp(Math.round(Math.log(x) * 25) / 25));

interface Scratch {
  T: OpTable;
  X: StepShape;
  R: StepTotals;
}

export function stepOracle(
  f: Family,
  lay: Layout,
  pt: Pick<Point, 'specDraft' | 'specAccept'>,
  tokensPerStep: number,
): StepOracle {
  const sc: Scratch = { T: new OpTable(false), X: newShape(), R: emptyTotals() };
  const cache = new Map<string, number>();
  const draft = pt.specDraft > 0 ? pt.specDraft + 1 : 1;
  const run = (n: number, phase: Phase): number => runStep(f, shapeFor(sc.X, lay, n, phase, false), sc.T, sc.R).total;
  const decodeRaw = (d: number, ctx: number): number => {
    const total = run(d * draft, { kind: 'decode', context: ctx });
    // Each draft token runs one extra transformer block (point.ts decode).
    return pt.specDraft > 0 ? total + (pt.specDraft * (total - sc.R.overhead)) / f.model.numLayers : total;
  };
  const decode = (d: number, ctx: number): number => {
    if (d <= 0) return 0;
    const key = `d${bucket(d)}|${bucket(ctx)}`;
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = decodeRaw(bucket(d), bucket(ctx))));
    return v;
  };
  const mixed = (d: number, p: number, ctx: number, S: number): number => {
    if (p <= 0) return decode(d, ctx);
    const key = `m${bucket(d)}|${bucket(p)}|${bucket(ctx)}|${bucket(S)}`;
    let v = cache.get(key);
    if (v === undefined) {
      const pre = run(bucket(p) + bucket(d), { kind: 'prefill', seq: Math.max(bucket(S), 1), cached: 0 });
      const attn = d > 0 ? decode(d, ctx) - decode(d, 1) : 0;
      cache.set(key, (v = pre + Math.max(0, attn)));
    }
    return v;
  };
  return { decode, mixed, tokensPerStep };
}
