// The validation table: every case evaluates (as the product predicts it and as the plain roofline),
// errors follow their definition, the summary (median |error|, rows within ±25%) is computed from
// the rows, and the table holds enough recent, cross-vendor published cases. A prompt-processing
// case on a device whose preset gives no matmul peak is refused by name, never guessed.
import { describe, expect, it } from 'vitest';
import { acceleratorPresets, presetCatalog, systemPresets } from '../../presets/load';
import { sourceRegistry } from '../../presets/sources';
import { citationsOf } from '../../shared/source';
import { INFERENCE_VALIDATION_CASES, VALIDATION_CASES } from '../../shared/validation/cases';
import { offlineOutputTokensPerSecond } from '../../shared/validation/derived';
import { runValidation, summarizeErrors, summarizeValidation, summaryLine } from '../../shared/validation/run';
import type { InferenceResult } from '../../shared/inference/evaluate';
import type { InferencePlan } from '../../shared/schema/plan';

const all = runValidation(VALIDATION_CASES, presetCatalog());
const NO_PEAK = /preset has no .+ peak: prompt processing is compute-bound and cannot be timed/;
const rows = all.filter((r) => r.error === undefined);

describe('validation table', () => {
  it('every case (inference and training) evaluates without error, calibrated and plain roofline', () => {
    expect(all.length).toBe(VALIDATION_CASES.length);
    for (const r of all) if (r.error !== undefined) expect(r.error, r.id).toMatch(NO_PEAK);
    expect(all.length - rows.length).toBeLessThan(all.length / 10);
    for (const r of rows) {
      expect(Number.isFinite(r.predicted), r.id).toBe(true);
      expect(Number.isFinite(r.rooflinePredicted), r.id).toBe(true);
      expect(r.predicted!, r.id).toBeGreaterThan(0);
    }
  });
  it('errors are (predicted − published) / published × 100 for both predictions', () => {
    for (const r of rows) {
      expect(r.errorPct).toBeCloseTo(((r.predicted! - r.published) / r.published) * 100, 9);
      expect(r.rooflineErrorPct).toBeCloseTo(((r.rooflinePredicted! - r.published) / r.published) * 100, 9);
    }
  });
  it('case ids are unique', () => {
    expect(new Set(VALIDATION_CASES.map((c) => c.id)).size).toBe(VALIDATION_CASES.length);
  });
  it('calibration changes the prediction on a calibrated GPU (H100) and not on one without curves (M3 Ultra)', () => {
    const h100 = rows.find((r) => r.id === 'trtllm-llama31-8b-h100-1k1k')!;
    expect(Math.abs(h100.predicted! - h100.rooflinePredicted!)).toBeGreaterThan(1e-6 * h100.published);
    const mac = rows.find((r) => r.id === 'm3ultra-llama33-70b-tg128')!;
    expect(mac.predicted).toBeCloseTo(mac.rooflinePredicted!, 9);
  });
});

describe('summary', () => {
  it('median |error|, worst and rows within ±25% (inclusive), nulls ignored', () => {
    const s = summarizeErrors([10, -30, null, 5, 25]);
    expect(s).toEqual({ rows: 4, medianAbsErrorPct: 17.5, maxAbsErrorPct: 30, within25: 3 });
    expect(summarizeErrors([-3, 40, 1]).medianAbsErrorPct).toBe(3);
    expect(summarizeErrors([null]).medianAbsErrorPct).toBeNull();
  });
  it('the table summary counts the rows it is given', () => {
    const s = summarizeValidation(rows);
    const within = rows.filter((r) => Math.abs(r.errorPct!) <= 25).length;
    expect(s.calibrated.rows).toBe(rows.length);
    expect(s.calibrated.within25).toBe(within);
    expect(s.roofline.within25).toBe(rows.filter((r) => Math.abs(r.rooflineErrorPct!) <= 25).length);
    const sorted = rows.map((r) => Math.abs(r.errorPct!)).sort((a, b) => a - b);
    expect(s.calibrated.maxAbsErrorPct).toBe(sorted[sorted.length - 1]);
    expect(summaryLine(s)).toMatch(/^median \|error\| \d+\.\d%, \d+ of \d+ rows within ±25% \(plain roofline: /);
  });
});

describe('offline throughput model', () => {
  const plan = (hit: number, disaggregation: object | null) =>
    ({
      inference: {
        workload: { promptTokens: 1000, outputTokens: 500, prefixCacheHitRate: hit },
        serving: { disaggregation },
      },
    }) as unknown as InferencePlan;
  const r = { outputTokensPerSecond: 10_000, prefillTokensPerSecond: 40_000 } as InferenceResult;
  it('shares each request’s prefill time with its decode on the same devices', () => {
    // 1,000 ÷ 40,000 + 500 ÷ 10,000 = 0.075 s per request → 500 ÷ 0.075 output tokens/s.
    expect(offlineOutputTokensPerSecond(r, plan(0, null))).toBeCloseTo(500 / 0.075, 6);
    // Half the prompt from the prefix cache: 500 ÷ 40,000 + 0.05 = 0.0625 s.
    expect(offlineOutputTokensPerSecond(r, plan(0.5, null))).toBeCloseTo(500 / 0.0625, 6);
  });
  it('with disaggregated pools the slower pool bounds the throughput', () => {
    const d = plan(0, { prefillDevices: 1, decodeDevices: 1 });
    expect(offlineOutputTokensPerSecond(r, d)).toBe(10_000);
    const slowPrefill = { ...r, prefillTokensPerSecond: 8_000 } as InferenceResult;
    expect(offlineOutputTokensPerSecond(slowPrefill, d)).toBe(4_000);
  });
});

describe('coverage of published 2025–2026 cases', () => {
  const reg = sourceRegistry();
  const recent = INFERENCE_VALIDATION_CASES.filter((c) =>
    citationsOf(c.source).every((x) => Number(reg.byId.get(x.doc)!.date.slice(0, 4)) >= 2025),
  );
  const vendorOf = (systemId: string): string => {
    const sys = systemPresets().find((s) => s.id === systemId)!;
    return acceleratorPresets().find((a) => a.id === sys.acceleratorId)!.vendor;
  };
  it('at least ten inference cases cite only documents from 2025 or later', () => {
    expect(recent.length).toBeGreaterThanOrEqual(10);
  });
  it('they span at least four accelerator vendors and both dense and MoE models', () => {
    expect(new Set(recent.map((c) => vendorOf(c.plan.systemId))).size).toBeGreaterThanOrEqual(4);
    const models = new Set(recent.map((c) => c.plan.modelId));
    expect([...models].some((m) => m.startsWith('llama'))).toBe(true);
    expect([...models].some((m) => m.startsWith('deepseek') || m.startsWith('qwen3'))).toBe(true);
  });
});
