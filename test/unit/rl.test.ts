// RL plans: the generation-tail model against a direct simulation, the limits that tie
// the RL step to the inference and training engines, colocated memory, placement and asynchrony,
// the split sweep and the plan file.
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';
import { RL_VALIDATION_CASES } from '../../shared/validation/rl-cases';
import { runValidation } from '../../shared/validation/run';
import { findPlan, presetCatalog } from '../../presets/load';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import { migratePlanObject, parsePlanFile, PlanFileError } from '../../shared/schema/migrations';
import type { RlPlan } from '../../shared/schema/plan';
import { resolveRl } from '../../shared/rl/context';
import { evaluateRl, evaluateRlPlan } from '../../shared/rl/evaluate';
import { generationTime, type GenerationInputs } from '../../shared/rl/generation';
import { lengthModel } from '../../shared/schema/rl-lengths';
import { simulateGeneration } from '../../shared/rl/simulate';
import { bestSplit, sweepSplit } from '../../shared/rl/split';
import { evaluateTraining } from '../../shared/training/evaluate';
import { syntheticTrainingPlan } from '../../shared/rl/train';
import { sequenceShape } from '../../shared/rl/evaluate';
import { layoutStep } from '../../shared/rl/step';
import { evaluateRollout } from '../../shared/rl/rollout';
import { sourceRegistry } from '../../presets/sources';
import { citationsOf } from '../../shared/source';
import { formatCitation } from '../../shared/sources/registry';
import { engineCatalog } from '../../presets/engine-catalog';
import { fieldText, INFERENCE_GROUPS, resolveField, type FieldDef } from '../../renderer/src/plans/fields';
import { RL_GROUPS } from '../../renderer/src/plans/rl-fields';

const catalog = presetCatalog();
const example = findPlan('qwen2.5-7b-grpo-8xh100') as RlPlan;

/** The example plan with changes deep-merged into `rl`. */
function variant(change: (p: RlPlan) => void): RlPlan {
  const p = structuredClone(example);
  change(p);
  return migratePlanObject(p) as RlPlan;
}

/** A linear-in-context step time: weights read once per step, KV read per sequence. */
const tpot = (b: number, c: number): number => 0.006 + 0.00002 * b + (b * c * 131072) / 2.5e12;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('generation tail model vs a direct simulation of sampled lengths', () => {
  const cases: Array<[string, GenerationInputs]> = [
    [
      'all samples at once, log-normal tail',
      {
        lengths: lengthModel({ mean: 1060, p99: 4000 }, 4096),
        perReplica: 128,
        replicas: 16,
        concurrency: 1e9,
        prompt: 120,
        tpot,
      },
    ],
    [
      'a queue (64 slots for 128 samples)',
      {
        lengths: lengthModel({ mean: 1060, p99: 4000 }, 4096),
        perReplica: 128,
        replicas: 16,
        concurrency: 64,
        prompt: 120,
        tpot,
      },
    ],
    [
      'many waves (16 slots)',
      {
        lengths: lengthModel({ mean: 1060, p99: 4000 }, 4096),
        perReplica: 128,
        replicas: 16,
        concurrency: 16,
        prompt: 120,
        tpot,
      },
    ],
    [
      // 128 samples per slot: the renewal sequence reaches its steady rate (generation.ts renewal()).
      'a long queue (128 samples per slot)',
      {
        lengths: lengthModel({ mean: 1060, p99: 4000 }, 4096),
        perReplica: 2048,
        replicas: 4,
        concurrency: 16,
        prompt: 120,
        tpot,
      },
    ],
    [
      'a histogram with 20% at the cap',
      {
        lengths: lengthModel(
          {
            histogram: [
              { tokens: 2000, weight: 0.5 },
              { tokens: 6000, weight: 0.3 },
              { tokens: 8192, weight: 0.2 },
            ],
          },
          8192,
        ),
        perReplica: 32,
        replicas: 8,
        concurrency: 1e9,
        prompt: 120,
        tpot,
      },
    ],
  ];
  for (const [name, inp] of cases)
    it(`${name}: within 6% of the mean of seeded simulations (seeds 1–5)`, () => {
      const model = generationTime(inp).syncS;
      const sims = [1, 2, 3, 4, 5].map((seed) => simulateGeneration(inp, seed).syncS);
      expect(Math.abs(model / mean(sims) - 1)).toBeLessThan(0.06);
      // The same seed gives the same simulation.
      expect(simulateGeneration(inp, 3).syncS).toBe(sims[2]);
    });

  it('with the engine’s own decode step (the 7B example, 1,280 samples per replica): within 6%', () => {
    const inp = evaluateRollout(resolveRl(example, catalog), 0).inputs;
    const sims = [1, 2, 3].map((seed) => simulateGeneration(inp, seed).syncS);
    expect(Math.abs(generationTime(inp).syncS / mean(sims) - 1)).toBeLessThan(0.06);
  });

  it('the tail costs more when the lengths spread: a longer p99 lengthens a synchronous rollout', () => {
    const base = { perReplica: 64, replicas: 8, concurrency: 1e9, prompt: 200, tpot };
    const narrow = generationTime({ ...base, lengths: lengthModel({ mean: 1000, p99: 1500 }, 8192) });
    const wide = generationTime({ ...base, lengths: lengthModel({ mean: 1000, p99: 6000 }, 8192) });
    expect(wide.syncS).toBeGreaterThan(narrow.syncS * 1.5);
    expect(wide.tailS).toBeGreaterThan(narrow.tailS);
  });
});

/** One H100, Llama 3.1 8B, one prompt with one response: the RL plan and the matching inference plan. */
function single(response: { mean: number; p99?: number }): RlPlan {
  return migratePlanObject({
    schemaVersion: 1,
    id: 'rl-single',
    name: 'one sample',
    kind: 'rl',
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h100',
    devices: 1,
    rl: {
      workload: {
        promptsPerStep: 1,
        samplesPerPrompt: 1,
        promptTokens: 1000,
        response,
        maxResponseTokens: 4000,
        steps: 1,
      },
      rollout: { parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 }, precision: {} },
      training: { parallelism: { tp: 1, pp: 1, dp: 1, ep: 1, cp: 1, zeroStage: 0 } },
      placement: { mode: 'colocated', trainerOffload: false },
    },
  }) as RlPlan;
}

describe('limits', () => {
  it('one sample without a tail: generation = the inference plan’s decode time (+ its TTFT)', () => {
    const plan = single({ mean: 2000 });
    const r = evaluateRlPlan(plan, catalog);
    const inf = migratePlanObject({
      schemaVersion: 1,
      id: 'inf-single',
      name: 'one request',
      kind: 'inference',
      modelId: 'llama-3.1-8b',
      systemId: 'hgx-h100',
      devices: 1,
      inference: {
        parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
        precision: {},
        workload: { promptTokens: 1000, outputTokens: 2000, concurrentRequests: 1 },
      },
    });
    if (inf.kind !== 'inference') throw new Error('kind');
    const x = evaluateInference(inf, resolvePlan(inf, catalog), { explain: false });
    // The inference plan times every token at the mean context (prompt + output ÷ 2); the RL step
    // integrates over the growing context, which differs only by the curvature of the step time.
    const decodeS = x.tpotS * 2000;
    expect(Math.abs(r.rollout.gen.syncS / decodeS - 1)).toBeLessThan(0.01);
    expect(r.rollout.gen.tailS).toBeLessThan(0.01 * r.rollout.gen.syncS);
    expect(r.rollout.prefillS).toBeCloseTo(x.ttftS, 6);
    expect(Math.abs(r.breakdownS.generation / (decodeS + x.ttftS) - 1)).toBeLessThan(0.01);
  });

  it('zero-length responses: generation is the prompts’ prefill only and training dominates', () => {
    const r = evaluateRlPlan(single({ mean: 0 }), catalog);
    expect(r.rollout.gen.syncS).toBe(0);
    expect(r.generatedTokensPerSecond).toBe(0);
    expect(r.breakdownS.generation).toBe(r.rollout.prefillS);
    expect(r.breakdownS.training).toBeGreaterThan(r.breakdownS.generation);
    expect(r.binding).toBe('training');
  });

  it('training reuses the training engine on the step’s tokens', () => {
    const rctx = resolveRl(example, catalog);
    const r = evaluateRl(rctx);
    const shape = sequenceShape(rctx, {
      samples: r.rollout.samples,
      lengths: { mean: r.rollout.meanResponseTokens, second: 0 },
    });
    const t = evaluateTraining(
      syntheticTrainingPlan(example, rctx.policy, 8, { ...shape, effectiveLength: r.shape.effectiveLength }),
      rctx.policy,
    );
    expect(r.breakdownS.training).toBeCloseTo(t.stepTimeS * example.rl.training.optimizerSteps, 6);
  });
});

describe('colocated memory: policy + reference + optimizer states + KV cache on the same devices', () => {
  const resident = variant((p) => {
    p.rl.placement = { mode: 'colocated', trainerOffload: false, rolloutSleep: false };
  });
  const offloaded = variant((p) => {
    p.rl.placement = { mode: 'colocated', trainerOffload: true, rolloutSleep: true };
  });
  const a = evaluateRlPlan(resident, catalog);
  const b = evaluateRlPlan(offloaded, catalog);
  const gen = (r: typeof a) => r.memory.phases.find((p) => p.phase === 'generation')!;
  const trn = (r: typeof a) => r.memory.phases.find((p) => p.phase === 'training')!;

  it('every phase’s total is the sum of its parts', () => {
    for (const r of [a, b])
      for (const ph of r.memory.phases)
        expect(ph.total).toBeCloseTo(
          Object.values(ph.parts).reduce((s, v) => s + (v ?? 0), 0),
          3,
        );
  });
  it('resident: generation holds the trainer’s weights, gradients, optimizer and the reference beside the KV cache', () => {
    const g = gen(a).parts;
    expect(g.weights).toBeGreaterThan(0);
    expect(g.gradients).toBeGreaterThan(0);
    expect(g.optimizer).toBeGreaterThan(0);
    expect(g.frozenModels).toBeCloseTo(g.weights!, 3); // reference = a copy of the policy, same sharding
    expect(g.kvCache).toBeGreaterThan(0);
    // …and training holds the sleeping-off rollout engine's weights and KV cache.
    expect(trn(a).parts.rolloutWeights).toBeGreaterThan(0);
    expect(trn(a).parts.kvCache).toBe(gen(a).parts.kvCache);
  });
  it('offloaded: the idle engine leaves the devices, and the rollout engine gets more KV room', () => {
    expect(gen(b).parts.optimizer ?? 0).toBe(0);
    expect(trn(b).parts.kvCache ?? 0).toBe(0);
    expect(gen(b).total).toBeLessThanOrEqual(gen(a).total);
    expect(b.rollout.memoryLimit).toBeGreaterThanOrEqual(a.rollout.memoryLimit);
    expect(b.sync.switchS).toBeGreaterThan(0); // offload and reload over the host link
    expect(a.sync.switchS).toBe(0);
  });
  it('a resident trainer larger than the rollout engine’s free share shrinks its KV budget', () => {
    const tight = (trainerOffload: boolean) =>
      evaluateRlPlan(
        variant((p) => {
          p.rl.rollout.serving.runtimeReserveFraction = 0.05;
          p.rl.training.parallelism.zeroStage = 1;
          p.rl.placement = { mode: 'colocated', trainerOffload, rolloutSleep: true };
        }),
        catalog,
      );
    const on = tight(true);
    const off = tight(false);
    const stays = off.memory.residentDuringGeneration;
    expect(stays).toBeGreaterThan(0.05 * off.memory.capacity);
    expect(off.rollout.memoryLimit).toBeLessThan(on.rollout.memoryLimit);
    // The KV budget shrinks by what the trainer holds beyond the 5% share: at most that many bytes of
    // sequences (each needs its KV and a little activation memory).
    const lost = (stays - 0.05 * off.memory.capacity) / on.rollout.memory.perSeqKv;
    expect(on.rollout.memoryLimit - off.rollout.memoryLimit).toBeLessThanOrEqual(lost + 1);
    expect(on.rollout.memoryLimit - off.rollout.memoryLimit).toBeGreaterThan(0.5 * lost);
  });
  it('a TensorRT-LLM rollout engine sizes its KV pool from what the resident trainer leaves', () => {
    // TensorRT-LLM gives the KV cache a share of the memory free after loading (trtllm-kv-cache-config),
    // so a resident trainer costs it (1 − reserve) of its bytes; vLLM's device share absorbs the first 5%.
    const loss = (stack: 'vllm' | 'trtllm') => {
      const run = (trainerOffload: boolean) =>
        evaluateRlPlan(
          variant((p) => {
            p.rl.rollout.serving.runtimeReserveFraction = 0.05;
            p.rl.rollout.serving.stack = { name: stack, version: null };
            p.rl.training.parallelism.zeroStage = 1;
            p.rl.placement = { mode: 'colocated', trainerOffload, rolloutSleep: true };
          }),
          catalog,
        );
      const on = run(true);
      const off = run(false);
      const stays = off.memory.residentDuringGeneration - on.memory.residentDuringGeneration;
      return {
        lost: on.rollout.memoryLimit - off.rollout.memoryLimit,
        bound: (0.95 * stays) / on.rollout.memory.perSeqKv,
      };
    };
    const trt = loss('trtllm');
    expect(trt.lost).toBeGreaterThan(loss('vllm').lost);
    expect(trt.lost).toBeLessThanOrEqual(trt.bound + 1);
    expect(trt.lost).toBeGreaterThan(0.97 * trt.bound);
  });
  it('an SGLang rollout engine with nothing resident holds what its start-up rule leaves, activations inside', () => {
    // The rollout reads SGLang's mem_fraction_static once, at the device's capacity; the activation peak
    // lives inside that reserve, so the pool equals the one the inference memory model gives.
    const r = evaluateRlPlan(
      variant((p) => {
        p.rl.rollout.serving.runtimeReserveFraction = null;
        p.rl.rollout.serving.stack = { name: 'sglang', version: null };
        p.rl.placement = { mode: 'colocated', trainerOffload: true, rolloutSleep: true };
      }),
      catalog,
    );
    expect(r.memory.residentDuringGeneration).toBe(0);
    expect(r.rollout.memoryLimit).toBe(r.rollout.memory.maxBatch / r.rollout.layout.dp);
  });
  it('a 70B policy with ZeRO-0 on 8 GPUs does not fit, and says which phase', () => {
    const big = migratePlanObject({
      ...structuredClone(example),
      modelId: 'llama-3.1-70b',
      rl: {
        ...structuredClone(example.rl),
        training: { ...example.rl.training, parallelism: { ...example.rl.training.parallelism, zeroStage: 0 } },
        placement: { mode: 'colocated', trainerOffload: false, rolloutSleep: false },
      },
    }) as RlPlan;
    const r = evaluateRlPlan(big, catalog);
    expect(r.memory.fits).toBe(false);
    expect(r.memoryPerDeviceBytes).toBeGreaterThan(r.memory.capacity);
  });
});

describe('placement and asynchrony', () => {
  const times = { generation: 100, logprobs: 10, reward: 5, training: 40, sync: 3, switch: 2 };
  it('colocated: phases add up on one pool', () => {
    const s = layoutStep(times, true, 0, { rollout: 8, training: 8 });
    expect(s.stepS).toBe(160);
    expect(s.breakdown.sync).toBe(5);
    expect(s.breakdown.idle).toBe(0);
  });
  it('disaggregated synchronous: generation, then the trainer; each pool idles while the other works', () => {
    const s = layoutStep(times, false, 0, { rollout: 8, training: 8 });
    expect(s.stepS).toBe(100 + 55 + 3);
    expect(s.breakdown.idle).toBeCloseTo((8 * 55 + 8 * 100) / 16, 9);
    expect(s.binding).toBe('generation');
  });
  it('disaggregated, k ≥ 1: generation overlaps training; step = max + sync', () => {
    const s = layoutStep(times, false, 1, { rollout: 8, training: 8 });
    expect(s.stepS).toBe(103);
    expect(s.utilisation.rollout).toBeCloseTo(1, 9);
    const t = layoutStep({ ...times, generation: 20 }, false, 2, { rollout: 8, training: 8 });
    expect(t.stepS).toBe(58);
    expect(t.binding).toBe('training');
  });
  it('the engine: an asynchronous split is faster than the same split synchronous', () => {
    const base = findPlan('deepseek-v3-grpo-320xh800-disagg') as RlPlan;
    const sync = evaluateRlPlan(migratePlanObject({ ...base, rl: { ...base.rl, asyncSteps: 0 } }) as RlPlan, catalog);
    const asy = evaluateRlPlan(base, catalog);
    expect(asy.stepTimeS).toBeLessThan(sync.stepTimeS);
    expect(asy.rollout.mode).toBe('asynchronous');
    expect(sync.stepTimeS).toBeCloseTo(
      sync.breakdownS.generation +
        sync.breakdownS.logprobs +
        sync.breakdownS.reward +
        sync.breakdownS.training +
        sync.breakdownS.sync,
      6,
    );
  });
  it('colocated asynchrony is refused with a warning naming rl.asyncSteps', () => {
    const r = evaluateRlPlan(
      variant((p) => (p.rl.asyncSteps = 2)),
      catalog,
    );
    expect(r.issues.some((i) => i.field === 'rl.asyncSteps' && i.severity === 'warning')).toBe(true);
    expect(r.rollout.mode).toBe('synchronous');
  });
});

describe('split sweep and plan files', () => {
  it('every split adds up to the plan’s devices and the best split fits', () => {
    const plan = findPlan('deepseek-v3-grpo-320xh800-disagg') as RlPlan;
    const rows = sweepSplit(plan, catalog);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.rolloutDevices + r.trainingDevices).toBe(plan.devices);
    const best = bestSplit(rows);
    expect(best?.fits).toBe(true);
  });
  it('an RL plan file round-trips, and a bad field is named', () => {
    expect(parsePlanFile(JSON.stringify(example))).toEqual(example);
    const bad = structuredClone(example) as unknown as { rl: { workload: { samplesPerPrompt: number } } };
    bad.rl.workload.samplesPerPrompt = 0;
    expect(() => parsePlanFile(JSON.stringify(bad))).toThrow(PlanFileError);
    expect(() => parsePlanFile(JSON.stringify(bad))).toThrow(/rl\.workload\.samplesPerPrompt/);
  });
  it('PPO without a critic is an error naming rl.models.critic; unknown models name their field', () => {
    expect(() =>
      evaluateRlPlan(
        variant((p) => (p.rl.algorithm = 'ppo')),
        catalog,
      ),
    ).toThrow(/rl\.models\.critic/);
    expect(() =>
      evaluateRlPlan(
        variant((p) => (p.rl.models.reward = 'no-such-model')),
        catalog,
      ),
    ).toThrow(/rl\.models\.reward: "no-such-model"/);
    const ppo = evaluateRlPlan(
      variant((p) => {
        p.rl.algorithm = 'ppo';
        p.rl.models.critic = 'policy';
      }),
      catalog,
    );
    expect(ppo.passes.map((x) => x.role)).toEqual(['policy', 'reference', 'critic']);
    expect(ppo.trainPhase.parts.map((x) => x.role)).toEqual(['policy', 'critic']);
  });
});

describe('RL validation rows and the CLI', () => {
  it('every RL validation row predicts a finite number and reports its error', () => {
    const rows = runValidation(RL_VALIDATION_CASES, catalog);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(r.error, r.id).toBeUndefined();
      expect(Number.isFinite(r.predicted), r.id).toBe(true);
      // The source resolves to a registry document with a link.
      expect(formatCitation(citationsOf(r.source)[0]!, sourceRegistry()), r.id).toMatch(/https:\/\//);
    }
  });
  it('cluster-planner rl <plan> --json prints the contract; --sweep split prints the splits', async () => {
    const out = await cli(['rl', 'presets/plans/qwen2.5-7b-grpo-8xh100.json', '--json']);
    expect(out.code).toBe(0);
    const j = JSON.parse(out.out);
    for (const k of [
      'stepTimeS',
      'generatedTokensPerSecond',
      'deviceHours',
      'costUSD',
      'binding',
      'memoryPerDeviceBytes',
    ])
      expect(j).toHaveProperty(k);
    expect(Object.keys(j.breakdownS).sort()).toEqual(['generation', 'idle', 'logprobs', 'reward', 'sync', 'training']);
    const s = JSON.parse(
      (await cli(['rl', 'presets/plans/deepseek-v3-grpo-320xh800-disagg.json', '--sweep', 'split', '--json'])).out,
    );
    expect(s.length).toBeGreaterThanOrEqual(3);
    const wrong = await cli(['rl', 'presets/plans/llama-3.1-8b-h100.json']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/use `cluster-planner infer`/);
    const back = await cli(['train', 'presets/plans/qwen2.5-7b-grpo-8xh100.json']);
    expect(back.err).toMatch(/an RL plan: use `cluster-planner rl`/);
    // Four commands, one a split sweep of a 320-GPU DeepSeek-V3 plan: seconds on a loaded two-core machine.
  }, 60_000);
});

describe('the rollout engine’s serving stack', () => {
  const fields = RL_GROUPS.flatMap((g) => g.fields);
  const field = (path: string): FieldDef => fields.find((f) => f.path === path)!;
  const served = (path: string): FieldDef => INFERENCE_GROUPS.flatMap((g) => g.fields).find((f) => f.path === path)!;
  const withStack = (name: string, version: string | null = null): RlPlan =>
    variant((p) => (p.rl.rollout.serving.stack = { name, version } as RlPlan['rl']['rollout']['serving']['stack']));

  it('the RL editor has the served plan’s stack and version fields at rl.rollout, and the version lists the device’s releases', () => {
    const name = field('rl.rollout.serving.stack.name');
    expect(name.kind).toEqual(served('inference.serving.stack.name').kind);
    expect(name.resets).toEqual([['rl.rollout.serving.stack.version', null]]);
    expect(resolveField(field('rl.rollout.serving.stack.version'), example, catalog)).toBeNull(); // generic
    const version = resolveField(field('rl.rollout.serving.stack.version'), withStack('sglang'), catalog)!;
    expect(version.kind.type === 'select' && version.kind.options.map((o) => o.label)).toEqual([
      'newest measured (0.5.14)',
      '0.5.14',
    ]);
    expect(fieldText(name, withStack('sglang', '0.5.14'), catalog)).toBe('SGLang');
  });

  it('the stack times the rollout: SGLang’s measured kernels give another generation time than the generic stack', () => {
    const engine = engineCatalog();
    const gen = (p: RlPlan): number => evaluateRlPlan(p, engine).breakdownS.generation;
    const generic = gen(example);
    const sglang = gen(withStack('sglang', '0.5.14'));
    expect(sglang).not.toBeCloseTo(generic, 3);
    expect(gen(withStack('vllm'))).not.toBeCloseTo(sglang, 3);
  });
});

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
