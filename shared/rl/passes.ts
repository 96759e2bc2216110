/**
 * The trainer's forward passes over the step's samples (prompt + response): the policy's log-probs
 * (recomputed by the trainer: the behaviour policy's for the importance ratio), the reference
 * model's (KL term), the critic's values (PPO) and a reward model's score. Each is a prefill-like
 * forward built by the inference operators (inference/point.ts evaluateBurstPrefill) on the
 * training layout (context parallelism folded into data parallelism) at the training precision:
 * - sequences per replica q = samples ÷ (DP·CP); with PP stages the replica's stages work on
 *   different micro-batches at once, so the pass is one forward of q ÷ PP sequences through all
 *   layers, × (1 + (PP − 1) ÷ m) for the pipeline bubble, m = q ÷ micro-batch micro-batches;
 * - sequence length: the length-weighted mean S_eff = E[S²] ÷ E[S] of S = prompt + response (what
 *   a causal attention's cost per token averages to over varied lengths).
 * A critic or reward model runs the LM-head-sized output layer here (a value head is smaller: a
 * slight overestimate); a dense model's pass drops the layout's EP.
 */
import { compileFamily } from '../inference/family';
import type { Point } from '../inference/point';
import { evaluateBurstPrefill, NO_PREFILL_LAYOUT } from '../inference/point';
import type { PlanContext } from '../plan/context';
import type { InferenceSettings } from '../schema/plan';
import type { RlContext } from './context';

export type PassRole = 'policy' | 'reference' | 'critic' | 'reward';

export interface ForwardPass {
  role: PassRole;
  modelName: string;
  seconds: number;
  sequences: number;
  sequenceLength: number;
}

const denseVariant = new WeakMap<InferenceSettings, InferenceSettings>();

function settingsFor(rctx: RlContext, mctx: PlanContext): InferenceSettings {
  const s = rctx.forwardSettings;
  if (mctx.model.moe || s.parallelism.ep === 1) return s;
  let d = denseVariant.get(s);
  if (!d) denseVariant.set(s, (d = { ...s, parallelism: { ...s.parallelism, ep: 1 } }));
  return d;
}

/** Seconds of one forward pass of `mctx`'s model over `sequences` sequences of `seqLen` tokens on the training pool. */
export function forwardSeconds(rctx: RlContext, mctx: PlanContext, sequences: number, seqLen: number): number {
  const s = settingsFor(rctx, mctx);
  const f = compileFamily(mctx, s);
  const par = s.parallelism;
  const pt: Point = {
    tp: par.tp,
    pp: par.pp,
    dp: par.dp,
    ep: par.ep,
    decodeDevices: rctx.pools.trainingDevices,
    prefillDevices: rctx.pools.trainingDevices,
    disaggregated: false,
    batch: par.dp,
    promptTokens: Math.max(1, Math.round(seqLen)),
    outputTokens: 0,
    prefixHit: 0,
    dual: false,
    specDraft: 0,
    specAccept: 0,
    ...NO_PREFILL_LAYOUT,
  };
  const perReplica = sequences / par.dp;
  const micro = Math.max(1, perReplica / rctx.plan.rl.training.microBatchSequences);
  const bubble = par.pp > 1 ? (par.pp - 1) / micro : 0;
  return evaluateBurstPrefill(f, pt, perReplica / par.pp) * (1 + bubble);
}

export interface SequenceShape {
  /** Samples trained per step (the reward model scores every generated one), mean tokens per sample (prompt + response), and S_eff. */
  samples: number;
  generated: number;
  meanTokens: number;
  effectiveLength: number;
}

export function forwardPasses(rctx: RlContext, shape: SequenceShape): ForwardPass[] {
  const roles: Array<[PassRole, PlanContext | null]> = [
    ['policy', rctx.policy],
    ['reference', rctx.reference],
    ['critic', rctx.critic],
    ['reward', rctx.reward],
  ];
  return roles.flatMap(([role, mctx]) =>
    mctx
      ? [
          {
            role,
            modelName: mctx.model.name,
            seconds: forwardSeconds(
              rctx,
              mctx,
              role === 'reward' ? shape.generated : shape.samples,
              shape.effectiveLength,
            ),
            sequences: role === 'reward' ? shape.generated : shape.samples,
            sequenceLength: shape.effectiveLength,
          },
        ]
      : [],
  );
}
