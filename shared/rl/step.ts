/**
 * One RL step laid out in time, by placement and asynchrony:
 * - colocated: the same devices run generation, the switch, the log-prob passes, the reward,
 *   training and the weight sync one after another: step = G + switch + L + R + T + sync;
 * - disaggregated, synchronous (k = 0): the rollout pool generates while the training pool waits,
 *   then the training pool runs L + R + T while the rollout pool waits, then both take part in the
 *   sync: step = G + L + R + T + sync;
 * - disaggregated, asynchronous (k ≥ 1): generation of step n + k overlaps training of step n;
 *   both pools stop for the sync: step = max(G, L + R + T) + sync.
 * Breakdown: each phase's seconds; idle = device-weighted idle seconds per step (Σ pool devices ×
 * pool idle ÷ all devices). Utilisation of a pool = its busy seconds ÷ step. The binding phase is
 * the largest phase on the critical path (asynchronous: generation when G ≥ L + R + T, else the
 * largest of the trainer's phases).
 */
export type RlPhase = 'generation' | 'logprobs' | 'reward' | 'training' | 'sync' | 'switch' | 'idle';

export interface Segment {
  pool: 'rollout' | 'training' | 'all';
  phase: RlPhase;
  start: number;
  end: number;
}

export interface PhaseTimes {
  generation: number;
  logprobs: number;
  reward: number;
  training: number;
  sync: number;
  switch: number;
}

export interface StepLayout {
  stepS: number;
  breakdown: { generation: number; logprobs: number; reward: number; training: number; sync: number; idle: number };
  timeline: Segment[];
  utilisation: { rollout: number; training: number };
  binding: Exclude<RlPhase, 'idle' | 'switch'>;
}

/** Appends consecutive segments for a pool starting at t0; returns the end time. */
function lay(out: Segment[], pool: Segment['pool'], t0: number, parts: Array<[RlPhase, number]>): number {
  let t = t0;
  for (const [phase, s] of parts) {
    if (s <= 0) continue;
    out.push({ pool, phase, start: t, end: t + s });
    t += s;
  }
  return t;
}

function largest(p: PhaseTimes, keys: Array<StepLayout['binding']>): StepLayout['binding'] {
  return keys.reduce((a, b) =>
    (b === 'sync' ? p.sync + p.switch : p[b]) > (a === 'sync' ? p.sync + p.switch : p[a]) ? b : a,
  );
}

export function layoutStep(
  p: PhaseTimes,
  colocated: boolean,
  asyncSteps: number,
  devices: { rollout: number; training: number },
): StepLayout {
  const trainer = p.logprobs + p.reward + p.training;
  const timeline: Segment[] = [];
  const all: Array<StepLayout['binding']> = ['generation', 'logprobs', 'reward', 'training', 'sync'];
  if (colocated) {
    const stepS = lay(timeline, 'all', 0, [
      ['generation', p.generation],
      ['switch', p.switch],
      ['logprobs', p.logprobs],
      ['reward', p.reward],
      ['training', p.training],
      ['sync', p.sync],
    ]);
    return {
      stepS,
      breakdown: { ...pick(p), sync: p.sync + p.switch, idle: 0 },
      timeline,
      utilisation: { rollout: stepS > 0 ? 1 : 0, training: stepS > 0 ? 1 : 0 },
      binding: largest(p, all),
    };
  }
  const overlap = asyncSteps > 0;
  const body = overlap ? Math.max(p.generation, trainer) : p.generation + trainer;
  const stepS = body + p.sync;
  lay(timeline, 'rollout', 0, [['generation', p.generation]]);
  if (body > p.generation) timeline.push({ pool: 'rollout', phase: 'idle', start: p.generation, end: body });
  const t0 = overlap ? 0 : p.generation;
  if (t0 > 0) timeline.push({ pool: 'training', phase: 'idle', start: 0, end: t0 });
  const tEnd = lay(timeline, 'training', t0, [
    ['logprobs', p.logprobs],
    ['reward', p.reward],
    ['training', p.training],
  ]);
  if (body > tEnd) timeline.push({ pool: 'training', phase: 'idle', start: tEnd, end: body });
  lay(timeline, 'rollout', body, [['sync', p.sync]]);
  lay(timeline, 'training', body, [['sync', p.sync]]);
  const idleR = body - p.generation;
  const idleT = body - trainer;
  const N = devices.rollout + devices.training;
  return {
    stepS,
    breakdown: { ...pick(p), sync: p.sync, idle: (devices.rollout * idleR + devices.training * idleT) / N },
    timeline,
    utilisation: {
      rollout: stepS > 0 ? (p.generation + p.sync) / stepS : 0,
      training: stepS > 0 ? (trainer + p.sync) / stepS : 0,
    },
    binding: overlap
      ? p.generation >= trainer
        ? 'generation'
        : largest(p, ['logprobs', 'reward', 'training'])
      : largest(p, all),
  };
}

const pick = (p: PhaseTimes) => ({
  generation: p.generation,
  logprobs: p.logprobs,
  reward: p.reward,
  training: p.training,
});
