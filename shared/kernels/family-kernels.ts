/**
 * Measured (or derived) kernel timings for one plan family: the grids of its model's shapes picked
 * once, and the functions the step builders call to time an operator from them.
 *
 *   seconds = roofline(shape, device peaks) ÷ efficiency(shape)        (kernels/roofline.ts)
 *
 * with the efficiency interpolated in the kernel set of the plan's stack on its device
 * (select.ts). Picked once per family:
 * - GEMM grids by component precision (attention, dense FFN, experts; the LM head at BF16): FP8
 *   block-scaled for MoE models (their FP8 checkpoints are block-scaled, DeepSeek-V3 §3.3), FP8
 *   per-tensor for dense ones; NVFP4/MXFP4 for FP4; a missing format falls back to the nearest
 *   measured one (FP8-block → FP8 → BF16).
 * - Decode/prefill attention grids for the model's head size, GQA ratio and KV format (the
 *   nearest measured); MLA grids for MLA models.
 * - The MoE rows of the nearest measured expert shape (hidden, intermediate, top-k, experts) and
 *   precision; per (MoE TP, EP) the nearest measured split (timed in moe-seconds.ts).
 */
import type { Accelerator } from '../schema/hardware';
import type { ModelArchitecture } from '../schema/model';
import type { InferenceSettings } from '../schema/plan';
import { effAt, logEffAlong, type EffGrid } from '../schema/kernel-grid';
import type { GemmDtype } from '../schema/kernels';
import {
  decodeAttentionRoofline,
  gemmRoofline,
  mlaDecodeRoofline,
  mlaPrefillRoofline,
  type MoeRoof,
  prefillAttentionRoofline,
  type RooflineBasis,
} from './roofline';
import type { KernelSet } from './kernel-set';
import type { KernelChoice } from './select';
import { bytesPerElement } from '../precision';

/**
 * A GEMM timed from a grid: the efficiency of the measured format nearest to the plan's (`grid`),
 * applied to the roofline of the plan's own format (`dtype`, its weights at `weightBytes` per
 * element — a GGUF Q4_K_M matrix reads 4.85 bits per weight whichever table lends the efficiency).
 */
export interface GemmKernel {
  dtype: GemmDtype;
  grid: EffGrid;
  gridDtype: GemmDtype;
  weightBytes: number;
}

export interface FamilyKernels {
  set: KernelSet;
  comm: KernelSet | null;
  basis: RooflineBasis;
  attnGemm: GemmKernel | null;
  denseGemm: GemmKernel | null;
  expertGemm: GemmKernel | null;
  headGemm: GemmKernel | null;
  decodeAttn: EffGrid | null;
  prefillAttn: EffGrid | null;
  prefillFp8: boolean;
  mlaDecode: EffGrid | null;
  /**
   * The MLA decode grid read along its batch axis for the last (heads, context) asked (a batch
   * sweep asks for one pair at many batches): log-efficiency at each batch node.
   */
  mlaLine: { heads: number; context: number; logEff: Float64Array } | null;
  mlaPrefill: EffGrid | null;
  kvBytes: number;
  moe: {
    grid: EffGrid;
    dtype: GemmDtype;
    rows: Array<{ row: number; tp: number; ep: number }>;
    label: string;
    byLayout: Map<number, number>;
  } | null;
  /** Per-evaluation scratch for interpolation (the engine is synchronous: one evaluation at a time per family). */
  at: Float64Array;
  scratch: Float64Array;
  /**
   * Each operator's GEMMs along the token count (gemmLine below), by operator slot (operator,
   * phase and TP degree): built on first use, as the family's tables never change.
   */
  lines: Map<number, GemmLine>;
  /** Table rows picked for a phase and group size (wide-EP MoE, DeepEP), found once (pickKey). */
  picks: Map<number, WidePick | DeepepRow | null>;
}

export type WideRow = KernelSet['moeWide'][number];

/** A wide-EP row with the model's and the row's MoE rooflines read once (moeWideSeconds). */
export interface WidePick {
  row: WideRow;
  model: MoeRoof;
  measured: MoeRoof;
}

/**
 * The key of a pick: EP size × 4 plus the kind — 0 wide-EP decode, 1 wide-EP prefill, 2 DeepEP
 * low-latency, 3 DeepEP normal (numbers, not strings: the step builders ask millions of times).
 */
export const pickKey = (ep: number, kind: 0 | 1 | 2 | 3): number => ep * 4 + kind;
export type DeepepRow = KernelSet['deepep'][number];

const FALLBACK: Record<GemmDtype, GemmDtype[]> = {
  bf16: ['bf16'],
  fp8: ['fp8', 'fp8-block', 'bf16'],
  'fp8-block': ['fp8-block', 'fp8', 'bf16'],
  nvfp4: ['nvfp4', 'mxfp4', 'fp8', 'bf16'],
  mxfp4: ['mxfp4', 'nvfp4', 'fp8', 'bf16'],
  int8: ['int8', 'fp8', 'bf16'],
  'int4-wo': ['int4-wo', 'bf16'],
};

/**
 * The GEMM format of a component from its weight format and compute precision; FP8 runs the
 * block-scaled kernels where the weights are block-scaled (`block`).
 */
export function gemmDtypeOf(weights: string, compute: string, block: boolean): GemmDtype {
  if (compute === 'fp4') return weights === 'mxfp4' ? 'mxfp4' : 'nvfp4';
  if (compute === 'fp8') return block ? 'fp8-block' : 'fp8';
  if (compute === 'int8') return 'int8';
  if (weights === 'int4' || weights.startsWith('gguf-q4') || weights === 'mxfp4') return 'int4-wo';
  return 'bf16';
}

function gemmPick(set: KernelSet, want: GemmDtype, weightBytes: number): GemmKernel | null {
  for (const d of FALLBACK[want]) {
    const g = set.gemm.get(d);
    if (g) return { dtype: want, grid: g, gridDtype: d, weightBytes };
  }
  return null;
}

export function nearest<T>(items: T[], dist: (t: T) => number): T | null {
  let best: T | null = null;
  let bd = Infinity;
  for (const t of items) {
    const d = dist(t);
    if (d < bd) [best, bd] = [t, d];
  }
  return best;
}

export const l2 = (a: number, b: number): number => Math.abs(Math.log2(Math.max(a, 1e-9) / Math.max(b, 1e-9)));

function moeRows(set: KernelSet, m: ModelArchitecture, want: GemmDtype): FamilyKernels['moe'] {
  const t = set.moe;
  const moe = m.moe;
  if (!t || !moe) return null;
  const dtypeIdx = FALLBACK[want].map((d) => t.dtypes.indexOf(d)).find((i) => i >= 0) ?? 0;
  const rows = t.shapes.map((s, i) => ({ s, i })).filter(({ s }) => s[0] === dtypeIdx);
  const shapeDist = (s: number[]) =>
    l2(s[1]!, m.hiddenSize) +
    l2(s[2]!, moe.expertIntermediateSize) +
    l2(s[3]!, moe.topK) +
    l2(s[4]!, moe.numRoutedExperts);
  const best = nearest(rows, ({ s }) => shapeDist(s));
  if (!best) return null;
  const same = rows.filter(({ s }) => shapeDist(s) === shapeDist(best.s));
  const [, h, I, k, E] = best.s;
  return {
    grid: t.grid,
    dtype: t.dtypes[dtypeIdx]!,
    rows: same.map(({ s, i }) => ({ row: i + 1, tp: s[5]!, ep: s[6]! })),
    label: `MoE layer measured for hidden ${h}, expert intermediate ${I}, top-${k} of ${E} experts (${t.dtypes[dtypeIdx]})`,
    byLayout: new Map(),
  };
}

function attentionGrids(set: KernelSet, m: ModelArchitecture, kvBytes: number, fp8Attention: boolean) {
  const a = m.attention;
  const kv = kvBytes <= 1 ? 'fp8' : 'bf16';
  if (a.type === 'mla')
    return {
      decodeAttn: null,
      prefillAttn: null,
      mlaDecode: set.mlaDecode.get(kv) ?? set.mlaDecode.get('bf16') ?? null,
      mlaPrefill: set.mlaPrefill.get(kv) ?? set.mlaPrefill.get('bf16') ?? null,
      prefillFp8: false,
    };
  const g = Math.round(Math.log2(a.numHeads / a.numKvHeads));
  const dist = (x: { headDim: number; gqaLog2: number; kvDtype: string }) =>
    10 * l2(x.headDim, a.headDim) + Math.abs(x.gqaLog2 - g) + (x.kvDtype === kv ? 0 : 0.5);
  const dec = nearest(set.decodeAttention, dist);
  const pre = nearest(set.prefillAttention, (x) => dist(x) + (x.dtype === (fp8Attention ? 'fp8' : 'bf16') ? 0 : 0.25));
  return {
    decodeAttn: dec?.grid ?? null,
    prefillAttn: pre?.grid ?? null,
    mlaDecode: null,
    mlaPrefill: null,
    prefillFp8: pre?.dtype === 'fp8',
  };
}

/**
 * Families' kernels, by choice, accelerator and model, then precisions: the families of one search
 * that share them share one (its GEMM lines and picks are read once). A memo of a pure function of
 * its keys; the scratch arrays in it are used synchronously by one evaluation at a time.
 */
const SHARED = new WeakMap<
  KernelChoice,
  WeakMap<Accelerator, WeakMap<ModelArchitecture, Map<string, FamilyKernels>>>
>();

export function familyKernels(
  choice: KernelChoice,
  acc: Accelerator,
  m: ModelArchitecture,
  s: InferenceSettings,
  kvBytes: number,
): FamilyKernels {
  let byAcc = SHARED.get(choice);
  if (!byAcc) SHARED.set(choice, (byAcc = new WeakMap()));
  let byModel = byAcc.get(acc);
  if (!byModel) byAcc.set(acc, (byModel = new WeakMap()));
  let byKey = byModel.get(m);
  if (!byKey) byModel.set(m, (byKey = new Map()));
  const p = s.precision;
  const key = `${p.weights}|${p.compute}|${p.experts?.weights}|${p.experts?.compute}|${p.attention?.weights}|${p.attention?.compute}|${kvBytes}|${p.fp8Scaling}`;
  let k = byKey.get(key);
  if (!k) byKey.set(key, (k = buildFamilyKernels(choice, acc, m, s, kvBytes)));
  return k;
}

function buildFamilyKernels(
  choice: KernelChoice,
  acc: Accelerator,
  m: ModelArchitecture,
  s: InferenceSettings,
  kvBytes: number,
): FamilyKernels {
  const p = acc.peakFlopsPerS;
  const basis: RooflineBasis = {
    flopsPerS: {
      bf16: p.bf16.value,
      fp16: p.fp16.value,
      fp8: p.fp8.value,
      int8: p.int8.value,
      fp4: p.fp4.value,
      fp32: p.fp32.value,
    },
    bytesPerS: acc.memoryBandwidthBytesPerS.value ?? 0,
  };
  const set = choice.set;
  const w = s.precision.weights;
  const c = s.precision.compute;
  // FP8 scaling: the plan's, else blocks for MoE models (and their experts), per tensor for dense ones.
  const scaling = s.precision.fp8Scaling;
  const block = scaling ? scaling === 'block' : !!m.moe;
  const main = gemmDtypeOf(w, c, block);
  const ex = s.precision.experts;
  const expert = ex ? gemmDtypeOf(ex.weights, ex.compute, scaling ? block : true) : main;
  const at = s.precision.attention;
  const attn = at ? gemmDtypeOf(at.weights, at.compute, block) : main;
  const wb = bytesPerElement(w);
  return {
    set,
    comm: choice.comm,
    basis,
    attnGemm: gemmPick(set, attn, at ? bytesPerElement(at.weights) : wb),
    denseGemm: gemmPick(set, main, wb),
    expertGemm: gemmPick(set, expert, ex ? bytesPerElement(ex.weights) : wb),
    headGemm: gemmPick(set, 'bf16', 2),
    ...attentionGrids(set, m, kvBytes, (at?.compute ?? c) === 'fp8' && kvBytes <= 1),
    kvBytes,
    moe: moeRows(set, m, expert),
    at: new Float64Array(4),
    scratch: new Float64Array(8),
    lines: new Map(),
    mlaLine: null,
    picks: new Map(),
  };
}

/** Seconds of one GEMM (M tokens) × (K → N) from a picked grid. */
export function gemmSeconds(k: FamilyKernels, g: GemmKernel, m: number, n: number, kk: number): number {
  const at = k.at;
  at[0] = m;
  at[1] = n;
  at[2] = kk;
  return gemmRoofline(k.basis, g.dtype, m, n, kk, g.weightBytes) / effAt(g.grid, at, k.scratch);
}

/** Decode attention of `batch` sequences over `context` tokens, H and G heads on this rank. */
export function decodeAttnSeconds(
  k: FamilyKernels,
  batch: number,
  context: number,
  H: number,
  G: number,
  d: number,
): number {
  const at = k.at;
  at[0] = batch * G;
  at[1] = context;
  return decodeAttentionRoofline(k.basis, batch, context, H, G, d, k.kvBytes) / effAt(k.decodeAttn!, at, k.scratch);
}

export function prefillAttnSeconds(
  k: FamilyKernels,
  batch: number,
  seq: number,
  H: number,
  G: number,
  d: number,
): number {
  const at = k.at;
  at[0] = batch * H;
  at[1] = seq;
  return prefillAttentionRoofline(k.basis, batch, seq, H, G, d, k.prefillFp8) / effAt(k.prefillAttn!, at, k.scratch);
}

export function mlaDecodeSeconds(k: FamilyKernels, heads: number, batch: number, context: number): number {
  const g = k.mlaDecode!;
  let line = k.mlaLine;
  if (!line || line.heads !== heads || line.context !== context) {
    const at = k.at;
    at[0] = heads;
    at[2] = context;
    const nodes = g.axes[1]!;
    const logEff = new Float64Array(nodes.length);
    for (let j = 0; j < nodes.length; j++) {
      at[1] = nodes[j]!;
      logEff[j] = Math.log(effAt(g, at, k.scratch));
    }
    k.mlaLine = line = { heads, context, logEff };
  }
  const eff = Math.exp(logEffAlong(g.logAxes[1]!, line.logEff, batch));
  return mlaDecodeRoofline(k.basis, batch, context, heads, k.kvBytes) / eff;
}

export function mlaPrefillSeconds(k: FamilyKernels, heads: number, batch: number, seq: number): number {
  const at = k.at;
  at[0] = heads;
  at[1] = batch;
  at[2] = seq;
  return mlaPrefillRoofline(k.basis, batch, seq, heads) / effAt(k.mlaPrefill!, at, k.scratch);
}

/** A GEMM grid read along M alone (gemm-lines.ts builds and reads it). */
export interface GemmLine {
  g: GemmKernel;
  /** (N, K) pairs. */
  nk: Float64Array;
  /** Log of the grid's M axis. */
  logM: Float64Array;
  /** Log-efficiency of pair p at M node j: logEff[p × nodes + j]. */
  logEff: Float64Array;
  /** The last two answers of gemmLineSeconds: [M, seconds, M, seconds] (NaN: none; M is never NaN). */
  memo: Float64Array;
  /**
   * Pair p's roofline as a function of M (kernels/roofline.ts gemmRoofline with the family's
   * basis, its terms that do not depend on M read once): roof[3p] = 2NK ÷ peak FLOP/s (0 without
   * a peak), roof[3p + 1] = (K × input bytes + N × 2) ÷ bandwidth, roof[3p + 2] = NK × weight
   * bytes ÷ bandwidth (the last two 0 without a bandwidth); time = max(M·r0, M·r1 + r2).
   */
  roof: Float64Array;
}
