/**
 * The KV pool as each stack sizes it. vLLM gives the model executor 0.9 of the whole device
 * (gpu_memory_utilization, registry vllm-cache-config); TensorRT-LLM gives the KV cache 0.9 of the
 * memory free after the model is loaded and its profiling forward has run (free_gpu_memory_fraction,
 * trtllm-kv-cache-config). Both defaults read 0.9, so the plan's one reserve fraction (0.1) keeps
 * back 10% of the device under vLLM and 10% of what is left under TensorRT-LLM. Before, every stack
 * kept 10% of the device, and TensorRT-LLM plans held fewer sequences than the stack does.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import { servedPlan } from './fixtures/plans';

const memoryOf = (stack: 'vllm' | 'trtllm' | 'sglang', reserve?: number) => {
  const p = servedPlan({
    modelId: 'llama-3.3-70b',
    systemId: 'hgx-h100',
    devices: 2,
    precision: { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
    workload: { promptTokens: 5000, outputTokens: 500, concurrentRequests: 8 },
    serving: {
      stack: { name: stack, version: null },
      ...(reserve === undefined ? {} : { runtimeReserveFraction: reserve }),
    },
  });
  return evaluateInference(p, resolvePlan(p, engineCatalog())).memory;
};

describe('KV pool by stack', () => {
  it('vLLM keeps its reserve as a share of the whole device', () => {
    const m = memoryOf('vllm');
    expect(m.reserve).toBeCloseTo(0.1 * m.capacity, 0);
  });

  it('TensorRT-LLM keeps its reserve as a share of what the weights and activation peak leave', () => {
    const m = memoryOf('trtllm');
    const v = memoryOf('vllm');
    // Same model, layout and precision: the weights match; the reserve is 10% of a smaller amount.
    expect(m.weights).toBe(v.weights);
    expect(m.reserve).toBeLessThan(0.1 * m.capacity);
    expect(m.reserve).toBeGreaterThan(0.1 * (m.capacity - m.weights) * 0.9);
    expect(m.reserve).toBeLessThan(0.1 * (m.capacity - m.weights));
    // The pool it frees holds more sequences: about (0.1 · capacity − reserve) ÷ per-sequence KV more.
    expect(m.maxBatch).toBeGreaterThan(v.maxBatch);
  });

  it('a plan that sets the fraction moves both, each in its own terms', () => {
    const t0 = memoryOf('trtllm', 0);
    const v0 = memoryOf('vllm', 0);
    // With nothing kept back the two stacks agree.
    expect(t0.reserve).toBe(0);
    expect(t0.maxBatch).toBe(v0.maxBatch);
    const t = memoryOf('trtllm', 0.2);
    expect(t.maxBatch).toBeLessThan(memoryOf('trtllm', 0.1).maxBatch);
  });

  it('SGLang keeps the device-share reserve (its own heuristic is not modelled)', () => {
    expect(memoryOf('sglang').reserve).toBe(memoryOf('vllm').reserve);
  });

  it('the explained memory says what the reserve is a share of', () => {
    const note = (s: 'vllm' | 'trtllm') => memoryOf(s).trace.inputs.find((i) => i.name === 'runtime reserve')!.note;
    expect(note('trtllm')).toMatch(/left after weights and the activation peak/);
    expect(note('vllm')).toMatch(/of capacity/);
  });
});
