/**
 * What sets a model's architecture apart, as rows of plain data (label, value, note) that the
 * Models page, the CLI and the PDF render alike: its kind (autoregressive, masked diffusion, Byte
 * Latent Transformer), sparse attention, a vision tower, and its GGUF file sizes. The numbers come
 * from the modules that compute them (sparse-attention.ts, vision.ts, blt.ts, gguf.ts).
 */
import type { ModelArchitecture } from '../schema/model';
import { formatBytes, formatFlop, formatParams } from '../units';
import { bltFlopsPerByte, bltParams, DEFAULT_BYTES_PER_PATCH, DEFAULT_BYTES_PER_TOKEN } from './blt';
import { ggufBytes } from './gguf';
import { sparseAttended, sparseCachePerToken, sparseLabel } from './sparse-attention';
import { imageShape, visionFlopsPerImage, visionParams } from './vision';
import { kvElementsPerTokenPerLayer } from './kv-cache';

export interface ArchitectureFact {
  label: string;
  value: string;
  note?: string;
}

/** A short tag for tables: "DSA", "NSA", "VLM", "BLT", "diffusion" (empty for a plain decoder). */
export function architectureTags(m: ModelArchitecture): string[] {
  const t: string[] = [];
  if (m.kind === 'diffusion') t.push('diffusion');
  if (m.kind === 'blt') t.push('BLT');
  if (m.sparseAttention) t.push(m.sparseAttention.kind.toUpperCase());
  if (m.vision) t.push('VLM');
  return t;
}

function sparseFacts(m: ModelArchitecture): ArchitectureFact[] {
  const sp = m.sparseAttention;
  if (!sp) return [];
  const kv = kvElementsPerTokenPerLayer(m) * 2;
  const extra = sparseCachePerToken(m, kv);
  const at = (c: number): string =>
    `${Math.round(sparseAttended(sp, c)).toLocaleString('en-US')} of ${c.toLocaleString('en-US')}`;
  return [
    { label: 'Sparse attention', value: sparseLabel(sp) },
    {
      label: 'Tokens attended per query',
      value: `${at(8192)}; ${at(65536)}; ${at(131072)}`,
      note: 'at 8K, 64K and 128K cached tokens (full-attention layers)',
    },
    {
      label: sp.kind === 'dsa' ? 'Indexer key cache per token per layer' : 'Compressed K/V per token per layer (BF16)',
      value: formatBytes(extra.perToken),
      note:
        sp.kind === 'dsa'
          ? 'beside the KV cache, in the model’s KV cache per token'
          : `plus the window branch’s own K/V for ${sp.windowTokens} tokens`,
    },
  ];
}

function visionFacts(m: ModelArchitecture): ArchitectureFact[] {
  const v = m.vision;
  if (!v) return [];
  const hd = imageShape(v, 1920, 1080);
  const f = visionFlopsPerImage(v, 1920, 1080);
  return [
    {
      label: 'Vision tower',
      value: `${v.layers} layers × ${v.hidden}, patches of ${v.patchPx} px, ${formatParams(visionParams(v).total)}`,
      note:
        v.tiling.kind === 'native'
          ? 'native resolution'
          : `tiles of ${v.tiling.tilePx} px (at most ${v.tiling.maxTiles})`,
    },
    {
      label: 'A 1920 × 1080 image',
      value: `${hd.tokens.toLocaleString('en-US')} tokens from ${hd.patches.toLocaleString('en-US')} patches`,
      note: `${formatFlop(f.total)} to encode`,
    },
  ];
}

function bltFacts(m: ModelArchitecture): ArchitectureFact[] {
  if (m.kind !== 'blt' || !m.blt) return [];
  const p = bltParams(m);
  const f = bltFlopsPerByte(m, DEFAULT_BYTES_PER_PATCH, 4096);
  return [
    {
      label: 'Byte Latent Transformer',
      value: `latent ${formatParams(p.latent)}, local encoder ${formatParams(p.encoder)}, local decoder ${formatParams(p.decoder + p.crossAttention)}, hash/byte embeddings ${formatParams(p.embeddings)}`,
      note: p.entropyModel ? `entropy model ${formatParams(p.entropyModel)}` : undefined,
    },
    {
      label: 'Forward FLOPs per byte',
      value: formatFlop(f.total),
      note: `at ${DEFAULT_BYTES_PER_PATCH} bytes per patch, 4,096 bytes of context; latent ${((f.latent / f.total) * 100).toFixed(0)}%`,
    },
    {
      label: 'Forward FLOPs per equivalent token',
      value: formatFlop(f.total * DEFAULT_BYTES_PER_TOKEN),
      note: `a token of ${DEFAULT_BYTES_PER_TOKEN} bytes (Llama 3’s tokenizer)`,
    },
  ];
}

/** The rows that describe what is particular to this model's architecture. */
export function architectureFacts(m: ModelArchitecture): ArchitectureFact[] {
  const out: ArchitectureFact[] = [];
  if (m.kind === 'diffusion')
    out.push({
      label: 'Masked diffusion LM',
      value: 'bidirectional; a sampler of steps × forward passes over prompt + answer',
      note: 'set the sampler (block, steps per block, cache) in a plan',
    });
  out.push(...sparseFacts(m), ...visionFacts(m), ...bltFacts(m));
  if (m.kind !== 'blt') {
    const q4 = ggufBytes(m, 'gguf-q4_k_m')!;
    const q8 = ggufBytes(m, 'gguf-q8_0')!;
    out.push({
      label: 'GGUF Q4_K_M / Q8_0 file',
      value: `${formatBytes(q4.total)} / ${formatBytes(q8.total)}`,
      note: `${q4.bitsPerWeight.toFixed(2)} / ${q8.bitsPerWeight.toFixed(2)} bits per weight, as llama.cpp lays the tensors out`,
    });
  }
  return out;
}
