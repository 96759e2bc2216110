/**
 * Offload: work that leaves the accelerator's memory.
 * - KV offload: the KV cache lives in host memory and streams to the device each step, so the
 *   attention core's bandwidth is capped by the host link: B/s = min(device rate, host link rate)
 *   (PCIe 4.0 x16, 31.5 GB/s per direction × link efficiency; tiers.ts).
 * - Expert offload (KTransformers, Fiddler): routed experts stay in host DDR and run on the CPU at
 *   the host rates — 50% of the CPU's peak FLOP/s and a share of its DDR bandwidth that depends on
 *   the weight format (hostMemoryEfficiency) — while attention and shared experts stay on the device.
 * - CPU kernels that dequantise GGUF weights as they stream them reach less of the DDR bandwidth
 *   than plain loads, and less the smaller the format: llama.cpp token generation on one AMD EPYC
 *   9554 (12 × DDR5-5600, 460.8 GB/s) read a dense model's weights at 56% of peak in Q4_K_M (9.05 GB
 *   × 28.74 tok/s), 59% in Q5_0, 61% in Q6_K and 65% in Q8_0 (ahelpme-epyc9554-llamacpp). Other
 *   formats keep the CPU class default of 70%. One socket's measurement: a second socket's scaling
 *   (NUMA) is not modelled.
 */
import type { NumericFormat } from '../precision';
import type { Family } from './family';

/** Achievable share of host DDR bandwidth for weights in this format (measurement cited above). */
export const HOST_MEMORY_EFFICIENCY_SOURCE = {
  doc: 'ahelpme-epyc9554-llamacpp',
  at: 'llama-bench table, Phi-4 14B',
} as const;
export function hostMemoryEfficiency(f: NumericFormat): number {
  switch (f) {
    case 'gguf-q4_k_m':
    case 'gguf-q4_k_s':
    case 'gguf-q4_0':
    case 'gguf-q3_k_m':
    case 'gguf-q2_k':
      return 0.56;
    case 'gguf-q5_k_m':
    case 'gguf-q5_k_s':
      return 0.59;
    case 'gguf-q6_k':
      return 0.61;
    case 'gguf-q8_0':
      return 0.65;
    default:
      return 0.7;
  }
}

export const cappedByHostLink = (f: Family, deviceBytesPerS: number): number =>
  f.settings.serving.kvOffload && f.hostLink.bandwidth < deviceBytesPerS ? f.hostLink.bandwidth : deviceBytesPerS;

export const expertsOnHost = (f: Family): boolean => f.settings.serving.expertOffload;
