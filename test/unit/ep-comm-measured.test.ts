/**
 * Expert-parallel dispatch and combine from the measured DeepEP tables (SGLang's, in the
 * AIConfigurator database) where the plan's system has them for its EP group, and the analytic
 * all-to-all elsewhere. The measured time must be what the table says at the plan's tokens per
 * rank (with the plan's routing imbalance on the bandwidth part), and be labelled measured.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { evaluateInference } from '../../shared/inference/evaluate';
import { compileFamily } from '../../shared/inference/family';
import { deepepSeconds } from '../../shared/kernels/comm-seconds';
import { resolvePlan } from '../../shared/plan/context';
import { InferencePlan } from '../../shared/schema/plan';

function qwen235(
  systemId: string,
  epTier: 'auto' | 'scale-out',
  concurrentRequests = 256,
  dispatch: 'nvfp4' | 'fp8' | 'bf16' = 'bf16',
) {
  const plan = InferencePlan.parse({
    schemaVersion: 1,
    kind: 'inference',
    id: 'p',
    name: 'p',
    modelId: 'qwen3-235b-a22b',
    systemId,
    devices: 8,
    inference: {
      parallelism: { tp: 1, dp: 8, ep: 8 },
      precision: { weights: 'fp8', compute: 'fp8', kvCache: 'fp8', dispatch },
      workload: { promptTokens: 1000, outputTokens: 1000, concurrentRequests },
      serving: { stack: { name: 'sglang', version: null } },
      network: { epTier },
    },
  });
  const ctx = resolvePlan(plan, engineCatalog());
  return { plan, ctx, r: evaluateInference(plan, ctx) };
}

const epOp = (r: ReturnType<typeof evaluateInference>) => r.decode.ops.find((o) => o.id === 'comm.ep')!;

describe('EP dispatch and combine', () => {
  it('on H200 with SGLang tables, decode reads DeepEP low-latency at the tokens per rank', () => {
    const { plan, ctx, r } = qwen235('hgx-h200', 'auto');
    const op = epOp(r);
    expect(op.wire?.tier).toMatch(/measured DeepEP low-latency/);
    expect(op.rates.source).toBe('measured');
    const f = compileFamily(ctx, plan.inference);
    const m = ctx.model.moe!;
    const shape = { hidden: ctx.model.hiddenSize, topK: m.topK, experts: m.numRoutedExperts };
    // 256 requests over 8 attention-DP ranks: 32 tokens per rank per decode step. The tables moved FP8
    // dispatch and BF16 combine; this plan dispatches BF16: twice the dispatch bytes.
    const wire = { dispatch: 2, combine: 1 };
    const want = deepepSeconds(f.kernels!, 'low-latency', 8, shape, 32, plan.inference.moe.loadImbalance, wire);
    expect(op.time).toBeCloseTo(want, 12);
    expect(want).toBeGreaterThan(5e-6);
  });

  it('grows with the tokens per rank', () => {
    const small = epOp(qwen235('hgx-h200', 'auto', 64).r).time;
    const large = epOp(qwen235('hgx-h200', 'auto', 2048).r).time;
    expect(large).toBeGreaterThan(small);
  });

  it('NVFP4 dispatch moves fewer bytes than FP8, FP8 fewer than BF16 (measured and analytic)', () => {
    for (const sys of ['hgx-h200', 'mi300x-8']) {
      const t = (d: 'nvfp4' | 'fp8' | 'bf16') => epOp(qwen235(sys, 'auto', 2048, d).r).time;
      expect(t('nvfp4'), sys).toBeLessThan(t('fp8'));
      expect(t('fp8'), sys).toBeLessThan(t('bf16'));
    }
  });

  it('a plan that sends EP over the NICs, or a system without tables, uses the analytic all-to-all', () => {
    expect(epOp(qwen235('hgx-h200', 'scale-out').r).wire?.tier).not.toMatch(/measured/);
    const amd = epOp(qwen235('mi300x-8', 'auto').r);
    expect(amd.wire?.tier).not.toMatch(/measured/);
    expect(amd.rates.source).toBe('link');
  });
});
