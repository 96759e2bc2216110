/**
 * Overlap rules: how the operators of a step become its time.
 *
 * Per layer of each FFN kind (MoE or dense), with the attention operators spread evenly over all
 * layers (A = Σ attention op time × its layers ÷ layers):
 *   compute_g = A + Σ FFN-side operators of g,   comm_g = TP all-reduces (+ EP all-to-all for MoE)
 * - without dual micro-batch, operators and communication add up: layer = compute + comm;
 * - with dual micro-batch (DeepSeek), two half-batches alternate, one computing while the other
 *   communicates: layer = 2 × max(compute(n/2), comm(n/2));
 * - while compute overlaps EP communication, the communication kernels occupy SMs: DeepSeek-V3
 *   dedicates 20 of H800's 132 SMs to them (V3 report §3.2.2), so overlapped compute runs on the
 *   rest: compute ÷ (1 − commSmFraction) — only with dual micro-batch and EP traffic.
 * step = Σ_g layers_g × layer_g + LM head + PP sends + overhead.
 * The same rules split the step into compute / memory / communication / overhead seconds for the
 * charts (with overlap the larger of compute and communication is the exposed one) and name the
 * binding limit as the largest of the four.
 */
import type { Bound } from './roofline';
import { OP, OP_COUNT, OP_SPECS, type OpTable } from './operators';

/** Group of each operator row, as small integers for the hot loop: 0 attention, 1 MoE, 2 dense, 3 step, 4 collective. */
const GROUP = Uint8Array.from(OP_SPECS, (s) =>
  s.kind === 'collective' ? 4 : s.group === 'attention' ? 0 : s.group === 'moe' ? 1 : s.group === 'dense' ? 2 : 3,
);

export interface StepTotals {
  total: number;
  compute: number;
  memory: number;
  communication: number;
  overhead: number;
  bound: Bound;
  /** EP all-to-all and TP all-reduces per layer, one micro-batch (s). */
  epCommPerLayer: number;
  tpCommPerLayer: number;
  /** One MoE layer with its overlap (s). */
  moeLayerTime: number;
  /** Step time if only communication counted (s). */
  communicationBound: number;
  /** The SM-share slowdown applied to overlapped MoE compute. */
  smSlowdown: number;
}

export const emptyTotals = (): StepTotals => ({
  total: 0,
  compute: 0,
  memory: 0,
  communication: 0,
  overhead: 0,
  bound: 'overhead',
  epCommPerLayer: 0,
  tpCommPerLayer: 0,
  moeLayerTime: 0,
  communicationBound: 0,
  smSlowdown: 1,
});

/**
 * OpTable.num slots: per MoE and dense layer, compute- and memory-bound seconds, each including its
 * share of attention.
 */
const MOE_C = 4;
const MOE_M = 5;
const DENSE_C = 6;
const DENSE_M = 7;

const t = (T: OpTable, i: number): number => (T.has(i) ? T.time[i]! : 0);

/** Splits the operator seconds of each layer kind into compute- and memory-bound parts (into T.num). */
function splitGroups(T: OpTable, totalLayers: number): void {
  const { written, gen, time, layers, computeTime, memoryTime } = T;
  const G = T.num;
  let ac = 0;
  let am = 0;
  let mc = 0;
  let mm = 0;
  let dc = 0;
  let dm = 0;
  for (let i = 0; i < OP_COUNT; i++) {
    if (written[i] !== gen) continue;
    const g = GROUP[i]!;
    const compute = computeTime[i]! > memoryTime[i]!;
    if (g === 0) {
      const share = (time[i]! * layers[i]!) / totalLayers;
      if (compute) ac += share;
      else am += share;
    } else if (g === 1) {
      if (compute) mc += time[i]!;
      else mm += time[i]!;
    } else if (g === 2) {
      if (compute) dc += time[i]!;
      else dm += time[i]!;
    }
  }
  G[MOE_C] = mc + ac;
  G[MOE_M] = mm + am;
  G[DENSE_C] = dc + ac;
  G[DENSE_M] = dm + am;
}

const layerTime = (dual: boolean, c: number, comm: number): number => (dual ? 2 * (c > comm ? c : comm) : c + comm);

export function applyOverlap(
  T: OpTable,
  layers: { moe: number; dense: number },
  totalLayers: number,
  dual: boolean,
  commSmFraction: number,
  out: StepTotals,
): StepTotals {
  splitGroups(T, totalLayers);
  const G = T.num;
  const tp = t(T, OP['comm.tp']);
  const ep = t(T, OP['comm.ep']);
  const slow = dual && ep > 0 ? 1 / (1 - commSmFraction) : 1;
  const commMoe = tp + ep;
  const moeC = layers.moe ? (G[MOE_C]! + G[MOE_M]!) * slow : 0;
  const denseC = G[DENSE_C]! + G[DENSE_M]!;
  const head = t(T, OP['head']);
  const p2p = t(T, OP['comm.pp']);
  const overhead = t(T, OP['overhead']);
  out.total =
    layers.moe * layerTime(dual, moeC, commMoe) + layers.dense * layerTime(dual, denseC, tp) + head + p2p + overhead;
  out.compute = 0;
  out.memory = 0;
  out.communication = p2p;
  addLayers(out, layers.moe, G[MOE_C]! * slow, G[MOE_M]! * slow, commMoe, dual);
  addLayers(out, layers.dense, G[DENSE_C]!, G[DENSE_M]!, tp, dual);
  if (T.has(OP['head']) && T.isCompute(OP['head'])) out.compute += head;
  else out.memory += head;
  out.overhead = overhead;
  out.bound = bindingOf(out);
  out.epCommPerLayer = ep;
  out.tpCommPerLayer = tp;
  out.moeLayerTime = layers.moe ? layerTime(dual, moeC, commMoe) : 0;
  out.communicationBound = (layers.moe * commMoe + layers.dense * tp) * (dual ? 2 : 1) + p2p;
  out.smSlowdown = slow;
  return out;
}

function addLayers(out: StepTotals, count: number, c: number, m: number, comm: number, dual: boolean): void {
  if (count === 0) return;
  if (!dual) {
    out.compute += count * c;
    out.memory += count * m;
    out.communication += count * comm;
  } else if (comm >= c + m) out.communication += count * 2 * comm;
  else {
    out.compute += count * 2 * c;
    out.memory += count * 2 * m;
  }
}

/** The largest of compute, memory, communication and overhead (ties keep the earlier). */
function bindingOf(o: StepTotals): Bound {
  let b: Bound = 'compute';
  let v = o.compute;
  if (o.memory > v) {
    b = 'memory';
    v = o.memory;
  }
  if (o.communication > v) {
    b = 'communication';
    v = o.communication;
  }
  return o.overhead > v ? 'overhead' : b;
}
