/**
 * GEMM lines: a GEMM grid read along M alone, for the step builders' hot path (kernel-ops.ts).
 */
import { effAt } from '../schema/kernel-grid';
import type { FamilyKernels, GemmKernel, GemmLine } from './family-kernels';
import { GEMM_INPUT_BYTES, GEMM_PEAK, peakOf } from './roofline';

/**
 * A set of GEMMs (N, K pairs) of one grid, as a function of the token count M alone. The grid's
 * efficiency is multilinear in the log of each axis, so with N and K fixed its log is piecewise
 * linear in log M between the M axis's nodes: the log-efficiency of each pair at every M node is
 * read once, and a query interpolates along M only — the same number effAt gives, at a fraction
 * of the work (the search asks for millions).
 */

export function gemmLine(k: FamilyKernels, g: GemmKernel, nk: ReadonlyArray<number>): GemmLine {
  const grid = g.grid;
  const mAxis = grid.axes[0]!;
  const nodes = mAxis.length;
  const pairs = nk.length >> 1;
  const logEff = new Float64Array(pairs * nodes);
  const at = new Float64Array(3);
  for (let p = 0; p < pairs; p++) {
    at[1] = nk[2 * p]!;
    at[2] = nk[2 * p + 1]!;
    for (let j = 0; j < nodes; j++) {
      at[0] = mAxis[j]!;
      logEff[p * nodes + j] = Math.log(effAt(grid, at, k.scratch));
    }
  }
  const memo = new Float64Array(4).fill(Number.NaN);
  return { g, nk: Float64Array.from(nk), logM: grid.logAxes[0]!, logEff, roof: roofTerms(k, g, nk), memo };
}

/** The M-independent terms of each pair's roofline (GemmLine.roof). */
function roofTerms(k: FamilyKernels, g: GemmKernel, nk: ReadonlyArray<number>): Float64Array {
  const pairs = nk.length >> 1;
  const roof = new Float64Array(3 * pairs);
  const peak = peakOf(k.basis, GEMM_PEAK[g.dtype]);
  const bw = k.basis.bytesPerS;
  const e = GEMM_INPUT_BYTES[g.dtype];
  for (let p = 0; p < pairs; p++) {
    const n = nk[2 * p]!;
    const kk = nk[2 * p + 1]!;
    roof[3 * p] = peak > 0 ? (2 * n * kk) / peak : 0;
    roof[3 * p + 1] = bw > 0 ? (kk * e + n * 2) / bw : 0;
    roof[3 * p + 2] = bw > 0 ? (n * kk * g.weightBytes) / bw : 0;
  }
  return roof;
}

/**
 * Seconds of all the line's GEMMs at M tokens: Σ roofline(M, N, K) ÷ efficiency. The line keeps
 * its last two answers (GemmLine.memo): a step often asks a line again at the M it just asked
 * (the two micro-batches' halves, neighbouring steps of a sweep), one in six calls of a search.
 */
export function gemmLineSeconds(line: GemmLine, m: number): number {
  const memo = line.memo;
  if (memo[0] === m) return memo[1]!;
  if (memo[2] === m) return memo[3]!;
  const s = lineSeconds(line, m);
  memo[2] = memo[0]!;
  memo[3] = memo[1]!;
  memo[0] = m;
  memo[1] = s;
  return s;
}

function lineSeconds(line: GemmLine, m: number): number {
  const logM = line.logM;
  const nodes = logM.length;
  const lx = Math.log(Math.max(m, 1e-30));
  let lo = 0;
  let f = 0;
  if (nodes > 1 && lx > logM[0]!) {
    if (lx >= logM[nodes - 1]!) {
      lo = nodes - 2;
      f = 1;
    } else {
      let hi = nodes - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (logM[mid]! <= lx) lo = mid;
        else hi = mid;
      }
      f = (lx - logM[lo]!) / (logM[lo + 1]! - logM[lo]!);
    }
  }
  const roof = line.roof;
  const logEff = line.logEff;
  let s = 0;
  for (let r = 0, o = 0; r < roof.length; r += 3, o += nodes) {
    const le = nodes > 1 ? (1 - f) * logEff[o + lo]! + f * logEff[o + lo + 1]! : logEff[o]!;
    s += Math.max(m * roof[r]!, m * roof[r + 1]! + roof[r + 2]!) / Math.exp(le);
  }
  return s;
}
