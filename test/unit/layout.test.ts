// Layouts: every parallel degree divides what it must (routed + redundant experts by EP, heads by
// TP, layers by PP, with both numbers named); "Auto" gives a valid layout for every preset model
// on every preset system; editing one field moves the others instead of breaking the plan; the RL
// split sweep keeps a trainer's EP dividing the experts; the weight sync never says a device
// holds more than its shard.
import { describe, expect, it } from 'vitest';
import { findPlan, presetCatalog } from '../../presets/load';
import { checkParallelism, resolvePlan } from '../../shared/plan/context';
import { Plan, type InferencePlan, type RlPlan, type ServingStack } from '../../shared/schema/plan';
import { evaluateRlPlan } from '../../shared/rl/evaluate';
import { resolveRl } from '../../shared/rl/context';
import { rlIssues } from '../../shared/rl/checks';
import { sweepSplit } from '../../shared/rl/split';
import { syncText } from '../../shared/rl/sync';
import { autoLayout, autoPlanLayout, rebalancePlan } from '../../shared/sizing/layout';
import { parseSizingSpec } from '../../shared/schema/sizing';
import { planOf, runSearch } from '../../shared/sizing/run';
import { prepareSearch } from '../../shared/sizing/search-context';
import { formatBytes } from '../../shared/units';
import { evaluateServing } from '../../shared/serving/evaluate';
import { engineCatalog } from '../../presets/engine-catalog';
import { small } from './fixtures/sizing-specs';

const catalog = presetCatalog();
const model = (id: string) => catalog.models.find((m) => m.id === id)!;
const rl = findPlan('deepseek-v3-grpo-320xh800-disagg') as RlPlan;
const errorsOf = (plan: RlPlan) => rlIssues(resolveRl(plan, catalog)).filter((i) => i.severity === 'error');

describe('divisibility, with both numbers named', () => {
  it('a trainer EP that divides TP × DP but not the 256 routed experts is refused (EP 12 was accepted)', () => {
    const p = structuredClone(rl);
    p.devices = 64 + 384;
    p.rl.placement = { mode: 'disaggregated', rolloutDevices: 64, trainingDevices: 384 };
    p.rl.training.parallelism = { ...p.rl.training.parallelism, tp: 1, pp: 16, dp: 24, ep: 12 };
    // The trainer's layout is checked by the training engine, its fields named under rl.training.
    expect(() => evaluateRlPlan(p, catalog)).toThrow(
      /rl\.training\.parallelism\.ep: EP 12 does not divide the 256 routed experts of DeepSeek-V3 .*\(256 ÷ 12 = 21\.33 per device\): choose an EP that divides 256(;|$)/,
    );
  });

  it('an inference EP that does not divide the experts names the redundant experts that would make it', () => {
    const p = structuredClone(findPlan('deepseek-v3-hgx-h800-ep144')) as InferencePlan;
    p.inference.moe.redundantExperts = 0;
    const issues = checkParallelism(p, resolvePlan(p, catalog), p.inference.parallelism, 144, 'inference.parallelism');
    expect(issues.map((i) => i.message)).toContainEqual(
      expect.stringMatching(
        /EP 144 does not divide the 256 routed experts .*256 ÷ 144 = 1\.78.*place 32 redundant experts/,
      ),
    );
    p.inference.moe.redundantExperts = 32;
    expect(checkParallelism(p, resolvePlan(p, catalog), p.inference.parallelism, 144, 'inference.parallelism')).toEqual(
      [],
    );
  });

  it('TP must divide the heads of an MLA model too; PP that does not divide the layers is a named warning', () => {
    const p = structuredClone(findPlan('deepseek-v3-hgx-h800-ep144')) as InferencePlan;
    const ctx = resolvePlan(p, catalog);
    const tp = checkParallelism(p, ctx, { tp: 3, pp: 1, dp: 48, ep: 144 }, 144, 'inference.parallelism');
    expect(tp.map((i) => i.message)).toContainEqual(
      'TP 3 does not divide the 128 attention heads of DeepSeek-V3 (= R1)',
    );
    const pp = checkParallelism(p, ctx, { tp: 1, pp: 16, dp: 9, ep: 144 }, 144, 'inference.parallelism');
    expect(pp.find((i) => i.field === 'inference.parallelism.pp')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/^PP 16 does not divide the 61 layers .*3 or 4 layers/),
    });
  });

  it('every configuration the search ranks opens as a plan with no layout error', () => {
    const spec = parseSizingSpec({
      ...small,
      modelId: 'deepseek-v3',
      constraints: { ...small.constraints, systems: ['gb200-nvl72', 'hgx-h200'], maxDevices: 288 },
    });
    const r = runSearch(spec, catalog, { topN: 10 });
    expect(r.top.length).toBeGreaterThan(0);
    const sc = prepareSearch(spec, catalog);
    for (const e of r.top) {
      const plan = planOf(sc, e);
      const par = plan.inference.parallelism;
      const errs = checkParallelism(plan, resolvePlan(plan, catalog), par, plan.devices, 'inference.parallelism');
      expect(
        errs.filter((i) => i.severity === 'error'),
        e.cand.id,
      ).toEqual([]);
    }
  });
});

describe('auto layout and rebalancing', () => {
  const moeAndDense = ['deepseek-v3', 'qwen3-30b-a3b', 'llama-3.1-70b', 'llama-3.1-8b'];
  it('Auto gives a layout with no error for every model on every system, inference and training', () => {
    for (const m of moeAndDense)
      for (const sys of catalog.systems.filter((s) => s.scaleUpDomainDevices >= 1)) {
        for (const devices of [8, 64, 72]) {
          for (const use of ['inference', 'training'] as const) {
            const lay = autoLayout(model(m), sys, devices, use);
            expect(lay.tp * lay.pp * lay.dp, `${m} ${sys.id} ${devices}`).toBe(devices);
            const plan = Plan.parse({
              ...findPlan(use === 'inference' ? 'llama-3.1-8b-h100' : 'llama-2-7b-train-8x4090'),
              modelId: m,
              systemId: sys.id,
              devices,
            });
            const laid = autoPlanLayout(plan, model(m), sys);
            const par =
              laid.kind === 'inference'
                ? laid.inference.parallelism
                : laid.kind === 'training'
                  ? laid.training.parallelism
                  : null;
            const errs = checkParallelism(laid, resolvePlan(laid, catalog), par!, devices, `${use}.parallelism`).filter(
              (i) => i.severity === 'error' && !/exceeds the .* domain/.test(i.message),
            );
            expect(errs, `${m} on ${sys.id} × ${devices} (${use})`).toEqual([]);
          }
        }
      }
  });

  it('editing the rollout devices of a split RL plan moves the training pool (it replaced the results with an error)', () => {
    const p = structuredClone(rl);
    p.rl.placement = { mode: 'disaggregated', rolloutDevices: 128, trainingDevices: 256 }; // as typed: 384 ≠ 320
    const fixed = rebalancePlan(p, 'rl.placement.rolloutDevices', model('deepseek-v3')) as RlPlan;
    expect(fixed.rl.placement).toEqual({ mode: 'disaggregated', rolloutDevices: 128, trainingDevices: 192 });
    const r = fixed.rl.rollout.parallelism;
    const t = fixed.rl.training.parallelism;
    expect(r.tp * r.pp * r.dp).toBe(128);
    expect(t.tp * t.pp * t.dp * t.cp).toBe(192);
    expect(errorsOf(fixed)).toEqual([]);
  });

  it('editing TP keeps TP and moves DP; editing DP moves the devices; EP over every device follows', () => {
    const p = findPlan('deepseek-v3-hgx-h800-ep144') as InferencePlan;
    const tp = rebalancePlan(
      { ...p, inference: { ...p.inference, parallelism: { ...p.inference.parallelism, tp: 2 } } },
      'inference.parallelism.tp',
      model('deepseek-v3'),
    ) as InferencePlan;
    expect(tp.inference.parallelism).toMatchObject({ tp: 2, dp: 72, ep: 144 });
    expect(tp.devices).toBe(144);
    const dp = rebalancePlan(
      { ...p, inference: { ...p.inference, parallelism: { ...p.inference.parallelism, dp: 72 } } },
      'inference.parallelism.dp',
      model('deepseek-v3'),
    ) as InferencePlan;
    expect(dp.devices).toBe(72);
    expect(dp.inference.parallelism.ep).toBe(72);
    expect((256 + dp.inference.moe.redundantExperts) % 72).toBe(0);
  });

  it('engine copies multiply the layout: more replicas bring their devices, an edit keeps the copies', () => {
    const p = findPlan('deepseek-v3-hgx-h800-ep144') as InferencePlan;
    const two = rebalancePlan(
      { ...p, inference: { ...p.inference, parallelism: { ...p.inference.parallelism, replicas: 2 } } },
      'inference.parallelism.replicas',
      model('deepseek-v3'),
    ) as InferencePlan;
    expect(two.devices).toBe(288);
    const tp = rebalancePlan(
      { ...two, inference: { ...two.inference, parallelism: { ...two.inference.parallelism, tp: 2 } } },
      'inference.parallelism.tp',
      model('deepseek-v3'),
    ) as InferencePlan;
    expect(tp.inference.parallelism).toMatchObject({ replicas: 2, tp: 2, dp: 72 });
    expect(tp.devices).toBe(288);
  });

  it('a layout edit and Auto keep the disaggregated prefill pool’s own layout and system', () => {
    const p = structuredClone(findPlan('deepseek-v3-hgx-h800-ep144')) as InferencePlan;
    p.devices = 160;
    p.inference.serving.disaggregation = {
      prefillDevices: 16,
      decodeDevices: 144,
      prefill: { tp: 1, pp: 1, dp: 16, ep: 16 },
    };
    const tp = rebalancePlan(
      { ...p, inference: { ...p.inference, parallelism: { ...p.inference.parallelism, tp: 2 } } },
      'inference.parallelism.tp',
      model('deepseek-v3'),
    ) as InferencePlan;
    expect(tp.inference.serving.disaggregation?.prefill).toEqual({ tp: 1, pp: 1, dp: 16, ep: 16 });
    const sys = catalog.systems.find((s) => s.id === p.systemId)!;
    const auto = autoPlanLayout(p, model('deepseek-v3'), sys) as InferencePlan;
    expect(auto.inference.serving.disaggregation?.prefill).toEqual({ tp: 1, pp: 1, dp: 16, ep: 16 });
    expect(auto.inference.parallelism.replicas).toBe(1);
  });
});

describe('RL split sweep and weight sync', () => {
  it('every split keeps the trainer’s EP dividing the routed experts, and the best split fits', () => {
    const rows = sweepSplit(rl, catalog);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.error, `${r.rolloutDevices}+${r.trainingDevices}`).toBeUndefined();
  });

  it('no device is said to hold more than its memory: the gathered policy streams through, each keeps its shard', () => {
    const r = evaluateRlPlan(rl, catalog);
    const capacity = r.memory.capacity;
    expect(r.sync.steps.length).toBeGreaterThan(0);
    for (const s of r.sync.steps) expect(s.keptBytes, s.what).toBeLessThanOrEqual(capacity);
    expect(r.sync.steps.some((s) => s.streamedBytes > capacity)).toBe(true);
    const text = syncText(r.sync, (b) => formatBytes(b));
    expect(text).toMatch(/streams 1\.34 TB through each trainer device, which keeps its [\d.]+ GB shard/);
    expect(text).not.toMatch(/into each/);
  });
});

/** DeepSeek-R1 (the DeepSeek-V3 preset) on 8 × H200 at TP 8, as dstack served it, FP8 weights and matmuls. */
const dsr1OnH200 = (ep: number, stack: ServingStack = { name: 'generic', version: null }) =>
  Plan.parse({
    schemaVersion: 1,
    kind: 'inference',
    id: `dsr1-tp8-ep${ep}-${stack.name}-${stack.version}`,
    name: 'DeepSeek-R1 8 × H200',
    modelId: 'deepseek-v3',
    systemId: 'hgx-h200',
    devices: 8,
    inference: {
      parallelism: { tp: 8, pp: 1, dp: 1, ep },
      precision: { weights: 'fp8', compute: 'fp8', kvCache: 'bf16' },
      workload: { promptTokens: 3200, outputTokens: 800, concurrentRequests: 4 },
      serving: { stack },
    },
  }) as InferencePlan;

describe('MoE TP within EP: expert weights per device', () => {
  // DeepSeek-R1 as dstack served it with TensorRT-LLM: trtllm-serve --tp_size 8 --ep_size 4, so
  // each EP group of 64 experts is split 2 ways (MoE TP 2) and a device holds 1/8 of the routed
  // experts, as with EP 8. The weights were divided by EP alone (181.7 GB on a 141 GB H200: no room).
  const served = (p: InferencePlan) =>
    evaluateServing(p, resolvePlan(p, catalog), { explain: false, benchmark: false });

  it('EP 4 inside TP 8 holds the same expert share per device as EP 8, and fits', () => {
    const ep4 = served(dsr1OnH200(4));
    const ep8 = served(dsr1OnH200(8));
    expect(ep4.memory.weights).toBeCloseTo(ep8.memory.weights, -6);
    expect(ep4.maxBatch).toBeGreaterThan(0);
  });
});

describe('a serving-stack release not measured on the device', () => {
  const withStack = (version: string | null) => dsr1OnH200(1, { name: 'vllm', version });
  const warnings = (p: InferencePlan) =>
    evaluateServing(p, resolvePlan(p, engineCatalog()), { explain: false, benchmark: false }).issues.filter(
      (i) => i.field === 'inference.serving.stack.version',
    );

  it('says which measured release times it, and that older releases ran slower (vLLM 0.7.4 was timed silently)', () => {
    const [w] = warnings(withStack('0.7.4'));
    expect(w?.severity).toBe('warning');
    expect(w?.message).toMatch(
      /vllm 0\.7\.4 is not measured on .*H200.*timed with the 0\.24\.0 kernels.*Older releases may be much slower/,
    );
  });

  it('says nothing for the measured release or the newest measured', () => {
    expect(warnings(withStack('0.24.0'))).toEqual([]);
    expect(warnings(withStack(null))).toEqual([]);
  });
});
