// Named regression tests for what the fuzzer (test/fuzz) found: parser and schema fixes, and the
// engine bugs (fixed; while one is open it is `it.fails` with an entry in test/fuzz/known-bugs.ts).
import { describe, expect, it } from 'vitest';
import { ACCELERATOR_PRESETS_RAW, PLAN_PRESETS_RAW, SYSTEM_PRESETS_RAW } from '../../presets/index';
import { planPresets, presetCatalog } from '../../presets/load';
import { parseAccelerator, parseSystem } from '../../shared/schema/hardware';
import { importHfConfig } from '../../shared/model';
import { PlanError, resolvePlan } from '../../shared/plan/context';
import { migratePlanObject, parsePlanFile } from '../../shared/schema/migrations';
import type { InferencePlan, TrainingPlan } from '../../shared/schema/plan';
import { parseWorkspace, serialiseWorkspace } from '../../shared/schema/workspace';
import { evaluateTraining } from '../../shared/training/evaluate';
import { evaluateInference } from '../../shared/inference/evaluate';
import { HF_CONFIG_EXAMPLES } from '../fuzz/hf-configs';
import { CALIBRATION_PRESETS_RAW } from '../../presets/index';
import { curvesUsable, parseProfile, type EfficiencyCurves } from '../../shared/calibration/profile';
import { withValue } from '../fuzz/oracle';

const raw = (list: unknown[], id: string): Record<string, unknown> =>
  structuredClone(list.find((x) => (x as { id: string }).id === id)) as Record<string, unknown>;
const trainingOn = (systemId: string, devices: number): TrainingPlan => {
  const p = planPresets().find((x) => x.id === 'llama-2-7b-train-8x4090') as TrainingPlan;
  const par = { ...p.training.parallelism, tp: 1, pp: 1, dp: devices, ep: 1, cp: 1 };
  return { ...p, systemId, devices, training: { ...p.training, parallelism: par } };
};

/** The engine either refuses the plan naming a field (PlanError) or returns a finite step time. */
function refusesOrFinite(plan: TrainingPlan): void {
  let step: number;
  try {
    step = evaluateTraining(plan, resolvePlan(plan, presetCatalog())).stepTimeS;
  } catch (e) {
    expect(e).toBeInstanceOf(PlanError);
    return;
  }
  expect(step).toSatisfy(Number.isFinite);
}

describe('the regression helpers pass on a sound plan (so an it.fails below fails for its bug)', () => {
  it('an 8-device training plan on an 8-GPU server refuses or trains finitely', () =>
    refusesOrFinite(trainingOn('rtx-4090-8gpu-server', 8)));
});

describe('engine bugs found by the fuzzer (fixed: refused naming the field)', () => {
  // Fuzz: `hardware` and `system` entries, e.g. the Apple M2 Ultra preset (peakFlopsPerS.bf16 and
  // fp16 null) on the Mac Studio: compute time = FLOPs / 0 → stepTimeS NaN instead of a refusal.
  it('training on an accelerator with no known BF16/FP16 peak is refused, not NaN', () =>
    refusesOrFinite(trainingOn('mac-studio-m2-ultra', 1)));
  // Fuzz: `plan` entry (systemId swapped to consumer-4090-box) and `system` entry. The box has 4
  // RTX 4090s on PCIe (then scale-up domain 1) and no NICs: DP gradient sync over its devices went
  // to the scale-out tier at 0 B/s → stepTimeS Infinity or NaN, both for the 4 devices it holds and
  // for 8 devices it does not. Now: the box is one PCIe domain, so DP inside it is timed over PCIe;
  // beyond it, the missing scale-out bandwidth is refused naming the field.
  it('training communication over a tier with no bandwidth is refused, not Infinity', () => {
    const inBox = trainingOn('consumer-4090-box', 4);
    const r = evaluateTraining(inBox, resolvePlan(inBox, presetCatalog()));
    expect(r.stepTimeS).toSatisfy(Number.isFinite);
    expect(r.breakdown.dpComm).toBeGreaterThan(0);
    const beyond = trainingOn('consumer-4090-box', 8);
    expect(() => evaluateTraining(beyond, resolvePlan(beyond, presetCatalog()))).toThrow(PlanError);
    expect(() => evaluateTraining(beyond, resolvePlan(beyond, presetCatalog()))).toThrow(/training\.parallelism\.dp/);
  });
  // Fuzz: `plan` entry, the GB200 NVL72 example with systemId swapped to consumer-4090-box: EP72
  // all-to-all over a box with no NICs → ttftMs Infinity instead of a refusal.
  it('inference communication over a tier with no bandwidth is refused, not Infinity', () => {
    const p = planPresets().find((x) => x.id === 'deepseek-v3-gb200-nvl72') as InferencePlan;
    const plan: InferencePlan = { ...p, systemId: 'consumer-4090-box' };
    let r;
    try {
      r = evaluateInference(plan, resolvePlan(plan, presetCatalog()));
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      return;
    }
    expect(Number.isFinite(r.ttftS) && Number.isFinite(r.tpotS)).toBe(true);
  });
});

describe('parser and schema fixes for what the fuzzer found', () => {
  it('an accelerator with a denormal peak (5e-324 FLOP/s) is refused, naming the field', () => {
    const a = raw(ACCELERATOR_PRESETS_RAW, 'a100-sxm-80gb') as { peakFlopsPerS: { bf16: { value: number } } };
    a.peakFlopsPerS.bf16.value = 5e-324;
    expect(() => parseAccelerator(a)).toThrow(/peakFlopsPerS\.bf16\.value: value must be between 1e\+9 and 1e\+18/);
  });
  it('an accelerator efficiency default of 6e-124 is refused, naming the field', () => {
    const a = raw(ACCELERATOR_PRESETS_RAW, 'h100-sxm') as { efficiency: { compute: { value: number } } };
    a.efficiency.compute.value = 6.18e-124;
    expect(() => parseAccelerator(a)).toThrow(/efficiency\.compute\.value: value must be at least 0\.01/);
  });
  it('a system with 1.3e-23 host FLOP/s or 4.5e-268 NICs is refused, naming the field', () => {
    const s = raw(SYSTEM_PRESETS_RAW, 'ktransformers-server') as Record<string, { value: number }>;
    s['hostFlopsPerS']!.value = 1.3e-23;
    expect(() => parseSystem(s)).toThrow(/hostFlopsPerS\.value/);
    const t = raw(SYSTEM_PRESETS_RAW, 'consumer-4090-box') as Record<string, unknown>;
    t['nicsPerNode'] = { value: 4.5e-268, assumption: true, note: 'a single box' };
    expect(() => parseSystem(t)).toThrow(/nicsPerNode\.value: value must be 0 or between/);
    t['nicsPerNode'] = { value: 0, assumption: true, note: 'a single box' }; // "no NICs" stays valid
    expect(parseSystem(t).nicsPerNode.value).toBe(0);
  });
  it('a training plan with 5e-324 tokens per step is refused (it made timeToTrainS Infinity)', () => {
    const p = raw(PLAN_PRESETS_RAW, 'llama-2-7b-train-8x4090') as { training: { globalBatchTokens: number } };
    p.training.globalBatchTokens = 5e-324;
    expect(() => migratePlanObject(p)).toThrow(/training\.globalBatchTokens: .*at least 1 token/);
  });
  it('ownership prices amortised over 5e-324 years are refused (costUSD was Infinity)', () => {
    const p = raw(PLAN_PRESETS_RAW, 'llama-3.1-8b-h100');
    p['prices'] = {
      mode: 'ownership',
      purchaseUsdPerDevice: 30000,
      amortisationYears: 5e-324,
      powerUsdPerKWh: 0.1,
      pue: 1.3,
    };
    expect(() => parsePlanFile(JSON.stringify(p))).toThrow(/prices\.amortisationYears/);
  });
  it('a workspace whose plan is not an object names plans[i], not "plans[i].(root)"', () => {
    const w = JSON.parse(serialiseWorkspace(planPresets().slice(0, 1), []));
    w.plans.push('not a plan');
    expect(() => parseWorkspace(JSON.stringify(w))).toThrow(/^plans\[1\]: a plan must be a JSON object/);
  });
  it('config.json problems found after mapping name the config.json key, not the internal field', () => {
    const llama = HF_CONFIG_EXAMPLES[1]!;
    expect(() => importHfConfig(JSON.stringify({ ...llama, num_hidden_layers: 1e9 }))).toThrow(
      /^config\.json: num_hidden_layers: .*\(the imported numLayers\)/,
    );
    expect(() => importHfConfig(JSON.stringify({ ...llama, num_key_value_heads: 7 }))).toThrow(
      /^config\.json: num_key_value_heads: /,
    );
    const gemma3 = HF_CONFIG_EXAMPLES.find((c) => c['model_type'] === 'gemma3')!;
    const bad = { ...gemma3, text_config: { ...(gemma3['text_config'] as object), hidden_size: -1 } };
    expect(() => importHfConfig(JSON.stringify(bad))).toThrow(/^config\.json: text_config\.hidden_size: /);
  });
});

describe('what fresh fuzz seeds found (inputs also in test/fuzz/corpus)', () => {
  const h200 = raw(CALIBRATION_PRESETS_RAW, 'h200-sxm-2026-11-23');
  // Seed 1108018534, calibration #3060: seq 0 → log(0) in the prefill curve → FLOP/s NaN.
  it('a calibration profile with a prefill point at sequence length 0 is refused naming the field', () => {
    const p = withValue(h200, ['attention', 'prefill', 0, 'seq'], 0);
    expect(() => parseProfile(p)).toThrow(/^profile: attention\.prefill\.0\.seq: must be a measured size or rate/);
  });
  it('every size and rate a curve is built from must be measured: 0 bytes, 0 B/s, a denormal copy rate', () => {
    const cases: Array<[Array<string | number>, number]> = [
      [['gemm', 'bf16', 0, 'bytes'], 0],
      [['attention', 'decode', 0, 'bytesPerS'], 0],
      [['copy', 'bytesPerS'], 5e-324],
      [['moe', 'layers', 3, 'expectedDistinctExperts'], 8e-323],
    ];
    for (const [path, value] of cases)
      expect(() => parseProfile(withValue(h200, path, value)), path.join('.')).toThrow(
        new RegExp(`^profile: ${path.join('\\.')}: `),
      );
  });
  it('curves that cannot give a finite rate for every operator are not used (the flat defaults apply)', () => {
    const curve = [
      [1, 0.5],
      [1024, 0.8],
    ] as const;
    const ok: EfficiencyCurves = {
      gemmCompute: curve,
      gemmComputeFp8: curve,
      gemmMemory: curve,
      attnDecodeMemory: curve,
      attnPrefillCompute: curve,
      copy: 0.9,
      source: 'test',
    };
    expect(curvesUsable(ok)).toBe(true);
    expect(curvesUsable({ ...ok, attnPrefillCompute: [[0, 0.5], ...curve] })).toBe(false);
    expect(curvesUsable({ ...ok, gemmMemory: [[8, 0], ...curve] })).toBe(false);
    expect(curvesUsable({ ...ok, copy: 1e-9 })).toBe(false);
  });
  // Seed 1108018534, workspace #2063 and #3879: a sizing spec given as a string was parsed as a
  // nested file and refused naming "sizingSpecs[0].(file)", no field of the input.
  it('a workspace item that is not an object is refused naming the item', () => {
    const w = JSON.parse(serialiseWorkspace(planPresets().slice(0, 1), []));
    w.sizingSpecs = ['xxxxxxxx'];
    expect(() => parseWorkspace(JSON.stringify(w))).toThrow(/^sizingSpecs\[0\]: a sizing spec must be a JSON object$/);
    w.sizingSpecs = [];
    w.clusters = ['{"kind": "cluster-planner-cluster"}'];
    expect(() => parseWorkspace(JSON.stringify(w))).toThrow(/^clusters\[0\]: a cluster must be a JSON object$/);
  });
  // Seed 20261123 with the oracle's stream, plan #2326: targetMfu 5e-324 → stepTimeS Infinity.
  it('an achieved fraction of a peak below 1% is refused (targetMfu, efficiency overrides)', () => {
    const p = withValue(raw(PLAN_PRESETS_RAW, 'deepseek-v3-train-2048-h800'), ['training', 'targetMfu'], 5e-324);
    expect(() => migratePlanObject(p)).toThrow(/^training\.targetMfu: targetMfu must be at least 0\.01/);
    const q = withValue(raw(PLAN_PRESETS_RAW, 'llama-3.1-8b-h100'), ['efficiency'], { link: 1e-300 });
    expect(() => migratePlanObject(q)).toThrow(/^efficiency\.link: /);
  });
});
