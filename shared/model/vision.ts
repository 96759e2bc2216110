/**
 * A vision-language model's image encoder (schema/model.ts VisionTower): image → patches → tokens,
 * and the encoder's parameters and FLOPs.
 *
 * Tokens per image:
 * - native resolution (Qwen2.5-VL, transformers smart_resize): with f = patchPx·√patchesPerToken
 *   (28 px), each side is rounded to a multiple of f; if the area exceeds maxPixels both sides are
 *   scaled down by √(H·W ÷ max) and floored to f, if below minPixels scaled up and ceiled; tokens =
 *   (H'/f)·(W'/f) (1920 × 1080 → 1932 × 1092 → 69 × 39 = 2,691 tokens), patches = tokens ×
 *   patchesPerToken;
 * - tiles (Llama 4, Llama4Processor): tiles = min(maxTiles, ⌈H/t⌉·⌈W/t⌉), plus a global tile when
 *   more than one; each tile of (t/patchPx)² patches (576 at 336 px) gives 576 ÷ 4 = 144 tokens.
 *   (The processor picks its canvas among the tile grids that fit; ⌈H/t⌉·⌈W/t⌉ is its upper bound.)
 * Encoder parameters: patch embedding 3·temporalPatch·patchPx²·h, per layer attention 4·h² (+ q,
 * k, v and output biases, 4·h), MLP 3·h·I (gated) or 2·h·I (plain) and two norms; the projector's
 * matrices. FLOPs per image = 2 × layer parameters × patches + attention 4·h·patches·span per layer
 * (span: the whole image or tile, or the window) + 2 × projector parameters × tokens.
 * Sources: Qwen2.5-VL report §2.1 and transformers' Qwen2.5-VL configuration and processor
 * (patch 14, 2×2 merge, 32 layers of 1280, windows of 112 px = 8×8 patches except layers 7, 15,
 * 23, 31); Llama 4's vision_config (336-px tiles, patch 14, pixel shuffle 0.5, 34 layers of 1408)
 * as TensorRT-LLM's tests copy it, and transformers' processing_llama4.py.
 */
import type { Citation } from '../source';
import type { ModelArchitecture, VisionTower } from '../schema/model';

export const VISION_SOURCES: readonly Citation[] = [
  {
    doc: 'qwen2.5-vl-report',
    at: '§2.1: ViT with 2D-RoPE and window attention (112×112 px windows, 4 full-attention layers); 2×2 patch merger',
  },
  {
    doc: 'hf-transformers-qwen2.5-vl',
    at: 'configuration_qwen2_5_vl.py and the image processor: smart_resize, min_pixels 3136, max_pixels 12845056',
  },
  {
    doc: 'hf-transformers-llama4-processor',
    at: 'processing_llama4.py: downsample_ratio = 1/pixel_shuffle_ratio², num_patches_per_chunk',
  },
];

export interface ImageShape {
  /** Patches the encoder runs on, and language-model tokens the image becomes. */
  patches: number;
  tokens: number;
  /** Patches each attention spans at most (the whole image, or one tile). */
  span: number;
  tiles: number;
}

/** Patches and tokens of one image of width × height pixels. */
export function imageShape(v: VisionTower, width: number, height: number): ImageShape {
  if (v.tiling.kind === 'native') {
    const f = v.patchPx * Math.sqrt(v.patchesPerToken);
    let h = Math.max(f, Math.round(height / f) * f);
    let w = Math.max(f, Math.round(width / f) * f);
    if (h * w > v.tiling.maxPixels) {
      const beta = Math.sqrt((height * width) / v.tiling.maxPixels);
      h = Math.max(f, Math.floor(height / beta / f) * f);
      w = Math.max(f, Math.floor(width / beta / f) * f);
    } else if (h * w < v.tiling.minPixels) {
      const beta = Math.sqrt(v.tiling.minPixels / (height * width));
      h = Math.ceil((height * beta) / f) * f;
      w = Math.ceil((width * beta) / f) * f;
    }
    const tokens = (h / f) * (w / f);
    const patches = tokens * v.patchesPerToken;
    return { patches, tokens, span: patches, tiles: 1 };
  }
  const t = v.tiling;
  const grid = Math.min(t.maxTiles, Math.ceil(height / t.tilePx) * Math.ceil(width / t.tilePx));
  const tiles = grid + (grid > 1 && t.globalTile ? 1 : 0);
  const perTile = (t.tilePx / v.patchPx) ** 2;
  return { patches: tiles * perTile, tokens: (tiles * perTile) / v.patchesPerToken, span: perTile, tiles };
}

export interface VisionParams {
  patchEmbed: number;
  perLayer: number;
  layers: number;
  projector: number;
  total: number;
}

export function visionParams(v: VisionTower): VisionParams {
  const h = v.hidden;
  const attention = 4 * h * h + 4 * h;
  const mlp = (v.mlp === 'gated' ? 3 : 2) * h * v.intermediate;
  const perLayer = attention + mlp + 2 * h;
  const patchEmbed = 3 * v.temporalPatch * v.patchPx * v.patchPx * h;
  const projector = v.projector.reduce((a, [i, o]) => a + i * o, 0);
  return {
    patchEmbed,
    perLayer,
    layers: v.layers * perLayer,
    projector,
    total: patchEmbed + v.layers * perLayer + projector,
  };
}

export interface VisionFlops {
  /** FLOPs per image: the encoder's matmuls, its attention, the projector; and the total. */
  matmul: number;
  attention: number;
  projector: number;
  total: number;
  shape: ImageShape;
}

/** FLOPs of encoding one image of width × height pixels. */
export function visionFlopsPerImage(v: VisionTower, width: number, height: number): VisionFlops {
  const s = imageShape(v, width, height);
  const p = visionParams(v);
  const full = v.window ? v.window.fullAttentionLayers : v.layers;
  const windowed = v.layers - full;
  const windowSpan = v.window ? Math.min(v.window.patches, s.span) : 0;
  const matmul = 2 * (p.patchEmbed + p.layers) * s.patches;
  const attention = 4 * v.hidden * s.patches * (full * s.span + windowed * windowSpan);
  const projector = 2 * p.projector * s.tokens;
  return { matmul, attention, projector, total: matmul + attention + projector, shape: s };
}

/** Language-model tokens the images of one request add to its prompt (0 without a vision tower or images). */
export function imageTokensPerRequest(
  m: ModelArchitecture,
  images: { perRequest: number; widthPx: number; heightPx: number } | undefined,
): number {
  if (!m.vision || !images || images.perRequest === 0) return 0;
  return images.perRequest * imageShape(m.vision, images.widthPx, images.heightPx).tokens;
}
