/**
 * Expert-parallel dispatch and combine, per MoE layer, per micro-batch (Insights into DeepSeek-V3
 * §2.3.2): each device sends its tokens to the ranks of their experts and gets the results back,
 *   bytes per device = tokens per device × (top-k + shared) × hidden × (dispatch + combine bytes)
 * (FP8 dispatch = 1 byte, BF16 combine = 2 bytes per element; scales ignored, as the paper does).
 * Tier: all over the NICs (scale-out), all over scale-up, or (auto, EP wider than the scale-up
 * domain) the in-domain share (d − 1)/EP over scale-up and the rest (EP − d)/EP over the NICs in
 * parallel, the slower setting the time. Dispatch and combine are two collectives (2α) and the
 * hottest rank receives loadImbalance × the mean share:
 *   time = wire bytes ÷ (β·eff) × load imbalance + 2α
 * That is how decode runs (DeepEP's low-latency kernels send every (token, expert) pair straight
 * over RDMA). Prefill across scale-up domains runs DeepEP's normal kernels instead (DeepEP README,
 * "Normal kernels with NVLink and RDMA forwarding", tested on H800 with 400G CX7): a token crosses
 * the scale-out network once per destination domain (node), then is forwarded over NVLink to the
 * GPUs holding its experts there; combine reduces within the domain before sending back. With D
 * domains in the EP group and top-k experts spread evenly, a token touches D·(1 − (1 − 1/D)^k)
 * domains, (D − 1)·(1 − (1 − 1/D)^k) of them remote:
 *   scale-out bytes = tokens × remote domains × h × (dispatch + combine bytes)
 *   scale-up bytes  = tokens × k × (d − 1)/d × h × (dispatch + combine bytes)
 * the two pipelined (the slower one sets the time), × load imbalance, + 2α of the scale-out tier.
 * Where the plan's system has measured DeepEP tables for the EP group (one 8-GPU node, from the
 * AIConfigurator database), dispatch and combine are read from them instead.
 */
import { allToAllLatency, allToAllWireTime, type Tier } from '../network/collectives';
import { OP, SRC, type OpTable } from './operators';
import { OP_SPECS } from './operator-specs';
import type { Family } from './family';
import type { StepShape } from './step';
import { deepepSeconds } from '../kernels/comm-seconds';
import { recordAllReduce } from './tp-comm';

/**
 * Bytes per element on the wire for EP dispatch/combine: BF16 2; FP8 1 (its per-128 scales left
 * out, as the paper does: 3%); NVFP4 0.5 + one E4M3 scale per 16 elements = 0.5625 (the format's
 * own layout, precision.ts).
 */
export const WIRE_BYTES = { nvfp4: 0.5625, fp8: 1, bf16: 2 } as const;

export function epBytesPerDevice(f: Family, nb: number, tp: number): number {
  const moe = f.model.moe!;
  const s = f.settings.precision;
  return (nb / tp) * (moe.topK + moe.numSharedExperts) * f.hidden * (WIRE_BYTES[s.dispatch] + WIRE_BYTES[s.combine]);
}

/** Prefill across scale-up domains: DeepEP's normal kernels (one RDMA copy per domain, NVLink forwarding). */
function forwardedPrefill(f: Family, x: StepShape, T: OpTable): void {
  const moe = f.model.moe!;
  const D = x.ep / f.scaleUpDomain;
  const k = moe.topK;
  const perToken = f.hidden * (WIRE_BYTES[f.settings.precision.dispatch] + WIRE_BYTES[f.settings.precision.combine]);
  const tokens = x.nb / x.tp;
  const remote = (D - 1) * (1 - Math.pow(1 - 1 / D, k));
  const rdma = tokens * remote * perToken;
  const nvlink = tokens * k * ((f.scaleUpDomain - 1) / f.scaleUpDomain) * perToken;
  const tOut = (rdma / (f.scaleOut.bandwidth * f.scaleOut.efficiency)) * f.settings.moe.loadImbalance;
  const tUp = (nvlink / (f.scaleUp.bandwidth * f.scaleUp.efficiency)) * f.settings.moe.loadImbalance;
  const lat = allToAllLatency(x.ep, f.scaleOut);
  const out = tOut >= tUp;
  const name = `${out ? f.scaleOut.name : f.scaleUp.name} (DeepEP normal: one copy per domain, NVLink forwarding)`;
  T.collective(
    OP['comm.ep'],
    f.layerCounts.moe,
    out ? rdma : nvlink,
    x.ep,
    name,
    2 * lat,
    Math.max(tOut, tUp),
    Math.max(tOut, tUp) + 2 * lat,
  );
}

/**
 * Dispatch + combine from SGLang's measured DeepEP tables (kernels/family-kernels.ts), when the
 * plan's system has them for this EP group: low-latency kernels in decode, normal ones in prefill.
 * Returns false when not measured (the analytic model above applies).
 */
function measuredEp(f: Family, x: StepShape, T: OpTable): boolean {
  const moe = f.model.moe!;
  if (!f.kernels?.comm || f.settings.network.epTier === 'scale-out' || x.ep > f.scaleUpDomain) return false;
  const mode = x.decode ? 'low-latency' : 'normal';
  const shape = { hidden: f.hidden, topK: moe.topK, experts: moe.numRoutedExperts };
  const s = f.settings.precision;
  const wire = { dispatch: WIRE_BYTES[s.dispatch] / WIRE_BYTES.fp8, combine: WIRE_BYTES[s.combine] / WIRE_BYTES.bf16 };
  const t = deepepSeconds(f.kernels, mode, x.ep, shape, x.nb / x.tp, f.settings.moe.loadImbalance, wire);
  if (!(t === t)) return false;
  const bytes = epBytesPerDevice(f, x.nb, x.tp) * ((x.ep - 1) / x.ep);
  T.collective(
    OP['comm.ep'],
    f.layerCounts.moe,
    bytes,
    x.ep,
    `${f.scaleUp.name} (measured DeepEP ${mode})`,
    0,
    t,
    t,
    SRC.measured,
  );
  return true;
}

/**
 * Without EP and with DP attention the MoE layer is tensor-parallel over the TP × DP ranks (moe.ts):
 * each rank gathers the other DP ranks' tokens before it and reduce-scatters the outputs after it
 * (vLLM's allgather_reducescatter backend; vllm-dp-deployment). The pair moves an all-reduce's bytes
 * of the gathered activations, nb·DP·h·2, over the TP·DP ranks, and is timed as one all-reduce:
 * from the system's measured all-reduce table where it has one, else collectives.ts.
 */
function moeTpGather(f: Family, x: StepShape, T: OpTable): void {
  const g = x.tp * x.dp;
  if (T.detail) T.label[OP['comm.ep']] = `MoE TP over ${g} ranks: all-gather + reduce-scatter`;
  recordAllReduce(f, T, OP['comm.ep'], f.layerCounts.moe, x.nb * x.dp * f.hidden * f.activationBytes, g, 1);
}

export function buildEpComm(f: Family, x: StepShape, T: OpTable): void {
  const ep = x.ep;
  if (!f.model.moe) return;
  if (ep <= 1) {
    if (x.dp > 1) moeTpGather(f, x, T);
    return;
  }
  if (T.detail) T.label[OP['comm.ep']] = OP_SPECS[OP['comm.ep']]!.name;
  if (measuredEp(f, x, T)) return;
  if (
    !x.decode &&
    f.settings.network.epTier === 'auto' &&
    f.scaleUpDomain > 1 &&
    ep > f.scaleUpDomain &&
    ep % f.scaleUpDomain === 0
  )
    return forwardedPrefill(f, x, T);
  const bytes = epBytesPerDevice(f, x.nb, x.tp);
  const tier = f.settings.network.epTier;
  const dom = f.scaleUpDomain;
  let use: Tier;
  let share: number | undefined;
  if (tier === 'scale-out' || (tier === 'auto' && dom <= 1)) [use, share] = [f.scaleOut, 1];
  else if (tier === 'scale-up' || ep <= dom) [use, share] = [f.scaleUp, tier === 'scale-up' ? 1 : undefined];
  else {
    const inDom = (dom - 1) / ep;
    const offDom = (ep - dom) / ep;
    const up = allToAllLatency(ep, f.scaleUp) + allToAllWireTime(bytes, ep, f.scaleUp, inDom);
    const out = allToAllLatency(ep, f.scaleOut) + allToAllWireTime(bytes, ep, f.scaleOut, offDom);
    [use, share] = out >= up ? [f.scaleOut, offDom] : [f.scaleUp, inDom];
  }
  const lat = allToAllLatency(ep, use);
  const bw = allToAllWireTime(bytes, ep, use, share) * f.settings.moe.loadImbalance;
  const f0 = share ?? (ep - 1) / ep;
  T.collective(OP['comm.ep'], f.layerCounts.moe, f0 * bytes, ep, use.name, 2 * lat, bw, bw + 2 * lat);
}
