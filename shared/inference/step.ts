/**
 * One forward step on one device: the builders fill the operator table, the overlap rules turn it
 * into a time. Each attention replica processes n tokens (decode: one per sequence, × the verified
 * drafts with speculative decoding; prefill: the prompt tokens); with dual micro-batch each
 * micro-batch holds n/2. Decode attends to the mean context, prefill to a prompt of S tokens.
 */
import { buildAttention } from './attention';
import { buildEpComm } from './ep-comm';
import type { Family } from './family';
import { buildDenseFfn, buildMoeElementwise } from './ffn';
import { buildMoe } from './moe';
import { OpTable } from './operators';
import { applyOverlap, type StepTotals } from './overlap';
import { buildStepOps } from './step-ops';
import { buildTpComm } from './tp-comm';
import { buildVision } from './vision';

export interface Layout {
  devices: number;
  tp: number;
  pp: number;
  dp: number;
  ep: number;
}

/**
 * Decode attends to a mean context; prefill computes the uncached tail of prompts of `seq` tokens
 * whose first `cached` tokens come from the prefix cache (0 when none). A bidirectional prefill
 * (a diffusion LM's forward, inference/diffusion.ts) lets every computed token attend to all `seq`.
 */
export type Phase =
  { kind: 'decode'; context: number } | { kind: 'prefill'; seq: number; cached?: number; bidirectional?: boolean };

/** The shape of one step, as the builders read it (a reusable, mutable record). */
export interface StepShape {
  tp: number;
  pp: number;
  dp: number;
  ep: number;
  /** Tokens per replica per step, and per micro-batch. */
  n: number;
  nb: number;
  dual: boolean;
  decode: boolean;
  /** Decode: mean context attended; prefill: prompt length S. */
  context: number;
  /** Prefill: prompt tokens per sequence served from the prefix cache (their KV is read, not computed). */
  cached: number;
  /** A training forward: the LM head runs on every token (the loss covers them all). */
  everyTokenHead: boolean;
  /** Prefill without a causal mask: each computed token attends to the whole sequence (diffusion LMs). */
  bidirectional: boolean;
}

export const newShape = (): StepShape => ({
  tp: 1,
  pp: 1,
  dp: 1,
  ep: 1,
  n: 1,
  nb: 1,
  dual: false,
  decode: true,
  context: 1,
  cached: 0,
  everyTokenHead: false,
  bidirectional: false,
});

/** Runs every builder (called one by one: a loop over a function array is a megamorphic call site). */
export function buildStep(f: Family, x: StepShape, T: OpTable): void {
  T.clear();
  T.decode = x.decode;
  T.microBatches = x.dual ? 2 : 1;
  buildAttention(f, x, T);
  buildVision(f, x, T);
  buildDenseFfn(f, x, T);
  buildMoeElementwise(f, x, T);
  buildMoe(f, x, T);
  buildTpComm(f, x, T);
  buildEpComm(f, x, T);
  buildStepOps(f, x, T);
}

/** Sets the shape for a layout, n tokens per replica, a phase and whether dual micro-batch is on. */
export function shapeFor(x: StepShape, lay: Layout, n: number, phase: Phase, dual: boolean): StepShape {
  x.tp = lay.tp;
  x.pp = lay.pp;
  x.dp = lay.dp;
  x.ep = lay.ep;
  x.n = n;
  x.dual = dual;
  x.nb = dual ? n / 2 : n;
  x.decode = phase.kind === 'decode';
  x.context = phase.kind === 'decode' ? phase.context : phase.seq;
  x.cached = phase.kind === 'prefill' ? Math.min(phase.cached ?? 0, phase.seq - 1) : 0;
  x.bidirectional = phase.kind === 'prefill' && phase.bidirectional === true;
  return x;
}

/** Builds and times one step into T and `out` (no allocation). */
export function runStep(f: Family, x: StepShape, T: OpTable, out: StepTotals): StepTotals {
  buildStep(f, x, T);
  return applyOverlap(T, f.layerCounts, f.model.numLayers, x.dual, f.settings.serving.commSmFraction, out);
}

export { OpTable };
