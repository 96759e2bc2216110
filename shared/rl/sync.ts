/**
 * Moving the policy's new weights into the rollout engine, and (colocated) switching the devices
 * between the engines. α–β over the tiers of inference/tiers.ts (network/collectives.ts numerics).
 * - Rollout shard per device w_r: the rollout engine's weight bytes per device (inference memory
 *   model, rollout precision). The trainer holds w_t = its BF16 weights per device (ZeRO-3 sharded
 *   when set) × rollout bytes per parameter ÷ 2.
 * - Colocated (resharding on the same devices): each device copies what it holds locally and
 *   receives the rest, max(0, w_r − w_t), over scale-up when both engines' model-parallel groups fit
 *   in one scale-up domain, else over scale-out: α + bytes ÷ (β·eff) + 2·w_r ÷ HBM bandwidth (the
 *   local copy, read and write).
 * - Disaggregated (broadcast to the rollout pool over scale-out): a pipelined broadcast moves each
 *   byte once per rank, so ⌈log₂(R + 1)⌉·α + max(w_r, w_t) ÷ (β·eff), R = rollout replicas.
 * - Switch (colocated with `trainerOffload`): the trainer's weights and optimizer states go to host
 *   memory before generation and come back before the log-prob passes: 2 × (weights + optimizer)
 *   per device over the host link (PCIe; inference/tiers.ts). A sleeping rollout engine frees its KV
 *   cache and lets the sync refill its weights: no extra transfer.
 */
import { bytesPerElement } from '../precision';
import { inferenceTiers } from '../inference/tiers';
import { latencyTime, wireTime } from '../network/collectives';
import type { RlContext } from './context';
import type { RolloutResult } from './rollout';
import type { TrainPhase } from './train';

export interface SyncResult {
  /** Weight transfer into the rollout engine (s), its bytes per device and the tier. */
  transferS: number;
  bytesPerDevice: number;
  tier: string;
  /** Engine switch: offload and reload of the idle engine's state (s) and its bytes per device. */
  switchS: number;
  switchBytesPerDevice: number;
  formula: string;
}

export function evaluateSync(rctx: RlContext, roll: RolloutResult, train: TrainPhase): SyncResult {
  const { up, out, host } = inferenceTiers(rctx.policy, rctx.rolloutSettings);
  const policy = train.parts.find((p) => p.role === 'policy')!.result;
  const wr = roll.memory.weights;
  const wt = (policy.memory.weights / 2) * bytesPerElement(rctx.plan.rl.rollout.precision.weights);
  const dom = rctx.policy.cluster?.scaleUpDomainDevices ?? rctx.policy.system.scaleUpDomainDevices;
  if (!rctx.pools.colocated) {
    const R = roll.layout.dp;
    const bytes = Math.max(wr, wt);
    return {
      transferS: latencyTime(Math.ceil(Math.log2(R + 1)), out) + (out.bandwidth > 0 ? wireTime(bytes, out) : 0),
      bytesPerDevice: bytes,
      tier: out.name,
      switchS: 0,
      switchBytesPerDevice: 0,
      formula: '⌈log₂(R + 1)⌉·α + max(w_rollout, w_trainer) ÷ (β·eff) over scale-out (pipelined broadcast)',
    };
  }
  const t = rctx.plan.rl.training.parallelism;
  const groupR = roll.layout.tp * roll.layout.pp * Math.max(1, roll.layout.ep / roll.layout.tp);
  const groupT = t.tp * t.pp * t.cp * Math.max(1, t.ep / t.tp);
  const tier = groupR <= dom && groupT <= dom ? up : out;
  const remote = Math.max(0, wr - wt);
  const hbm = roll.family.peakBandwidth * rctx.policy.efficiency.memoryBandwidth;
  const transferS =
    (remote > 0 && tier.bandwidth > 0 ? latencyTime(1, tier) + wireTime(remote, tier) : 0) +
    (hbm > 0 ? (2 * wr) / hbm : 0);
  const offload = rctx.plan.rl.placement.mode === 'colocated' && rctx.plan.rl.placement.trainerOffload;
  const switchBytes = offload
    ? train.parts.reduce((s, p) => s + p.result.memory.weights + p.result.memory.optimizer, 0)
    : 0;
  return {
    transferS,
    bytesPerDevice: remote,
    tier: tier.name,
    switchS: switchBytes > 0 && host.bandwidth > 0 ? (2 * switchBytes) / (host.bandwidth * host.efficiency) : 0,
    switchBytesPerDevice: 2 * switchBytes,
    formula:
      'α + max(0, w_rollout − w_trainer) ÷ (β·eff) + 2·w_rollout ÷ HBM (reshard on the same devices); switch: 2 × (weights + optimizer) ÷ host link',
  };
}
