// Diffusion LMs : the sampler as steps × bidirectional forwards, with and
// without Fast-dLLM's caches, beside the same model decoded autoregressively. The published
// latencies it is checked against are validation cases (shared/validation/cases-architectures.ts,
// Fast-dLLM Figure 1(c)); here: the arithmetic and the invariants.
import { describe, expect, it } from 'vitest';
import { presetCatalog, findModel } from '../../presets/load';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import { migratePlanObject } from '../../shared/schema/migrations';
import type { InferencePlan } from '../../shared/schema/plan';
import { countParams } from '../../shared/model';

const cat = presetCatalog();
const plan = (diffusion: object | undefined, batch = 1, P = 1000, L = 256): InferencePlan =>
  migratePlanObject({
    schemaVersion: 1,
    id: 'd',
    name: 'd',
    kind: 'inference',
    modelId: 'llada-8b',
    systemId: 'hgx-a100',
    devices: 1,
    inference: {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: P, outputTokens: L, concurrentRequests: batch },
      ...(diffusion ? { diffusion } : {}),
    },
  }) as InferencePlan;
const run = (p: InferencePlan) => evaluateInference(p, resolvePlan(p, cat));

describe('diffusion sampler', () => {
  it('llada-8b is evaluated, not refused; without sampler settings LLaDA’s plain sampler is assumed and said', () => {
    const r = run(plan(undefined));
    expect(r.diffusion).not.toBeNull();
    expect(r.diffusion!.steps).toBe(256);
    expect(r.issues.some((i) => i.field === 'inference.diffusion' && /plain sampler/.test(i.message))).toBe(true);
  });
  it('the plain sampler is steps × one bidirectional forward over prompt + answer', () => {
    const r = run(plan({ blockTokens: 32, stepsPerBlock: 32, cache: 'none' }));
    const d = r.diffusion!;
    expect(d.blocks).toBe(8);
    expect(d.steps).toBe(256);
    expect(d.latencyS).toBeCloseTo(256 * d.forwards[0]!.seconds, 9);
    expect(d.tokensPerSecondPerRequest).toBeCloseTo(256 / d.latencyS, 9);
    // The forward computes 2 × params per token over S = 1,256 tokens, and every token attends to all S.
    const m = findModel('llada-8b')!;
    const S = 1256;
    const core = r.decode.ops.find((o) => o.id === 'attn.core.full')!;
    expect(core.flops).toBeCloseTo(2 * S * 32 * (128 + 128) * S, -3);
    const gemm = r.decode.ops.filter((o) => o.kind === 'gemm').reduce((a, o) => a + o.flops * o.layers, 0);
    expect(gemm / (2 * S * countParams(m).activeMatmul)).toBeCloseTo(1, 6);
  });
  it('caching is faster: dual < prefix < none at the same steps', () => {
    const lat = (cache: string) => run(plan({ blockTokens: 32, stepsPerBlock: 8, cache })).diffusion!.latencyS;
    expect(lat('dual')).toBeLessThan(lat('prefix'));
    expect(lat('prefix')).toBeLessThan(lat('none'));
  });
  it('more tokens unmasked per step is proportionally faster without a cache', () => {
    const a = run(plan({ blockTokens: 32, stepsPerBlock: 32, cache: 'none' })).diffusion!.latencyS;
    const b = run(plan({ blockTokens: 32, stepsPerBlock: 8, cache: 'none' })).diffusion!.latencyS;
    expect(a / b).toBeCloseTo(4, 9);
  });
  it('stands beside the same model decoded autoregressively, on the same device and batch', () => {
    const r = run(plan({ blockTokens: 32, stepsPerBlock: 32, cache: 'none' }));
    const ar = r.diffusion!.ar!;
    expect(ar.latencyS).toBeCloseTo(ar.ttftS + 256 * ar.tpotS, 9);
    // One token per step, each step a full forward: slower than autoregressive decoding at batch 1.
    expect(r.diffusion!.latencyS).toBeGreaterThan(ar.latencyS);
    expect(r.requestLatencyS).toBeCloseTo(r.diffusion!.latencyS, 9);
  });
  it('a batch shares each forward: throughput grows with it until compute binds', () => {
    const one = run(plan({ blockTokens: 32, stepsPerBlock: 8, cache: 'dual' }, 1)).diffusion!;
    const eight = run(plan({ blockTokens: 32, stepsPerBlock: 8, cache: 'dual' }, 8)).diffusion!;
    expect(eight.outputTokensPerSecond).toBeGreaterThan(one.outputTokensPerSecond);
    expect(eight.latencyS).toBeGreaterThan(one.latencyS);
  });
  it('sampler settings on an autoregressive model are ignored with a warning', () => {
    const p = { ...plan({ blockTokens: 32, stepsPerBlock: 8, cache: 'dual' }), modelId: 'llama-3.1-8b' };
    const r = run(p);
    expect(r.diffusion).toBeNull();
    expect(r.issues.some((i) => i.field === 'inference.diffusion')).toBe(true);
  });
});
