// Property tests (fast-check): invariants that must hold for every valid architecture.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countParams,
  forwardFlopsPerToken,
  kvBytesPerToken,
  ModelArchitecture,
  parseModel,
  trainingFlopsPerToken,
  weightBytes,
} from '../../shared/model';
import { kvBytesForSequence } from '../../shared/model/kv-cache';
import { NUMERIC_FORMATS } from '../../shared/precision';

const arbArch = fc
  .record({
    hidden: fc.integer({ min: 64, max: 16384 }),
    layers: fc.integer({ min: 1, max: 128 }),
    vocab: fc.integer({ min: 100, max: 300_000 }),
    heads: fc.integer({ min: 1, max: 128 }),
    kvDiv: fc.constantFrom(1, 2, 4, 8),
    headDim: fc.constantFrom(32, 64, 128, 256),
    inter: fc.integer({ min: 64, max: 65536 }),
    tied: fc.boolean(),
    mla: fc.boolean(),
    moe: fc.option(
      fc.record({
        e: fc.integer({ min: 2, max: 512 }),
        k: fc.integer({ min: 1, max: 16 }),
        s: fc.integer({ min: 0, max: 2 }),
        ie: fc.integer({ min: 64, max: 8192 }),
        first: fc.integer({ min: 0, max: 3 }),
      }),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const kv = Math.max(1, Math.floor(r.heads / r.kvDiv));
    const heads = kv * r.kvDiv;
    const attention = r.mla
      ? {
          type: 'mla' as const,
          numHeads: heads,
          qLoraRank: 512,
          kvLoraRank: 256,
          qkNopeHeadDim: 64,
          qkRopeHeadDim: 32,
          vHeadDim: 64,
        }
      : {
          type: heads === kv ? ('mha' as const) : ('gqa' as const),
          numHeads: heads,
          numKvHeads: kv,
          headDim: r.headDim,
        };
    return parseModel({
      id: 'prop',
      name: 'prop',
      source: { title: 'property test' },
      hiddenSize: r.hidden,
      numLayers: r.layers,
      vocabSize: r.vocab,
      maxContextTokens: 8192,
      tiedEmbeddings: r.tied,
      attention,
      ffn: { type: 'gated', intermediateSize: r.inter },
      ...(r.moe
        ? {
            moe: {
              numRoutedExperts: r.moe.e,
              topK: Math.min(r.moe.k, r.moe.e),
              numSharedExperts: r.moe.s,
              expertIntermediateSize: r.moe.ie,
              firstKDense: Math.min(r.moe.first, r.layers),
            },
          }
        : {}),
    });
  });

const finiteNonNeg = (x: number): boolean => Number.isFinite(x) && x >= 0;

describe('architecture invariants', () => {
  it('active ≤ total; every count finite and non-negative', () => {
    fc.assert(
      fc.property(arbArch, (m) => {
        const p = countParams(m);
        expect(p.active).toBeLessThanOrEqual(p.total);
        for (const v of [...Object.values(p.byComponent), p.total, p.active, p.activeMatmul])
          expect(finiteNonNeg(v)).toBe(true);
        for (const f of NUMERIC_FORMATS) expect(finiteNonNeg(weightBytes(m, f, {}, p).bytes)).toBe(true);
        expect(finiteNonNeg(kvBytesPerToken(m).bytesPerToken)).toBe(true);
        expect(finiteNonNeg(trainingFlopsPerToken(m, 4096).total)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('KV bytes and FLOPs never decrease as layers, heads or context grow', () => {
    fc.assert(
      fc.property(arbArch, fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), (m, c1, c2) => {
        const [lo, hi] = c1 < c2 ? [c1, c2] : [c2, c1];
        expect(kvBytesForSequence(m, hi)).toBeGreaterThanOrEqual(kvBytesForSequence(m, lo));
        expect(forwardFlopsPerToken(m, { mode: 'at-context', tokens: hi }).total).toBeGreaterThanOrEqual(
          forwardFlopsPerToken(m, { mode: 'at-context', tokens: lo }).total,
        );
        const more = parseModel({ ...m, numLayers: m.numLayers + 1 });
        expect(kvBytesPerToken(more).bytesPerToken).toBeGreaterThanOrEqual(kvBytesPerToken(m).bytesPerToken);
        expect(trainingFlopsPerToken(more, 2048).total).toBeGreaterThanOrEqual(trainingFlopsPerToken(m, 2048).total);
        const a = m.attention;
        const moreHeads = parseModel({
          ...m,
          attention:
            a.type === 'mla'
              ? { ...a, numHeads: a.numHeads * 2 }
              : { ...a, type: 'gqa', numHeads: a.numHeads * 2, numKvHeads: a.numKvHeads * 2 },
        });
        expect(kvBytesPerToken(moreHeads).bytesPerToken).toBeGreaterThanOrEqual(kvBytesPerToken(m).bytesPerToken);
        expect(trainingFlopsPerToken(moreHeads, 2048).total).toBeGreaterThanOrEqual(
          trainingFlopsPerToken(m, 2048).total,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('an MLA latent cache is smaller than the MHA cache of the same width', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 128 }),
        fc.constantFrom(64, 128),
        fc.integer({ min: 1, max: 100 }),
        (heads, headDim, layers) => {
          const base = {
            id: 'x',
            name: 'x',
            source: { title: 'prop' },
            hiddenSize: heads * headDim,
            numLayers: layers,
            vocabSize: 1000,
            maxContextTokens: 4096,
            tiedEmbeddings: false,
            ffn: { type: 'gated', intermediateSize: 1024 },
          };
          const mha = parseModel({ ...base, attention: { type: 'mha', numHeads: heads, numKvHeads: heads, headDim } });
          const mla = parseModel({
            ...base,
            attention: {
              type: 'mla',
              numHeads: heads,
              qLoraRank: null,
              kvLoraRank: 4 * headDim,
              qkNopeHeadDim: headDim,
              qkRopeHeadDim: headDim / 2,
              vHeadDim: headDim,
            },
          });
          expect(kvBytesPerToken(mla).bytesPerToken).toBeLessThan(kvBytesPerToken(mha).bytesPerToken);
        },
      ),
    );
  });

  it('rejects invalid architectures with an error naming the field', () => {
    const good = {
      id: 'x',
      name: 'x',
      source: { title: 'prop' },
      hiddenSize: 512,
      numLayers: 2,
      vocabSize: 1000,
      maxContextTokens: 4096,
      tiedEmbeddings: false,
      attention: { type: 'gqa', numHeads: 8, numKvHeads: 2, headDim: 64 },
      ffn: { type: 'gated', intermediateSize: 1024 },
    };
    expect(() => parseModel(good)).not.toThrow();
    expect(() => parseModel({ ...good, numLayers: -1 })).toThrow(/numLayers/);
    expect(() => parseModel({ ...good, numLayers: 1e9 })).toThrow(/numLayers/);
    expect(() => parseModel({ ...good, hiddenSize: Number.NaN })).toThrow(/hiddenSize/);
    expect(() => parseModel({ ...good, attention: { ...good.attention, numKvHeads: 3 } })).toThrow(/numKvHeads/);
    expect(() =>
      parseModel({ ...good, moe: { numRoutedExperts: 4, topK: 8, numSharedExperts: 0, expertIntermediateSize: 64 } }),
    ).toThrow(/topK/);
    expect(ModelArchitecture.safeParse({ ...good, id: 'Bad Id' }).success).toBe(false);
  });
});
