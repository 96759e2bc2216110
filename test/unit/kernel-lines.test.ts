/**
 * A GEMM line (kernels/family-kernels.ts gemmLine) reads the grid once per M node and interpolates
 * along M alone. The grid is multilinear in the log of each axis, so this must give what the full
 * interpolation (effAt, through gemmSeconds) gives at any token count, in range or beyond the
 * axis ends, for every measured GEMM format of a profile.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { compileFamily } from '../../shared/inference/family';
import { gemmSeconds, type FamilyKernels } from '../../shared/kernels/family-kernels';
import { gemmLine, gemmLineSeconds } from '../../shared/kernels/gemm-lines';
import { resolvePlan } from '../../shared/plan/context';
import { servedPlan } from './fixtures/plans';

function kernelsOf(modelId: string, systemId: string, compute: 'fp8' | 'bf16'): FamilyKernels {
  const plan = servedPlan({
    modelId,
    systemId,
    devices: 8,
    precision: { weights: compute, compute, kvCache: compute },
    workload: { promptTokens: 1000, outputTokens: 100, concurrentRequests: 8 },
    serving: { stack: { name: 'sglang', version: null } },
  });
  const ctx = resolvePlan(plan, engineCatalog());
  return compileFamily(ctx, plan.inference).kernels!;
}

describe('GEMM lines', () => {
  const cases = [
    ['llama-3.1-70b', 'hgx-h100', 'fp8'],
    ['llama-3.1-70b', 'hgx-h200', 'bf16'],
    ['deepseek-v3', 'hgx-h200', 'fp8'],
  ] as const;
  for (const [model, system, compute] of cases)
    it(`equal the full interpolation at any token count (${model}, ${system}, ${compute})`, () => {
      const k = kernelsOf(model, system, compute);
      const g = k.denseGemm!;
      const nk = [7168, 4096, 1024, 7168, 28672 / 8, 8192];
      const line = gemmLine(k, g, nk);
      fc.assert(
        fc.property(fc.double({ min: 0.5, max: 1e6, noNaN: true }), (m) => {
          let want = 0;
          for (let i = 0; i < nk.length; i += 2) want += gemmSeconds(k, g, m, nk[i]!, nk[i + 1]!);
          expect(want).toBeGreaterThan(0);
          expect(Math.abs(gemmLineSeconds(line, m) / want - 1)).toBeLessThan(1e-12);
        }),
        { numRuns: 300, seed: 20261207 },
      );
    });
});
