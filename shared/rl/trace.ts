/**
 * The explain trace of an RL step: the step's formula by placement, then one child per phase with
 * its formula and inputs — generation (tail model), the forward passes, the reward, training (the
 * training engine's own trace), the weight sync and switch, memory per phase and the price.
 */
import { input, trace, type Trace } from '../explain';
import type { RlContext } from './context';
import type { RlResult } from './evaluate';
import type { TrainPhase } from './train';

const STEP_FORMULA = {
  colocated: 'generation + switch + log-probs + reward + training + sync (one pool, in sequence)',
  sync: 'generation + log-probs + reward + training + sync (separate pools, synchronous)',
  async: 'max(generation, log-probs + reward + training) + sync (separate pools, generation k steps ahead)',
};

function generationTrace(rctx: RlContext, r: Omit<RlResult, 'trace'>): Trace {
  const g = r.rollout;
  const formula =
    g.mode === 'synchronous'
      ? '∫ tpot(batch(k), prompt + age(k)) dk to the longest response + prefill (batch shrinks as responses finish)'
      : g.mode === 'partial'
        ? 'samples × mean length × tpot(full batch) ÷ batch + prefill (partial rollout: no waiting on the tail)'
        : 'max(samples × mean length × tpot ÷ in flight, longest response × tpot ÷ (k + 1)) + prefill';
  return trace('Generation', formula, g.phaseS, 's', [
    input('samples generated per step', g.samples, 'count'),
    input('rollout replicas', g.layout.dp, 'count'),
    input('samples per replica', g.perReplica, 'count'),
    input('sequences at once per replica', g.concurrency, 'count', `memory holds ${g.memoryLimit.toFixed(0)}`),
    input('response lengths', g.lengthLabel),
    input('mean generated length', g.meanResponseTokens, 'tokens'),
    input('share cut at the cap', g.truncatedShare, 'ratio'),
    input('expected longest response', g.longestTokens, 'tokens'),
    input('seconds per token at the full batch', g.tpotFullS, 's', `decode step bound: ${g.bound}`),
    input('synchronous decode (with the tail)', g.gen.syncS, 's'),
    input('same tokens at the full batch', g.gen.streamS, 's'),
    input('tail cost', g.gen.tailS, 's'),
    input('prefill of the prompts', g.prefillS, 's'),
    input('mode', g.mode),
  ]);
}

export function rlTrace(rctx: RlContext, r: Omit<RlResult, 'trace'>, train: TrainPhase, price: Trace): Trace {
  const plan = rctx.plan;
  const kind = rctx.pools.colocated ? 'colocated' : plan.rl.asyncSteps > 0 ? 'async' : 'sync';
  const passes = r.passes.map((p) =>
    trace(
      `Forward pass: ${p.role} (${p.modelName})`,
      'prefill-like forward of the sequences per replica ÷ PP through all layers × (1 + bubble)',
      p.seconds,
      's',
      [input('sequences', p.sequences, 'count'), input('effective sequence length', p.sequenceLength, 'tokens')],
    ),
  );
  const mem = r.memory.phases.map((ph) =>
    trace(
      `Memory per device: ${ph.phase}`,
      'sum of what the devices hold in this phase',
      ph.total,
      'bytes',
      Object.entries(ph.parts).map(([k, v]) => input(k, v ?? 0, 'bytes')),
    ),
  );
  return trace(
    'RL step time',
    STEP_FORMULA[kind],
    r.stepTimeS,
    's',
    [
      input('algorithm', plan.rl.algorithm),
      input('devices (rollout / training)', `${rctx.pools.rolloutDevices} / ${rctx.pools.trainingDevices}`),
      input('asynchrony k', plan.rl.asyncSteps, 'count'),
      input('samples trained per step', r.shape.samples, 'count'),
      input('mean tokens per sample (prompt + response)', r.shape.meanTokens, 'tokens'),
      input('idle (device-weighted)', r.breakdownS.idle, 's'),
      input('binding phase', r.binding),
    ],
    [
      generationTrace(rctx, r),
      trace('Log-prob passes', 'Σ forward passes (policy, reference, critic)', r.breakdownS.logprobs, 's', [], passes),
      trace('Reward', 'reward-model forward + verifier seconds', r.breakdownS.reward, 's', [
        input('verifier seconds per step', plan.rl.rewardSecondsPerStep, 's'),
      ]),
      trace(
        'Training',
        'training step × optimizer steps × epochs, per trained model',
        train.seconds,
        's',
        [
          input('optimizer steps per RL step', plan.rl.training.optimizerSteps, 'count'),
          input('epochs', plan.rl.training.epochs, 'count'),
          input('tokens per step', r.shape.samples * r.shape.meanTokens, 'tokens'),
        ],
        train.parts.map((p) => p.result.trace),
      ),
      trace('Weight sync and switch', r.sync.formula, r.sync.transferS + r.sync.switchS, 's', [
        input('bytes received per device', r.sync.bytesPerDevice, 'bytes'),
        input('tier', r.sync.tier),
        input('transfer', r.sync.transferS, 's'),
        input('offload and reload bytes per device', r.sync.switchBytesPerDevice, 'bytes'),
        input('switch', r.sync.switchS, 's'),
      ]),
      ...mem,
      trace(
        'Device-hours for the run',
        'devices × step × steps ÷ 3,600',
        r.deviceHours,
        'count',
        [input('steps', plan.rl.workload.steps, 'count'), input('devices', plan.devices, 'count')],
        [price],
      ),
    ],
  );
}
