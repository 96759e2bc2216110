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
 * - GGUF (llama.cpp): average bits per weight of whole quantised models, as llama.cpp's quantize
 *   tool reports them for Llama-3-8B (tools/quantize/README.md): Q8_0 8.50, Q6_K 6.56, Q5_K_M 5.70,
 *   Q4_K_M 4.89, Q4_0 4.55, Q3_K_M 3.91, Q2_K 3.00 (mixtures: the exact value varies by model).
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
  'gguf-q4_k_m',
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
}

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
  'gguf-q8_0': { label: 'GGUF Q8_0', bitsPerElement: () => 8.5, computeAs: 'bf16', note: 'llama.cpp, 8.50 bpw' },
  'gguf-q6_k': { label: 'GGUF Q6_K', bitsPerElement: () => 6.56, computeAs: 'bf16', note: 'llama.cpp, 6.56 bpw' },
  'gguf-q5_k_m': { label: 'GGUF Q5_K_M', bitsPerElement: () => 5.7, computeAs: 'bf16', note: 'llama.cpp, ≈5.70 bpw' },
  'gguf-q4_k_m': {
    label: 'GGUF Q4_K_M',
    bitsPerElement: () => 4.89,
    computeAs: 'bf16',
    note: 'llama.cpp, ≈4.89 bpw (Llama-3-8B)',
  },
  'gguf-q4_0': { label: 'GGUF Q4_0', bitsPerElement: () => 4.55, computeAs: 'bf16', note: 'llama.cpp, 4.55 bpw' },
  'gguf-q3_k_m': { label: 'GGUF Q3_K_M', bitsPerElement: () => 3.91, computeAs: 'bf16', note: 'llama.cpp, ≈3.91 bpw' },
  'gguf-q2_k': {
    label: 'GGUF Q2_K',
    bitsPerElement: () => 3.0,
    computeAs: 'bf16',
    note: 'llama.cpp, ≈3.00 bpw (mixture)',
  },
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
