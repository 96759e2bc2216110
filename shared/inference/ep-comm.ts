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
 */
import { allToAllLatency, allToAllWireTime, type Tier } from '../network/collectives';
import { OP, type OpTable } from './operators';
import type { Family } from './family';
import type { StepShape } from './step';

/** Bytes per element on the wire for EP dispatch/combine. */
export const WIRE_BYTES = { fp8: 1, bf16: 2 } as const;

export function epBytesPerDevice(f: Family, nb: number, tp: number): number {
  const moe = f.m.moe!;
  const s = f.s.precision;
  return (nb / tp) * (moe.topK + moe.numSharedExperts) * f.h * (WIRE_BYTES[s.dispatch] + WIRE_BYTES[s.combine]);
}

export function buildEpComm(f: Family, x: StepShape, T: OpTable): void {
  const ep = x.ep;
  if (!f.m.moe || ep <= 1) return;
  const bytes = epBytesPerDevice(f, x.nb, x.tp);
  const tier = f.s.network.epTier;
  const dom = f.dom;
  let use: Tier;
  let share: number | undefined;
  if (tier === 'scale-out' || (tier === 'auto' && dom <= 1)) [use, share] = [f.out, 1];
  else if (tier === 'scale-up' || ep <= dom) [use, share] = [f.up, tier === 'scale-up' ? 1 : undefined];
  else {
    const inDom = (dom - 1) / ep;
    const offDom = (ep - dom) / ep;
    const up = allToAllLatency(ep, f.up) + allToAllWireTime(bytes, ep, f.up, inDom);
    const out = allToAllLatency(ep, f.out) + allToAllWireTime(bytes, ep, f.out, offDom);
    [use, share] = out >= up ? [f.out, offDom] : [f.up, inDom];
  }
  const lat = allToAllLatency(ep, use);
  const bw = allToAllWireTime(bytes, ep, use, share) * f.s.moe.loadImbalance;
  const f0 = share ?? (ep - 1) / ep;
  T.collective(OP['comm.ep'], f.lc.moe, f0 * bytes, ep, use.name, 2 * lat, bw, bw + 2 * lat);
}
