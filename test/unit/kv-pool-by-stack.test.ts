/**
 * The KV pool as each stack sizes it. vLLM gives the model executor 0.9 of the whole device through
 * 0.19 and 0.92 from 0.22 (gpu_memory_utilization, registry vllm-cache-config, aic-vllm-backend);
 * TensorRT-LLM gives the KV cache 0.9 of the memory free after the model is loaded and its profiling
 * forward has run (free_gpu_memory_fraction, trtllm-kv-cache-config); SGLang computes
 * mem_fraction_static at start-up from the device's memory (sglang-mem-fraction-static,
 * aic-sglang-backend). Before, every stack kept 10% of the device.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import { sglangMemFractionStatic } from '../../shared/inference/memory-reserve';
import { servedPlan } from './fixtures/plans';

const memoryOf = (stack: 'vllm' | 'trtllm' | 'sglang', reserve?: number, version: string | null = null) => {
  const p = servedPlan({
    modelId: 'llama-3.3-70b',
    systemId: 'hgx-h100',
    devices: 2,
    precision: { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
    workload: { promptTokens: 5000, outputTokens: 500, concurrentRequests: 8 },
    serving: {
      stack: { name: stack, version },
      ...(reserve === undefined ? {} : { runtimeReserveFraction: reserve }),
    },
  });
  return evaluateInference(p, resolvePlan(p, engineCatalog())).memory;
};

describe('KV pool by stack', () => {
  it('vLLM keeps 1 − gpu_memory_utilization of the whole device: 0.1 through 0.19, 0.08 from 0.22', () => {
    const old = memoryOf('vllm', undefined, '0.19.0');
    expect(old.reserve).toBeCloseTo(0.1 * old.capacity, 0);
    expect(memoryOf('vllm', undefined, '0.22.0').reserve).toBeCloseTo(0.08 * old.capacity, 0);
    expect(memoryOf('vllm').reserve).toBeCloseTo(0.08 * old.capacity, 0);
  });

  it('TensorRT-LLM keeps its reserve as a share of what the weights and activation peak leave', () => {
    const m = memoryOf('trtllm');
    const v = memoryOf('vllm', undefined, '0.19.0');
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
    const v0 = memoryOf('vllm', 0, '0.19.0');
    // With nothing kept back the two stacks agree.
    expect(t0.reserve).toBe(0);
    expect(t0.maxBatch).toBe(v0.maxBatch);
    const t = memoryOf('trtllm', 0.2);
    expect(t.maxBatch).toBeLessThan(memoryOf('trtllm', 0.1).maxBatch);
  });

  it('SGLang keeps what its start-up rule leaves out of mem_fraction_static, activations included', () => {
    const m = memoryOf('sglang');
    const f = sglangMemFractionStatic(m.capacity, 2, 1, 1);
    // H100 (80 GB = 76,294 MiB), TP2: reserved 512 + 1.5 × 8,192 + 2/8 × 1,024 + 2 × 256 = 13,568 MiB.
    expect(f).toBeCloseTo((76294 - 13568) / 76294, 3);
    // Weights and KV may use f of the device: the reserve and the activation peak share the rest.
    expect(m.reserve).toBeLessThan((1 - f) * m.capacity);
    expect(m.reserve).toBeGreaterThan((1 - f) * m.capacity - 3e9);
    expect(m.maxBatch).toBeLessThan(memoryOf('vllm', undefined, '0.19.0').maxBatch);
    // A release before 0.5.16 keeps the generic 10%; a plan's own fraction is of the device.
    expect(memoryOf('sglang', undefined, '0.5.3').reserve).toBeCloseTo(0.1 * m.capacity, 0);
    expect(memoryOf('sglang', 0.05).reserve).toBeCloseTo(0.05 * m.capacity, 0);
  });

  it('SGLang’s rule at its tiers (MiB): the 10 GiB floor above 60 GiB and the DP-attention padding', () => {
    const MIB = 2 ** 20;
    // 24 GiB card, TP1: 512 + 1.5 × 2,048 + 128 + 2 × 24 = 3,760 MiB.
    expect(sglangMemFractionStatic(24576 * MIB, 1, 1, 1)).toBeCloseTo((24576 - 3760) / 24576, 3);
    // 141 GB (H200), TP8 DP8: 512 + 12,288 + 1,024 + 1,024 + 512 × 8 × 3 + 512 × 8 × 1.5 = 33,280 MiB.
    expect(sglangMemFractionStatic(141e9, 8, 1, 8)).toBeCloseTo((141e9 / MIB - 33280) / (141e9 / MIB), 3);
    // 80 GB, TP1 without DP: 13,440 MiB, above the 10 GiB floor; a 64 GiB card at TP1 is floored at 10,240.
    expect(sglangMemFractionStatic(64 * 1024 * MIB, 1, 1, 1)).toBeCloseTo((65536 - 13440) / 65536, 3);
  });

  it('the explained memory says what the reserve is a share of', () => {
    const note = (s: 'vllm' | 'trtllm' | 'sglang') =>
      memoryOf(s).trace.inputs.find((i) => i.name === 'runtime reserve')!.note;
    expect(note('trtllm')).toMatch(/left after weights and the activation peak/);
    expect(note('vllm')).toMatch(/gpu_memory_utilization 0\.92 of the device/);
    expect(note('sglang')).toMatch(/mem_fraction_static/);
  });
});
