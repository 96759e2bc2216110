/**
 * MoE layers timed from measured tables: one rank's layer at the nearest measured (MoE TP, EP)
 * split and expert shape, and under wide expert parallelism (DeepEP + grouped GEMM) the nearest
 * measured EP size's seconds scaled from its expert shape to the model's by their rooflines
 * (roofline.ts moeRoofline / moeRoof). The tables and picks live on the family's kernels
 * (family-kernels.ts).
 */
import { effAt } from '../schema/kernel-grid';
import type { ModelArchitecture } from '../schema/model';
import { secondsAt } from './kernel-set';
import { l2, nearest, pickKey, type FamilyKernels, type WidePick } from './family-kernels';
import { moeRoof, moeRoofAt, moeRoofline } from './roofline';

/** The measured row nearest to a (MoE TP, EP) split (cached per split). */
function moeRow(k: FamilyKernels, tp: number, ep: number): number {
  const mo = k.moe!;
  const key = tp * 65536 + ep;
  const hit = mo.byLayout.get(key);
  if (hit !== undefined) return hit;
  const r = nearest(mo.rows, (x) => 2 * l2(x.ep, ep) + l2(x.tp, tp))!.row;
  mo.byLayout.set(key, r);
  return r;
}

/**
 * One MoE layer on one rank: `tokens` tokens across the MoE group (MoE TP × EP ranks), the model's
 * expert shape, its measured efficiency at the nearest measured shape and split (balanced routing:
 * the caller scales tokens by the load imbalance for the hottest rank).
 */
export function moeSeconds(k: FamilyKernels, m: ModelArchitecture, tokens: number, tp: number, ep: number): number {
  const mo = k.moe!;
  const moe = m.moe!;
  const at = k.at;
  at[0] = moeRow(k, tp, ep);
  at[1] = tokens;
  const shape = {
    hidden: m.hiddenSize,
    inter: moe.expertIntermediateSize,
    topK: moe.topK,
    experts: moe.numRoutedExperts,
    tp,
    ep,
  };
  return moeRoofline(k.basis, mo.dtype, shape, tokens) / effAt(mo.grid, at, k.scratch);
}

/**
 * One MoE layer on a rank under wide expert parallelism (DeepEP + masked grouped GEMM), or NaN when
 * the set has no such table for the phase. The measured EP size nearest to the plan's lends its
 * seconds at the same tokens across the group, scaled from the measured expert shape to the
 * model's by their rooflines (same tokens, same EP).
 */
export function moeWideSeconds(
  k: FamilyKernels,
  m: ModelArchitecture,
  tokens: number,
  ep: number,
  decode: boolean,
): number {
  const key = pickKey(ep, decode ? 0 : 1);
  let p = k.picks.get(key) as WidePick | null | undefined;
  if (p === undefined) k.picks.set(key, (p = widePick(k, m, ep, decode)));
  if (!p) return Number.NaN;
  const w = p.row;
  const atRow = tokens * (w.ep / ep);
  return secondsAt(w.curve, atRow) * (moeRoofAt(p.model, tokens) / moeRoofAt(p.measured, atRow));
}

/** The measured EP size nearest to the plan's (then the nearest expert shape), with both rooflines. */
function widePick(k: FamilyKernels, m: ModelArchitecture, ep: number, decode: boolean): WidePick | null {
  const moe = m.moe!;
  const rows = k.set.moeWide.filter((x) => x.phase === (decode ? 'decode' : 'prefill'));
  const w = nearest(
    rows,
    (x) => l2(x.ep, ep) + 0.1 * (l2(x.hidden, m.hiddenSize) + l2(x.inter, moe.expertIntermediateSize)),
  );
  if (!w) return null;
  const model = {
    hidden: m.hiddenSize,
    inter: moe.expertIntermediateSize,
    topK: moe.topK,
    experts: moe.numRoutedExperts,
    tp: 1,
    ep,
  };
  const measured = { hidden: w.hidden, inter: w.inter, topK: w.topK, experts: w.experts, tp: 1, ep: w.ep };
  return { row: w, model: moeRoof(k.basis, w.dtype, model), measured: moeRoof(k.basis, w.dtype, measured) };
}
