// Engine III golden tests: Insights Table 3 (topologies), Table 5 latencies, DeepSeek-V3 training
// cost (report + Table 4) and Llama 3 405B throughput. Values from ../shared/reference/.
import { describe, expect, it } from 'vitest';
import { planPresets, presetCatalog } from '../../presets/load';
import {
  allGather,
  allReduce,
  allToAll,
  LINK_LATENCY,
  reduceScatter,
  ringAllReduce,
  treeAllReduce,
} from '../../shared/network/collectives';
import { buildTopology } from '../../shared/network/topology';
import { resolvePlan } from '../../shared/plan/context';
import { migratePlanObject } from '../../shared/schema/migrations';
import type { TrainingPlan } from '../../shared/schema/plan';
import { evaluateTraining } from '../../shared/training/evaluate';
import { TRAINING_VALIDATION_CASES } from '../../shared/validation/cases';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('Insights Table 3: topologies with 64-port switches', () => {
  const rows = [
    { kind: 'ft2', endpoints: 2048, switches: 96, links: 2048, costM: 9, perEndpointK: 4.39 },
    { kind: 'mpft', endpoints: 16384, switches: 768, links: 16384, costM: 72, perEndpointK: 4.39 },
    { kind: 'ft3', endpoints: 65536, switches: 5120, links: 131072, costM: 491, perEndpointK: 7.5 },
    { kind: 'sf', endpoints: 32928, switches: 1568, links: 32928, costM: 146, perEndpointK: 4.4 },
    { kind: 'df', endpoints: 261632, switches: 16352, links: 384272, costM: 1522, perEndpointK: 5.8 },
  ] as const;
  for (const r of rows) {
    it(`${r.kind.toUpperCase()}: endpoints, switches and links exactly; cost within 3%`, () => {
      const t = buildTopology({ kind: r.kind, radix: 64, planes: 8 });
      expect(t.endpoints).toBe(r.endpoints);
      expect(t.switches).toBe(r.switches);
      expect(t.links).toBe(r.links);
      expect(rel(t.costUSD / 1e6, r.costM)).toBeLessThan(0.03);
      expect(rel(t.costPerEndpointUSD / 1e3, r.perEndpointK)).toBeLessThan(0.03);
    });
  }
  it('a partial FT2 for 512 endpoints needs fewer switches and costs more per endpoint than nothing', () => {
    const t = buildTopology({ kind: 'ft2', radix: 64, endpoints: 512 });
    expect(t.endpoints).toBe(512);
    expect(t.switches).toBe(16 + 8);
    expect(t.links).toBe(16 * 32);
  });
  it('refuses an odd radix naming the field', () => {
    expect(() => buildTopology({ kind: 'ft2', radix: 63 })).toThrow(/radix/);
  });
});

describe('collectives (α–β) with Table 5 latencies', () => {
  const ib = { name: 'IB', bandwidth: 50e9 as never, efficiency: 1, latency: LINK_LATENCY.ibSameLeaf };
  it('Table 5 latency defaults', () => {
    expect(LINK_LATENCY.ibSameLeaf * 1e6).toBeCloseTo(2.8, 9);
    expect(LINK_LATENCY.ibCrossLeaf * 1e6).toBeCloseTo(3.7, 9);
    expect(LINK_LATENCY.roceSameLeaf * 1e6).toBeCloseTo(3.6, 9);
    expect(LINK_LATENCY.roceCrossLeaf * 1e6).toBeCloseTo(5.6, 9);
    expect(LINK_LATENCY.nvlink * 1e6).toBeCloseTo(3.33, 9);
  });
  it('ring all-reduce = reduce-scatter + all-gather; tree wins for small messages', () => {
    const S = 1e9 as never;
    expect(ringAllReduce(S, 8, ib).time).toBeCloseTo(reduceScatter(S, 8, ib).time + allGather(S, 8, ib).time, 12);
    expect(ringAllReduce(S, 8, ib).bandwidthPart).toBeCloseTo((2 * 7 * 1e9) / 8 / 50e9, 12);
    const small = 1024 as never;
    expect(allReduce(small, 1024, ib).time).toBe(treeAllReduce(small, 1024, ib).time);
    expect(allToAll(8e6 as never, 8, ib).bandwidthPart).toBeCloseTo((7 / 8) * (8e6 / 50e9), 12);
    expect(ringAllReduce(S, 1, ib).time).toBe(0);
  });
});

const trainPlan = (id: string, patch: Record<string, unknown> = {}): TrainingPlan => {
  const c = TRAINING_VALIDATION_CASES.find((x) => x.plan.modelId === id)!;
  const raw = c.plan as unknown as { training: Record<string, unknown> };
  return migratePlanObject({ ...c.plan, training: { ...raw.training, ...patch } }) as TrainingPlan;
};

describe('DeepSeek-V3 training from per-token FLOPs and Table 4 MFU', () => {
  const plan = trainPlan('deepseek-v3', { targetMfu: 0.3894 }); // Table 4, causal MFU vs BF16 peak
  const r = evaluateTraining(plan, resolvePlan(plan, presetCatalog()));
  it('180K H800 GPU-hours per trillion tokens, within 10%', () => {
    expect(rel(r.deviceHoursPerTrillionTokens, 180_000)).toBeLessThan(0.1);
  });
  it('2.788M GPU-hours for 14.8T tokens, within 10% (the report adds context extension and post-training)', () => {
    expect(rel(r.deviceHours, 2.788e6)).toBeLessThan(0.1);
  });
  it('Table 4: 272.80B tokens/day and 19.926 s/step on 2,048 H800, within 10%', () => {
    expect(rel(r.tokensPerDay / 1e9, 272.8)).toBeLessThan(0.1);
    expect(rel(r.stepTimeS, 19.926)).toBeLessThan(0.1);
  });
});

describe('Llama 3 405B on 16K H100: 380–430 TFLOPS per GPU', () => {
  it('the engine (no target MFU) predicts within 10% of the range', () => {
    const plan = trainPlan('llama-3.1-405b');
    const r = evaluateTraining(plan, resolvePlan(plan, presetCatalog()));
    const tf = r.tflopsPerDevice / 1e12;
    expect(tf).toBeGreaterThan(380 * 0.9);
    expect(tf).toBeLessThan(430 * 1.1);
  });
});

describe('training memory', () => {
  it('BF16 Adam costs 16 bytes per parameter without sharding; ZeRO-3 divides by DP', () => {
    const base = planPresets().find((p) => p.id === 'llama-2-7b-train-8x4090') as TrainingPlan;
    const z0 = migratePlanObject({
      ...base,
      training: { ...base.training, parallelism: { ...base.training.parallelism, zeroStage: 0 } },
    }) as TrainingPlan;
    const r0 = evaluateTraining(z0, resolvePlan(z0, presetCatalog()));
    const perParam = (r0.memory.weights + r0.memory.gradients + r0.memory.optimizer) / 6.74e9;
    expect(perParam).toBeCloseTo(16, 0);
    expect(r0.fits).toBe(false);
    expect(r0.overflowComponent).toBe('optimizer states');
    const r3 = evaluateTraining(base, resolvePlan(base, presetCatalog()));
    expect(r3.memory.optimizer).toBeCloseTo(r0.memory.optimizer / 8, 0);
    expect(r3.fits).toBe(true);
  });
  it('every example training plan evaluates to finite numbers', () => {
    for (const p of planPresets()) {
      if (p.kind !== 'training') continue;
      const r = evaluateTraining(p, resolvePlan(p, presetCatalog()));
      for (const v of [r.stepTimeS, r.tokensPerSecond, r.mfu, r.deviceHours])
        expect(Number.isFinite(v), p.id).toBe(true);
    }
  });
});

describe('scale-up domains under the scale-out fabric', () => {
  it('NVL72 racks on an FT2: one NIC per GPU, 2,048 GPUs in 28 racks', () => {
    const t = buildTopology({ kind: 'ft2', radix: 64, scaleUp: 'nvl72' });
    expect(t.devices).toBe(28 * 72);
    expect(t.scaleUpDomains).toBe(28);
  });
  it('PCIe hosts with 4 GPUs behind one NIC reach 4 devices per endpoint', () => {
    const t = buildTopology({ kind: 'ft2', radix: 64, endpoints: 100, scaleUp: 'pcie-host' });
    expect(t.devices).toBe(400);
    expect(t.costPerDeviceUSD).toBeCloseTo(t.costUSD / 400, 6);
  });
});
