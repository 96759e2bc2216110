/**
 * The vision tower's operators in a prefill step (model/vision.ts holds the arithmetic and its
 * sources): every prompt the step prefills brings its images, `images.perRequest` of them, each
 * encoded once — nb ÷ (S − cached) prompts per micro-batch, split over TP like the language model.
 * - `vision.encoder`: patch embedding and the ViT layers' matmuls, 2 × parameters × patches FLOPs,
 *   BF16 weights (read once per step) and activations (patches × h_v × 2 B in and out per layer);
 * - `vision.attention`: 4·h_v·patches·span per layer (span: the image or tile; windowed layers the
 *   window), reading and writing the patches' q, k, v and output (8·h_v bytes per patch per layer);
 * - `vision.projector`: the merger/projector matrices per image token.
 * The encoder runs at the BF16 rate (its matmuls at the size-dependent GEMM efficiency when the
 * device has curves). The rows count in the overlap as attention-side work spread over the
 * language model's layers (their total time is added once). Decode steps have no images.
 */
import { visionFlopsPerImage, visionParams } from '../model/vision';
import type { Family } from './family';
import { OP, type OpTable } from './operators';
import { attnFlopRate, curveSource, gemmByteRate, gemmFlopRate } from './rates';
import type { StepShape } from './step';

interface VisionStep {
  flops: ReturnType<typeof visionFlopsPerImage>;
  params: ReturnType<typeof visionParams>;
  perRequest: number;
}
const cache = new WeakMap<Family, VisionStep | null>();

function visionStep(f: Family): VisionStep | null {
  const hit = cache.get(f);
  if (hit !== undefined) return hit;
  const v = f.model.vision;
  const img = f.settings.workload.images;
  const r =
    v && img && img.perRequest > 0
      ? {
          flops: visionFlopsPerImage(v, img.widthPx, img.heightPx),
          params: visionParams(v),
          perRequest: img.perRequest,
        }
      : null;
  cache.set(f, r);
  return r;
}

export function buildVision(f: Family, x: StepShape, T: OpTable): void {
  if (x.decode || !f.model.vision) return;
  const s = visionStep(f);
  if (!s) return;
  const v = f.model.vision;
  const t = x.tp;
  const images = ((x.nb / Math.max(1, x.context - x.cached)) * s.perRequest) / t;
  const patches = images * s.flops.shape.patches;
  const bf16 = f.attnPeakFlops / Math.max(1, f.peakFlops);
  const layerW = (s.params.perLayer * 2) / t;
  const act = patches * v.hidden * 2 * 2;
  T.roofline(
    OP['vision.encoder'],
    v.layers,
    (images * s.flops.matmul) / v.layers,
    layerW + act / 2,
    act / 2,
    gemmFlopRate(f, patches) * bf16,
    gemmByteRate(f, layerW + act),
    curveSource(f),
  );
  const qkv = patches * v.hidden * 2 * 4;
  T.roofline(
    OP['vision.attention'],
    v.layers,
    (images * s.flops.attention) / v.layers,
    (qkv * 3) / 4,
    qkv / 4,
    attnFlopRate(f, s.flops.shape.span),
    gemmByteRate(f, qkv),
    curveSource(f),
  );
  const projW = (s.params.projector * 2) / t;
  T.roofline(
    OP['vision.projector'],
    1,
    images * s.flops.projector,
    projW,
    images * s.flops.shape.tokens * f.hidden * 2,
    gemmFlopRate(f, images * s.flops.shape.tokens) * bf16,
    gemmByteRate(f, projW),
    curveSource(f),
  );
}
