/**
 * GEMM lines: a GEMM grid read along M alone, for the step builders' hot path (kernel-ops.ts).
 */
import { effAt } from '../schema/kernel-grid';
import type { FamilyKernels, GemmKernel, GemmLine } from './family-kernels';
import { gemmRoofline } from './roofline';

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
  return { g, nk: Float64Array.from(nk), logM: grid.logAxes[0]!, logEff };
}

/** Seconds of all the line's GEMMs at M tokens: Σ roofline(M, N, K) ÷ efficiency. */
export function gemmLineSeconds(k: FamilyKernels, line: GemmLine, m: number): number {
  const logM = line.logM;
  const nodes = logM.length;
  const lx = Math.log(Math.max(m, 1e-30));
  let lo = 0;
  let f = 0;
  if (nodes > 1 && lx > logM[0]!) {
    if (lx >= logM[nodes - 1]!) [lo, f] = [nodes - 2, 1];
    else {
      let hi = nodes - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (logM[mid]! <= lx) lo = mid;
        else hi = mid;
      }
      f = (lx - logM[lo]!) / (logM[lo + 1]! - logM[lo]!);
    }
  }
  const g = line.g;
  let s = 0;
  for (let p = 0, o = 0; p < line.nk.length; p += 2, o += nodes) {
    const le = nodes > 1 ? (1 - f) * line.logEff[o + lo]! + f * line.logEff[o + lo + 1]! : line.logEff[o]!;
    s += gemmRoofline(k.basis, g.dtype, m, line.nk[p]!, line.nk[p + 1]!, g.weightBytes) / Math.exp(le);
  }
  return s;
}

/** The line of `slot` (built by `make` on first use). */
export function lineOf(k: FamilyKernels, slot: number, make: () => GemmLine): GemmLine {
  let l = k.lines.get(slot);
  if (!l) k.lines.set(slot, (l = make()));
  return l;
}
