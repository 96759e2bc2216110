/**
 * Compare's Layout row names the experts' tensor parallelism where it is not plain TP: stated in
 * the plan, or implied by DP attention without EP (the experts split over TP × DP devices, as vLLM
 * and SGLang run them; shared/inference/moe.ts). Its Precision row says how FP8 weights are scaled
 * where the plan states it.
 */
import { describe, expect, it } from 'vitest';
import { presetCatalog } from '../../presets/load';
import type { InferencePlan } from '../../shared/schema/plan';
import { servedPlan } from './fixtures/plans';
import { inputRows } from '../../renderer/src/compare/input-rows';

const plan = (modelId: string, parallelism: object) =>
  servedPlan({
    modelId,
    systemId: 'hgx-h200',
    devices: 8,
    parallelism,
    precision: { weights: 'fp8', compute: 'fp8', kvCache: 'bf16' },
    workload: { promptTokens: 1000, outputTokens: 100, concurrentRequests: 8 },
  });
const row = (name: string, p: InferencePlan) =>
  inputRows([p], [null], presetCatalog()).find(([label]) => label === name)![1][0];
const layout = (p: InferencePlan) => row('Layout', p);

describe('Compare: the Layout row', () => {
  it('says the experts run TP 8 under DP attention without EP', () => {
    expect(layout(plan('deepseek-v3', { tp: 1, dp: 8, ep: 1 }))).toBe('TP1 PP1 DP8 MoE TP8');
  });
  it('says nothing extra for EP, or for a dense model with DP', () => {
    expect(layout(plan('deepseek-v3', { tp: 1, dp: 8, ep: 8 }))).toBe('TP1 PP1 DP8 EP8');
    expect(layout(plan('llama-3.1-8b', { tp: 1, dp: 8, ep: 1 }))).toBe('TP1 PP1 DP8');
  });
});

describe('Compare: the Precision row', () => {
  it('says how FP8 weights are scaled where the plan states it', () => {
    const p = plan('qwen3-8b', { tp: 1, dp: 8, ep: 1 });
    expect(row('Precision', p)).toBe('FP8 weights, FP8 compute');
    p.inference.precision.fp8Scaling = 'block';
    expect(row('Precision', p)).toBe('FP8 weights, FP8 compute, block-scaled');
  });
});
