/**
 * Every derived metric the app shows, defined once: its name, unit, formula, what it includes,
 * which direction is better and how it is written. Cards, tables, charts, Compare, the PDF reports
 * and the CLI take a metric's words and its format from here, and its value from one accessor per
 * kind of result (sizing/metrics.ts for plans and sizing answers, rl/metrics.ts for RL and
 * training runs, cluster/metrics.ts for clusters), which compute it with the formulas below.
 *
 * Values are held in base units (seconds, bytes, US dollars, joules, tokens per second) and
 * converted only by `format`.
 */
import { formatBytes, formatPercent, formatSeconds, formatSig, formatUsd, MEGA, SECONDS_PER_HOUR } from '../units';
import { formatTokensPerS, usd, whole, type Better, type DefShape } from './words';
import { RUN_DEFS } from './run-defs';

export type { Better } from './words';

export interface MetricDef {
  id: MetricId;
  /** The name a reader sees, on a card or a table row. */
  label: string;
  /** A column heading where the table is narrow (the label, unless given). */
  short: string;
  /** The unit the formatted value is written in (for a column heading or a CSV). */
  unit: string;
  /** Which direction is better; null where neither is (a count of devices). */
  better: Better | null;
  formula: string;
  /** What the number covers (which devices, which time, at which load). */
  includes: string;
  format: (v: number) => string;
}

export { formatTokensPerS } from './words';

/** $ per million tokens from a rate of spending and a rate of tokens: $/h ÷ (tokens/s × 3,600) × 10⁶. */
export function usdPerMillionTokens(usdPerHour: number | null, tokensPerSecond: number): number | null {
  if (usdPerHour === null || !(tokensPerSecond > 0) || !Number.isFinite(usdPerHour)) return null;
  return (usdPerHour / SECONDS_PER_HOUR / tokensPerSecond) * MEGA;
}

const DEFS = {
  servedTtft: {
    short: 'Served TTFT',
    label: 'TTFT served (closed loop at the plan’s concurrency)',
    unit: 's',
    better: 'lower',
    formula:
      'mean over the requests of a simulated closed loop of the plan’s concurrent requests (serving/benchmark.ts)',
    includes: 'queueing behind other prompts, chunked prefill, the per-request time: what a serving benchmark reports',
    format: formatSeconds,
  },
  servedTpot: {
    short: 'Served TPOT',
    label: 'TPOT served (closed loop at the plan’s concurrency)',
    unit: 's',
    better: 'lower',
    formula: 'mean over requests of (last token − first token) ÷ (output − 1) in the simulated closed loop',
    includes: 'decode steps slowed by other requests’ prompts in mixed iterations',
    format: formatSeconds,
  },
  requestLatency: {
    short: 'Request latency',
    label: 'Request latency (TTFT + output × TPOT; diffusion: the sampler)',
    unit: 's',
    better: 'lower',
    formula: 'TTFT + output tokens × TPOT at the plan’s batch; a diffusion LM: its sampler’s whole answer',
    includes: 'one request from its arrival to its last token',
    format: formatSeconds,
  },
  arTwinPerUser: {
    short: 'AR twin tok/s',
    label: 'Diffusion LM decoded autoregressively instead: speed per request',
    unit: 'tokens/s',
    better: 'higher',
    formula: '1 ÷ TPOT of the same model decoded token by token on the same devices and batch',
    includes: 'the autoregressive alternative a diffusion sampler is compared with',
    format: (v: number) => formatTokensPerS(v),
  },
  bltTpotPerByte: {
    short: 'TPOT per byte',
    label: 'Byte Latent Transformer: time per output byte',
    unit: 's',
    better: 'lower',
    formula: 'local decoder step per byte plus the latent step shared over a patch',
    includes: 'a byte-level model’s decoding per byte',
    format: formatSeconds,
  },
  ttft: {
    short: 'TTFT',
    label: 'TTFT',
    unit: 's',
    better: 'lower',
    formula: 'prefill of one prompt (plus queueing at the percentile, under a load)',
    includes: 'the time from a request arriving to its first output token',
    format: formatSeconds,
  },
  tpot: {
    short: 'TPOT',
    label: 'TPOT',
    unit: 's',
    better: 'lower',
    formula: 'decode step time ÷ tokens per step (speculative decoding: accepted tokens)',
    includes: 'the mean time between output tokens of one request',
    format: formatSeconds,
  },
  outputPerUser: {
    short: 'tok/s per user',
    label: 'Output speed per user',
    unit: 'tokens/s',
    better: 'higher',
    formula: '1 ÷ TPOT',
    includes: 'the output tokens per second one request receives',
    format: formatTokensPerS,
  },
  outputPerDevice: {
    short: 'Output tok/s per device',
    label: 'Output throughput per device',
    unit: 'tokens/s',
    better: 'higher',
    formula: 'output tokens per second ÷ devices producing them',
    includes: 'output (generated) tokens only, divided over the decode devices',
    format: formatTokensPerS,
  },
  outputTotal: {
    short: 'Output tok/s',
    label: 'Output throughput, deployment',
    unit: 'tokens/s',
    better: 'higher',
    formula: 'batch ÷ TPOT (at a load: requests/s × mean output tokens)',
    includes: 'output (generated) tokens of every copy; prompt tokens are not counted',
    format: formatTokensPerS,
  },
  prefillPerDevice: {
    short: 'Prefill tok/s per device',
    label: 'Prefill throughput per device',
    unit: 'tokens/s',
    better: 'higher',
    formula: 'prompt tokens prefilled per second ÷ prefill devices',
    includes: 'input (prompt) tokens computed, prefix-cache hits excluded',
    format: formatTokensPerS,
  },
  usdPerMOutput: {
    short: '$/M output',
    label: '$ / M output tokens',
    unit: 'USD',
    better: 'lower',
    formula: '$/h of every device ÷ (output tokens/s × 3,600) × 10⁶',
    includes: 'all device time the deployment rents (prefill and decode, every copy), charged to output tokens',
    format: usd,
  },
  decodeUsdPerMOutput: {
    short: 'Decode $/M output',
    label: 'Decode’s share, $ / M output tokens',
    unit: 'USD',
    better: 'lower',
    formula: 'decode’s share of device time × $/h ÷ (output tokens/s × 3,600) × 10⁶',
    includes:
      'decode devices only (separate pools), or the device time not spent prefilling (shared devices); prefill goes to input tokens',
    format: usd,
  },
  prefillUsdPerMInput: {
    short: 'Prefill $/M input',
    label: 'Prefill’s share, $ / M input tokens',
    unit: 'USD',
    better: 'lower',
    formula: 'prefill’s share of device time × $/h ÷ (input tokens/s × 3,600) × 10⁶',
    includes: 'prefill devices only (separate pools), or the device time spent prefilling (shared devices)',
    format: usd,
  },
  usdPerHour: {
    short: '$/h',
    label: 'Cost per hour',
    unit: 'USD/h',
    better: 'lower',
    formula: 'devices × $ per device-hour',
    includes: 'rental (or ownership cost spread over the hours) of every device',
    format: (v: number) => `${formatUsd(v)}/h`,
  },
  capex: {
    short: 'Purchase',
    label: 'Purchase price',
    unit: 'USD',
    better: 'lower',
    formula: 'devices × purchase price per device',
    includes: 'the devices (with their share of the node) at list price; no network or facility',
    format: usd,
  },
  energyPerOutputToken: {
    short: 'J per output token',
    label: 'Energy per output token',
    unit: 'J',
    better: 'lower',
    formula: 'decode devices × watts drawn ÷ output tokens/s',
    includes: 'device power at the plan’s fraction of TDP; no host, network or cooling',
    format: (v: number) => `${formatSig(v, 3)} J`,
  },
  memoryPerDevice: {
    short: 'Memory per device',
    label: 'Memory per device',
    unit: 'bytes',
    better: null,
    formula: 'weights + KV cache + activations + runtime reserve, per device',
    includes: 'what one device holds at the plan’s batch',
    format: (v: number) => formatBytes(v),
  },
  memoryHeadroom: {
    short: 'Memory free',
    label: 'Memory headroom',
    unit: 'share of capacity',
    better: 'higher',
    formula: '1 − memory per device ÷ device memory',
    includes: 'the share of each device’s memory left free (negative: does not fit)',
    format: (v: number) => formatPercent(v, 0),
  },
  maxBatch: {
    short: 'Max batch',
    label: 'Largest batch that fits',
    unit: 'sequences',
    better: 'higher',
    formula: 'free memory after weights ÷ KV cache per sequence',
    includes: 'sequences decoding at once across the deployment',
    format: whole,
  },
  utilization: {
    short: 'Util.',
    label: 'Utilisation',
    unit: 'share of capacity',
    better: null,
    formula: 'the load’s requests/s ÷ (copies × the most a copy carries within the objectives)',
    includes: 'how busy the copies are at the load; the target leaves headroom for bursts',
    format: (v: number) => formatPercent(v, 0),
  },
  devices: {
    short: 'Devices',
    label: 'Devices',
    unit: 'devices',
    better: null,
    formula: 'copies × devices per copy',
    includes: 'every accelerator of the deployment',
    format: whole,
  },
  ...RUN_DEFS,
} satisfies Record<string, DefShape>;

export type MetricId = keyof typeof DEFS;

export const METRICS: Readonly<Record<MetricId, MetricDef>> = Object.fromEntries(
  Object.entries(DEFS).map(([id, d]) => [
    id,
    { ...d, id: id as MetricId, better: d.better as Better | null, short: 'short' in d ? d.short : d.label },
  ]),
) as Record<MetricId, MetricDef>;

/** A metric's value as written, or `missing` when it has none (a price not set, a plan that cannot run). */
/** What a metric a result cannot give says instead, in every place: no price, no power figure, unknown. */
export function missingText(id: MetricId): string {
  if (/usd|cost/i.test(id)) return 'no price set';
  if (id === 'energyPerOutputToken') return 'unknown (no TDP)';
  return 'unknown';
}

export function formatMetric(id: MetricId, v: number | null | undefined, missing = '—'): string {
  return v === null || v === undefined || !Number.isFinite(v) ? missing : METRICS[id].format(v);
}

/** Values of metrics for one result; a metric the result does not have is absent, one it cannot give is null. */
export type MetricValues = Partial<Record<MetricId, number | null>>;

/** The index of the best value by the metric's direction (-1 when none is comparable). */
export function bestIndex(id: MetricId, values: ReadonlyArray<number | null | undefined>): number {
  const better = METRICS[id].better;
  if (!better) return -1;
  let best = -1;
  values.forEach((v, i) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    const b = best >= 0 ? values[best]! : null;
    if (b === null || (better === 'lower' ? v < b : v > b)) best = i;
  });
  return best;
}

/**
 * A result's headline figure as a card shows it and the CLI prints it (`label  value (sub)`): the
 * same words in both places.
 */
export interface HeadlineFigure {
  id: string;
  label: string;
  value: string;
  /** What the value covers, or what it leaves out. */
  sub: string;
  /** The long form of `sub` where it is shortened. */
  detail?: string;
}
