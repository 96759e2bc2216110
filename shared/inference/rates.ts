/**
 * Achievable rates by operator kind. With a calibration profile (measured, or derived for the
 * device class) the rates follow the measured size-dependent curves, as fractions of the datasheet
 * peaks; without one they are the flat datasheet × efficiency defaults:
 * - GEMM of M tokens moving B bytes: FLOP/s = peak × gemmCompute(M) (FP8 curve for FP8 compute),
 *   B/s = peak bandwidth × gemmMemory(B);
 * - attention core: FLOP/s = BF16 peak × attnPrefillCompute(sequence), B/s = peak bandwidth ×
 *   attnDecodeMemory(KV bytes); KV offload caps B/s at the host link (offload.ts);
 * - element-wise traffic: B/s = peak bandwidth × measured copy efficiency.
 * Each function returns one number, so the hot path allocates nothing.
 */
import { interpFast } from './fast-curve';
import type { Family } from './family';
import { SRC, type SourceCode } from './operators';

export const gemmFlopRate = (f: Family, m: number): number =>
  f.curves ? f.peakFlops * interpFast(f.curves.gemmCompute, m > 1 ? m : 1) : f.rates.flops;
export const gemmByteRate = (f: Family, bytes: number): number =>
  f.curves ? f.peakBandwidth * interpFast(f.curves.gemmMemory, bytes) : f.rates.bandwidth;

export const attnFlopRate = (f: Family, seq: number): number =>
  f.curves ? f.attnPeakFlops * interpFast(f.curves.attnPrefillCompute, seq) : f.attnRates.flops;
export const attnByteRate = (f: Family, kvBytes: number): number =>
  f.curves ? f.peakBandwidth * interpFast(f.curves.attnDecodeMemory, kvBytes) : f.attnRates.bandwidth;

export const elementwiseByteRate = (f: Family): number =>
  f.curves ? f.peakBandwidth * f.curves.copy : f.rates.bandwidth;

/** Where the curve-driven rates came from. */
export const curveSource = (f: Family): SourceCode => (f.curves ? SRC.calibration : f.flatSource);
