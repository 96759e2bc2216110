/**
 * DP attention without expert parallelism, as vLLM and SGLang run it: "by default, expert layers
 * form a tensor parallel group of size DP × TP" (vLLM, Data Parallel Deployment; registry id
 * vllm-dp-deployment). DeepSeek-V3 on 8 × H200 with attention DP 8 and EP 1 holds 1/8 of every
 * expert on each GPU, gathers the 8 DP ranks' tokens before each MoE layer and reduce-scatters
 * after it. Before, the engine refused MoE TP 8 with EP 1 and, with MoE TP left out, gave every DP
 * rank all the experts (671 GB of FP8 weights a GPU).
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { presetCatalog } from '../../presets/load';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import type { Catalog } from '../../shared/schema/catalog';
import { InferencePlan } from '../../shared/schema/plan';

const plan = (parallelism: object) =>
  InferencePlan.parse({
    schemaVersion: 1,
    kind: 'inference',
    id: 'dp',
    name: 'dp',
    modelId: 'deepseek-v3',
    systemId: 'hgx-h200',
    devices: 8,
    inference: {
      parallelism,
      precision: { weights: 'fp8', compute: 'fp8', kvCache: 'bf16' },
      workload: { promptTokens: 2000, outputTokens: 500, concurrentRequests: 64 },
    },
  });
const run = (parallelism: object, catalog: Catalog = engineCatalog()) => {
  const p = plan(parallelism);
  return evaluateInference(p, resolvePlan(p, catalog));
};

describe('DP attention with tensor-parallel experts (EP 1)', () => {
  it('is accepted with MoE TP = TP × DP stated, and is the same plan as with it left out', () => {
    const stated = run({ tp: 1, dp: 8, ep: 1, moeTp: 8 });
    const implied = run({ tp: 1, dp: 8, ep: 1 });
    expect(stated.tpotS).toBe(implied.tpotS);
    expect(stated.memoryPerDeviceBytes).toBe(implied.memoryPerDeviceBytes);
  });

  it('splits the experts over all 8 GPUs: the weights a GPU holds match EP 8 within 1%', () => {
    const tpExperts = run({ tp: 1, dp: 8, ep: 1 });
    const epExperts = run({ tp: 1, dp: 8, ep: 8 });
    expect(Math.abs(tpExperts.memory.weights / epExperts.memory.weights - 1)).toBeLessThan(0.01);
    // 671B parameters at one byte fit a GPU's 141 GB only once the experts are split eight ways.
    expect(tpExperts.memory.weights).toBeLessThan(141e9);
    expect(tpExperts.memory.fits).toBe(true);
  });

  for (const [name, catalog] of [
    ['kernel tables', engineCatalog()],
    ['plain roofline', presetCatalog()],
  ] as const)
    it(`gathers the DP ranks’ tokens and reduce-scatters them around every MoE layer (${name})`, () => {
      const r = run({ tp: 1, dp: 8, ep: 1 }, catalog);
      const op = r.decode.ops.find((o) => o.id === 'comm.ep')!;
      expect(op.name).toMatch(/MoE TP over 8 ranks/);
      expect(op.layers).toBe(58);
      // The gathered activations: 64 sequences over 8 DP ranks = 8 a rank, × 8 ranks × hidden 7,168 × 2 bytes.
      expect(op.wire!.bytes).toBe(64 * 7168 * 2);
      expect(op.time).toBeGreaterThan(0);
      expect(Number.isFinite(op.time)).toBe(true);
    });

  it('does the same expert work per GPU as TP 8 (the experts’ FLOPs per step agree within 1%)', () => {
    const flops = (r: ReturnType<typeof run>) => r.decode.ops.find((o) => o.id === 'moe.routed')!.flops;
    const dpAttention = run({ tp: 1, dp: 8, ep: 1 }, presetCatalog());
    const tp8 = run({ tp: 8, dp: 1, ep: 1 }, presetCatalog());
    // A decode step: TP 8 runs all 64 sequences on 1/8 of every expert; DP 8 runs 8 a rank, gathers
    // all 64 and runs them on its 1/8 of every expert.
    expect(Math.abs(flops(dpAttention) / flops(tp8) - 1)).toBeLessThan(0.01);
  });
});
