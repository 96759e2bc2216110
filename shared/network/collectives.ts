/**
 * Collective communication costs, α–β model (Hockney), over a two-tier hierarchy: a scale-up
 * domain (NVLink, UB, HCCS, PCIe) under a scale-out fabric (IB/RoCE NICs).
 *
 * time = steps × α + bytes_on_the_wire_per_rank / (β_peak × efficiency)
 * - ring all-reduce of S bytes over n ranks: 2(n−1) steps, 2(n−1)/n × S bytes per rank
 * - reduce-scatter / all-gather: (n−1) steps, (n−1)/n × S
 * - tree all-reduce: 2⌈log2 n⌉ steps, 2 × S (pipelined, bandwidth term of a double binary tree)
 * - all-to-all where each rank sends S bytes in total: (n−1) messages issued together (one α),
 *   S × (n−1)/n over the wire. EP dispatch/combine (Insights §2.3.2) is an all-to-all whose S is
 *   tokens × (top-k + shared) × hidden × bytes per element.
 * Hierarchical all-reduce: reduce-scatter inside the domain, all-reduce across domains on 1/d of
 * the data, all-gather inside the domain.
 * Latency defaults (Insights Table 5, 64 B CPU-side end to end): IB 2.8 µs same leaf / 3.7 µs
 * cross leaf, RoCE 3.6 / 5.6 µs, NVLink 3.33 µs.
 */
import { input, trace, type Trace } from '../explain';
import { us, type Bytes, type BytesPerSecond, type Seconds } from '../units';

export const LINK_LATENCY = {
  ibSameLeaf: us(2.8),
  ibCrossLeaf: us(3.7),
  roceSameLeaf: us(3.6),
  roceCrossLeaf: us(5.6),
  nvlink: us(3.33),
} as const;
export const LATENCY_SOURCE = 'Insights into DeepSeek-V3, Table 5 (64 B, CPU-side end to end)';
/** The same source as a sources-registry citation (presets/sources.json). */
export const LATENCY_CITATION = { doc: 'deepseek-insights-isca2025', at: 'Table 5' } as const;

export interface Tier {
  name: string;
  /** Peak bandwidth per rank, per direction. */
  bandwidth: BytesPerSecond;
  /** Achievable fraction of the peak. */
  efficiency: number;
  /** Per-message latency α. */
  latency: Seconds;
}

export interface CollectiveCost {
  time: Seconds;
  latencyPart: Seconds;
  bandwidthPart: Seconds;
  wireBytes: Bytes;
  trace: Trace;
}

/**
 * Numeric cores (no allocation): the engine's hot loops call these; the traced functions below
 * wrap the same arithmetic, so the explained and the fast paths cannot drift apart. Where a caller
 * wants the α part of a time, it passes a reusable `parts` object that receives it.
 */
export interface LatencyParts {
  latency: number;
}
export const latencyTime = (steps: number, tier: Tier): number => steps * tier.latency;
export const wireTime = (wireBytes: number, tier: Tier): number => wireBytes / (tier.bandwidth * tier.efficiency);
const ringSteps = (n: number): number => 2 * (n - 1);
const treeSteps = (n: number): number => 2 * Math.ceil(Math.log2(n));
export const ringAllReduceTime = (bytes: number, n: number, tier: Tier): number =>
  n <= 1 ? 0 : latencyTime(ringSteps(n), tier) + wireTime((2 * (n - 1) * bytes) / n, tier);
export const treeAllReduceTime = (bytes: number, n: number, tier: Tier): number =>
  n <= 1 ? 0 : latencyTime(treeSteps(n), tier) + wireTime(2 * bytes, tier);
/** The cheaper of ring and tree (ties go to ring, as `allReduce` does). */
export function allReduceTime(bytes: number, n: number, tier: Tier, parts?: LatencyParts): number {
  const r = ringAllReduceTime(bytes, n, tier);
  const t = treeAllReduceTime(bytes, n, tier);
  if (parts) parts.latency += n <= 1 ? 0 : latencyTime(t < r ? treeSteps(n) : ringSteps(n), tier);
  return t < r ? t : r;
}
export function reduceScatterTime(bytes: number, n: number, tier: Tier, parts?: LatencyParts): number {
  if (n <= 1) return 0;
  if (parts) parts.latency += latencyTime(n - 1, tier);
  return latencyTime(n - 1, tier) + wireTime(((n - 1) * bytes) / n, tier);
}
/** Bandwidth part of an all-to-all where each rank sends `bytesPerRank`, a share f of it off-rank. */
export const allToAllWireTime = (bytesPerRank: number, n: number, tier: Tier, offRankFraction?: number): number =>
  n <= 1 ? 0 : wireTime((offRankFraction ?? (n - 1) / n) * bytesPerRank, tier);
export const allToAllLatency = (n: number, tier: Tier): number => (n <= 1 ? 0 : latencyTime(1, tier));
/** Reduce-scatter in the domain, all-reduce of S/d across domains, all-gather in the domain (same cost as the reduce-scatter). */
export function hierarchicalAllReduceTime(
  bytes: number,
  domain: number,
  groups: number,
  up: Tier,
  out: Tier,
  parts?: LatencyParts,
): number {
  if (groups <= 1) return allReduceTime(bytes, domain, up, parts);
  if (domain <= 1) return allReduceTime(bytes, groups, out, parts);
  const rs = reduceScatterTime(bytes, domain, up, parts);
  const ar = allReduceTime(bytes / domain, groups, out, parts);
  return rs + ar + reduceScatterTime(bytes, domain, up, parts);
}

function cost(
  label: string,
  formula: string,
  steps: number,
  wire: number,
  tier: Tier,
  extra: Trace['inputs'] = [],
): CollectiveCost {
  const latencyPart = latencyTime(steps, tier) as Seconds;
  const bandwidthPart = wireTime(wire, tier) as Seconds;
  const time = (latencyPart + bandwidthPart) as Seconds;
  return {
    time,
    latencyPart,
    bandwidthPart,
    wireBytes: wire as Bytes,
    trace: trace(label, formula, time, 's', [
      ...extra,
      input('wire bytes per rank', wire, 'bytes'),
      input(`${tier.name} bandwidth (per direction)`, tier.bandwidth, 'B/s'),
      input('achievable fraction', tier.efficiency, 'ratio'),
      input('latency α per step', tier.latency, 's'),
      input('steps', steps, 'count'),
    ]),
  };
}

const zero = (label: string): CollectiveCost => ({
  time: 0 as Seconds,
  latencyPart: 0 as Seconds,
  bandwidthPart: 0 as Seconds,
  wireBytes: 0 as Bytes,
  trace: trace(label, 'one rank: no communication', 0, 's'),
});

export function ringAllReduce(bytes: Bytes, n: number, tier: Tier): CollectiveCost {
  if (n <= 1) return zero('All-reduce');
  return cost('Ring all-reduce', '2(n−1)·α + 2(n−1)/n · S / (β·eff)', 2 * (n - 1), (2 * (n - 1) * bytes) / n, tier, [
    input('message S', bytes, 'bytes'),
    input('ranks n', n, 'count'),
  ]);
}

export function treeAllReduce(bytes: Bytes, n: number, tier: Tier): CollectiveCost {
  if (n <= 1) return zero('All-reduce');
  const steps = 2 * Math.ceil(Math.log2(n));
  return cost('Tree all-reduce', '2⌈log2 n⌉·α + 2·S / (β·eff)', steps, 2 * bytes, tier, [
    input('message S', bytes, 'bytes'),
    input('ranks n', n, 'count'),
  ]);
}

/** The cheaper of ring and tree, as NCCL picks by message size. */
export function allReduce(bytes: Bytes, n: number, tier: Tier): CollectiveCost {
  const r = ringAllReduce(bytes, n, tier);
  const t = treeAllReduce(bytes, n, tier);
  return t.time < r.time ? t : r;
}

export function reduceScatter(bytes: Bytes, n: number, tier: Tier): CollectiveCost {
  if (n <= 1) return zero('Reduce-scatter');
  return cost('Reduce-scatter', '(n−1)·α + (n−1)/n · S / (β·eff)', n - 1, ((n - 1) * bytes) / n, tier, [
    input('message S', bytes, 'bytes'),
    input('ranks n', n, 'count'),
  ]);
}

export function allGather(bytes: Bytes, n: number, tier: Tier): CollectiveCost {
  if (n <= 1) return zero('All-gather');
  return cost('All-gather', '(n−1)·α + (n−1)/n · S / (β·eff)', n - 1, ((n - 1) * bytes) / n, tier, [
    input('gathered size S', bytes, 'bytes'),
    input('ranks n', n, 'count'),
  ]);
}

/**
 * All-to-all where each rank sends `bytesPerRank` in total, spread evenly over n ranks.
 * `offRankFraction` overrides (n−1)/n, e.g. 1 for the Insights arithmetic where every byte goes
 * over the tier.
 */
export function allToAll(bytesPerRank: Bytes, n: number, tier: Tier, offRankFraction?: number): CollectiveCost {
  if (n <= 1) return zero('All-to-all');
  const f = offRankFraction ?? (n - 1) / n;
  return cost('All-to-all', 'α + f · S / (β·eff), f = share of the bytes leaving the rank', 1, f * bytesPerRank, tier, [
    input('bytes sent per rank S', bytesPerRank, 'bytes'),
    input('ranks n', n, 'count'),
    input('off-rank share f', f, 'ratio'),
  ]);
}

/** Hierarchical all-reduce over `domain` ranks per scale-up domain and `groups` domains. */
export function hierarchicalAllReduce(
  bytes: Bytes,
  domain: number,
  groups: number,
  up: Tier,
  out: Tier,
): CollectiveCost {
  if (groups <= 1) return allReduce(bytes, domain, up);
  if (domain <= 1) return allReduce(bytes, groups, out);
  const rs = reduceScatter(bytes, domain, up);
  const ar = allReduce((bytes / domain) as Bytes, groups, out);
  const ag = allGather(bytes, domain, up);
  const time = (rs.time + ar.time + ag.time) as Seconds;
  return {
    time,
    latencyPart: (rs.latencyPart + ar.latencyPart + ag.latencyPart) as Seconds,
    bandwidthPart: (rs.bandwidthPart + ar.bandwidthPart + ag.bandwidthPart) as Seconds,
    wireBytes: (rs.wireBytes + ar.wireBytes + ag.wireBytes) as Bytes,
    trace: trace(
      'Hierarchical all-reduce',
      'reduce-scatter (domain) + all-reduce of S/d (across domains) + all-gather (domain)',
      time,
      's',
      [input('message S', bytes, 'bytes')],
      [rs.trace, ar.trace, ag.trace],
    ),
  };
}
