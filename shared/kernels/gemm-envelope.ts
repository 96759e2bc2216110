/**
 * A measured GEMM grid made monotone in its token count M: a GEMM of M tokens takes no longer than
 * one of more tokens with the same N × K, because the kernel can run padded to the larger M (decode
 * does so already: CUDA-graph batch sizes pad a batch up to the next captured size). A measured row
 * slower than a larger M's would otherwise make a batch cost more than a bigger one — vLLM 0.24.0's
 * block-FP8 table on GB200 runs M = 384 at about a tenth of the efficiency of M = 256 and M = 512,
 * which put a DeepSeek-R1 decode step at 3,000 sequences (375 a rank) at 146 ms against 74 ms at 4,096.
 *
 * Per N × K column, time(M_i) = roofline(M_i) ÷ eff(M_i) with the profile's own basis (the import's,
 * aic.ts), time(M_i) ← min over j ≥ i of time(M_j), and the efficiency is written back. Nothing is
 * fitted: cells at or below the envelope are kept as measured.
 */
import type { EffGrid } from '../schema/kernel-grid';
import { gemmRoofline, type GemmDtype, type RooflineBasis } from './roofline';

/** The grid with each N × K column's time made non-decreasing in M. */
export function paddedInTokens(g: EffGrid, basis: RooflineBasis, dtype: GemmDtype): EffGrid {
  const [M, N, K] = g.axes as [Float64Array, Float64Array, Float64Array];
  const logEff = Float64Array.from(g.logEff);
  for (let j = 0; j < N.length; j++)
    for (let k = 0; k < K.length; k++) {
      let best = Infinity;
      for (let i = M.length - 1; i >= 0; i--) {
        const at = (i * N.length + j) * K.length + k;
        const roof = gemmRoofline(basis, dtype, M[i]!, N[j]!, K[k]!);
        const t = roof / Math.exp(logEff[at]!);
        if (t > best * (1 + 1e-9)) logEff[at] = Math.log(roof / best);
        else best = Math.min(best, t);
      }
    }
  return { ...g, logEff };
}
