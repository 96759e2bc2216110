// Sparse attention: DSA and NSA as attention kinds.
// Sources: NSA (Yuan et al. 2025, arXiv 2502.11089) Table 4, tokens loaded per decoding step at
// l = 32, d = 16, l' = 64, n = 16, w = 512; DeepSeek-V3.2 config.json (index_n_heads 64,
// index_head_dim 128, index_topk 2048) and the V3.2-Exp repository's Indexer (FP8 keys, one FP32
// scale per 128 elements); V3.2-Exp report Figure 3 (cost per million tokens by position, H800).
import { describe, expect, it } from 'vitest';
import { findModel, presetCatalog } from '../../presets/load';
import { countParams, importHfConfig, kvBytesPerToken, parseModel } from '../../shared/model';
import { sparseAttended } from '../../shared/model/sparse-attention';
import type { SparseAttention } from '../../shared/schema/model';
import { ARCHITECTURE_VALIDATION_CASES } from '../../shared/validation/cases-architectures';
import { predictCase } from '../../shared/validation/run';
import { HF_CONFIG_EXAMPLES } from '../fuzz/hf-configs';

const NSA: SparseAttention = {
  kind: 'nsa',
  compressBlockTokens: 32,
  compressStrideTokens: 16,
  selectBlockTokens: 64,
  selectedBlocks: 16,
  windowTokens: 512,
  extraParamsPerLayer: 0,
};

describe('NSA tokens attended per decoding step (Table 4)', () => {
  const table: Array<[number, number, number]> = [
    [8192, 2048, 4],
    [16384, 2560, 6.4],
    [32768, 3584, 9.1],
    [65536, 5632, 11.6],
  ];
  for (const [c, loaded, speedup] of table)
    it(`${c} tokens: ${loaded} loaded, ${speedup}× expected speedup`, () => {
      const att = sparseAttended(NSA, c);
      expect(Math.abs(att - loaded)).toBeLessThanOrEqual(2);
      expect(c / att).toBeCloseTo(speedup, 1);
    });
  it('NSA over MLA is refused by the schema', () => {
    const v3 = findModel('deepseek-v3')!;
    expect(() => parseModel({ ...v3, sparseAttention: NSA })).toThrow(/native sparse attention over MLA/);
  });
});

describe('DeepSeek-V3.2: DSA on DeepSeek-V3', () => {
  const v3 = findModel('deepseek-v3')!;
  const v32 = findModel('deepseek-v3.2')!;
  it('caches 128 FP8 indexer elements + an FP32 scale per token per layer beside the latent', () => {
    expect(kvBytesPerToken(v32).bytesPerToken - kvBytesPerToken(v3).bytesPerToken).toBe(61 * 132);
  });
  it('adds the indexer (q_b 1536→64×128, k 7168→128 + LayerNorm, weights 7168→64) to every layer', () => {
    const idx = 1536 * 64 * 128 + 7168 * 128 + 2 * 128 + 7168 * 64;
    expect(countParams(v32).total - countParams(v3).total).toBe(61 * idx);
  });
  it('imports from a deepseek_v32 config.json', () => {
    const c = { ...HF_CONFIG_EXAMPLES.find((x) => x['model_type'] === 'deepseek_v3')!, model_type: 'deepseek_v32' };
    const m = importHfConfig(JSON.stringify({ ...c, index_n_heads: 64, index_head_dim: 128, index_topk: 2048 }));
    expect(m.sparseAttention).toEqual(v32.sparseAttention);
    expect(countParams(m).total).toBe(countParams(v32).total);
  });
});

describe('cost by token position against the V3.2-Exp report, Figure 3', () => {
  const cat = presetCatalog();
  const cost = (model: string, phase: string, k: number): number =>
    predictCase(
      ARCHITECTURE_VALIDATION_CASES.find((c) => c.id === `dsa-cost-${model}-${phase}-${k}k`)!,
      cat,
    );
  for (const phase of ['prefill', 'decode'])
    it(`${phase}: V3.2 costs a fraction of V3 at 128K and grows slowly from 32K (published ratios ${phase === 'prefill' ? '0.28 and 1.6×' : '0.12 and 1.5×'})`, () => {
      expect(cost('deepseek-v32', phase, 128) / cost('deepseek-v3', phase, 128)).toBeLessThan(0.35);
      expect(cost('deepseek-v32', phase, 128) / cost('deepseek-v32', phase, 32)).toBeLessThan(1.7);
      expect(cost('deepseek-v3', phase, 128) / cost('deepseek-v3', phase, 32)).toBeGreaterThan(2.5);
    });
});
