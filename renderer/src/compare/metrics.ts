/** Rows of the comparison table: how to read each metric and which direction is better. */
import { GIGA, SECONDS_PER_DAY } from '@shared/units';
import type { EvaluateResponse } from '../engine/protocol';

export interface MetricRow {
  key: string;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
  get: (r: EvaluateResponse) => number | null;
}

const inf =
  (f: (r: Extract<EvaluateResponse, { kind: 'inference' }>['result']) => number | null) => (r: EvaluateResponse) =>
    r.ok && r.kind === 'inference' ? f(r.result) : null;
const tr =
  (f: (r: Extract<EvaluateResponse, { kind: 'training' }>['result']) => number | null) => (r: EvaluateResponse) =>
    r.ok && r.kind === 'training' ? f(r.result) : null;

const rl = (f: (r: Extract<EvaluateResponse, { kind: 'rl' }>['result']) => number | null) => (r: EvaluateResponse) =>
  r.ok && r.kind === 'rl' ? f(r.result) : null;

export const METRICS: MetricRow[] = [
  { key: 'ttft', label: 'TTFT', unit: 'ms', better: 'lower', get: inf((r) => r.ttftMs) },
  { key: 'tpot', label: 'TPOT', unit: 'ms', better: 'lower', get: inf((r) => r.tpotMs) },
  {
    key: 'perReq',
    label: 'Output speed per request',
    unit: 'tokens/s',
    better: 'higher',
    get: inf((r) => r.outputTokensPerSecondPerRequest),
  },
  {
    key: 'latency',
    label: 'Request latency (TTFT + output × TPOT; diffusion: the sampler)',
    unit: 'ms',
    better: 'lower',
    get: inf((r) => r.requestLatencyMs),
  },
  {
    key: 'arTwin',
    label: 'Diffusion LM decoded autoregressively instead: speed per request',
    unit: 'tokens/s',
    better: 'higher',
    get: inf((r) => r.diffusion?.ar?.tokensPerSecondPerRequest ?? null),
  },
  {
    key: 'bltByte',
    label: 'Byte Latent Transformer: TPOT per byte',
    unit: 'ms',
    better: 'lower',
    get: inf((r) => (r.blt ? r.blt.tpotPerByteS * 1e3 : null)),
  },
  {
    key: 'perDev',
    label: 'Output throughput per device',
    unit: 'tokens/s',
    better: 'higher',
    get: inf((r) => r.outputTokensPerSecondPerDevice),
  },
  {
    key: 'total',
    label: 'Output throughput, deployment',
    unit: 'tokens/s',
    better: 'higher',
    get: inf((r) => r.outputTokensPerSecond),
  },
  {
    key: 'prefill',
    label: 'Prefill per device',
    unit: 'tokens/s',
    better: 'higher',
    get: inf((r) => r.prefillTokensPerSecondPerDevice),
  },
  {
    key: 'maxBatch',
    label: 'Largest batch that fits',
    unit: 'sequences',
    better: 'higher',
    get: inf((r) => r.maxBatch),
  },
  {
    key: 'mem',
    label: 'Memory per device',
    unit: 'GB',
    better: 'lower',
    get: (r) => (r.ok ? r.result.memoryPerDeviceBytes / GIGA : null),
  },
  {
    key: 'costOut',
    label: 'Cost per million output tokens',
    unit: 'USD',
    better: 'lower',
    get: inf((r) => r.costPerMillionOutputTokensUSD),
  },
  {
    key: 'costIn',
    label: 'Cost per million input tokens',
    unit: 'USD',
    better: 'lower',
    get: inf((r) => r.costPerMillionInputTokensUSD),
  },
  {
    key: 'energy',
    label: 'Energy per output token',
    unit: 'J',
    better: 'lower',
    get: inf((r) => r.energyPerOutputTokenJ),
  },
  { key: 'step', label: 'Step time', unit: 's', better: 'lower', get: tr((r) => r.stepTimeS) },
  { key: 'mfu', label: 'MFU', unit: '%', better: 'higher', get: tr((r) => r.mfu * 100) },
  {
    key: 'days',
    label: 'Time to train',
    unit: 'days',
    better: 'lower',
    get: tr((r) => r.timeToTrainS / SECONDS_PER_DAY),
  },
  { key: 'trainCost', label: 'Cost to train', unit: 'USD', better: 'lower', get: tr((r) => r.costUSD) },
  // RL plans (issue 16)
  { key: 'rlStep', label: 'RL step time', unit: 's', better: 'lower', get: rl((r) => r.stepTimeS) },
  { key: 'rlGenS', label: 'Generation phase', unit: 's', better: 'lower', get: rl((r) => r.breakdownS.generation) },
  { key: 'rlTail', label: 'Generation tail', unit: 's', better: 'lower', get: rl((r) => r.rollout.gen.tailS) },
  {
    key: 'rlTrainS',
    label: 'Log-probs + reward + training',
    unit: 's',
    better: 'lower',
    get: rl((r) => r.breakdownS.logprobs + r.breakdownS.reward + r.breakdownS.training),
  },
  { key: 'rlSync', label: 'Weight sync and switch', unit: 's', better: 'lower', get: rl((r) => r.breakdownS.sync) },
  {
    key: 'rlIdle',
    label: 'Idle per step (device-weighted)',
    unit: 's',
    better: 'lower',
    get: rl((r) => r.breakdownS.idle),
  },
  {
    key: 'rlGenTok',
    label: 'Tokens generated per second',
    unit: 'tokens/s',
    better: 'higher',
    get: rl((r) => r.generatedTokensPerSecond),
  },
  {
    key: 'rlGenTokDev',
    label: 'Tokens generated per second per device',
    unit: 'tokens/s',
    better: 'higher',
    get: rl((r) => r.generatedTokensPerSecond / r.pools.devices),
  },
  { key: 'rlHours', label: 'Device-hours for the run', unit: 'h', better: 'lower', get: rl((r) => r.deviceHours) },
  { key: 'rlCost', label: 'Cost of the run', unit: 'USD', better: 'lower', get: rl((r) => r.costUSD) },
];

export function bestIndex(values: Array<number | null>, better: 'lower' | 'higher'): number {
  let best = -1;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const b = best >= 0 ? values[best]! : null;
    if (b === null || (better === 'lower' ? v < b : v > b)) best = i;
  });
  return best;
}
