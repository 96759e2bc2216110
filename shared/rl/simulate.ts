/**
 * A direct simulation of one synchronous rollout, to check the generation model (generation.ts):
 * N = n·R response lengths drawn with a seeded generator (sizing/distribution.ts rng) from the
 * same capped distribution, dealt round-robin to R replicas; each replica decodes at most C at
 * once, a finished sequence's slot takes the next waiting sample, every active sequence gains one
 * token per step. Between two finishes the batch is constant and the contexts grow by one per
 * step, so the time of those Δ steps is Δ·tpot(b, P + mean age at the middle of the run) — exact
 * when tpot is linear in the context (the KV read is). The pool's time is its slowest replica's.
 */
import { rng } from '../schema/distribution';
import type { GenerationInputs } from './generation';

export interface SimulationResult {
  /** Pool generation time (the slowest replica), s. */
  syncS: number;
  /** Each replica's time, s. */
  replicaS: number[];
  /** The longest sampled response. */
  longest: number;
  samples: number;
}

function replicaTime(lengths: number[], C: number, prompt: number, tpot: GenerationInputs['tpot']): number {
  const queue = lengths.filter((l) => l > 0);
  // Active sequences as [finish token time, start token time].
  const active: Array<[number, number]> = [];
  let k = 0;
  let t = 0;
  let next = 0;
  const fill = (): void => {
    while (active.length < C && next < queue.length) {
      active.push([k + queue[next]!, k]);
      next++;
    }
  };
  fill();
  while (active.length > 0) {
    const finish = Math.min(...active.map((a) => a[0]));
    const steps = finish - k;
    if (steps > 0) {
      const meanStart = active.reduce((s, a) => s + a[1], 0) / active.length;
      const midAge = k + (steps - 1) / 2 - meanStart;
      t += steps * tpot(active.length, prompt + midAge);
      k = finish;
    }
    for (let i = active.length - 1; i >= 0; i--) if (active[i]![0] <= k) active.splice(i, 1);
    fill();
  }
  return t;
}

export function simulateGeneration(inp: GenerationInputs, seed: number): SimulationResult {
  const R = Math.max(1, Math.round(inp.replicas));
  const N = Math.max(1, Math.round(inp.perReplica * inp.replicas));
  const u = rng(seed);
  const all = Array.from({ length: N }, () => Math.round(inp.lengths.sample(u())));
  const per: number[][] = Array.from({ length: R }, () => []);
  all.forEach((l, i) => per[i % R]!.push(l));
  const replicaS = per.map((ls) => replicaTime(ls, Math.max(1, inp.concurrency), inp.prompt, inp.tpot));
  return { syncS: Math.max(...replicaS), replicaS, longest: Math.max(...all), samples: N };
}
