/**
 * Moving the policy's new weights into the rollout engine, and (colocated) switching the devices
 * between the engines. α–β over the tiers of inference/tiers.ts (network/collectives.ts numerics).
 * - W = the policy's weights in the rollout precision; the rollout shard per device w_r (inference
 *   memory model); the trainer's shard w_t = its BF16 weights per device × rollout bytes ÷ 2.
 * - "gather" (NeMo RL's refit, verl, slime): each trainer device gathers the full BF16 policy W₂
 *   from its model-parallel group of g = TP·PP·CP·max(1, EP ÷ TP) devices (an all-gather:
 *   W₂·(g − 1)/g bytes per device, over scale-up when the group fits one scale-up domain, else
 *   scale-out) and the rollout engine keeps its shard (a 2·w_r HBM copy). Disaggregated, the policy
 *   is then broadcast to the rollout pool over scale-out: each rollout device receives W.
 * - "reshard" (the least traffic): colocated, each device receives max(0, w_r − w_t) over scale-up
 *   when both engines' groups fit one domain, else scale-out, plus the 2·w_r local copy;
 *   disaggregated, a pipelined broadcast moves max(w_r, w_t) per device over scale-out.
 * - Broadcast latency: ⌈log₂(R + 1)⌉·α for R rollout replicas; all-gather: (g − 1)·α.
 * - Switch (colocated with `trainerOffload`): the trainer's weights and optimizer states go to host
 *   memory before generation and come back before the log-prob passes: 2 × (weights + optimizer)
 *   per device over the host link (PCIe; inference/tiers.ts). A sleeping rollout engine frees its KV
 *   cache and lets the sync refill its weights: no extra transfer.
 * Traffic is not residency: a gathered policy (1.3 TB for DeepSeek-V3 in BF16) streams through a
 * device in buckets, and each device keeps only its own shard (a trainer its BF16 shard, a rollout
 * device its shard in the rollout precision). `steps` states, per step and per
 * device, the bytes that stream through and the bytes that stay (never more than the shard).
 */
import type { Tier } from '../network/collectives';
import { latencyTime, wireTime } from '../network/collectives';
import { inferenceTiers } from '../inference/tiers';
import { countParams } from '../model/params';
import { bytesPerElement } from '../precision';
import type { RlContext } from './context';
import type { RolloutResult } from './rollout';
import type { TrainPhase } from './train';

/** One step of the sync, per device of the pool it concerns. */
export interface SyncStep {
  what: string;
  /** Which devices: every trainer device, every rollout device, or each device (colocated). */
  devices: 'trainer' | 'rollout' | 'each';
  /** Bytes that pass through each such device (streamed in buckets when larger than its shard). */
  streamedBytes: number;
  /** Bytes each such device holds afterwards: its shard. */
  keptBytes: number;
  tier: string;
}

export interface SyncResult {
  /** Weight transfer into the rollout engine (s), the bytes each device receives, the tier. */
  transferS: number;
  bytesPerDevice: number;
  tier: string;
  /** "gather": bytes each trainer device gathers, and each rollout device then receives (disaggregated). */
  gatherBytes: number;
  broadcastBytes: number;
  /** Engine switch: offload and reload of the idle engine's state (s) and its bytes per device. */
  switchS: number;
  switchBytesPerDevice: number;
  formula: string;
  steps: SyncStep[];
}

const send = (bytes: number, steps: number, t: Tier): number =>
  bytes > 0 && t.bandwidth > 0 ? latencyTime(steps, t) + wireTime(bytes, t) : 0;

function switchOf(rctx: RlContext, train: TrainPhase, host: Tier): [number, number] {
  const pl = rctx.plan.rl.placement;
  if (pl.mode !== 'colocated' || !pl.trainerOffload) return [0, 0];
  const bytes = train.parts.reduce((s, p) => s + p.result.memory.weights + p.result.memory.optimizer, 0);
  return [host.bandwidth > 0 ? (2 * bytes) / (host.bandwidth * host.efficiency) : 0, 2 * bytes];
}

/** The gather strategy's steps: the trainer group's all-gather, then the broadcast to a separate rollout pool. */
function gatherSteps(
  colocated: boolean,
  gathered: number,
  broadcast: number,
  wt: number,
  wr: number,
  gTier: Tier,
  out: Tier,
): SyncStep[] {
  const steps: SyncStep[] = [
    {
      what: 'all-gather of the BF16 policy in the trainer group',
      devices: colocated ? 'each' : 'trainer',
      streamedBytes: gathered,
      keptBytes: wt,
      tier: gTier.name,
    },
  ];
  if (broadcast > 0)
    steps.push({
      what: 'broadcast of the policy to the rollout pool',
      devices: 'rollout',
      streamedBytes: broadcast,
      keptBytes: wr,
      tier: out.name,
    });
  return steps;
}

export function evaluateSync(rctx: RlContext, roll: RolloutResult, train: TrainPhase): SyncResult {
  const { up, out, host } = inferenceTiers(rctx.policy, rctx.rolloutSettings);
  const policy = train.parts.find((p) => p.role === 'policy')!.result;
  const bpe = bytesPerElement(rctx.plan.rl.rollout.precision.weights);
  const W = countParams(rctx.policy.model).total * bpe;
  const wr = roll.memory.weights;
  const wt = (policy.memory.weights / 2) * bpe;
  const dom = rctx.policy.cluster?.scaleUpDomainDevices ?? rctx.policy.system.scaleUpDomainDevices;
  const t = rctx.plan.rl.training.parallelism;
  const g = t.tp * t.pp * t.cp * Math.max(1, t.ep / t.tp);
  const hbm = roll.family.peakBandwidth * rctx.policy.efficiency.memoryBandwidth;
  const copy = hbm > 0 ? (2 * wr) / hbm : 0;
  const R = roll.layout.dp;
  const [switchS, switchBytes] = switchOf(rctx, train, host);
  const bcastSteps = Math.ceil(Math.log2(R + 1));
  if (rctx.plan.rl.weightSync === 'gather') {
    const gTier = g <= dom ? up : out;
    const gathered = ((W / bpe) * 2 * (g - 1)) / g;
    const broadcast = rctx.pools.colocated ? 0 : W;
    const gather = send(gathered, g - 1, gTier);
    const bcast = send(broadcast, bcastSteps, out);
    const steps = gatherSteps(rctx.pools.colocated, gathered, broadcast, wt, wr, gTier, out);
    return {
      transferS: gather + bcast + copy,
      bytesPerDevice: gathered + broadcast,
      gatherBytes: gathered,
      broadcastBytes: broadcast,
      steps,
      tier: rctx.pools.colocated ? gTier.name : `${gTier.name}, then ${out.name}`,
      switchS,
      switchBytesPerDevice: switchBytes,
      formula: rctx.pools.colocated
        ? 'all-gather of the full policy in the trainer group, (g − 1)·α + W·(g − 1)/g ÷ (β·eff), + 2·w_rollout ÷ HBM'
        : 'trainer all-gather of the full policy + broadcast of W to the rollout pool over scale-out + 2·w_rollout ÷ HBM',
    };
  }
  if (!rctx.pools.colocated) {
    const bytes = Math.max(wr, wt);
    return {
      transferS: send(bytes, bcastSteps, out) + copy,
      bytesPerDevice: bytes,
      gatherBytes: 0,
      broadcastBytes: bytes,
      steps: [
        {
          what: 'pipelined broadcast of the new shards',
          devices: 'rollout',
          streamedBytes: bytes,
          keptBytes: wr,
          tier: out.name,
        },
      ],
      tier: out.name,
      switchS,
      switchBytesPerDevice: switchBytes,
      formula: '⌈log₂(R + 1)⌉·α + max(w_rollout, w_trainer) ÷ (β·eff) over scale-out (pipelined broadcast)',
    };
  }
  const groupR = roll.layout.tp * roll.layout.pp * Math.max(1, roll.layout.ep / roll.layout.tp);
  const tier = groupR <= dom && g <= dom ? up : out;
  const remote = Math.max(0, wr - wt);
  return {
    transferS: send(remote, 1, tier) + copy,
    bytesPerDevice: remote,
    gatherBytes: remote,
    broadcastBytes: 0,
    steps: [
      { what: 'reshard on the same devices', devices: 'each', streamedBytes: remote, keptBytes: wr, tier: tier.name },
    ],
    tier: tier.name,
    switchS,
    switchBytesPerDevice: switchBytes,
    formula: 'α + max(0, w_rollout − w_trainer) ÷ (β·eff) + 2·w_rollout ÷ HBM (reshard on the same devices)',
  };
}

const WHO: Record<SyncStep['devices'], string> = {
  trainer: 'each trainer device',
  rollout: 'each rollout device',
  each: 'each device',
};

/** The sync in words, step by step and per device: what streams through, what stays, over which link. */
export function syncText(r: SyncResult, bytes: (b: number) => string): string {
  return r.steps
    .map((s) => {
      const through =
        s.streamedBytes > s.keptBytes
          ? `streams ${bytes(s.streamedBytes)} through`
          : `receives ${bytes(s.streamedBytes)} into`;
      return `${s.what}: ${through} ${WHO[s.devices]}, which keeps its ${bytes(s.keptBytes)} shard (${s.tier})`;
    })
    .join('; ');
}
