// Byte Latent Transformer : parts, FLOPs per byte and per equivalent token,
// checked against the paper's FLOP comparisons. Sources: Pagnoni et al. 2024 (arXiv 2412.09871)
// Table 1 (bytes per patch on the training mix: Llama 3 tokenizer 4.4, entropy patching 4.5) and
// Table 2 (models of equal inference FLOPs per byte: Llama 3 3.9B, BLT 5.2B at patch size 6 and
// 6.6B at 8, 2.1E9 FLOPs per byte; non-embedding parameters); transformers' BltConfig defaults
// (the released blt-1b) for the local encoder, local decoder and entropy model.
import { describe, expect, it } from 'vitest';
import { findModel, presetCatalog } from '../../presets/load';
import { bltFlopsPerByte, bltParams, DEFAULT_BYTES_PER_PATCH, DEFAULT_BYTES_PER_TOKEN } from '../../shared/model/blt';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import { migratePlanObject } from '../../shared/schema/migrations';
import type { InferencePlan } from '../../shared/schema/plan';

const blt = findModel('blt-1b')!;

describe('BLT parts (blt-1b, transformers BltConfig defaults)', () => {
  it('the latent is 25 × 2,048 layers; the byte-level parts and hash tables come beside it', () => {
    const p = bltParams(blt);
    expect(p.latent / 1e9).toBeCloseTo(1.285, 3);
    expect(p.embeddings).toBe((6 * 500_002 + 260) * 1024 + 260 * 1024);
    expect(p.total).toBe(
      p.latent + p.encoder + p.decoder + p.crossAttention + p.projections + p.embeddings + p.entropyModel,
    );
  });
  it('defaults are the paper’s Table 1 values', () => {
    expect(DEFAULT_BYTES_PER_TOKEN).toBe(4.4);
    expect(DEFAULT_BYTES_PER_PATCH).toBe(4.5);
  });
  it('longer patches run the latent less often: its matmul FLOPs per byte scale as 1 ÷ patch size (its attention, over more patches, faster)', () => {
    const f6 = bltFlopsPerByte(blt, 6, 8192);
    const f8 = bltFlopsPerByte(blt, 8, 8192);
    expect(f6.latent / f8.latent).toBeGreaterThan(8 / 6);
    expect(f6.latent / f8.latent).toBeLessThan((8 / 6) ** 2);
    expect(f6.encoder + f6.decoder).toBeGreaterThan(f8.encoder + f8.decoder);
  });
});

describe('Table 2: equal inference FLOPs per byte (2.1E9), latent size by patch size', () => {
  // The latent that spends the budget left after blt-1b's byte-level parts, at patch size p (its own
  // attention at 8,192 bytes of context included), plus those parts' non-embedding parameters.
  const nonEmbedding = (p: number): number => {
    const F = 2.1e9;
    const f = bltFlopsPerByte(blt, p, 8192);
    const latentAttention = f.latent - (2 * bltParams(blt).latent) / p;
    const latent = ((F - (f.total - f.latent) - latentAttention) * p) / 2;
    const q = bltParams(blt);
    return latent + q.encoder + q.decoder + q.crossAttention + q.projections + q.entropyModel;
  };
  it('patch size 6: 5.2B published', () => {
    expect(Math.abs(nonEmbedding(6) / 5.2e9 - 1)).toBeLessThan(0.15);
  });
  it('patch size 8: 6.6B published', () => {
    expect(Math.abs(nonEmbedding(8) / 6.6e9 - 1)).toBeLessThan(0.15);
  });
  it('the ratio of the two (published 6.6 ÷ 5.2 = 1.27) within 10%', () => {
    expect(Math.abs(nonEmbedding(8) / nonEmbedding(6) / (6.6 / 5.2) - 1)).toBeLessThan(0.1);
  });
  it('Llama 3 at 4.4 bytes per token spends 2.1E9 per byte with 3.9B non-embedding parameters (and a head of 128,256 rows) within 15%', () => {
    // Llama 3 3.9B's width is not published: the head is bounded by widths 2,048–4,096.
    for (const h of [2048, 4096]) {
      const perToken = 2 * 3.9e9 + 2 * 128_256 * h;
      expect(Math.abs(perToken / 4.4 / 2.1e9 - 1)).toBeLessThan(0.15);
    }
  });
});

describe('a BLT plan', () => {
  const plan = (bytesPerPatch?: number): InferencePlan =>
    migratePlanObject({
      schemaVersion: 1,
      id: 'b',
      name: 'b',
      kind: 'inference',
      modelId: 'blt-1b',
      systemId: 'hgx-h100',
      devices: 1,
      inference: {
        parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
        precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
        workload: {
          promptTokens: 1000,
          outputTokens: 200,
          concurrentRequests: 8,
          ...(bytesPerPatch ? { bytesPerPatch } : {}),
        },
      },
    }) as InferencePlan;
  const run = (p?: number) => evaluateInference(plan(p), resolvePlan(plan(p), presetCatalog()));
  it('explains every part operator by operator: each part’s generation step is its share of a byte (× bytes per patch for the latent)', () => {
    const b = run().blt!;
    expect(b.partSteps.map((x) => x.name)).toEqual(b.parts.map((x) => x.name));
    for (const part of b.parts) {
      const step = b.partSteps.find((x) => x.name === part.name)!;
      expect(step.decode.ops.length, part.name).toBeGreaterThan(2);
      const per = part.unit === 'patches' ? b.bytesPerPatch : 1;
      expect(step.decode.total / (part.perByteS * per), part.name).toBeCloseTo(1, 9);
    }
  });
  it('reports per byte and per equivalent token (× bytes per token)', () => {
    const r = run();
    const b = r.blt!;
    expect(b.tpotPerTokenS).toBeCloseTo(b.tpotPerByteS * 4.4, 12);
    expect(r.tpotS).toBeCloseTo(b.tpotPerTokenS, 12);
    expect(b.flopsPerToken).toBeCloseTo(b.flopsPerByte.total * 4.4, 0);
    expect(b.parts.map((x) => x.name)).toEqual([
      'latent transformer',
      'local decoder',
      'local encoder',
      'entropy model (patching)',
    ]);
  });
  it('longer patches decode faster per byte (the latent runs once per patch)', () => {
    expect(run(8).blt!.tpotPerByteS).toBeLessThan(run(4).blt!.tpotPerByteS);
  });
});
