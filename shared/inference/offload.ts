/**
 * Offload: work that leaves the accelerator's memory.
 * - KV offload: the KV cache lives in host memory and streams to the device each step, so the
 *   attention core's bandwidth is capped by the host link: B/s = min(device rate, host link rate)
 *   (PCIe 4.0 x16, 31.5 GB/s per direction × link efficiency; tiers.ts).
 * - Expert offload (KTransformers, Fiddler): routed experts stay in host DDR and run on the CPU at
 *   the host rates — 50% of the CPU's peak FLOP/s and 70% of its DDR bandwidth (CPU class
 *   defaults; family.ts) — while attention and shared experts stay on the device.
 */
import type { Family } from './family';

export const cappedByHostLink = (f: Family, deviceBytesPerS: number): number =>
  f.s.serving.kvOffload && f.host.bandwidth < deviceBytesPerS ? f.host.bandwidth : deviceBytesPerS;

export const expertsOnHost = (f: Family): boolean => f.s.serving.expertOffload;
