// Vision encoders : tokens per image by each model's processor, the tower's
// parameters, and the encoder priced in prefill. Sources: transformers' Qwen2.5-VL smart_resize
// (min_pixels 3,136, max_pixels 12,845,056; 1920 × 1080 → 2,691 tokens, the 2,718 prompt tokens of
// a vLLM user's Qwen2.5-VL timing report (cited in presets/sources.json), less 27 of text), processing_llama4.py (144 tokens per 336-px tile, up to 16
// tiles and a global one), the Llama 4 Scout model card (109B total, 17B active).
import { describe, expect, it } from 'vitest';
import { findModel, presetCatalog } from '../../presets/load';
import { countParams } from '../../shared/model';
import { imageShape, visionParams } from '../../shared/model/vision';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import { migratePlanObject } from '../../shared/schema/migrations';
import type { InferencePlan } from '../../shared/schema/plan';

const qwen = findModel('qwen2.5-vl-7b')!;
const scout = findModel('llama-4-scout')!;

describe('tokens per image', () => {
  it('Qwen2.5-VL: sides rounded to 28 px, pixels clamped', () => {
    expect(imageShape(qwen.vision!, 1920, 1080)).toMatchObject({ tokens: 2691, patches: 10764 });
    expect(imageShape(qwen.vision!, 10, 10).tokens).toBe(4);
    expect(imageShape(qwen.vision!, 8000, 8000).tokens).toBeLessThanOrEqual(16384);
  });
  it('Llama 4: 144 tokens per 336-px tile, at most 16 tiles and a global tile', () => {
    expect(imageShape(scout.vision!, 336, 336)).toMatchObject({ tokens: 144, tiles: 1 });
    expect(imageShape(scout.vision!, 672, 336)).toMatchObject({ tokens: 3 * 144, tiles: 3 });
    expect(imageShape(scout.vision!, 1920, 1080)).toMatchObject({ tokens: 17 * 144, tiles: 17 });
  });
});

describe('parameters', () => {
  it('Qwen2.5-VL-7B = Qwen2.5-7B + a 0.68B vision tower', () => {
    const p = countParams(qwen);
    expect(p.total - countParams(findModel('qwen2.5-7b')!).total).toBe(visionParams(qwen.vision!).total);
    expect(visionParams(qwen.vision!).total / 1e9).toBeCloseTo(0.676, 2);
    expect(p.active).toBe(countParams(findModel('qwen2.5-7b')!).active);
  });
  it('Llama 4 Scout: 109B total and 17B active, as its model card states', () => {
    const p = countParams(scout);
    expect(Math.abs(p.total / 109e9 - 1)).toBeLessThan(0.01);
    expect(Math.abs(p.active / 17e9 - 1)).toBeLessThan(0.02);
  });
});

describe('the encoder in prefill', () => {
  const cat = presetCatalog();
  const plan = (images: number): InferencePlan =>
    migratePlanObject({
      schemaVersion: 1,
      id: 'v',
      name: 'v',
      kind: 'inference',
      modelId: 'qwen2.5-vl-7b',
      systemId: 'hgx-h100',
      devices: 1,
      inference: {
        parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
        precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
        workload: {
          promptTokens: 100,
          outputTokens: 100,
          concurrentRequests: 4,
          images: { perRequest: images, widthPx: 1920, heightPx: 1080 },
        },
      },
    }) as InferencePlan;
  const run = (n: number) => evaluateInference(plan(n), resolvePlan(plan(n), cat));
  it('prefill runs the tower once per image and the images join the prompt', () => {
    const none = run(0);
    const two = run(2);
    expect(none.prefill.ops.some((o) => o.block === 'vision')).toBe(false);
    const enc = two.prefill.ops.find((o) => o.id === 'vision.encoder')!;
    expect(enc.layers).toBe(32);
    const proj = two.prefill.ops.find((o) => o.id === 'attn.proj')!;
    const perToken = 2 * countParams(qwen).perLayer.attentionFull;
    expect(proj.flops / perToken).toBeCloseTo(100 + 2 * 2691, 6);
    expect(two.ttftS).toBeGreaterThan(none.ttftS);
    expect(two.memory.kvCache).toBeGreaterThan(none.memory.kvCache);
  });
  it('decode steps carry no vision operators', () => {
    expect(run(2).decode.ops.some((o) => o.block === 'vision')).toBe(false);
  });
});
