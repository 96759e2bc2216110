/**
 * The tiers a device's traffic crosses, from the system preset (and the plan's network settings):
 * - scale-up: the per-direction link bandwidth of the accelerator (NVLink, UB, HCCS, …), latency
 *   α = 3.33 µs (NVLink, Insights Table 5);
 * - scale-out: the accelerator's own scale-out figure, else NIC speed × NICs per node ÷ devices per
 *   node; α = 3.7 µs (IB) or 5.6 µs (RoCE) cross-leaf (Insights Table 5);
 * - host link: KV offload streams over PCIe 4.0 x16 (31.5 GB/s per direction) at the link efficiency.
 * Every tier runs at the plan's link efficiency. Inference can drop α (network.includeLatency).
 * A plan on a cluster (cluster/resolve.ts) takes both tiers from the cluster's fabric instead: its
 * NICs per device, oversubscription where traffic crosses leaves, and the switch hops' latency.
 */
import { LINK_LATENCY, type Tier } from '../network/collectives';
import type { PlanContext } from '../plan/context';
import type { InferenceSettings } from '../schema/plan';
import { gbPerS, type BytesPerSecond, type Seconds } from '../units';

/** Scale-out bandwidth per device: the accelerator's own figure, else the node's NICs shared by its devices. */
export function scaleOutPerDevice(ctx: PlanContext): number {
  const { accelerator: acc, system: sys } = ctx;
  const perNicDevice =
    sys.nicBandwidthBytesPerS.value && sys.nicsPerNode.value
      ? (sys.nicBandwidthBytesPerS.value * sys.nicsPerNode.value) / sys.devicesPerNode
      : 0;
  return acc.scaleOutBandwidthBytesPerS.value ?? perNicDevice;
}

const tier = (name: string, bandwidth: number, efficiency: number, latency: number): Tier => ({
  name,
  bandwidth: bandwidth as BytesPerSecond,
  efficiency,
  latency: latency as Seconds,
});

export function inferenceTiers(ctx: PlanContext, s: InferenceSettings): { up: Tier; out: Tier; host: Tier } {
  const eff = ctx.efficiency.link;
  const lat = s.network.includeLatency;
  const host = tier('host link (PCIe)', gbPerS(31.5) * eff, 1, 0);
  const c = ctx.cluster?.tiers;
  if (c)
    return {
      up: tier(`scale-up: ${c.scaleUp.name}`, c.scaleUp.bandwidth, eff, lat ? c.scaleUp.latency : 0),
      out: tier(`scale-out: ${c.scaleOut.name}`, c.scaleOut.bandwidth, eff, lat ? c.scaleOut.latency : 0),
      host,
    };
  const outLatency = s.network.fabric === 'ib' ? LINK_LATENCY.ibCrossLeaf : LINK_LATENCY.roceCrossLeaf;
  return {
    up: tier('scale-up', ctx.accelerator.scaleUpBandwidthBytesPerS.value ?? 0, eff, lat ? LINK_LATENCY.nvlink : 0),
    out: tier('scale-out', scaleOutPerDevice(ctx), eff, lat ? outLatency : 0),
    host,
  };
}

/** Training always counts α (IB cross-leaf for scale-out). */
export function trainingTiers(ctx: PlanContext): { up: Tier; out: Tier } {
  const eff = ctx.efficiency.link;
  const c = ctx.cluster?.tiers;
  if (c)
    return {
      up: tier(`scale-up: ${c.scaleUp.name}`, c.scaleUp.bandwidth, eff, c.scaleUp.latency),
      out: tier(`scale-out: ${c.scaleOut.name}`, c.scaleOut.bandwidth, eff, c.scaleOut.latency),
    };
  return {
    up: tier('scale-up', ctx.accelerator.scaleUpBandwidthBytesPerS.value ?? 0, eff, LINK_LATENCY.nvlink),
    out: tier('scale-out', scaleOutPerDevice(ctx), eff, LINK_LATENCY.ibCrossLeaf),
  };
}
