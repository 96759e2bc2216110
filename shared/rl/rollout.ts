/**
 * The rollout engine's part of an RL step: the inference engine's decode and prefill steps
 * (inference/point.ts) turned into the generation phase.
 * - Replicas R = the rollout layout's DP; each holds n = samples ÷ R, samples = prompts ×
 *   samples per prompt × the dynamic-sampling multiplier.
 * - Sequences at once per replica: C = min(n, engine limit, memory limit); the memory limit is the
 *   inference memory model's largest batch (inference/memory.ts) at context prompt + mean response,
 *   on the memory the resident training state leaves (colocated without offload).
 * - Seconds per token at b sequences and context c: the decode step of the point with batch b·R and
 *   that context ÷ tokens per step (speculative decoding included) — evaluateDecode.
 * - Prefill: each prompt once per replica (its samples share the prefix cache): evaluateBurstPrefill
 *   of prompts ÷ R prompts.
 * - The phase: synchronous = the tail model (generation.ts); partial rollout = the streaming bound
 *   (unfinished responses continue next step); asynchronous (k ≥ 1, separate pools) = the rollout
 *   pool keeps up to (k + 1) steps of samples in flight and every response must finish within k + 1
 *   steps: max(streaming time, longest response's time ÷ (k + 1)).
 */
import { compileFamily, type Family } from '../inference/family';
import { emptyMemory, memoryNumbers, type MemoryNumbers } from '../inference/memory';
import { atCapacity, deviceShareKept } from '../inference/memory-reserve';
import {
  emptyPointResult,
  evaluateBurstPrefill,
  evaluateDecode,
  type Point,
  NO_PREFILL_LAYOUT,
} from '../inference/point';
import type { Bound } from '../inference/roofline';
import type { Layout } from '../inference/step';
import type { RlContext } from './context';
import { generationTime, streamingSeconds, type GenerationInputs, type GenerationResult } from './generation';
import { expectedMax, lengthModel, type LengthModel } from '../schema/rl-lengths';

export type RolloutMode = 'synchronous' | 'partial' | 'asynchronous';

export interface RolloutResult {
  family: Family;
  layout: Layout;
  lengths: LengthModel;
  /** Samples generated per step, per replica; sequences decoding at once per replica. */
  samples: number;
  perReplica: number;
  concurrency: number;
  /** Largest batch per replica the rollout memory holds (0 = the weights leave no room). */
  memoryLimit: number;
  mode: RolloutMode;
  gen: GenerationResult;
  prefillS: number;
  /** The generation phase as the step uses it (s). */
  phaseS: number;
  /** Expected longest response of the step and its time at the streaming batch (s). */
  longestTokens: number;
  longestS: number;
  /** Decode step at the full batch: seconds per token and what binds it. */
  tpotFullS: number;
  bound: Bound;
  memory: MemoryNumbers;
  /** Inputs of the tail model (for the simulation check). */
  inputs: GenerationInputs;
}

export function rolloutPoint(rctx: RlContext, layout: Layout): Point {
  const s = rctx.plan.rl.rollout;
  return {
    tp: layout.tp,
    pp: layout.pp,
    dp: layout.dp,
    ep: layout.ep,
    decodeDevices: layout.devices,
    prefillDevices: layout.devices,
    disaggregated: false,
    batch: layout.dp,
    promptTokens: rctx.plan.rl.workload.promptTokens,
    outputTokens: 0,
    prefixHit: 0,
    dual: s.serving.dualMicroBatch,
    specDraft: s.serving.speculative?.draftTokens ?? 0,
    specAccept: s.serving.speculative?.acceptanceRate ?? 0,
    ...NO_PREFILL_LAYOUT,
  };
}

export function rolloutLayout(rctx: RlContext): Layout {
  const p = rctx.plan.rl.rollout.parallelism;
  return { devices: rctx.pools.rolloutDevices, tp: p.tp, pp: p.pp, dp: p.dp, ep: p.ep };
}

/**
 * Seconds per generated token of one sequence at b sequences per replica and mean context c; the
 * last decode's result (its binding limit) stays in `out`.
 */
export function tpotOf(f: Family, pt: Point, out = emptyPointResult()): (b: number, c: number) => number {
  return (b, c) => {
    pt.batch = Math.max(1, b) * pt.dp;
    pt.promptTokens = c;
    pt.outputTokens = 0;
    return evaluateDecode(f, pt, out).tpotS;
  };
}

function modeOf(rctx: RlContext): RolloutMode {
  const k = rctx.plan.rl.asyncSteps;
  if (k > 0 && !rctx.pools.colocated) return 'asynchronous';
  return rctx.plan.rl.rollout.partialRollout ? 'partial' : 'synchronous';
}

/**
 * The generation phase of one step; `residentBytes` = training state left on the rollout devices
 * (it uses the engine's reserve share first; only the excess shrinks the KV budget).
 */
export function evaluateRollout(rctx: RlContext, residentBytes: number): RolloutResult {
  const w = rctx.plan.rl.workload;
  const f = compileFamily(rctx.policy, rctx.rolloutSettings);
  const layout = rolloutLayout(rctx);
  const R = layout.dp;
  const lengths = lengthModel(w.response, w.maxResponseTokens);
  const samples = w.promptsPerStep * w.samplesPerPrompt * rctx.plan.rl.samplingMultiplier;
  const n = samples / R;
  const cap = rctx.policy.accelerator.memoryBytes.value ?? 0;
  // The engine's reserve is the first room a resident trainer takes: a share of the device (vLLM,
  // SGLang, whose start-up rule is read at the device's capacity; memoryNumbers frees share × capacity −
  // weights, so a capacity of cap − excess ÷ share frees excess less), or, for TensorRT-LLM, what is
  // left after loading, where the trainer is memory taken.
  const reserve = atCapacity(f.memory.reserve, cap, layout);
  const kept = deviceShareKept(reserve, cap, layout);
  const share = 1 - (kept ?? 0);
  const excess = Math.max(0, residentBytes - cap * (kept ?? 0));
  const effective = kept === null ? cap - residentBytes : cap - excess / Math.max(share, 1e-6);
  const mm = reserve === f.memory.reserve ? f.memory : { ...f.memory, reserve };
  const mem = memoryNumbers(
    mm,
    layout,
    Math.max(0, effective),
    1,
    w.promptTokens + lengths.mean,
    w.promptTokens,
    emptyMemory(),
  );
  const memoryLimit = mem.maxBatch / R;
  const engineLimit = rctx.plan.rl.rollout.maxConcurrentSequences ?? Infinity;
  const limit = Math.max(1, Math.min(engineLimit, memoryLimit));
  const pt = rolloutPoint(rctx, layout);
  const last = emptyPointResult();
  const inputs: GenerationInputs = {
    lengths,
    perReplica: n,
    replicas: R,
    concurrency: limit,
    prompt: w.promptTokens,
    tpot: tpotOf(f, pt, last),
  };
  const gen = generationTime(inputs);
  const mode = modeOf(rctx);
  const k = rctx.plan.rl.asyncSteps;
  const inFlight = Math.min(limit, mode === 'asynchronous' ? n * (k + 1) : n);
  const ctxEq = w.promptTokens + (lengths.mean > 0 ? lengths.second / (2 * lengths.mean) : 0);
  const tpotFullS = inputs.tpot(inFlight, ctxEq);
  const bound = last.decodeBound;
  const longestTokens = expectedMax(lengths, samples);
  const longestS = longestTokens * tpotFullS;
  pt.promptTokens = w.promptTokens;
  const prefillS = evaluateBurstPrefill(f, pt, (w.promptsPerStep * rctx.plan.rl.samplingMultiplier) / R);
  const decodeS =
    mode === 'synchronous'
      ? gen.syncS
      : mode === 'partial'
        ? gen.streamS
        : Math.max(streamingSeconds(inputs, inFlight), longestS / (k + 1));
  memoryNumbers(f.memory, layout, cap, Math.min(n, limit) * R, w.promptTokens + lengths.mean, w.promptTokens, mem);
  return {
    family: f,
    layout,
    lengths,
    samples,
    perReplica: n,
    concurrency: Math.min(n, limit),
    memoryLimit,
    mode,
    gen,
    prefillS,
    phaseS: decodeS + prefillS,
    longestTokens,
    longestS,
    tpotFullS,
    bound,
    memory: mem,
    inputs,
  };
}
