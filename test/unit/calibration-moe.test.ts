// Calibration profiles: the optional MoE, FP8-quantisation and TP-decode sections,
// the curves built from them (grouped-GEMM efficiency, routing fit, NCCL bus bandwidth), and the
// check of MoE end-to-end points with the architecture recorded in the profile. The shipped
// profiles (measured 2026-11-23) are checked for sanity; a profile from before these sections
// (test/unit/fixtures, the H100 profile shipped 2026-11-22) must still parse.
// The MoE sections built by withMoe() below are SYNTHETIC test inputs generated here from stated formulas (a known
// efficiency curve and a known linear routing cost), so the tests check that the curve builders
// recover what was put in; they are not measurements and nothing here ships as a profile.
import { describe, expect, it } from 'vitest';
import { acceleratorPresets, calibrationPresets, presetCatalog } from '../../presets/load';
import qwenRaw from '../../presets/models/qwen3-30b-a3b.json';
import oldProfile from './fixtures/calibration-h100-sxm-2026-11-22.json';
import { calibrateCheck } from '../../shared/validation/calibration-check';
import {
  curvesFromProfile,
  derivedCurves,
  fitLinearRelative,
  groupedGemmEfficiency,
  interpLog,
  ncclCurves,
  ncclSeconds,
  parseProfile,
  routingSeconds,
  type CalibrationProfile,
} from '../../shared/calibration/profile';
import { expectedDistinctExperts } from '../../shared/inference/moe-routing';

const acc = (id: string) => acceleratorPresets().find((a) => a.id === id)!;
const shipped = (id: string) => calibrationPresets().find((p) => p.acceleratorId === id)!;

// Synthetic inputs: grouped-GEMM efficiency e(t) = 0.85 t / (t + 16) of the roofline at t tokens
// per touched expert, × 0.7 from 128 to 512 (the dip measured on Hopper); routing 25 µs + 4 ns per
// token. Shape: Qwen3-30B-A3B's experts.
const EFF = (t: number) => ((0.85 * t) / (t + 16)) * (t >= 128 && t <= 512 ? 0.7 : 1);
const FIXED_S = 25e-6;
const PER_TOKEN_S = 4e-9;
const SHAPE = { experts: 128, topK: 8, hidden: 2048, expertIntermediate: 768 };

function syntheticLayers(peak: number, bw: number) {
  const { experts: E, topK: k, hidden: H, expertIntermediate: I } = SHAPE;
  return [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384].map((T) => {
    const distinct = Math.round(expectedDistinctExperts(E, k, T));
    const rows = T * k;
    const flops = 2 * rows * 3 * H * I;
    const expertWeightBytes = distinct * 3 * H * I * 2;
    const activationBytes = rows * (2 * H + 3 * I) * 2;
    const tpe = rows / expectedDistinctExperts(E, k, T);
    const gemm = Math.max(flops / peak, (expertWeightBytes + activationBytes) / bw) / EFF(tpe);
    const piece = (FIXED_S + PER_TOKEN_S * T) / 5;
    return {
      shape: 'qwen3-30b-a3b',
      ...SHAPE,
      tokens: T,
      distinctExperts: distinct,
      expectedDistinctExperts: expectedDistinctExperts(E, k, T),
      tokensPerExpertMean: tpe,
      tokensPerExpertMax: Math.ceil(tpe * 1.5),
      expertWeightBytes,
      activationBytes,
      flops,
      routerFlops: 2 * T * H * E,
      seconds: {
        routerGemm: piece,
        topk: piece,
        permute: piece,
        gemmGateUp: (2 / 3) * gemm,
        activation: piece,
        gemmDown: gemm / 3,
        unpermute: piece,
        total: gemm + 5 * piece,
      },
    };
  });
}

const reduced = (layers: number) => ({
  ...qwenRaw,
  id: `qwen3-30b-a3b-kit-${layers}l`,
  numLayers: layers,
  published: undefined,
});

function withMoe(base: CalibrationProfile, extra: Record<string, unknown> = {}): unknown {
  const a = acc(base.acceleratorId);
  const raw = JSON.parse(JSON.stringify(base));
  raw.moe = {
    groupedGemmImpl: 'synthetic test input',
    layers: syntheticLayers(a.peakFlopsPerS.bf16.value!, a.memoryBandwidthBytesPerS.value!),
    models: [
      {
        presetId: 'qwen3-30b-a3b',
        layersRun: 24,
        layersInPreset: 48,
        config: reduced(24),
        differences: '24 of 48 layers',
      },
      { presetId: 'qwen3-30b-a3b', layersRun: 48, layersInPreset: 48, config: reduced(48), differences: 'none' },
    ],
    endToEnd: [24, 48].flatMap((L) =>
      [1, 16, 64].map((b, i) => ({
        id: `q${L}-decode-b${b}`,
        modelId: `qwen3-30b-a3b-kit-${L}l`,
        phase: 'decode',
        batch: b,
        context: 2048,
        measuredMs: 10,
        heldOut: i === 2,
      })),
    ),
    ...extra,
  };
  return raw;
}

describe('calibration profiles: MoE, FP8 quantisation, NCCL', () => {
  it('a profile from before these sections (H100, 2026-11-22) still parses and gets no MoE curves', () => {
    const p = parseProfile(oldProfile, 'fixtures/calibration-h100-sxm-2026-11-22.json');
    const cv = curvesFromProfile(p, acc('h100-sxm'));
    expect(p.moe).toBeUndefined();
    expect(cv.groupedGemm).toBeUndefined();
    expect(cv.routing).toBeUndefined();
    expect(calibrateCheck(p, presetCatalog()).moe).toBeNull();
  });

  for (const id of ['h100-sxm', 'h200-sxm']) {
    it(`${id} (shipped): MoE layer grid over the four preset expert shapes, sane curves, routing as the formula says`, () => {
      const p = shipped(id);
      const cv = curvesFromProfile(p, acc(id));
      expect(p.moe!.groupedGemmImpl).toMatch(/torch\._grouped_mm/);
      expect(cv.groupedGemm!.map((g) => g.label).sort()).toEqual([
        'deepseek-v3',
        'gpt-oss-120b',
        'mixtral-8x7b',
        'qwen3-30b-a3b',
      ]);
      for (const g of [...cv.groupedGemm!, ...cv.groupedGemmFp8!]) {
        expect(g.curve.length).toBeGreaterThan(10);
        for (let i = 1; i < g.curve.length; i++) expect(g.curve[i]![0]).toBeGreaterThan(g.curve[i - 1]![0]);
        for (const [, y] of g.curve) {
          expect(y).toBeGreaterThan(0.1);
          expect(y).toBeLessThanOrEqual(1);
        }
      }
      for (const r of cv.routing!) {
        expect(r.fixedS).toBeGreaterThan(0);
        expect(r.perTokenS).toBeGreaterThan(0);
      }
      // uniform random routing: distinct experts within 4 standard deviations of E(1 − (1 − k/E)^T)
      for (const l of p.moe!.layers) {
        const q = l.expectedDistinctExperts / l.experts;
        expect(Math.abs(l.distinctExperts - l.expectedDistinctExperts)).toBeLessThanOrEqual(
          4 * Math.sqrt(l.experts * q * (1 - q)) + 1,
        );
      }
      const q3 = p.moe!.layers.find((l) => l.shape === 'qwen3-30b-a3b' && l.tokens === 4)!;
      expect(q3.expectedDistinctExperts).toBeCloseTo(29.1, 1);
      // end to end: the architectures run parse as models; held-out points kept apart; no routing collapse
      expect(p.moe!.models.map((m) => m.config.id).sort()).toEqual([
        'gpt-oss-120b-kit-6l',
        'mixtral-8x7b-kit-12l',
        'qwen3-30b-a3b-kit-24l',
      ]);
      // every third point of each model's eight (index 2 and 5), fixed before measuring
      expect(p.moe!.endToEnd.filter((x) => x.heldOut).map((x) => x.id.replace(/^.*-kit-\d+l-/, ''))).toEqual(
        Array(3).fill(['decode-b16-c2048', 'prefill-512']).flat(),
      );
      for (const x of p.moe!.endToEnd) {
        const d = x.distinctExperts!;
        const m = p.moe!.models.find((r) => r.config.id === x.modelId)!.config.moe!;
        const q = d.expected / m.numRoutedExperts;
        expect(d.min).toBeGreaterThanOrEqual(d.expected - 4 * Math.sqrt(m.numRoutedExperts * q * (1 - q)) - 1);
      }
      const r = calibrateCheck(p, presetCatalog());
      expect(r.moe!.rows.length).toBe(24);
      expect(r.moe!.summary.heldOut.n).toBe(6);
    });
  }

  it('NCCL curves from the stored H200 run: positive, non-decreasing, and they give back the measured times', () => {
    const p = shipped('h200-sxm');
    const n = ncclCurves(p)!;
    expect(n.worldSize).toBe(2);
    const raw = p.nccl as Record<string, Array<{ bytesPerRank: number; seconds: number; busBytesPerS: number }>>;
    for (const op of ['allReduce', 'allGather', 'allToAll'] as const) {
      const c = n[op];
      expect(c.length).toBe(raw[op]!.length);
      for (let i = 1; i < c.length; i++) expect(c[i]![1]).toBeGreaterThanOrEqual(c[i - 1]![1]);
      for (const [, y] of c) expect(y).toBeGreaterThan(0);
      // the largest message ran at the highest bus bandwidth, so the curve reproduces its time
      const big = raw[op]!.at(-1)!;
      expect(ncclSeconds(n, op, big.bytesPerRank)).toBeCloseTo(big.seconds, 9);
      // below the smallest size the smallest size's (latency-bound) time holds
      expect(ncclSeconds(n, op, 1)).toBeCloseTo(ncclSeconds(n, op, raw[op]![0]!.bytesPerRank), 12);
    }
    // one GPU: the H100 profile recorded why it has none
    expect(ncclCurves(shipped('h100-sxm'))).toBeUndefined();
    expect(ncclCurves(parseProfile(oldProfile, 'old'))).toBeUndefined();
  });

  it('expected distinct experts: 128 experts, top-8, 4 tokens → about 29 (the kit records the same formula)', () => {
    expect(expectedDistinctExperts(128, 8, 4)).toBeCloseTo(29.1, 1);
  });

  for (const id of ['h100-sxm', 'h200-sxm']) {
    it(`${id}: the grouped-GEMM curve recovers the efficiency put in, in (0, 1], looked up by the expected tokens per expert`, () => {
      const p = parseProfile(withMoe(shipped(id)), 'synthetic');
      const cv = curvesFromProfile(p, acc(id));
      const c = cv.groupedGemm![0]!.curve;
      expect(cv.groupedGemm![0]!.shape).toEqual(SHAPE);
      expect(c.length).toBeGreaterThan(10);
      // sizes strictly increasing; values kept as measured (the dip at 128-512 is not smoothed away)
      for (let i = 1; i < c.length; i++) expect(c[i]![0]).toBeGreaterThan(c[i - 1]![0]);
      expect(groupedGemmEfficiency(cv, SHAPE, 256)).toBeCloseTo(EFF(256), 9);
      for (const [x, y] of c) {
        expect(y).toBeGreaterThan(0);
        expect(y).toBeLessThanOrEqual(1);
        expect(y).toBeCloseTo(EFF(x), 9);
      }
      expect(groupedGemmEfficiency(cv, SHAPE, 1)).toBeCloseTo(EFF(1), 9);
      // no FP8 grouped points → no FP8 curve
      expect(groupedGemmEfficiency(cv, SHAPE, 10, true)).toBeNull();
    });
  }

  it('the routing fit recovers fixed and per-token costs; other shapes scale the per-token part by topK × hidden', () => {
    const p = parseProfile(withMoe(shipped('h100-sxm')), 'synthetic');
    const cv = curvesFromProfile(p, acc('h100-sxm'));
    const f = cv.routing![0]!;
    expect(f.fixedS / FIXED_S).toBeCloseTo(1, 9);
    expect(f.perTokenS / PER_TOKEN_S).toBeCloseTo(1, 9);
    expect(routingSeconds(cv, SHAPE, 1000)! / (FIXED_S + 1000 * PER_TOKEN_S)).toBeCloseTo(1, 9);
    const ds = { experts: 256, topK: 8, hidden: 7168, expertIntermediate: 2048 };
    expect(routingSeconds(cv, ds, 1000)! / (FIXED_S + 1000 * PER_TOKEN_S * (7168 / 2048))).toBeCloseTo(1, 9);
    // negative slopes are not physical: clamped to a constant
    expect(fitLinearRelative([1, 10, 100], [3, 2, 1]).b).toBe(0);
  });

  it('derived curves (H800) average the MoE curves when both measured profiles have them', () => {
    const both = ['h100-sxm', 'h200-sxm'].map((id) =>
      curvesFromProfile(parseProfile(withMoe(shipped(id)), id), acc(id)),
    );
    const d = derivedCurves(acc('h800'), both)!;
    const x = 5;
    const mean = (interpLog(both[0]!.groupedGemm![0]!.curve, x) + interpLog(both[1]!.groupedGemm![0]!.curve, x)) / 2;
    expect(groupedGemmEfficiency(d, SHAPE, x)).toBeCloseTo(mean, 12);
    expect(d.nccl).toBeUndefined();
    // without MoE data in one of them, none is derived
    expect(
      derivedCurves(acc('h800'), [both[0]!, curvesFromProfile(parseProfile(oldProfile, 'old'), acc('h100-sxm'))])!
        .groupedGemm,
    ).toBeUndefined();
  });

  it('refuses MoE points of an architecture the profile does not record, and a bad inline config, naming the field', () => {
    const bad = withMoe(shipped('h100-sxm')) as {
      moe: { endToEnd: Array<{ modelId: string }>; models: Array<{ config: { numLayers: number } }> };
    };
    bad.moe.endToEnd[0]!.modelId = 'qwen3-30b-a3b';
    expect(() => parseProfile(bad, 'p.json')).toThrow(/p\.json: moe\.endToEnd\.0\.modelId/);
    const bad2 = withMoe(shipped('h100-sxm')) as typeof bad;
    bad2.moe.models[0]!.config.numLayers = 0;
    expect(() => parseProfile(bad2, 'p.json')).toThrow(/moe\.models\.0\.config\.numLayers/);
  });

  it('calibrate-check evaluates MoE points with the architecture as run, apart from the dense points', () => {
    const p = parseProfile(withMoe(shipped('h100-sxm')), 'synthetic');
    const r = calibrateCheck(p, presetCatalog());
    expect(r.rows.length).toBe(p.endToEnd.length);
    expect(r.moe!.rows.length).toBe(6);
    expect(r.moe!.summary.heldOut.n).toBe(2);
    const ms = (id: string) => r.moe!.rows.find((x) => x.id === id)!.predictedMs;
    // the inline architecture is what is modelled: 48 layers take longer than 24
    expect(ms('q48-decode-b16')).toBeGreaterThan(1.5 * ms('q24-decode-b16') - r.moe!.fittedOverheadMs);
  });

  it('FP8-quantisation and TP-decode sections parse; a skipped TP run is recorded as such', () => {
    const raw = withMoe(shipped('h200-sxm')) as Record<string, unknown>;
    raw.fp8Quant = {
      note: 'synthetic',
      points: [
        {
          scaling: 'rowwise',
          m: 16,
          k: 4096,
          n: 14336,
          flops: 2 * 16 * 4096 * 14336,
          bf16Seconds: 2e-5,
          gemmSeconds: 1.2e-5,
          quantTorchSeconds: 2e-5,
          quantTritonSeconds: null,
          quantPlusGemmSeconds: 3.2e-5,
          flopsPerS: (2 * 16 * 4096 * 14336) / 1.2e-5,
        },
      ],
      checks: { 'rowwise-4096x14336': { relErrorVsFp32: 1e-3, tritonSkipped: 'no triton' } },
    };
    raw.tpDecode = { skipped: '1 GPU visible' };
    const p = parseProfile(raw, 'synthetic');
    expect(p.fp8Quant!.points[0]!.quantTritonSeconds).toBeNull();
    expect(p.tpDecode).toEqual({ skipped: '1 GPU visible' });
    (raw.fp8Quant as { points: Array<{ scaling: string }> }).points[0]!.scaling = 'tensorwise';
    expect(() => parseProfile(raw, 'p.json')).toThrow(/fp8Quant\.points\.0\.scaling/);
  });
});
