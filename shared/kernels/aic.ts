/**
 * NVIDIA AIConfigurator's measured kernel database (github.com/ai-dynamo/aiconfigurator,
 * aic-core/src/aiconfigurator_core/systems/data/<system>/<op>/<stack>/<version>/*.parquet,
 * Apache-2.0) as kernel profiles (schema/kernels.ts). Pure: takes the rows its parquet tables hold
 * (read by scripts/import-aic.ts in Node, by the Calibration page in the browser) and returns the
 * profile. Latencies in the tables are milliseconds.
 *
 * What is kept, and how:
 * - GEMMs per input format on the (M, N, K) grid; M thinned to 1, 2, 4, … and 1.5× steps; a
 *   format measured on fewer than 4 values of N or K is left out (too sparse to interpolate).
 * - Decode attention (full attention, no sliding window) per head size, KV format and GQA ratio
 *   (log2 of query heads per KV head) on a grid of (batch × KV heads, cached tokens): the
 *   efficiency of a GQA decode kernel follows its KV head-sequences and context, not how they are
 *   split (measured: ±0.4% median, ±3% p90 within a cell on H100, TRT-LLM 1.3).
 * - Prefill attention likewise on (batch × heads, prompt tokens).
 * - MLA decode and prefill (DeepSeek dimensions) on (heads per rank, batch, tokens).
 * - MoE layers per (format, hidden, expert intermediate, top-k, experts, MoE TP, EP) on the token
 *   axis, for balanced routing (the plan's moe.loadImbalance then sets the hottest rank's share, as
 *   deployments with redundant experts and load balancing differ from the database's power-law
 *   runs); the power-law rows only where no balanced run exists.
 * - Custom all-reduce (CUDA-graph variant where both exist), NCCL collectives (half precision)
 *   and DeepEP dispatch/combine as seconds by message size or tokens.
 * Where several kernels were measured for one shape (kernel_source), the fastest is kept: the
 * stacks pick their kernel per shape (autotuning, backend selection).
 */
import type { Grid, KernelProfile } from '../schema/kernels';
import { decodeGrid, encodeEfficiency, MISSING, toBase64 } from '../schema/kernel-grid';
import {
  decodeAttentionRoofline,
  gemmRoofline,
  mlaDecodeRoofline,
  mlaPrefillRoofline,
  moeRoofline,
  prefillAttentionRoofline,
  type GemmDtype,
  type RooflineBasis,
} from './roofline';

export type Row = Record<string, unknown>;

export interface AicTables {
  gemm?: Row[];
  generationAttention?: Row[];
  contextAttention?: Row[];
  mlaGeneration?: Row[];
  mlaContext?: Row[];
  moe?: Row[];
  customAllReduce?: Row[];
  nccl?: Row[];
  deepepLowLatency?: Row[];
  wideepGeneration?: Row[];
  wideepContext?: Row[];
  deepepNormal?: Row[];
}

const num = (r: Row, k: string): number => Number(r[k]);
const str = (r: Row, k: string): string => String(r[k] ?? '');

const GEMM_DTYPE: Record<string, GemmDtype> = {
  bfloat16: 'bf16',
  fp8: 'fp8',
  fp8_block: 'fp8-block',
  nvfp4: 'nvfp4',
  w4a16_mxfp4: 'mxfp4',
  int8_wo: 'int8',
  int4_wo: 'int4-wo',
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Points (coordinates, efficiency) → a grid: the best kernel per point, the median per cell. */
export function gridOf(
  points: ReadonlyArray<{ at: number[]; eff: number; kernel?: string }>,
  thin?: (axis: number, v: number) => boolean,
  keep: readonly number[] = [],
): Grid {
  const best = new Map<string, { at: number[]; eff: number }>();
  for (const p of points) {
    if (!(p.eff > 0) || !Number.isFinite(p.eff)) continue;
    const key = p.at.join('|');
    const b = best.get(key);
    if (!b || p.eff > b.eff) best.set(key, { at: p.at, eff: p.eff });
  }
  const pts = [...best.values()];
  const dims = pts[0]?.at.length ?? 1;
  const axes: number[][] = [];
  for (let a = 0; a < dims; a++)
    axes.push([...new Set(pts.map((p) => p.at[a]!))].filter((v) => !thin || thin(a, v)).sort((x, y) => x - y));
  const index = axes.map((ax) => new Map(ax.map((v, i) => [v, i])));
  const cells = new Map<number, number[]>();
  for (const p of pts) {
    let idx = 0;
    let ok = true;
    for (let a = 0; a < dims; a++) {
      const i = index[a]!.get(p.at[a]!);
      if (i === undefined) ok = false;
      else idx = idx * axes[a]!.length + i;
    }
    if (ok) cells.set(idx, [...(cells.get(idx) ?? []), p.eff]);
  }
  const n = axes.reduce((s, a) => s * a.length, 1);
  const bytes = new Uint8Array(n).fill(MISSING);
  for (const [i, effs] of cells) bytes[i] = encodeEfficiency(median(effs));
  return { axes, eff: toBase64(filled(axes, bytes, keep)) };
}

/** Unmeasured cells filled from their nearest measured neighbour once, here, so that loading is a plain decode. */
function filled(axes: number[][], bytes: Uint8Array, keep: readonly number[]): Uint8Array {
  if (!bytes.includes(MISSING)) return bytes;
  const g = decodeGrid(axes, bytes, keep);
  return Uint8Array.from(g.logEff, (l) => encodeEfficiency(Math.exp(l)));
}

/** M values kept for GEMMs: powers of two and 1.5 × powers of two (the rest is interpolated). */
const keepM = (m: number): boolean => {
  const l = Math.log2(m);
  return Number.isInteger(l) || Number.isInteger(Math.log2(m / 1.5));
};

function gemms(rows: Row[], b: RooflineBasis): KernelProfile['gemm'] {
  const by = new Map<GemmDtype, Array<{ at: number[]; eff: number }>>();
  for (const r of rows) {
    const d = GEMM_DTYPE[str(r, 'gemm_dtype')];
    if (!d) continue;
    const m = num(r, 'm');
    const n = num(r, 'n');
    const k = num(r, 'k');
    const t = num(r, 'latency') / 1e3;
    const list = by.get(d) ?? [];
    list.push({ at: [m, n, k], eff: gemmRoofline(b, d, m, n, k) / t });
    by.set(d, list);
  }
  // A format measured on fewer than 4 N or K values cannot be interpolated across shapes: left out.
  const wide = (pts: Array<{ at: number[] }>) => [1, 2].every((a) => new Set(pts.map((p) => p.at[a])).size >= 4);
  return [...by]
    .filter(([, pts]) => wide(pts))
    .map(([dtype, pts]) => ({ dtype, grid: gridOf(pts, (a, v) => a !== 0 || keepM(v)) }));
}

const kvOf = (r: Row): 'bf16' | 'fp8' => (str(r, 'kv_cache_dtype') === 'fp8' ? 'fp8' : 'bf16');
const gqa = (h: number, g: number): number => Math.round(Math.log2(Math.max(1, h / Math.max(1, g))));

function decodeAttention(rows: Row[], b: RooflineBasis): KernelProfile['decodeAttention'] {
  const groups = new Map<
    string,
    { headDim: number; kvDtype: 'bf16' | 'fp8'; gqaLog2: number; pts: Array<{ at: number[]; eff: number }> }
  >();
  for (const r of rows) {
    if (num(r, 'window_size') !== 0) continue;
    const [bs, H, G, d] = [
      num(r, 'batch_size'),
      num(r, 'num_heads'),
      num(r, 'num_key_value_heads'),
      num(r, 'head_dim'),
    ];
    const s = num(r, 'step') + 1;
    const kv = kvOf(r);
    const t = num(r, 'latency') / 1e3;
    const key = `${d}|${kv}|${gqa(H, G)}`;
    const g = groups.get(key) ?? { headDim: d, kvDtype: kv, gqaLog2: gqa(H, G), pts: [] };
    g.pts.push({ at: [bs * G, s], eff: decodeAttentionRoofline(b, bs, s, H, G, d, kv === 'fp8' ? 1 : 2) / t });
    groups.set(key, g);
  }
  return [...groups.values()].map(({ pts, ...k }) => ({ ...k, grid: gridOf(pts) }));
}

function prefillAttention(rows: Row[], b: RooflineBasis): KernelProfile['prefillAttention'] {
  type G = {
    headDim: number;
    dtype: 'bf16' | 'fp8';
    kvDtype: 'bf16' | 'fp8';
    gqaLog2: number;
    pts: Array<{ at: number[]; eff: number }>;
  };
  const groups = new Map<string, G>();
  for (const r of rows) {
    if (num(r, 'window_size') !== 0) continue;
    const [bs, S, H, G, d] = [
      num(r, 'batch_size'),
      num(r, 'isl'),
      num(r, 'num_heads'),
      num(r, 'num_key_value_heads'),
      num(r, 'head_dim'),
    ];
    const dtype = str(r, 'attn_dtype') === 'fp8' ? 'fp8' : 'bf16';
    const kv = kvOf(r);
    const t = num(r, 'latency') / 1e3;
    const key = `${d}|${dtype}|${kv}|${gqa(H, G)}`;
    const g = groups.get(key) ?? { headDim: d, dtype, kvDtype: kv, gqaLog2: gqa(H, G), pts: [] };
    g.pts.push({ at: [bs * H, S], eff: prefillAttentionRoofline(b, bs, S, H, G, d, dtype === 'fp8') / t });
    groups.set(key, g);
  }
  return [...groups.values()].map(({ pts, ...k }) => ({ ...k, grid: gridOf(pts) }));
}

function mla(rows: Row[], b: RooflineBasis, decode: boolean): KernelProfile['mlaDecode'] {
  const groups = new Map<'bf16' | 'fp8', Array<{ at: number[]; eff: number }>>();
  for (const r of rows) {
    if (str(r, 'mla_dtype') && str(r, 'mla_dtype') !== 'bfloat16') continue;
    const [H, bs] = [num(r, 'num_heads'), num(r, 'batch_size')];
    const kv = kvOf(r);
    const t = num(r, 'latency') / 1e3;
    const s = decode ? num(r, 'step') + 1 : num(r, 'isl');
    const roof = decode ? mlaDecodeRoofline(b, bs, s, H, kv === 'fp8' ? 1 : 2) : mlaPrefillRoofline(b, bs, s, H);
    groups.set(kv, [...(groups.get(kv) ?? []), { at: [H, bs, s], eff: roof / t }]);
  }
  return [...groups].map(([kvDtype, pts]) => ({ kvDtype, grid: gridOf(pts) }));
}

function moe(rows: Row[], b: RooflineBasis): KernelProfile['moe'] {
  const dists = new Set(rows.map((r) => str(r, 'distribution')));
  const want = dists.has('power_law_1.01')
    ? 'power_law_1.01'
    : dists.has('balanced')
      ? 'balanced'
      : ([...dists][0] ?? '');
  const dtypes: GemmDtype[] = [];
  const shapes = new Map<string, { shape: number[]; row: number }>();
  const pts: Array<{ at: number[]; eff: number }> = [];
  for (const r of rows) {
    if (str(r, 'distribution') !== want) continue;
    const dtype = GEMM_DTYPE[str(r, 'moe_dtype')];
    if (!dtype) continue;
    if (!dtypes.includes(dtype)) dtypes.push(dtype);
    const s = {
      hidden: num(r, 'hidden_size'),
      inter: num(r, 'inter_size'),
      topK: num(r, 'topk'),
      experts: num(r, 'num_experts'),
      tp: num(r, 'moe_tp_size'),
      ep: num(r, 'moe_ep_size'),
    };
    const shape = [dtypes.indexOf(dtype), s.hidden, s.inter, s.topK, s.experts, s.tp, s.ep];
    const key = shape.join('|');
    if (!shapes.has(key)) shapes.set(key, { shape, row: shapes.size + 1 });
    const T = num(r, 'num_tokens');
    pts.push({ at: [shapes.get(key)!.row, T], eff: (moeRoofline(b, dtype, s, T) / num(r, 'latency')) * 1e3 });
  }
  if (!pts.length) return null;
  const grid = gridOf(pts, undefined, [0]);
  // The shape axis is the row number + 1 (grid axes are positive); the schema keeps rows in order.
  return { dtypes, distribution: want, shapes: [...shapes.values()].map((v) => v.shape), grid };
}

function moeWide(rows: Row[], phase: 'decode' | 'prefill'): KernelProfile['moeWide'] {
  const dists = new Set(rows.map((r) => str(r, 'distribution')));
  const want = dists.has('uniform') ? 'uniform' : dists.has('balanced') ? 'balanced' : [...dists][0];
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    if (str(r, 'distribution') !== want || !GEMM_DTYPE[str(r, 'moe_dtype')]) continue;
    const key = ['moe_dtype', 'hidden_size', 'inter_size', 'topk', 'num_experts', 'moe_ep_size']
      .map((k) => str(r, k))
      .join('|');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => ({
    phase,
    dtype: GEMM_DTYPE[str(rs[0]!, 'moe_dtype')]!,
    hidden: num(rs[0]!, 'hidden_size'),
    inter: num(rs[0]!, 'inter_size'),
    topK: num(rs[0]!, 'topk'),
    experts: num(rs[0]!, 'num_experts'),
    ep: num(rs[0]!, 'moe_ep_size'),
    curve: curveOf(rs.map((r) => [num(r, 'num_tokens'), num(r, 'latency') / 1e3])),
  }));
}

/** Seconds by x, the fastest where x repeats; sorted. */
function curveOf(pts: Array<[number, number]>): { x: number[]; seconds: number[] } {
  const by = new Map<number, number>();
  for (const [x, s] of pts) if (x > 0 && s > 0) by.set(x, Math.min(by.get(x) ?? Infinity, s));
  const xs = [...by.keys()].sort((a, b) => a - b);
  return { x: xs, seconds: xs.map((x) => by.get(x)!) };
}

function allReduce(rows: Row[]): KernelProfile['allReduce'] {
  const graph = rows.some((r) => /graph/i.test(str(r, 'kernel_source')));
  const gpus = [...new Set(rows.map((r) => num(r, 'num_gpus')))];
  return gpus.map((g) => ({
    gpus: g,
    impl: 'custom' as const,
    curve: curveOf(
      rows
        .filter((r) => num(r, 'num_gpus') === g && (!graph || /graph/i.test(str(r, 'kernel_source'))))
        .map((r) => [num(r, 'message_size') * 2, num(r, 'latency') / 1e3]),
    ),
  }));
}

function nccl(rows: Row[]): KernelProfile['nccl'] {
  const out: KernelProfile['nccl'] = [];
  for (const op of ['all_reduce', 'all_gather', 'alltoall', 'reduce_scatter'] as const)
    for (const g of new Set(rows.map((r) => num(r, 'num_gpus')))) {
      const rs = rows.filter(
        (r) => str(r, 'op_name') === op && num(r, 'num_gpus') === g && str(r, 'nccl_dtype') === 'half',
      );
      if (rs.length)
        out.push({ op, gpus: g, curve: curveOf(rs.map((r) => [num(r, 'message_size') * 2, num(r, 'latency') / 1e3])) });
    }
  return out;
}

function deepep(rows: Row[], mode: 'low-latency' | 'normal'): KernelProfile['deepep'] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${num(r, 'hidden_size')}|${num(r, 'num_topk')}|${num(r, 'num_experts')}|${num(r, 'node_num')}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const us = (r: Row, a: string, b?: string): number => (num(r, a) + (b ? num(r, b) || 0 : 0)) / 1e6;
  return [...groups.values()].map((rs) => ({
    mode,
    hidden: num(rs[0]!, 'hidden_size'),
    topK: num(rs[0]!, 'num_topk'),
    experts: num(rs[0]!, 'num_experts'),
    nodes: num(rs[0]!, 'node_num'),
    dispatch: curveOf(
      rs.map((r) => [
        num(r, 'num_token'),
        mode === 'low-latency' ? us(r, 'dispatch_avg_t_us') : us(r, 'dispatch_transmit_us', 'dispatch_notify_us'),
      ]),
    ),
    combine: curveOf(
      rs.map((r) => [
        num(r, 'num_token'),
        mode === 'low-latency' ? us(r, 'combine_avg_t_us') : us(r, 'combine_transmit_us', 'combine_notify_us'),
      ]),
    ),
  }));
}

export interface AicMeta {
  id: string;
  acceleratorId: string;
  systemIds: string[];
  stack: KernelProfile['stack'];
  version: string;
  device: string;
  source: KernelProfile['source'];
  note: string;
}

/** The profile of one (system, stack, version) from its resolved tables. */
export function aicProfile(meta: AicMeta, basis: RooflineBasis, t: AicTables): KernelProfile {
  return {
    schemaVersion: 1,
    kind: 'cluster-planner-kernel-profile',
    ...meta,
    basis: { flopsPerS: { ...basis.flopsPerS }, bytesPerS: basis.bytesPerS },
    gemm: t.gemm ? gemms(t.gemm, basis) : [],
    decodeAttention: t.generationAttention ? decodeAttention(t.generationAttention, basis) : [],
    prefillAttention: t.contextAttention ? prefillAttention(t.contextAttention, basis) : [],
    mlaDecode: t.mlaGeneration ? mla(t.mlaGeneration, basis, true) : [],
    mlaPrefill: t.mlaContext ? mla(t.mlaContext, basis, false) : [],
    moe: t.moe ? moe(t.moe, basis) : null,
    moeWide: [
      ...(t.wideepGeneration ? moeWide(t.wideepGeneration, 'decode') : []),
      ...(t.wideepContext ? moeWide(t.wideepContext, 'prefill') : []),
    ],
    allReduce: t.customAllReduce ? allReduce(t.customAllReduce) : [],
    nccl: t.nccl ? nccl(t.nccl) : [],
    deepep: [
      ...(t.deepepLowLatency ? deepep(t.deepepLowLatency, 'low-latency') : []),
      ...(t.deepepNormal ? deepep(t.deepepNormal, 'normal') : []),
    ],
  };
}
