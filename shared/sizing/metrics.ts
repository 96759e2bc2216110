/**
 * The values of shared/metrics for an inference plan's result and for a sizing answer (a ranked
 * deployment at its load): one accessor per kind of result, so every screen, report and the CLI
 * show the same number under the same name.
 */
import type { ServingResult } from '../serving/evaluate';
import type { InferenceResult } from '../inference/evaluate';
import { METRICS, usdPerMillionTokens, type MetricId, type MetricValues } from '../metrics';
import type { InferencePlan } from '../schema/plan';
import type { SearchContext } from './search-context';
import type { RankedEntry } from './summary';

/**
 * An inference plan at its batch: TTFT of one prompt, TPOT and the throughputs at the batch; cost
 * per million tokens of every device (and of each pool's share) at the price the plan resolved.
 */
export function planMetrics(plan: Pick<InferencePlan, 'devices'>, r: InferenceResult): MetricValues {
  const usd = r.usdPerDeviceHour;
  const inputPerS = r.inputTokensPerSecondPerDevice * r.prefillDevices;
  return {
    ttft: r.ttftS,
    tpot: r.tpotS,
    outputPerUser: r.outputTokensPerSecondPerRequest,
    outputPerDevice: r.outputTokensPerSecondPerDevice,
    outputTotal: r.outputTokensPerSecond,
    prefillPerDevice: r.prefillTokensPerSecondPerDevice,
    usdPerHour: usd === null ? null : usd * plan.devices,
    usdPerMOutput: usdPerMillionTokens(usd === null ? null : usd * plan.devices, r.outputTokensPerSecond),
    decodeUsdPerMOutput: usdPerMillionTokens(usd === null ? null : usd * r.decodeDevices, r.outputTokensPerSecond),
    prefillUsdPerMInput: usdPerMillionTokens(usd === null ? null : usd * r.prefillDevices, inputPerS),
    energyPerOutputToken: r.energyPerOutputTokenJ,
    memoryPerDevice: r.memoryPerDeviceBytes,
    memoryHeadroom: r.memory.capacity > 0 ? 1 - r.memoryPerDeviceBytes / r.memory.capacity : null,
    maxBatch: r.maxBatch,
    devices: plan.devices,
    requestLatency: r.requestLatencyS,
    arTwinPerUser: r.diffusion?.ar?.tokensPerSecondPerRequest ?? null,
    bltTpotPerByte: r.blt ? r.blt.tpotPerByteS : null,
    ...servedMetrics(r),
  };
}

/** A served closed loop's mean TTFT and TPOT, where the result simulated one (serving/evaluate.ts). */
function servedMetrics(r: InferenceResult): Pick<MetricValues, 'servedTtft' | 'servedTpot'> {
  const b = (r as Partial<ServingResult>).benchmark;
  return { servedTtft: b ? b.closed.ttftS.mean : null, servedTpot: b ? b.closed.tpotS.mean : null };
}

/** A ranked deployment at the load: its copies, money, latencies at the load and utilisation. */
export function entryMetrics(sc: SearchContext, e: RankedEntry): MetricValues {
  const v = e.verdict;
  const pct = sc.spec.slo.ttftPercentile;
  return {
    devices: v.devicesTotal,
    usdPerHour: v.usdPerHour,
    capex: v.capexUSD,
    usdPerMOutput: v.usdPerMOutput,
    decodeUsdPerMOutput: v.decodeUsdPerMOutput,
    prefillUsdPerMInput: v.prefillUsdPerMInput,
    ttft: e.at ? e.at.ttftS[pct] : null,
    tpot: e.at ? e.at.tpotS : null,
    outputPerUser: e.at && e.at.tpotS > 0 ? 1 / e.at.tpotS : null,
    outputTotal: v.lambdaTotal * sc.outputMean,
    utilization: v.utilization,
  };
}

/** The label of a metric as a sizing answer states it (TTFT names its percentile; latencies are at the load). */
export function entryLabel(sc: SearchContext, id: MetricId): string {
  if (id === 'ttft') return `TTFT ${sc.spec.slo.ttftPercentile} at the load`;
  if (id === 'tpot') return 'TPOT at the load';
  return METRICS[id].label;
}

/** The columns of the ranked list, in the app, the report and the CLI. */
export const RANKED_COLUMNS: readonly MetricId[] = [
  'devices',
  'usdPerHour',
  'usdPerMOutput',
  'utilization',
  'tpot',
  'ttft',
];
