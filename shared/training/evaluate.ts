/**
 * Training plans: memory per device, step time, MFU, time and cost to train.
 *
 * Compute: FLOPs per step = global batch tokens × training FLOPs per token (3 × forward, causal
 * attention; model/flops.ts), plus one more forward for full recomputation (attention core only
 * for selective). With `targetMfu` the compute time is FLOPs / (devices × BF16 peak × MFU);
 * otherwise matmuls run at the training precision's peak and attention at BF16, each × the
 * training compute efficiency below.
 * Pipeline bubble: 1F1B (p − 1)/m, interleaved (p − 1)/(v·m), DualPipe (p/2 − 1)/m, m = micro-batches
 * per replica per step (Narayanan et al. 2021; DeepSeek-V3 report §3.2.1).
 * Communication: DP gradient reduce-scatter + all-gather (= all-reduce volume) of each device's
 * gradient shard in BF16 over the scale-out tier; TP 4 all-reduces per layer per micro-batch
 * (2 forward, 2 backward) over scale-up; EP dispatch + combine forward and backward; only the
 * fraction (1 − commOverlap) is exposed.
 * Memory per parameter: BF16 mixed precision 2 (weights) + 2 (grads) + 12 (FP32 master, Adam m,
 * v) = 16 bytes; FP8 as DeepSeek-V3 trains (BF16 weights and grads, FP32 master, BF16 Adam
 * moments) 2 + 2 + 4 + 2 + 2 = 12 bytes. ZeRO-1 shards optimizer states, -2 also gradients, -3
 * also weights, across DP. Activations per layer per micro-batch (Korthikanti et al. 2022):
 * s·b·h·(34 + 5·a·s/h) bytes without recomputation, s·b·h·34 with selective, 2·s·b·h with
 * full, ÷ TP with sequence parallelism; MoE layers add s·b·k·I_e·4 bytes for expert
 * intermediates. 1F1B keeps p micro-batches in flight on the first stage.
 */
import { deviceHourCost } from '../cost';
import { input, trace, type Trace } from '../explain';
import { allReduce, allToAll, LINK_LATENCY, reduceScatter, type Tier } from '../network/collectives';
import { effectivePeak } from '../inference/engine';
import { attentionFlopsPerToken, countParams, layerCounts, trainingFlopsPerToken } from '../model';
import { checkParallelism, PlanError, type PlanContext, type PlanIssue } from '../plan/context';
import type { TrainingPlan } from '../plan/schema';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR, TERA } from '../units';

/**
 * Achievable fraction of peak for the compute phases of a large training step (GEMMs at training
 * shapes, FlashAttention forward and backward, elementwise and optimizer work), used when the
 * plan sets no target MFU. 0.55 is MegaScale's reported 55.2% MFU for a 175B model on 12,288
 * GPUs (ByteDance, NSDI 2024), a large run with small pipeline bubbles; it is lower than the
 * single-GEMM inference default (0.75). Llama 3 405B (one of our golden checks) is *not* the
 * source of this number.
 */
export const TRAINING_COMPUTE_EFFICIENCY = 0.55;
export const TRAINING_EFFICIENCY_SOURCE = 'MegaScale (NSDI 2024): 55.2% MFU, 175B model on 12,288 GPUs';

export interface TrainingResult {
  stepTimeS: number;
  tokensPerSecond: number;
  tokensPerDay: number;
  mfu: number;
  tflopsPerDevice: number;
  memoryPerDeviceBytes: number;
  memory: {
    weights: number;
    gradients: number;
    optimizer: number;
    activations: number;
    reserve: number;
    total: number;
    capacity: number;
  };
  fits: boolean;
  overflowComponent: string | null;
  overflowBytes: number;
  timeToTrainS: number;
  deviceHours: number;
  deviceHoursPerTrillionTokens: number;
  costUSD: number | null;
  energyJ: number | null;
  breakdown: { compute: number; bubble: number; dpComm: number; tpComm: number; epComm: number; ppComm: number };
  flopsPerToken: number;
  microBatches: number;
  issues: PlanIssue[];
  trace: Trace;
}

export function evaluateTraining(plan: TrainingPlan, ctx: PlanContext): TrainingResult {
  const s = plan.training;
  const par = s.parallelism;
  const { model: m, accelerator: acc, system: sys } = ctx;
  const N = plan.devices;
  const issues = checkParallelism(plan, ctx, par, N / par.cp, 'training.parallelism');
  if (N % par.cp !== 0)
    issues.push({
      field: 'training.parallelism.cp',
      message: `CP ${par.cp} does not divide the ${N} devices`,
      severity: 'error',
    });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new PlanError(errors);

  const p = countParams(m);
  const lc = layerCounts(m);
  const seq = s.sequenceLength;
  const tokensPerStep = s.globalBatchTokens;
  const f = trainingFlopsPerToken(m, seq, p);
  const attnFwd = attentionFlopsPerToken(m, { mode: 'causal-mean', tokens: seq });
  const recomputeExtra = s.recompute === 'full' ? f.total / 3 : s.recompute === 'selective' ? attnFwd : 0;
  const flopsPerToken = f.total; // model FLOPs (MFU counts these, not recomputation)
  const hwFlopsPerToken = f.total + recomputeExtra;
  const bf16 = effectivePeak(acc, 'bf16').flops;
  const mm = effectivePeak(acc, s.precision === 'fp8' ? 'fp8' : 'bf16').flops;

  // ---- compute per device per step --------------------------------------------------------
  const perDeviceTokens = tokensPerStep / N;
  let compute: number;
  let computeNote: string;
  if (s.targetMfu !== null) {
    compute = (perDeviceTokens * flopsPerToken) / (bf16 * s.targetMfu);
    computeNote = `target MFU ${s.targetMfu} of the BF16 peak, end to end (bubbles and exposed communication included)`;
  } else {
    const eff = plan.efficiency.compute ?? TRAINING_COMPUTE_EFFICIENCY;
    const attn = 3 * attnFwd + (s.recompute !== 'none' ? attnFwd : 0);
    const matmul = hwFlopsPerToken - attn;
    compute = perDeviceTokens * (matmul / (mm * eff) + attn / (bf16 * eff));
    computeNote = `matmuls at ${s.precision.toUpperCase()} peak × ${eff}, attention at BF16 peak × ${eff} (${plan.efficiency.compute !== undefined ? 'plan override' : TRAINING_EFFICIENCY_SOURCE})`;
  }
  // MoE imbalance slows the expert share of compute (a target MFU is end to end: it already includes it).
  const endToEnd = s.targetMfu !== null;
  if (m.moe && !endToEnd) {
    const expertShare = p.activeByComponent.routedExperts / p.active;
    compute *= 1 + expertShare * (s.moe.loadImbalance - 1);
  }

  // ---- pipeline bubble ----------------------------------------------------------------------
  const seqsPerReplicaStep = tokensPerStep / seq / par.dp;
  const micro = Math.max(1, Math.floor(seqsPerReplicaStep / s.microBatchSequences));
  const pp = par.pp;
  const bubbleFrac =
    pp <= 1
      ? 0
      : s.parallelism.schedule === 'dualpipe'
        ? Math.max(0, pp / 2 - 1) / micro
        : s.parallelism.schedule === 'interleaved'
          ? (pp - 1) / (par.virtualStages * micro)
          : (pp - 1) / micro;
  const bubble = endToEnd ? 0 : compute * bubbleFrac;

  // ---- communication ------------------------------------------------------------------------
  const eff = ctx.efficiency;
  const dom = sys.scaleUpDomainDevices;
  const upBw = acc.scaleUpBandwidthBytesPerS.value ?? 0;
  const nicPerDev =
    acc.scaleOutBandwidthBytesPerS.value ??
    ((sys.nicBandwidthBytesPerS.value ?? 0) * (sys.nicsPerNode.value ?? 0)) / sys.devicesPerNode;
  const up: Tier = { name: 'scale-up', bandwidth: upBw as never, efficiency: eff.link, latency: LINK_LATENCY.nvlink };
  const out: Tier = {
    name: 'scale-out',
    bandwidth: nicPerDev as never,
    efficiency: eff.link,
    latency: LINK_LATENCY.ibCrossLeaf,
  };
  const c = p.byComponent;
  const denseParams =
    (c.attention + c.denseFfn + c.sharedExperts + c.router + c.norms + c.embeddings + c.lmHead) / (par.tp * pp);
  const expertParams = c.routedExperts / (pp * (par.ep > 1 ? par.ep : par.tp));
  const expertDp = Math.max(1, (par.dp * par.tp) / Math.max(par.ep, par.tp));
  const gradBytes = 2;
  // DP ranks sit in different scale-up domains unless the whole job fits in one.
  const dpTier = N <= dom ? up : out;
  const dpDense = par.dp * par.cp > 1 ? allReduce((denseParams * gradBytes) as never, par.dp * par.cp, dpTier) : null;
  const dpExpert =
    expertParams > 0 && expertDp > 1 ? allReduce((expertParams * gradBytes) as never, expertDp, dpTier) : null;
  const dpComm = (dpDense?.time ?? 0) + (dpExpert?.time ?? 0);
  const h = m.hiddenSize;
  const mbTokens = (s.microBatchSequences * seq) / par.cp;
  const layersPerStage = m.numLayers / pp;
  let tpComm = 0;
  if (par.tp > 1) {
    const rs = reduceScatter((mbTokens * h * 2) as never, par.tp, par.tp <= dom ? up : out);
    tpComm = 4 * 2 * rs.time * layersPerStage * micro; // RS + AG pairs = all-reduce volume
  }
  let epComm = 0;
  if (m.moe && par.ep > 1) {
    const tokensPerDev = mbTokens / par.tp;
    const bytes = tokensPerDev * m.moe.topK * h * (1 + 2) * 2; // fwd FP8 dispatch + BF16 combine, and the same backward
    const tier = par.ep <= dom || N <= dom ? up : out;
    epComm = allToAll(bytes as never, par.ep, tier).time * (lc.moe / pp) * micro * s.moe.loadImbalance;
  }
  const ppTier = N <= dom ? up : out;
  const ppComm =
    pp > 1 ? 2 * micro * ((mbTokens * h * 2) / (Math.max(ppTier.bandwidth, 1) * eff.link) + ppTier.latency) : 0;
  // Overlap hides at most `commOverlap` of the communication, and never more than the compute
  // it runs behind: exposed = comm − min(overlap × comm, compute).
  const commTotal = dpComm + tpComm + epComm + ppComm;
  const hidden = endToEnd ? commTotal : Math.min(s.commOverlap * commTotal, compute);
  const exposedComm = commTotal - hidden;
  const exposed = commTotal > 0 ? exposedComm / commTotal : 0;
  const stepTime = compute + bubble + exposedComm;

  // ---- memory ---------------------------------------------------------------------------------
  const bytesW = 2;
  const bytesG = 2;
  const bytesOpt = s.precision === 'fp8' ? 8 : 12;
  const zero = s.parallelism.zeroStage;
  const shard = (k: number, stage: number, dp: number): number => (zero >= stage ? k / dp : k);
  const dpDenseDeg = par.dp * par.cp;
  const weightsB = shard(denseParams * bytesW, 3, dpDenseDeg) + shard(expertParams * bytesW, 3, expertDp);
  const gradsB = shard(denseParams * bytesG, 2, dpDenseDeg) + shard(expertParams * bytesG, 2, expertDp);
  const optB = shard(denseParams * bytesOpt, 1, dpDenseDeg) + shard(expertParams * bytesOpt, 1, expertDp);
  const a = m.attention;
  const heads = a.numHeads;
  const sbh = mbTokens * h;
  const perLayerAct =
    (s.recompute === 'full'
      ? 2 * sbh
      : s.recompute === 'selective'
        ? 34 * sbh
        : sbh * (34 + (5 * heads * (seq / par.cp)) / h)) /
      (s.parallelism.sequenceParallel ? par.tp : 1) +
    (m.moe && s.recompute !== 'full'
      ? (mbTokens * m.moe.topK * m.moe.expertIntermediateSize * 4) / Math.max(1, par.tp)
      : 0);
  const inFlight = pp > 1 ? Math.min(pp, micro) : 1;
  // FP8 training caches GEMM inputs in FP8 (DeepSeek-V3 report §3.3): half the bytes.
  const actScale = s.precision === 'fp8' ? 0.5 : 1;
  const activationsB = perLayerAct * layersPerStage * inFlight * actScale;
  const capacity = acc.memoryBytes.value ?? 0;
  const reserve = capacity * 0.05;
  const total = weightsB + gradsB + optB + activationsB + reserve;
  const fits = total <= capacity;
  const comps: Array<[string, number]> = [
    ['weights', weightsB],
    ['gradients', gradsB],
    ['optimizer states', optB],
    ['activations', activationsB],
  ];
  const overflowComponent = fits ? null : comps.reduce((x, y) => (y[1] > x[1] ? y : x))[0];

  // ---- totals ----------------------------------------------------------------------------------
  const tokensPerSecond = tokensPerStep / stepTime;
  const mfu = (tokensPerSecond * flopsPerToken) / (N * bf16);
  const timeToTrain = s.totalTrainingTokens / tokensPerSecond;
  const deviceHours = (timeToTrain * N) / SECONDS_PER_HOUR;
  const price = deviceHourCost(plan, acc, ctx.cluster);
  const costUSD = price.usdPerDeviceHour === null ? null : price.usdPerDeviceHour * deviceHours;
  const energyJ = price.wattsPerDevice === null ? null : price.wattsPerDevice * N * timeToTrain;

  return {
    stepTimeS: stepTime,
    tokensPerSecond,
    tokensPerDay: tokensPerSecond * SECONDS_PER_DAY,
    mfu,
    tflopsPerDevice: mfu * bf16,
    memoryPerDeviceBytes: total,
    memory: {
      weights: weightsB,
      gradients: gradsB,
      optimizer: optB,
      activations: activationsB,
      reserve,
      total,
      capacity,
    },
    fits,
    overflowComponent,
    overflowBytes: Math.max(0, total - capacity),
    timeToTrainS: timeToTrain,
    deviceHours,
    deviceHoursPerTrillionTokens: (deviceHours / s.totalTrainingTokens) * TERA,
    costUSD,
    energyJ,
    breakdown: {
      compute,
      bubble,
      dpComm: exposed * dpComm,
      tpComm: exposed * tpComm,
      epComm: exposed * epComm,
      ppComm: exposed * ppComm,
    },
    flopsPerToken,
    microBatches: micro,
    issues,
    trace: trace(
      'Training step time',
      'compute + bubble + comm − min(overlap × comm, compute)',
      stepTime,
      's',
      [
        input('global batch', tokensPerStep, 'tokens'),
        input('devices', N, 'count'),
        input('training FLOPs per token', flopsPerToken, 'FLOP'),
        input('micro-batches per replica', micro, 'count'),
        input('exposed communication share', exposed, 'ratio'),
      ],
      [
        trace('Compute', `tokens per device × FLOPs per token ÷ rate (${computeNote})`, compute, 's'),
        trace('Pipeline bubble', `${s.parallelism.schedule}: bubble fraction × compute`, bubble, 's', [
          input('bubble fraction', bubbleFrac, 'ratio'),
        ]),
        trace(
          'DP gradient sync',
          'reduce-scatter + all-gather of the BF16 gradient shard',
          dpComm,
          's',
          [],
          [...(dpDense ? [dpDense.trace] : []), ...(dpExpert ? [dpExpert.trace] : [])],
        ),
        trace('TP collectives', '4 per layer per micro-batch', tpComm, 's'),
        trace('EP all-to-all', 'dispatch + combine, forward and backward', epComm, 's'),
        trace(
          'Memory per device',
          'weights + gradients + optimizer (ZeRO-sharded) + activations + 5% reserve',
          total,
          'bytes',
          [
            input('weights', weightsB, 'bytes'),
            input('gradients', gradsB, 'bytes'),
            input('optimizer states', optB, 'bytes', `${bytesOpt} B per parameter`),
            input('activations', activationsB, 'bytes', `recompute: ${s.recompute}`),
          ],
        ),
        price.trace,
      ],
    ),
  } satisfies TrainingResult;
}
