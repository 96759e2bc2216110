/**
 * Two faults found on one plan (DeepSeek-R1 decode on GB200 with NVFP4 experts, vLLM) and fixed together:
 * - weight memory took every tensor in the plan's format, ignoring precision.experts and
 *   precision.attention, which the step times already honoured (inference/memory.ts);
 * - a measured GEMM row slower than a larger token count's (vLLM 0.24.0 block-FP8 on GB200 at
 *   M = 384) made a decode batch cost more than a bigger one (kernels/gemm-envelope.ts).
 * Every test here fails on the code before (47e171d).
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog, kernelPresets } from '../../presets/engine-catalog';
import { gemmRoofline, type GemmDtype, type RooflineBasis } from '../../shared/kernels/roofline';
import { kernelSetOf } from '../../shared/kernels/kernel-set';
import { countParams } from '../../shared/model/params';
import { resolvePlan } from '../../shared/plan/context';
import { bytesPerElement } from '../../shared/precision';
import { InferencePlan } from '../../shared/schema/plan';
import { evaluateServing } from '../../shared/serving/evaluate';
import { VALIDATION_CASES } from '../../shared/validation/cases';
import { migratePlanObject } from '../../shared/schema/migrations';

const cat = engineCatalog();

function deepseekOnB200(precision: Record<string, unknown>) {
  const plan = InferencePlan.parse({
    schemaVersion: 1,
    kind: 'inference',
    id: 'p',
    name: 'p',
    modelId: 'deepseek-v3',
    systemId: 'dgx-b200',
    devices: 8,
    inference: {
      parallelism: { tp: 8, ep: 8 },
      precision: { compute: 'fp8', kvCache: 'fp8', ...precision },
      workload: { promptTokens: 1000, outputTokens: 500, concurrentRequests: 8 },
    },
  });
  return evaluateServing(plan, resolvePlan(plan, cat), { explain: false });
}

describe('weight memory in each component’s own format', () => {
  it('NVFP4 experts beside FP8 weights: the routed experts weigh NVFP4 bytes (TP8 EP8: one eighth a device)', () => {
    const fp8 = deepseekOnB200({ weights: 'fp8' });
    const mixed = deepseekOnB200({ weights: 'fp8', experts: { weights: 'nvfp4', compute: 'fp4' } });
    const m = cat.models.find((x) => x.id === 'deepseek-v3')!;
    const routed = countParams(m).byComponent.routedExperts;
    const saved = (routed * (bytesPerElement('fp8') - bytesPerElement('nvfp4'))) / 8;
    expect(fp8.memory.weights - mixed.memory.weights).toBeCloseTo(saved, -3);
    expect(mixed.maxBatch).toBeGreaterThan(fp8.maxBatch);
  });

  it('FP8 attention beside NVFP4 weights weighs more than NVFP4 throughout', () => {
    const nvfp4 = deepseekOnB200({ weights: 'nvfp4', compute: 'fp4' });
    const fp8Attn = deepseekOnB200({ weights: 'nvfp4', compute: 'fp4', attention: { weights: 'fp8', compute: 'fp8' } });
    expect(fp8Attn.memory.weights).toBeGreaterThan(nvfp4.memory.weights);
  });

  it('a GGUF file with MXFP4 experts (gpt-oss-120b, Q8_0 elsewhere) fits a DGX Spark, near the 59 GiB llama-bench reports', () => {
    const c = VALIDATION_CASES.find((x) => x.id === 'llamacpp-dgxspark-gpt-oss-120b-mxfp4-tg32')!;
    const plan = migratePlanObject(c.plan) as InferencePlan;
    const r = evaluateServing(plan, resolvePlan(plan, cat), { explain: false });
    expect(r.memory.fits).toBe(true);
    expect(r.memory.weights / 2 ** 30).toBeGreaterThan(59.02 * 0.9);
    expect(r.memory.weights / 2 ** 30).toBeLessThan(59.02 * 1.1);
  });
});

describe('measured GEMM times never fall as the token count rises', () => {
  it('every bundled profile and GEMM format: along M, each N × K column’s time is non-decreasing', () => {
    const falls: string[] = [];
    for (const p of kernelPresets()) {
      const basis = p.basis as RooflineBasis;
      for (const [dtype, g] of kernelSetOf(p).gemm) {
        const [M, N, K] = g.axes as [Float64Array, Float64Array, Float64Array];
        for (let j = 0; j < N.length; j++)
          for (let k = 0; k < K.length; k++) {
            let last = 0;
            for (let i = 0; i < M.length; i++) {
              const eff = Math.exp(g.logEff[(i * N.length + j) * K.length + k]!);
              const t = gemmRoofline(basis, dtype as GemmDtype, M[i]!, N[j]!, K[k]!) / eff;
              if (t < last * (1 - 1e-9)) falls.push(`${p.id} ${dtype} M ${M[i]} N ${N[j]} K ${K[k]}`);
              last = t;
            }
          }
      }
    }
    expect(falls.slice(0, 5), `${falls.length} cells faster than the row below`).toEqual([]);
  });

  it('DeepSeek-R1 decode on 8 GB200 (vLLM, NVFP4 experts): 3,000 sequences take no longer a step than 4,096', () => {
    const c = VALIDATION_CASES.find((x) => x.id === 'vllm-dsr1-gb200-decode-2k2k')!;
    const base = migratePlanObject(c.plan) as InferencePlan;
    const at = (n: number) => {
      const plan = {
        ...base,
        inference: { ...base.inference, workload: { ...base.inference.workload, concurrentRequests: n } },
      };
      return evaluateServing(plan, resolvePlan(plan, cat), { explain: false }).tpotS;
    };
    expect(at(3000)).toBeLessThanOrEqual(at(4096));
  });
});
