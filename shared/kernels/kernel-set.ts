/**
 * A kernel profile decoded for use: its grids complete and ready to interpolate, its collective
 * curves as sorted arrays. Built once per profile (cached on the profile object), shared by every
 * plan that runs on that device and stack.
 */
import { decodeGrid, fromBase64, type EffGrid } from '../schema/kernel-grid';
import { paddedInTokens } from './gemm-envelope';
import type { GemmDtype, Grid, KernelProfile } from '../schema/kernels';

export interface SecondsCurve {
  lx: Float64Array;
  ls: Float64Array;
}

export interface KernelSet {
  id: string;
  acceleratorId: string;
  stack: KernelProfile['stack'];
  version: string;
  /** "measured: …" or "derived: …" — shown with every operator timed from it. */
  label: string;
  derived: boolean;
  gemm: Map<GemmDtype, EffGrid>;
  decodeAttention: Array<{ headDim: number; kvDtype: string; gqaLog2: number; grid: EffGrid }>;
  prefillAttention: Array<{ headDim: number; dtype: string; kvDtype: string; gqaLog2: number; grid: EffGrid }>;
  mlaDecode: Map<string, EffGrid>;
  mlaPrefill: Map<string, EffGrid>;
  moe: { dtypes: GemmDtype[]; shapes: number[][]; grid: EffGrid } | null;
  moeWide: Array<{
    phase: string;
    dtype: GemmDtype;
    hidden: number;
    inter: number;
    topK: number;
    experts: number;
    ep: number;
    curve: SecondsCurve;
  }>;
  allReduce: Map<number, SecondsCurve>;
  nccl: Map<string, SecondsCurve>;
  deepep: Array<{
    mode: string;
    hidden: number;
    topK: number;
    experts: number;
    nodes: number;
    dispatch: SecondsCurve;
    combine: SecondsCurve;
  }>;
}

export const gridOf = (g: Grid, keep: readonly number[] = []): EffGrid => decodeGrid(g.axes, fromBase64(g.eff)!, keep);

export function secondsCurve(c: { x: number[]; seconds: number[] }): SecondsCurve {
  return { lx: Float64Array.from(c.x, Math.log), ls: Float64Array.from(c.seconds, Math.log) };
}

/** Seconds at x: log-log interpolation; beyond the ends, linear in x from the last point (bandwidth-bound). */
export function secondsAt(c: SecondsCurve, x: number): number {
  const n = c.lx.length;
  const lx = Math.log(Math.max(x, 1e-30));
  if (lx <= c.lx[0]!) return Math.exp(c.ls[0]!);
  if (lx >= c.lx[n - 1]!) return Math.exp(c.ls[n - 1]! + (lx - c.lx[n - 1]!));
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (c.lx[mid]! <= lx) lo = mid;
    else hi = mid;
  }
  const f = (lx - c.lx[lo]!) / (c.lx[lo + 1]! - c.lx[lo]!);
  return Math.exp(c.ls[lo]! + f * (c.ls[lo + 1]! - c.ls[lo]!));
}

const STACK_LABEL: Record<string, string> = { trtllm: 'TensorRT-LLM', sglang: 'SGLang', vllm: 'vLLM' };
export const stackLabel = (s: string): string => STACK_LABEL[s] ?? s;

const cache = new WeakMap<KernelProfile, KernelSet>();

export function kernelSetOf(p: KernelProfile): KernelSet {
  const hit = cache.get(p);
  if (hit) return hit;
  const set: KernelSet = {
    id: p.id,
    acceleratorId: p.acceleratorId,
    stack: p.stack,
    version: p.version,
    label: `measured: ${stackLabel(p.stack)} ${p.version} kernels on ${p.device} (${p.id})`,
    derived: false,
    gemm: new Map(p.gemm.map((g) => [g.dtype, paddedInTokens(gridOf(g.grid), p.basis, g.dtype)])),
    decodeAttention: p.decodeAttention.map((a) => ({ ...a, grid: gridOf(a.grid) })),
    prefillAttention: p.prefillAttention.map((a) => ({ ...a, grid: gridOf(a.grid) })),
    mlaDecode: new Map(p.mlaDecode.map((a) => [a.kvDtype, gridOf(a.grid)])),
    mlaPrefill: new Map(p.mlaPrefill.map((a) => [a.kvDtype, gridOf(a.grid)])),
    moe: p.moe ? { dtypes: p.moe.dtypes, shapes: p.moe.shapes, grid: gridOf(p.moe.grid, [0]) } : null,
    moeWide: p.moeWide.map((w) => ({ ...w, curve: secondsCurve(w.curve) })),
    allReduce: new Map(p.allReduce.map((a) => [a.gpus, secondsCurve(a.curve)])),
    nccl: new Map(p.nccl.map((a) => [`${a.op}|${a.gpus}`, secondsCurve(a.curve)])),
    deepep: p.deepep.map((d) => ({ ...d, dispatch: secondsCurve(d.dispatch), combine: secondsCurve(d.combine) })),
  };
  cache.set(p, set);
  return set;
}
