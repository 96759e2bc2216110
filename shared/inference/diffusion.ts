/**
 * A masked-diffusion LM's sampler (LLaDA; Fast-dLLM's caches), timed with the same operator
 * builders as an autoregressive step: each denoising step is one bidirectional forward pass.
 *
 * The answer of L tokens is present from the start as masks beside the prompt of P tokens, so a
 * forward sees S = P + L tokens and every computed token attends to all S (no causal mask). The
 * answer is unmasked in ⌈L ÷ B⌉ blocks of B tokens, each over s denoising steps (B ÷ s tokens
 * unmasked per step on average; `DiffusionSampler`, schema/plan.ts). Per block:
 * - no cache (LLaDA): s forwards over all S tokens;
 * - prefix cache (Fast-dLLM PrefixCache, dKV-Cache-Prefill): a full forward (refreshing the cache),
 *   then s − 1 forwards computing the current block and the still-masked rest (L − b·B tokens for
 *   block b) against the cached K/V of the prompt and the finished blocks;
 * - dual cache (Fast-dLLM DualCache): a full forward, then s − 1 forwards of the B block tokens only.
 * Every forward runs the LM head on every computed token (the sampler reads the logits of the
 * masked positions). With `n` sequences per replica a forward computes n × its tokens.
 *   latency = Σ blocks Σ steps forward time,   tokens/s per request = L ÷ latency,
 *   output tokens/s = batch × L ÷ latency,     first block = the first block's steps.
 * The same model run autoregressively (prefill P, then L decode steps at the same batch and
 * devices) is computed beside it, so the two compare on one device.
 * Not modelled: early stopping at an end-of-sequence token (a published tokens/s often counts only
 * the tokens before it), dKV-Cache's delayed refresh, dual micro-batch and speculative decoding.
 */
import { input, trace, type Trace } from '../explain';
import type { Citation } from '../source';
import type { DiffusionSampler } from '../schema/plan';
import type { Family } from './family';
import { OpTable } from './operators';
import { emptyTotals, type StepTotals } from './overlap';
import { newShape, runStep, shapeFor, type Layout, type StepShape } from './step';

export const DIFFUSION_SOURCES: readonly Citation[] = [
  {
    doc: 'llada-paper',
    at: '§2.4 inference: the answer starts fully masked; each step predicts every mask and remasks the least confident',
  },
  {
    doc: 'fast-dllm-paper',
    at: '§3: block-wise KV cache (PrefixCache, DualCache) refreshed per block; confidence-threshold parallel decoding',
  },
];

export interface DiffusionForward {
  label: string;
  /** Tokens computed per sequence, and the sequence they attend to. */
  tokens: number;
  seq: number;
  /** Forwards of this kind per request, and seconds per forward. */
  perRequest: number;
  seconds: number;
}

export interface DiffusionResult {
  sampler: DiffusionSampler;
  blocks: number;
  tokensPerStep: number;
  steps: number;
  /** Sequences per replica in each forward. */
  sequencesPerReplica: number;
  forwards: DiffusionForward[];
  latencyS: number;
  firstBlockS: number;
  tokensPerSecondPerRequest: number;
  outputTokensPerSecond: number;
  /** The same model decoded autoregressively on the same devices at the same batch. */
  ar: {
    ttftS: number;
    tpotS: number;
    latencyS: number;
    tokensPerSecondPerRequest: number;
    outputTokensPerSecond: number;
  } | null;
  trace: Trace;
}

/** The sampler a plan states, or LLaDA's plain one (one block the length of the answer, one token per step, no cache). */
export const samplerOf = (s: DiffusionSampler | undefined, outputTokens: number): DiffusionSampler =>
  s ?? { blockTokens: outputTokens, stepsPerBlock: outputTokens, cache: 'none' };

/** One forward's table, shape and totals (kept so the caller can explain the steps operator by operator). */
export interface ForwardScratch {
  T: OpTable;
  X: StepShape;
  R: StepTotals;
}
export const newForwardScratch = (detail = true): ForwardScratch => ({
  T: new OpTable(detail),
  X: newShape(),
  R: emptyTotals(),
});

function forward(f: Family, lay: Layout, seqs: number, tokens: number, S: number, sc: ForwardScratch): number {
  const phase = { kind: 'prefill' as const, seq: S, cached: S - tokens, bidirectional: true };
  const x = shapeFor(sc.X, lay, seqs * tokens, phase, false);
  x.everyTokenHead = true;
  return runStep(f, x, sc.T, sc.R).total;
}

/** Seconds of a prefix-cache block's later steps, summed over blocks (sampled when there are many). */
function prefixBlockSteps(
  f: Family,
  lay: Layout,
  seqs: number,
  P: number,
  L: number,
  B: number,
  blocks: number,
  sc: ForwardScratch,
): number {
  const sample = Math.min(blocks, 32);
  let sum = 0;
  for (let j = 0; j < sample; j++) {
    const b = Math.floor((j * blocks) / sample);
    sum += forward(f, lay, seqs, Math.max(1, L - b * B), P + L, sc);
  }
  return (sum / sample) * blocks;
}

export interface DiffusionInput {
  prompt: number;
  output: number;
  batch: number;
  sampler: DiffusionSampler;
}

/** Times the sampler on a layout; `full` and `step` keep the full forward and the typical step for explanation. */
export function evaluateDiffusion(
  f: Family,
  lay: Layout,
  w: DiffusionInput,
  full: ForwardScratch,
  step: ForwardScratch,
): Omit<DiffusionResult, 'ar' | 'trace'> {
  const { prompt: P, output: L, sampler } = w;
  const B = Math.min(sampler.blockTokens, L);
  const blocks = Math.ceil(L / B);
  const s = sampler.stepsPerBlock;
  const seqs = Math.max(1, w.batch / lay.dp);
  const S = P + L;
  const tFull = forward(f, lay, seqs, S, S, full);
  const forwards: DiffusionForward[] = [];
  let latency: number;
  let first: number;
  if (sampler.cache === 'none') {
    forward(f, lay, seqs, S, S, step);
    latency = blocks * s * tFull;
    first = s * tFull;
    forwards.push({
      label: 'full forward (prompt + answer)',
      tokens: S,
      seq: S,
      perRequest: blocks * s,
      seconds: tFull,
    });
  } else {
    const tokens = sampler.cache === 'dual' ? B : L;
    const tFirst = forward(f, lay, seqs, tokens, S, step);
    const later = sampler.cache === 'dual' ? blocks * tFirst : prefixBlockSteps(f, lay, seqs, P, L, B, blocks, full);
    if (sampler.cache === 'prefix') forward(f, lay, seqs, S, S, full); // keep the full forward's table
    latency = blocks * tFull + (s - 1) * later;
    first = tFull + (s - 1) * tFirst;
    forwards.push({
      label: 'full forward, refreshing the cache',
      tokens: S,
      seq: S,
      perRequest: blocks,
      seconds: tFull,
    });
    forwards.push({
      label: sampler.cache === 'dual' ? 'block forward (dual cache)' : 'block + masked suffix forward (prefix cache)',
      tokens,
      seq: S,
      perRequest: blocks * (s - 1),
      seconds: later / blocks,
    });
  }
  return {
    sampler,
    blocks,
    tokensPerStep: B / s,
    steps: blocks * s,
    sequencesPerReplica: seqs,
    forwards,
    latencyS: latency,
    firstBlockS: first,
    tokensPerSecondPerRequest: L / latency,
    outputTokensPerSecond: (w.batch * L) / latency,
  };
}

/** The trace of a diffusion result (and its autoregressive twin). */
export function diffusionTrace(d: Omit<DiffusionResult, 'trace'>, w: DiffusionInput, children: Trace[]): Trace {
  return trace(
    'Diffusion sampler',
    'latency = Σ blocks (steps per block × forward); tokens/s per request = answer tokens ÷ latency',
    d.latencyS,
    's',
    [
      input('prompt', w.prompt, 'tokens'),
      input('answer (masked at the start)', w.output, 'tokens'),
      input('block', d.sampler.blockTokens, 'tokens'),
      input('steps per block', d.sampler.stepsPerBlock, 'count'),
      input('tokens unmasked per step', d.tokensPerStep, 'tokens'),
      input('cache', d.sampler.cache),
      input('blocks', d.blocks, 'count'),
      input('forwards per request', d.steps, 'count'),
      input('sequences per replica per forward', d.sequencesPerReplica, 'count'),
      ...d.forwards.map((x) => input(`${x.label}: ${x.tokens} of ${x.seq} tokens, × ${x.perRequest}`, x.seconds, 's')),
      ...(d.ar
        ? [
            input('autoregressive twin: TTFT', d.ar.ttftS, 's'),
            input('autoregressive twin: TPOT', d.ar.tpotS, 's'),
            input('autoregressive twin: latency', d.ar.latencyS, 's'),
          ]
        : []),
    ],
    children,
  );
}
