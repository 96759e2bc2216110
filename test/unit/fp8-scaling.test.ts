/**
 * How FP8 weights are scaled picks the GEMM kernels that time them: one scale per tensor (NVIDIA
 * ModelOpt checkpoints) or per 128 × 128 block with per-token-group activation scales (DeepSeek's
 * and Qwen's official FP8 releases, registry id qwen-fp8-checkpoints). The measured tables hold both
 * ('fp8' and 'fp8-block' GEMMs, AIConfigurator's fp8 and fp8_block). Before, a dense model's FP8
 * always ran the per-tensor tables and an MoE model's the block ones, whatever its checkpoint.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { compileFamily } from '../../shared/inference/family';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import type { InferencePlan } from '../../shared/schema/plan';
import { servedPlan } from './fixtures/plans';

const plan = (modelId: string, devices: number, fp8Scaling?: 'tensor' | 'block') =>
  servedPlan({
    modelId,
    systemId: 'hgx-h100',
    devices,
    precision: { weights: 'fp8', compute: 'fp8', kvCache: 'bf16', ...(fp8Scaling ? { fp8Scaling } : {}) },
    workload: { promptTokens: 1000, outputTokens: 200, concurrentRequests: 8 },
    serving: { stack: { name: 'sglang', version: null } },
  });
const kernels = (p: InferencePlan) => compileFamily(resolvePlan(p, engineCatalog()), p.inference).kernels!;

describe('FP8 scaling', () => {
  it('a dense model runs the per-tensor FP8 GEMMs by default and the block-scaled ones when told', () => {
    expect(kernels(plan('qwen3-8b', 1)).denseGemm!.gridDtype).toBe('fp8');
    expect(kernels(plan('qwen3-8b', 1, 'block')).denseGemm!.gridDtype).toBe('fp8-block');
    expect(kernels(plan('qwen3-8b', 1, 'tensor')).denseGemm!.gridDtype).toBe('fp8');
  });

  it('an MoE model runs the block-scaled ones by default, experts included, and per tensor when told', () => {
    const dflt = kernels(plan('qwen3-30b-a3b', 1));
    expect(dflt.denseGemm!.gridDtype).toBe('fp8-block');
    expect(dflt.expertGemm!.gridDtype).toBe('fp8-block');
    const tensor = kernels(plan('qwen3-30b-a3b', 1, 'tensor'));
    expect(tensor.denseGemm!.gridDtype).toBe('fp8');
    expect(tensor.expertGemm!.gridDtype).toBe('fp8');
  });

  it('changes the prefill the engine times (the two tables differ)', () => {
    const ttft = (s?: 'tensor' | 'block') => {
      const p = plan('qwen3-8b', 1, s);
      return evaluateInference(p, resolvePlan(p, engineCatalog())).ttftS;
    };
    expect(ttft('block')).not.toBe(ttft('tensor'));
  });

  it('says which GEMM tables timed the plan, where the rates are explained', () => {
    const note = (s: 'tensor' | 'block') => {
      const p = plan('qwen3-8b', 1, s);
      const r = evaluateInference(p, resolvePlan(p, engineCatalog()));
      return r.prefill.ops.find((o) => o.rates.source === 'measured')!.rates.note;
    };
    expect(note('block')).toMatch(/GEMM tables: fp8-block$/);
    expect(note('tensor')).toMatch(/GEMM tables: fp8$/);
  });
});
