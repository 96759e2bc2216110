// Golden values for Engine I, from ../shared/reference/deepseek-v3-insights.md and model cards.
import { describe, expect, it } from 'vitest';
import { findModel } from '../../presets/load';
import {
  countParams,
  kvBytesPerToken,
  trainingFlopsPerToken,
  weightBytes,
  type ModelArchitecture,
} from '../../shared/model';
import { kvBytesForSequence } from '../../shared/model/kv-cache';
import { GIGA } from '../../shared/units';

const model = (id: string): ModelArchitecture => {
  const m = findModel(id);
  if (!m) throw new Error(`no preset ${id}`);
  return m;
};
const relErr = (a: number, b: number): number => Math.abs(a / b - 1);

describe('Insights Table 1: KV cache per token, BF16 (KB = 1,000 bytes)', () => {
  it('DeepSeek-V3 MLA = 70,272 B (61 × (512 + 64) × 2)', () => {
    expect(kvBytesPerToken(model('deepseek-v3')).bytesPerToken).toBe(70_272);
  });
  it('Qwen-2.5 72B GQA = 327,680 B (80 × 2 × 8 × 128 × 2)', () => {
    expect(kvBytesPerToken(model('qwen2.5-72b')).bytesPerToken).toBe(327_680);
  });
  it('LLaMA-3.1 405B GQA = 516,096 B (126 × 2 × 8 × 128 × 2)', () => {
    expect(kvBytesPerToken(model('llama-3.1-405b')).bytesPerToken).toBe(516_096);
  });
  it('multipliers: 4.66x for Qwen; 7.34x for LLaMA (the paper prints 7.28x, a misprint: 516,096 / 70,272 = 7.34)', () => {
    const v3 = kvBytesPerToken(model('deepseek-v3')).bytesPerToken;
    const qwen = kvBytesPerToken(model('qwen2.5-72b')).bytesPerToken / v3;
    const llama = kvBytesPerToken(model('llama-3.1-405b')).bytesPerToken / v3;
    expect(qwen.toFixed(2)).toBe('4.66');
    expect(llama.toFixed(2)).toBe('7.34');
    expect(llama.toFixed(2)).not.toBe('7.28');
  });
});

describe('Insights Table 2: training GFLOP per token at sequence length 4,096', () => {
  const gflop = (id: string): number => trainingFlopsPerToken(model(id), 4096).total / GIGA;
  it('DeepSeek-V2 ≈ 155 within 3%', () => expect(relErr(gflop('deepseek-v2'), 155)).toBeLessThan(0.03));
  it('DeepSeek-V3 ≈ 250 within 3%', () => expect(relErr(gflop('deepseek-v3'), 250)).toBeLessThan(0.03));
  it('LLaMA-405B ≈ 2,448 within 3%', () => expect(relErr(gflop('llama-3.1-405b'), 2448)).toBeLessThan(0.03));
  it('Qwen-72B: the 6N + causal-attention convention gives ≈445, not the printed 394', () => {
    // Qwen2.5-72B (72.7B parameters, 80 layers, 64 heads of 128) gives 6 × 72.7B ≈ 436 GFLOP of
    // matmuls plus ≈ 9.7 GFLOP of attention ≈ 445. The printed 394 corresponds to about 65B
    // parameters (394/6), i.e. no convention that reproduces the other three rows gives it; the
    // paper does not say which Qwen-72B configuration it used. We keep one convention for all
    // models and record the 13% gap here instead of special-casing Qwen.
    const g = gflop('qwen2.5-72b');
    expect(g).toBeGreaterThan(440);
    expect(g).toBeLessThan(450);
    expect(relErr(g, 394)).toBeGreaterThan(0.1);
  });
});

describe('parameter totals within 1% of published counts', () => {
  const cases: Array<[string, number, number | null, string]> = [
    ['deepseek-v3', 671e9, 37e9, 'DeepSeek-V3 report: 671B total, 37B active'],
    ['mixtral-8x7b', 46.7e9, 12.9e9, 'Mixtral paper: 46.7B / 12.9B'],
    ['llama-3.1-8b', 8.03e9, null, 'Llama 3.1 8B: 8.03B'],
    ['llama-3.1-70b', 70.6e9, null, 'Llama 3.1 70B: 70.6B'],
    ['llama-3.1-405b', 405e9, null, 'Llama 3 paper: 405B'],
    ['qwen2.5-72b', 72.7e9, null, 'Qwen2.5-72B card: 72.7B'],
    ['qwen3-235b-a22b', 235e9, 22e9, 'Qwen3-235B-A22B card: 235B / 22B'],
  ];
  for (const [id, total, active, src] of cases) {
    it(`${id} (${src})`, () => {
      const p = countParams(model(id));
      expect(relErr(p.total, total)).toBeLessThan(0.01);
      // "~37B" and "22B" are rounded figures; active is held to 2%.
      if (active) expect(relErr(p.active, active)).toBeLessThan(0.02);
    });
  }
  it('DeepSeek-V3 MTP module is about 11.6B beyond the 671B (the 685B checkpoint also stores copies of embedding and head)', () => {
    const p = countParams(model('deepseek-v3'));
    expect(p.mtp / GIGA).toBeGreaterThan(11);
    expect(p.mtp / GIGA).toBeLessThan(14);
  });
});

describe('weight bytes per precision', () => {
  it('Llama-3.1-8B: BF16 = 2 bytes per parameter', () => {
    const m = model('llama-3.1-8b');
    expect(weightBytes(m, 'bf16').bytes).toBe(countParams(m).total * 2);
  });
  it('DeepSeek-V3 FP8 exceeds one 8 × 80 GB machine; 4-bit fits (quantisation study in published-measurements.md)', () => {
    const m = model('deepseek-v3');
    expect(weightBytes(m, 'fp8').bytes).toBeGreaterThan(640e9);
    expect(weightBytes(m, 'int4').bytes).toBeLessThan(640e9);
  });
  it('Mixtral-8x7B in BF16 "exceeds 90GB" (Fiddler)', () => {
    expect(weightBytes(model('mixtral-8x7b'), 'bf16').bytes).toBeGreaterThan(90e9);
  });
  it('MXFP4 is 4.25 bits and NVFP4 4.5 bits per matmul weight', () => {
    const m = model('llama-3.1-70b');
    const p = countParams(m);
    const high = p.byComponent.embeddings + p.byComponent.lmHead + p.byComponent.norms;
    expect(weightBytes(m, 'mxfp4').bytes).toBeCloseTo((p.total - high) * (4.25 / 8) + high * 2, 0);
    expect(weightBytes(m, 'nvfp4').bytes).toBeCloseTo((p.total - high) * (4.5 / 8) + high * 2, 0);
  });
});

describe('DeepSeek-V2: KV precision is an input', () => {
  it('"reduces the KV cache by 93.3%" vs DeepSeek 67B only with a 6-bit cache', () => {
    const v2 = model('deepseek-v2');
    const ds67 = 95 * 2 * 8 * 128 * 2; // 95 layers × (K,V) × 8 KV heads × 128 × BF16
    const bf16 = kvBytesPerToken(v2, 'bf16').bytesPerToken;
    const six = kvBytesPerToken(v2, { bits: 6 }).bytesPerToken;
    expect((1 - six / ds67) * 100).toBeCloseTo(93.3, 1);
    expect((1 - bf16 / ds67) * 100).toBeCloseTo(82.2, 1);
  });
});

describe('hybrid and sliding-window caches', () => {
  it('MiniMax-M1 caches only its 10 softmax layers; lightning layers hold a constant state', () => {
    const m = model('minimax-m1');
    expect(kvBytesPerToken(m).bytesPerToken).toBe(10 * 2 * 8 * 128 * 2);
    const a = kvBytesForSequence(m, 1000);
    const b = kvBytesForSequence(m, 2000);
    const state = 70 * 64 * 128 * 128 * 4;
    expect(b - a).toBe(1000 * 10 * 2 * 8 * 128 * 2);
    expect(a - 1000 * 10 * 4096).toBe(state);
  });
  it('gpt-oss-120b: sliding layers stop growing at 128 tokens', () => {
    const m = model('gpt-oss-120b');
    const perLayer = 2 * 8 * 64 * 2;
    expect(kvBytesForSequence(m, 100_000)).toBe(18 * perLayer * 100_000 + 18 * perLayer * 128);
  });
});
