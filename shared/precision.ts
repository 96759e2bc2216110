/**
 * Numeric formats and their storage cost in bits per element, block-scale overhead included.
 *
 * - BF16/FP16: 16 bits. FP32: 32.
 * - FP8 (DeepSeek-V3 style, §3.3 of the V3 report): 8 bits + one FP32 scale per 128×128 weight
 *   block → 8 + 32/16384 bits.
 * - INT8 with per-channel scales: 8 bits (the scale vector is negligible).
 * - MXFP4 (OCP Microscaling spec v1.0): 4-bit E2M1 + one 8-bit E8M0 scale per 32 → 4.25 bits.
 * - NVFP4 (NVIDIA Blackwell): 4-bit E2M1 + one FP8 E4M3 scale per 16 → 4.5 bits.
 * - INT4 with group size g and an FP16 scale and zero point per group → 4 + 32/g bits
 *   (g = 128: 4.25 bits, as GPTQ/AWQ checkpoints store them).
 * - GGUF (llama.cpp): each format names a base ggml block type, whose bits per weight follow from
 *   its block struct in ggml/src/ggml-common.h (8 × sizeof(block) ÷ weights per block): Q4_0 4.5,
 *   Q5_0 5.5, Q8_0 8.5, Q2_K 2.625, Q3_K 3.4375, Q4_K 4.5, Q5_K 5.5, Q6_K 6.5625 (`GGML_BITS`).
 *   `bitsPerElement` of a GGUF format is its base type's; the mixtures (_K_M, _K_S, Q2_K) upgrade
 *   some tensors of each model (the output head to Q6_K, attn_v and ffn_down in some layers) by
 *   the rules of llama.cpp's src/llama-quant.cpp, which model/gguf.ts applies to a model's shape
 *   (Llama-3.1-8B Q4_K_M: 4.89 bits per weight over the whole file, as tools/quantize/README.md
 *   reports).
 */
import { z } from 'zod';

export const NUMERIC_FORMATS = [
  'fp32',
  'bf16',
  'fp16',
  'fp8',
  'int8',
  'fp6',
  'mxfp4',
  'nvfp4',
  'int4',
  'gguf-q8_0',
  'gguf-q6_k',
  'gguf-q5_k_m',
  'gguf-q5_k_s',
  'gguf-q4_k_m',
  'gguf-q4_k_s',
  'gguf-q4_0',
  'gguf-q3_k_m',
  'gguf-q2_k',
] as const;
export const NumericFormat = z.enum(NUMERIC_FORMATS);
export type NumericFormat = z.infer<typeof NumericFormat>;

export interface FormatSpec {
  label: string;
  bitsPerElement: (groupSize?: number) => number;
  /** Which tensor-core rate executes matmuls in this format (weights are dequantised otherwise). */
  computeAs: 'fp32' | 'bf16' | 'fp8' | 'int8' | 'fp4';
  note: string;
  /** GGUF formats: llama.cpp's name and base block type (ggml-common.h). */
  gguf?: { name: string; base: GgmlType };
}

/** ggml block types that GGUF formats use, and their bits per weight (ggml-common.h block structs). */
export type GgmlType =
  'F32' | 'F16' | 'Q4_0' | 'Q4_1' | 'Q5_0' | 'Q5_1' | 'Q8_0' | 'Q2_K' | 'Q3_K' | 'Q4_K' | 'Q5_K' | 'Q6_K';
export const GGML_BITS: Record<GgmlType, { bits: number; block: number; layout: string }> = {
  F32: { bits: 32, block: 1, layout: 'float' },
  F16: { bits: 16, block: 1, layout: 'half' },
  Q4_0: { bits: (8 * 18) / 32, block: 32, layout: 'block_q4_0: fp16 d + 16 B of nibbles = 18 B per 32' },
  Q4_1: { bits: (8 * 20) / 32, block: 32, layout: 'block_q4_1: fp16 d, m + 16 B = 20 B per 32' },
  Q5_0: { bits: (8 * 22) / 32, block: 32, layout: 'block_q5_0: fp16 d + 4 B high bits + 16 B = 22 B per 32' },
  Q5_1: { bits: (8 * 24) / 32, block: 32, layout: 'block_q5_1: fp16 d, m + 4 B + 16 B = 24 B per 32' },
  Q8_0: { bits: (8 * 34) / 32, block: 32, layout: 'block_q8_0: fp16 d + 32 int8 = 34 B per 32' },
  Q2_K: { bits: (8 * 84) / 256, block: 256, layout: 'block_q2_K: 16 B scales + 64 B quants + 2 fp16 = 84 B per 256' },
  Q3_K: {
    bits: (8 * 110) / 256,
    block: 256,
    layout: 'block_q3_K: 32 B hmask + 64 B + 12 B scales + fp16 = 110 B per 256',
  },
  Q4_K: { bits: (8 * 144) / 256, block: 256, layout: 'block_q4_K: 2 fp16 + 12 B scales + 128 B = 144 B per 256' },
  Q5_K: { bits: (8 * 176) / 256, block: 256, layout: 'block_q5_K: 2 fp16 + 12 B + 32 B qh + 128 B = 176 B per 256' },
  Q6_K: {
    bits: (8 * 210) / 256,
    block: 256,
    layout: 'block_q6_K: 128 B ql + 64 B qh + 16 B scales + fp16 = 210 B per 256',
  },
};

/** A GGUF format: its llama.cpp name, its base block type and the bits that type stores per weight. */
function ggufFormat(name: string, base: GgmlType): FormatSpec {
  const b = GGML_BITS[base];
  return {
    label: `GGUF ${name}`,
    bitsPerElement: () => b.bits,
    computeAs: 'bf16',
    note: `llama.cpp ${name}: base type ${base}, ${b.bits} bits per weight (${b.layout}); some tensors upgraded per model (model/gguf.ts)`,
    gguf: { name, base },
  };
}

/** The GGUF descriptor of a format, or null for the other formats. */
export const ggufOf = (f: NumericFormat): { name: string; base: GgmlType } | null => FORMATS[f].gguf ?? null;

export const FORMATS: Record<NumericFormat, FormatSpec> = {
  fp32: { label: 'FP32', bitsPerElement: () => 32, computeAs: 'fp32', note: '32-bit float' },
  bf16: { label: 'BF16', bitsPerElement: () => 16, computeAs: 'bf16', note: '16-bit brain float' },
  fp16: { label: 'FP16', bitsPerElement: () => 16, computeAs: 'bf16', note: '16-bit float' },
  fp8: {
    label: 'FP8',
    bitsPerElement: () => 8 + 32 / (128 * 128),
    computeAs: 'fp8',
    note: 'E4M3 with one FP32 scale per 128×128 block (DeepSeek-V3)',
  },
  int8: { label: 'INT8', bitsPerElement: () => 8, computeAs: 'int8', note: 'per-channel scales' },
  fp6: { label: 'FP6', bitsPerElement: () => 6 + 8 / 32, computeAs: 'fp8', note: 'MXFP6: 6 bits + E8M0 scale per 32' },
  mxfp4: {
    label: 'MXFP4',
    bitsPerElement: () => 4 + 8 / 32,
    computeAs: 'fp4',
    note: 'E2M1 + E8M0 scale per 32 (OCP MX v1.0)',
  },
  nvfp4: { label: 'NVFP4', bitsPerElement: () => 4 + 8 / 16, computeAs: 'fp4', note: 'E2M1 + E4M3 scale per 16' },
  int4: {
    label: 'INT4',
    bitsPerElement: (g = 128) => 4 + 32 / g,
    computeAs: 'bf16',
    note: 'FP16 scale + zero per group (default group 128); dequantised to BF16 for compute',
  },
  'gguf-q8_0': ggufFormat('Q8_0', 'Q8_0'),
  'gguf-q6_k': ggufFormat('Q6_K', 'Q6_K'),
  'gguf-q5_k_m': ggufFormat('Q5_K_M', 'Q5_K'),
  'gguf-q5_k_s': ggufFormat('Q5_K_S', 'Q5_K'),
  'gguf-q4_k_m': ggufFormat('Q4_K_M', 'Q4_K'),
  'gguf-q4_k_s': ggufFormat('Q4_K_S', 'Q4_K'),
  'gguf-q4_0': ggufFormat('Q4_0', 'Q4_0'),
  'gguf-q3_k_m': ggufFormat('Q3_K_M', 'Q3_K'),
  'gguf-q2_k': ggufFormat('Q2_K', 'Q2_K'),
};

export const bytesPerElement = (f: NumericFormat, groupSize?: number): number =>
  FORMATS[f].bitsPerElement(groupSize) / 8;

/** KV-cache element formats, with free bit widths for studies such as DeepSeek-V2's 6-bit cache. */
export const KvFormat = z.union([
  z.enum(['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4']),
  z.object({ bits: z.number().min(1).max(32) }),
]);
export type KvFormat = z.infer<typeof KvFormat>;

export function kvBytesPerElement(f: KvFormat): number {
  if (typeof f === 'object') return f.bits / 8;
  return { fp32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, int4: 0.5 }[f];
}

export const kvFormatLabel = (f: KvFormat): string => (typeof f === 'object' ? `${f.bits}-bit` : f.toUpperCase());
