/**
 * The design space of a sizing spec: every configuration of one deployment copy the search will
 * time, before batch sizes. Per allowed system:
 * - devices per copy: powers of two up to a node, then node × 2^k, and whole scale-up domains
 *   (NVL72, CloudMatrix 384) — up to the spec's maximum;
 * - TP: powers of two within the scale-up domain that divide the attention heads (MLA: any);
 *   PP: 1, or 2/4/8 when allowed; DP = devices ÷ (TP·PP). A dense model's copy has DP = 1 (more
 *   replicas are more copies); an MoE copy may hold DP attention replicas with EP = TP·DP over them
 *   (DeepSeek's layout), or EP = 1;
 * - precision: allowed weights × compute × KV formats, where compute is native on the part and the
 *   weights are no wider than the compute format (bf16 weights with fp8 compute is not a format);
 * - speculative decoding off/on, KV offload off/on, aggregated or disaggregated with the allowed
 *   prefill:decode device ratios (rounded to whole TP·PP groups; ratios that round to the same
 *   prefill pool give one configuration); an MoE model's prefill pool in decode's layout and, when
 *   allowed (prefillDpAttention), as TP1 with attention DP and EP over the pool's devices.
 * Dual micro-batch is enabled for MoE copies with EP (applied per batch where it helps).
 */
import type { ServingStackName } from '../schema/kernels';
import { peakFlops, type Accelerator, type SystemSpec } from '../schema/hardware';
import type { ModelArchitecture } from '../schema/model';
import { bytesPerElement, type KvFormat, type NumericFormat } from '../precision';
import type { SizingSpec } from '../schema/sizing';

export type ComputeFormat = 'bf16' | 'fp8' | 'fp4' | 'int8';

export interface Candidate {
  id: string;
  systemId: string;
  /** Devices in one copy (decode + prefill pools when disaggregated). */
  devices: number;
  decodeDevices: number;
  prefillDevices: number;
  tp: number;
  pp: number;
  dp: number;
  ep: number;
  weights: NumericFormat;
  compute: ComputeFormat;
  kvCache: KvFormat;
  dual: boolean;
  spec: { draftTokens: number; acceptanceRate: number } | null;
  disaggregated: boolean;
  /**
   * The disaggregated prefill pool's layout: 0 = decode's TP and PP (DP and EP from its devices),
   * 1 = TP1 with attention DP and EP over the pool's devices (DeepSeek's prefill).
   */
  prefillTp: number;
  /** The system the prefill pool runs on: systemId, or another searched system (heterogeneous disaggregation). */
  prefillSystemId: string;
  kvOffload: boolean;
  /** The serving stack that times it. */
  stack: ServingStackName;
}

const COMPUTE_BYTES: Record<ComputeFormat, number> = { bf16: 2, fp8: 1, fp4: 0.5, int8: 1 };

export function deviceCounts(sys: SystemSpec, max: number): number[] {
  const s = new Set<number>();
  for (let d = 1; d <= sys.devicesPerNode; d *= 2) s.add(d);
  for (let k = 1; k <= 1024; k *= 2) s.add(sys.devicesPerNode * k);
  if (sys.scaleUpDomainDevices > sys.devicesPerNode) for (const k of [1, 2, 4]) s.add(sys.scaleUpDomainDevices * k);
  return [...s].filter((d) => d <= Math.min(max, 4096)).sort((a, b) => a - b);
}

interface Layout {
  tp: number;
  pp: number;
  dp: number;
  ep: number;
}

export function layouts(
  m: ModelArchitecture,
  sys: SystemSpec,
  devices: number,
  st: SizingSpec['constraints']['strategies'],
): Layout[] {
  const out: Layout[] = [];
  const mla = m.attention.type === 'mla';
  for (let tp = 1; tp <= (st.tp ? Math.min(devices, sys.scaleUpDomainDevices, 64) : 1); tp *= 2) {
    if (!mla && m.attention.numHeads % tp !== 0) continue;
    for (const pp of st.pp ? [1, 2, 4, 8] : [1]) {
      if (pp > m.numLayers || devices % (tp * pp) !== 0) continue;
      const dp = devices / (tp * pp);
      if (!m.moe) {
        if (dp === 1) out.push({ tp, pp, dp, ep: 1 });
        continue;
      }
      if (dp === 1) out.push({ tp, pp, dp, ep: 1 });
      if (st.ep && tp * dp > 1 && (dp === 1 || st.dpAttention)) out.push({ tp, pp, dp, ep: tp * dp });
      // Without EP, DP attention runs the experts tensor-parallel over all TP × DP devices (vLLM's
      // and SGLang's default without expert parallelism; inference/moe.ts).
      if (!st.ep && st.dpAttention && dp > 1) out.push({ tp, pp, dp, ep: 1 });
    }
  }
  return out;
}

export function precisions(acc: Accelerator, c: SizingSpec['constraints']['precisions']) {
  const out: Array<{ weights: NumericFormat; compute: ComputeFormat; kvCache: KvFormat }> = [];
  for (const compute of c.compute) {
    if (peakFlops(acc, compute) === null) continue;
    for (const weights of c.weights) {
      // Nominal widths: a format's scales (FP8's one per 128×128 block, NVFP4's per 16) do not make it wider.
      if (Math.floor(bytesPerElement(weights) * 8 + 1e-9) / 8 > COMPUTE_BYTES[compute] + 1e-9) continue;
      for (const kvCache of c.kvCache)
        // a format listed twice in the spec is one configuration
        if (!out.some((o) => o.weights === weights && o.compute === compute && kvLabel(o.kvCache) === kvLabel(kvCache)))
          out.push({ weights, compute, kvCache });
    }
  }
  return out;
}

const kvLabel = (k: KvFormat): string => (typeof k === 'object' ? `${k.bits}b` : k);

export function enumerateCandidates(
  spec: SizingSpec,
  m: ModelArchitecture,
  systems: ReadonlyArray<{ sys: SystemSpec; acc: Accelerator }>,
): Candidate[] {
  const out: Candidate[] = [];
  forEachCandidate(spec, m, systems, (c) => out.push(c));
  return out;
}

/**
 * The prefill pools of a copy with D decode devices in TP·PP groups of `group`: 0 (aggregated), then
 * each ratio's pool rounded to whole groups (at least one), each pool once — two ratios that round
 * to the same pool are one configuration — and within `max` devices in all.
 */
export function prefillPools(D: number, group: number, ratios: readonly number[], max: number): number[] {
  const out: number[] = [];
  for (const ratio of ratios) {
    const pre = ratio ? Math.max(group, Math.round((ratio * D) / group) * group) : 0;
    if (D + pre <= max && !out.includes(pre)) out.push(pre);
  }
  return out;
}

/**
 * The prefill pools of a layout with their own layouts: each pool (0 = aggregated) in decode's
 * layout, and a disaggregated MoE pool also as TP1 with attention DP and EP over its devices
 * when allowed and different from decode's.
 */
export function poolLayouts(
  pools: readonly number[],
  lay: { tp: number; pp: number; ep: number },
  moe: boolean,
  st: SizingSpec['constraints']['strategies'],
): Array<{ pre: number; prefillTp: number }> {
  const out: Array<{ pre: number; prefillTp: number }> = [];
  for (const pre of pools) {
    out.push({ pre, prefillTp: 0 });
    if (pre > 0 && moe && st.prefillDpAttention && st.ep && (lay.tp * lay.pp > 1 || lay.ep !== pre))
      out.push({ pre, prefillTp: 1 });
  }
  return out;
}

/** A prefill pool and the system it runs on (an index into the searched systems). */
export interface HostedPool {
  pre: number;
  prefillTp: number;
  host: number;
}

/**
 * Each pool on its decode system (`own`), and, with `prefillOnOtherSystems`, each disaggregated
 * pool also on every other searched system whose accelerator computes in `compute` and whose
 * scale-up domain holds the pool's TP (decode's, or 1 for a DP-attention pool).
 */
export function poolHosts(
  pools: ReadonlyArray<{ pre: number; prefillTp: number }>,
  own: number,
  systems: ReadonlyArray<{ sys: SystemSpec; acc: Accelerator }>,
  tp: number,
  compute: ComputeFormat,
  st: SizingSpec['constraints']['strategies'],
): HostedPool[] {
  const out: HostedPool[] = [];
  for (const p of pools) {
    out.push({ pre: p.pre, prefillTp: p.prefillTp, host: own });
    if (p.pre === 0 || !st.prefillOnOtherSystems) continue;
    for (let h = 0; h < systems.length; h++) {
      const o = systems[h]!;
      if (h === own || peakFlops(o.acc, compute) === null) continue;
      if ((p.prefillTp > 0 ? 1 : tp) > o.sys.scaleUpDomainDevices) continue;
      out.push({ pre: p.pre, prefillTp: p.prefillTp, host: h });
    }
  }
  return out;
}

/** Share k of n of a search: every n-th group of neighbours (stepGroupKey), starting at the k-th. */
export interface ShareOf {
  share: number;
  shares: number;
}

/**
 * Calls `fn` with each candidate in enumeration order and its position in the whole list, holding
 * none (a large search need not keep them). With `only`, just that share's groups of neighbours
 * (system × devices × layout, stepGroupKey: they differ only in precision, speculative decoding,
 * KV offload and the prefill pool, and reuse each other's engine steps) are built; the positions
 * still count all.
 */
export function forEachCandidate(
  spec: SizingSpec,
  m: ModelArchitecture,
  systems: ReadonlyArray<{ sys: SystemSpec; acc: Accelerator }>,
  fn: (c: Candidate, index: number) => void,
  only?: ShareOf,
): void {
  let index = 0;
  let group = 0;
  const st = spec.constraints.strategies;
  const specs = [
    null,
    ...(st.speculative ? [{ draftTokens: st.speculativeDraftTokens, acceptanceRate: st.speculativeAcceptance }] : []),
  ];
  const ratios = [0, ...(st.disaggregation ? st.disaggregationRatios : [])];
  const offloads = st.kvOffload ? [false, true] : [false];
  const stacks = spec.constraints.stacks;
  for (const [own, { sys, acc }] of systems.entries()) {
    const prs = precisions(acc, spec.constraints.precisions);
    const prIds = prs.map((pr) => `|${pr.weights}/${pr.compute}/${kvLabel(pr.kvCache)}`);
    for (const D of deviceCounts(sys, spec.constraints.maxDevices))
      for (const lay of layouts(m, sys, D, st)) {
        const layId = `|tp${lay.tp}pp${lay.pp}dp${lay.dp}ep${lay.ep}`;
        const pools = poolLayouts(
          prefillPools(D, lay.tp * lay.pp, ratios, spec.constraints.maxDevices),
          lay,
          !!m.moe,
          st,
        );
        // The hosts depend on the compute format alone: found once per format, shared by its precisions.
        const byCompute = new Map<ComputeFormat, HostedPool[]>();
        const hosted = prs.map((pr) => {
          let h = byCompute.get(pr.compute);
          if (!h) byCompute.set(pr.compute, (h = poolHosts(pools, own, systems, lay.tp, pr.compute, st)));
          return h;
        });
        const perPool = specs.length * offloads.length * stacks.length;
        const inGroup = hosted.reduce((n, h) => n + h.length, 0) * perPool;
        if (inGroup === 0) continue;
        if (only && group++ % only.shares !== only.share) {
          index += inGroup;
          continue;
        }
        for (let p = 0; p < prs.length; p++)
          for (const stack of stacks)
            for (const sp of specs)
              for (const kvOffload of offloads)
                for (const { pre, prefillTp, host } of hosted[p]!) {
                  const pr = prs[p]!;
                  const preSys = systems[host]!.sys.id;
                  const id = `${sys.id}|${D}${pre ? `+${pre}p${prefillTp ? `tp${prefillTp}` : ''}${host === own ? '' : `@${preSys}`}` : ''}${layId}${prIds[p]}${sp ? `|spec${sp.draftTokens}` : ''}${kvOffload ? '|kvoff' : ''}${stack === 'generic' ? '' : `|${stack}`}`;
                  // V8 keeps a string built by concatenation as a tree of its pieces (about 430 bytes
                  // for an id); reading a character flattens it to one string (about 90 bytes). A
                  // worker keeps every candidate of its share: 60 MB less for the largest search.
                  id.charCodeAt(0);
                  fn(
                    {
                      id,
                      systemId: sys.id,
                      devices: D + pre,
                      decodeDevices: D,
                      prefillDevices: pre || D,
                      tp: lay.tp,
                      pp: lay.pp,
                      dp: lay.dp,
                      ep: lay.ep,
                      weights: pr.weights,
                      compute: pr.compute,
                      kvCache: pr.kvCache,
                      dual: !!m.moe && lay.ep > 1,
                      spec: sp,
                      disaggregated: pre > 0,
                      prefillTp,
                      prefillSystemId: preSys,
                      kvOffload,
                      stack,
                    },
                    index++,
                  );
                }
      }
  }
}

/**
 * How many candidates forEachCandidate would give, counted without building them (the same loops),
 * so a spec too large to hold is refused before anything is allocated and progress has a total.
 */
export function countCandidates(
  spec: SizingSpec,
  m: ModelArchitecture,
  systems: ReadonlyArray<{ sys: SystemSpec; acc: Accelerator }>,
): number {
  const st = spec.constraints.strategies;
  const max = spec.constraints.maxDevices;
  const specs = st.speculative ? 2 : 1;
  const offload = st.kvOffload ? 2 : 1;
  const ratios = [0, ...(st.disaggregation ? st.disaggregationRatios : [])];
  let n = 0;
  for (const [own, { sys, acc }] of systems.entries()) {
    const prs = precisions(acc, spec.constraints.precisions);
    for (const D of deviceCounts(sys, max))
      for (const lay of layouts(m, sys, D, st)) {
        const pools = poolLayouts(prefillPools(D, lay.tp * lay.pp, ratios, max), lay, !!m.moe, st);
        for (const pr of prs)
          n +=
            poolHosts(pools, own, systems, lay.tp, pr.compute, st).length *
            specs *
            offload *
            spec.constraints.stacks.length;
      }
  }
  return n;
}

/**
 * Candidates enumerated one after another with one system, device count and layout (differing only
 * in precision, speculative decoding, KV offload or the prefill pool: the innermost loops above)
 * share this key. Among them, those of one prefill pool's neighbours and KV formats of one size
 * share engine steps (step-reuse.ts), so a split of the search between workers keeps each group
 * whole (splitting between precisions cost the two-worker reference search ~25%: KV twins in
 * different workers each computed their decode curves).
 */
export const stepGroupKey = (c: Candidate): string =>
  `${c.systemId}|${c.decodeDevices}|${c.tp}|${c.pp}|${c.dp}|${c.ep}`;
