// Engine IV: the operator model. One evaluator for explain and for search: the fast path
// (point.ts, no allocation, prefill reused while only the batch changes) and the explained path
// (evaluateInference, detailed operator tables) must agree on every number; the step time must be
// what the overlap rules give when re-derived here, independently, from the operator records; and
// training's forward FLOPs, built by the same builders, must match the model's FLOP convention.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelPresets, planPresets, presetCatalog } from '../../presets/load';
import { deviceHourCost } from '../../shared/plan/cost';
import { evaluateInference, type StepBreakdown } from '../../shared/inference/evaluate';
import { compileFamily } from '../../shared/inference/family';
import type { Operator } from '../../shared/inference/operators';
import { emptyPointResult, evaluatePoint, pointFromPlan } from '../../shared/inference/point';
import { trainingFlopsPerToken } from '../../shared/model';
import { layerCounts, type ModelArchitecture } from '../../shared/schema/model';
import { resolvePlan } from '../../shared/plan/context';
import { migratePlanObject } from '../../shared/schema/migrations';
import type { InferencePlan } from '../../shared/schema/plan';
import { trainingForward } from '../../shared/training/forward';

const catalog = presetCatalog();
// The fast path times autoregressive decoders; diffusion samplers and BLT parts are timed by their own paths.
const models = modelPresets().filter((m) => m.kind === 'decoder');
const systems = catalog.systems;

const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/** The overlap rules of overlap.ts, re-derived from the operator records alone. */
function stepFromOperators(ops: Operator[], m: ModelArchitecture, dual: boolean, commSm: number): number {
  const lc = layerCounts(m);
  const time = (id: string): number => ops.find((o) => o.id === id)?.time ?? 0;
  const sum = (pred: (o: Operator) => boolean, f: (o: Operator) => number): number =>
    ops.filter(pred).reduce((a, o) => a + f(o), 0);
  const compute = (o: Operator): boolean => o.kind !== 'collective';
  const attn = sum(
    (o) => o.group === 'attention' && compute(o),
    (o) => (o.time * o.layers) / m.numLayers,
  );
  const moeC =
    attn +
    sum(
      (o) => o.group === 'moe' && compute(o),
      (o) => o.time,
    );
  const denseC =
    attn +
    sum(
      (o) => o.group === 'dense' && compute(o),
      (o) => o.time,
    );
  const tp = time('comm.tp');
  const ep = time('comm.ep');
  const slow = dual && ep > 0 ? 1 / (1 - commSm) : 1;
  const layer = (c: number, comm: number): number => (dual ? 2 * Math.max(c, comm) : c + comm);
  const once = sum(
    (o) => o.group === 'step',
    (o) => o.time,
  );
  return (lc.moe ? lc.moe * layer(moeC * slow, tp + ep) : 0) + lc.dense * layer(denseC, tp) + once;
}

const divisors = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);

const redundantFor = (m: ModelArchitecture, ep: number): number => {
  const routed = m.moe?.numRoutedExperts ?? 0;
  return routed && ep > 1 ? Math.ceil(routed / ep) * ep - routed : 0;
};

/** A random valid inference plan over the presets. */
const arbPlan = fc
  .record({
    model: fc.constantFrom(...models),
    system: fc.constantFrom(...systems),
    tpPick: fc.nat(),
    pp: fc.constantFrom(1, 1, 1, 2, 4),
    dp: fc.integer({ min: 1, max: 32 }),
    epPick: fc.nat(),
    batch: fc.integer({ min: 1, max: 4096 }),
    prompt: fc.integer({ min: 1, max: 32768 }),
    output: fc.integer({ min: 1, max: 8192 }),
    hit: fc.constantFrom(0, 0, 0.3, 0.9),
    dual: fc.boolean(),
    spec: fc.option(fc.record({ k: fc.integer({ min: 1, max: 4 }), a: fc.double({ min: 0, max: 1, noNaN: true }) }), {
      nil: null,
    }),
    kvOffload: fc.boolean(),
    offload: fc.boolean(),
    calibration: fc.boolean(),
    compute: fc.constantFrom('bf16', 'fp8', 'int8'),
    weights: fc.constantFrom('bf16', 'fp8', 'int4'),
    tier: fc.constantFrom('auto', 'scale-up', 'scale-out'),
    latency: fc.boolean(),
    imbalance: fc.constantFrom(1, 1.2, 2),
    disagg: fc.boolean(),
  })
  .map((r): InferencePlan => {
    const a = r.model.attention;
    const heads = a.numHeads;
    const tps = divisors(heads).filter((d) => d <= Math.max(1, r.system.scaleUpDomainDevices * 2));
    const tp = tps[r.tpPick % tps.length]!;
    const pp = Math.min(r.pp, r.model.numLayers);
    const decodeDevices = tp * pp * r.dp;
    const eps = r.model.moe ? divisors(tp * r.dp) : [1];
    const ep = eps[r.epPick % eps.length]!;
    const disagg = r.disagg ? { prefillDevices: tp * pp * Math.max(1, Math.floor(r.dp / 2)), decodeDevices } : null;
    return migratePlanObject({
      schemaVersion: 1,
      id: 'prop',
      name: 'prop',
      kind: 'inference',
      modelId: r.model.id,
      systemId: r.system.id,
      devices: decodeDevices + (disagg ? disagg.prefillDevices : 0),
      useCalibration: r.calibration,
      prices: { mode: 'hourly', usdPerDeviceHour: 2 },
      inference: {
        parallelism: { tp, pp, dp: r.dp, ep },
        precision: { weights: r.weights, compute: r.compute, kvCache: 'bf16', dispatch: 'fp8', combine: 'bf16' },
        workload: {
          promptTokens: r.prompt,
          outputTokens: r.output,
          concurrentRequests: r.batch,
          prefixCacheHitRate: r.hit,
        },
        serving: {
          disaggregation: disagg,
          dualMicroBatch: r.dual,
          speculative: r.spec ? { draftTokens: r.spec.k, acceptanceRate: r.spec.a } : null,
          kvOffload: r.kvOffload,
          expertOffload: r.offload && !!r.model.moe && !!r.system.hostMemoryBandwidthBytesPerS.value,
        },
        // Redundant experts make EP divide the experts it spreads, as EPLB deployments place them.
        moe: { loadImbalance: r.imbalance, redundantExperts: redundantFor(r.model, ep) },
        network: { epTier: r.tier, includeLatency: r.latency, fabric: 'ib' },
      },
    }) as InferencePlan;
  });

function checkStep(step: StepBreakdown, m: ModelArchitecture, commSm: number): void {
  expect(rel(stepFromOperators(step.ops, m, step.dualMicroBatch, commSm), step.total)).toBeLessThan(1e-9);
  for (const o of step.ops) {
    expect(o.count).toBe(o.layers * o.microBatches);
    expect(Number.isFinite(o.time) && o.time >= 0).toBe(true);
  }
}

// Recording the operator table (the explained scratch) must change no number, and each step's
// total must be rebuilt from its operators by the overlap rule written out above, independently of
// the engine's accumulation. The search's own path is checked against the explained plan path in
// search-agreement.test.ts.
describe('one evaluator: recording the operators changes nothing, and a step is the overlap of its operators', () => {
  it('on ≥ 10,000 random valid plans (of 20,000 drawn; the engine refuses the rest with a named field), to 1e-9', () => {
    let checked = 0;
    const out = emptyPointResult();
    fc.assert(
      fc.property(arbPlan, (plan) => {
        const ctx = resolvePlan(plan, catalog);
        let explained;
        try {
          explained = evaluateInference(plan, ctx);
        } catch {
          return; // a plan the engine refuses (e.g. diffusion) is not a comparison
        }
        const fam = compileFamily(ctx, plan.inference);
        const fast = evaluatePoint(
          fam,
          pointFromPlan(plan),
          deviceHourCost(plan, ctx.accelerator),
          ctx.accelerator.memoryBytes.value ?? 0,
          out,
        );
        const pairs: Array<[number, number]> = [
          [fast.tpotS, explained.tpotS],
          [fast.ttftS, explained.ttftS],
          [fast.outputTokensPerSecond, explained.outputTokensPerSecond],
          [fast.prefillTokensPerSecond, explained.prefillTokensPerSecond],
          [fast.memory.total, explained.memoryPerDeviceBytes],
          [fast.memory.maxBatch, explained.maxBatch],
          [
            Number.isNaN(fast.costPerMillionOutputUSD) ? 0 : fast.costPerMillionOutputUSD,
            explained.costPerMillionOutputTokensUSD ?? 0,
          ],
          [
            Number.isNaN(fast.costPerMillionInputUSD) ? 0 : fast.costPerMillionInputUSD,
            explained.costPerMillionInputTokensUSD ?? 0,
          ],
          [fast.decodeStepS, explained.decode.total],
          [fast.ttftS, explained.prefill.total],
        ];
        for (const [a, b] of pairs) expect(rel(a, b)).toBeLessThan(1e-9);
        const commSm = plan.inference.serving.commSmFraction;
        checkStep(explained.decode, ctx.model, commSm);
        checkStep(explained.prefill, ctx.model, commSm);
        checked++;
      }),
      { numRuns: 20_000, seed: 20261123 },
    );
    expect(checked).toBeGreaterThanOrEqual(10_000);
  }, 120_000);

  it('every example plan: the trace lists every operator, and the step total is their overlap', () => {
    for (const p of planPresets()) {
      if (p.kind !== 'inference') continue;
      const ctx = resolvePlan(p, catalog);
      const r = evaluateInference(p, ctx);
      const labels = r.decode.trace.children.map((c) => c.label);
      for (const o of r.decode.ops) expect(labels).toContain(`${o.name} × ${o.count}`);
      checkStep(r.decode, ctx.model, p.inference.serving.commSmFraction);
    }
  });
});

describe('training uses the same builders', () => {
  // flops.ts counts the router bias and the shared-expert gate as matmul parameters and the
  // operators do not (training/forward.ts): 2 FLOPs per such parameter per token, taken out of the
  // reference here so that the rest agrees to rounding (MiniMax-M2's bias and Qwen3.5's gate are
  // 1e-6 and 3e-5 of the total, above the 1e-6 the comparison used to allow for them).
  const biasAndGate = (m: ModelArchitecture): number =>
    m.moe
      ? layerCounts(m).moe *
        ((m.moe.routerBias ? m.moe.numRoutedExperts : 0) + (m.moe.sharedExpertGate ? m.hiddenSize : 0))
      : 0;
  it('forward FLOPs per token from the operators match model/flops.ts (Insights Table 2 convention) to 1e-9', () => {
    for (const m of models) {
      const plan = planPresets().find((p) => p.kind === 'training')!;
      const ctx = { ...resolvePlan(plan, catalog), model: m };
      const fwd = trainingForward(ctx, 'bf16', 4096);
      const ref = trainingFlopsPerToken(m, 4096);
      expect(rel(3 * fwd.totalPerToken, ref.total - 3 * 2 * biasAndGate(m)), m.id).toBeLessThan(1e-9);
      expect(rel(3 * fwd.attentionPerToken, ref.attention), m.id).toBeLessThan(1e-9);
    }
  });
});
