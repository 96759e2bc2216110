/**
 * infer with latency objectives (serving/slo-concurrency.ts) and a plan asking for more concurrent
 * requests than its KV cache holds (serving/evaluate.ts). The answer must meet every objective,
 * the next concurrency up must miss one (or the KV cache be full), and an over-full plan must say
 * so by name rather than be evaluated silently.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../presets/engine-catalog';
import { resolvePlan } from '../../shared/plan/context';
import { InferencePlan } from '../../shared/schema/plan';
import { evaluateServing } from '../../shared/serving/evaluate';
import { sloConcurrency } from '../../shared/serving/slo-concurrency';

function plan70b(concurrentRequests: number, extra: Record<string, unknown> = {}) {
  const plan = InferencePlan.parse({
    schemaVersion: 1,
    kind: 'inference',
    id: 'p',
    name: 'p',
    modelId: 'llama-3.1-70b',
    systemId: 'hgx-h100',
    devices: 4,
    inference: {
      parallelism: { tp: 4 },
      precision: { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
      workload: { promptTokens: 1000, outputTokens: 500, concurrentRequests },
      serving: { stack: { name: 'vllm', version: null } },
      ...extra,
    },
  });
  return { plan, ctx: resolvePlan(plan, engineCatalog()) };
}

describe('largest concurrency within latency objectives', () => {
  it('meets every objective at the answer and misses one just above it', () => {
    const { plan, ctx } = plan70b(1);
    const t = { tpotS: 0.03, ttftS: 1.5 };
    const s = sloConcurrency(plan, ctx, t);
    expect(s.best).not.toBeNull();
    const best = s.best!;
    expect(best.ttftMeanS).toBeLessThanOrEqual(t.ttftS);
    expect(best.tpotMeanS).toBeLessThanOrEqual(t.tpotS);
    const above = s.rows.find((r) => r.concurrency === best.concurrency + 1);
    // Either the next concurrency was evaluated and misses, or the answer is what the KV cache holds.
    if (above) expect(above.meets).toBe(false);
    else expect(best.concurrency).toBe(s.capacity);
    // No row that meets lies above the answer.
    expect(s.rows.filter((r) => r.meets && r.concurrency > best.concurrency)).toEqual([]);
  });

  it('a looser TPOT objective never allows fewer requests', () => {
    const { plan, ctx } = plan70b(1);
    const tight = sloConcurrency(plan, ctx, { tpotS: 0.025 }).best!.concurrency;
    const loose = sloConcurrency(plan, ctx, { tpotS: 0.05 }).best!.concurrency;
    expect(loose).toBeGreaterThan(tight);
  });

  it('says when even one request misses', () => {
    const { plan, ctx } = plan70b(1);
    const s = sloConcurrency(plan, ctx, { tpotS: 0.001 });
    expect(s.best).toBeNull();
    expect(s.rows[0]?.missed).toBe('tpot');
  });
});

describe('more concurrent requests than fit', () => {
  it('is named as a warning with the limit, not evaluated silently', () => {
    const { plan, ctx } = plan70b(1);
    const cap = evaluateServing(plan, ctx, { explain: false }).maxBatch;
    const over = plan70b(cap * 2);
    const r = evaluateServing(over.plan, over.ctx, { explain: false });
    expect(r.benchmark?.overCapacity).toBe(true);
    const w = r.issues.find((i) => i.field === 'inference.workload.concurrentRequests');
    expect(w?.severity).toBe('warning');
    expect(w?.message).toContain(`${cap * 2} concurrent requests`);
    expect(w?.message).toContain(`holds ${cap} sequences`);
  });

  it('a plan that fits carries no such warning', () => {
    const { plan, ctx } = plan70b(8);
    const r = evaluateServing(plan, ctx, { explain: false });
    expect(r.issues.some((i) => i.field === 'inference.workload.concurrentRequests')).toBe(false);
  });
});
