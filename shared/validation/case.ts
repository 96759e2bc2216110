/**
 * One row of the validation table: a published measurement, the plan that states its settings,
 * and how the engine's result is turned into the published unit.
 * Each case states the setting that was published; where a setting was not published, the
 * assumption is written beside it (`assumptions`). Defaults are never tuned to one figure.
 * Every case cites the original benchmark post, paper or result log through the sources registry
 * (`presets/sources.json`): `{ doc, at }` with the table or section that holds the figure.
 */
import type { PlanInput } from '../schema/plan';
import type { Citation } from '../source';
import type { Split } from './split';

export type { Split } from './split';

/**
 * What is compared. Most names are fields of the engine's result; two are computed by the
 * validation runner from those fields (shared/validation/derived.ts):
 * - `offlineOutputTokensPerSecond`: output tokens/s of the whole deployment in an offline
 *   max-throughput run (MLPerf Offline, `trtllm-bench throughput`), prefill time shared in;
 * - `singlePromptTokensPerSecond`: prompt tokens ÷ TTFT of one prompt on an idle system
 *   (llama.cpp's `llama-bench -p`).
 * RL plans are compared by step time (`stepTimeS`) and by phase (`rl…S`: the step breakdown's
 * generation, log-prob passes, training and weight sync). Costs per million tokens
 * (`costPerMillion…USD`) compare with published serving costs at a stated device-hour price;
 * `requestLatencyMs` is one request from arrival to its last token (a diffusion LM: its sampler).
 */
export type Metric =
  | 'outputTokensPerSecondPerDevice'
  | 'inputTokensPerSecondPerDevice'
  | 'prefillTokensPerSecondPerDevice'
  | 'outputTokensPerSecondPerRequest'
  | 'offlineOutputTokensPerSecond'
  | 'singlePromptTokensPerSecond'
  | 'tpotMs'
  | 'ttftMs'
  | 'requestLatencyMs'
  | 'costPerMillionOutputTokensUSD'
  | 'costPerMillionInputTokensUSD'
  | 'deviceHoursPerTrillionTokens'
  | 'totalDeviceHours'
  | 'tokensPerDay'
  | 'stepTimeS'
  | 'tflopsPerDevice'
  | 'rlGenerationS'
  | 'rlLogprobsS'
  | 'rlTrainingS'
  | 'rlSyncS';

/**
 * How the benchmark behind a figure issued its requests (recorded as published; a closed loop's
 * TTFT and TPOT are predicted from the simulated closed loop, validation/run.ts):
 * - `closed`: a fixed number of clients, each sending its next request when its previous one has
 *   finished (`vllm bench serve --max-concurrency C`, SGLang `bench_serving --max-concurrency C`,
 *   genai-perf / AIPerf `--concurrency C`, `trtllm-bench --concurrency C`, one llama-bench stream),
 *   `requests` in all when stated, compared by the mean unless the source gives only the median;
 * - `open`: requests arrive at a rate whatever the completions (MLPerf Server: Poisson at the target
 *   rate);
 * - `offline`: every request queued at once and the engine runs as many as it can hold (MLPerf
 *   Offline, `trtllm-bench throughput` without a concurrency limit).
 */
export type Benchmark =
  | {
      mode: 'closed';
      concurrency: number;
      requests?: number;
      /** The statistic the source reports: the mean (the tools' headline), or the median where it gives no mean. */
      statistic?: 'mean' | 'p50';
    }
  | { mode: 'open'; ratePerSecond: number }
  | { mode: 'offline' };

export interface ValidationCase {
  id: string;
  /**
   * Fit or held out (docs/validation.md): cases in the table before 2026-12-07 are 'fit'; a newer
   * case takes `splitOf(id)` (shared/validation/split.ts), never a split chosen by hand.
   */
  split: Split;
  /** The original publication of the figure: registry citation(s). */
  source: Citation | Citation[];
  description: string;
  metric: Metric;
  /** Multiplier from the engine's unit to the published one (e.g. 8 GPUs per node, 1/8 per GPU). */
  scale: number;
  unit: string;
  published: number;
  assumptions: string;
  /**
   * The batch was not published, only that the run filled memory: the plan's concurrentRequests is
   * an upper bound and the runner evaluates at the largest batch that fits (the engine's maxBatch).
   */
  batchUpToMemory?: boolean;
  /** How the benchmark issued requests, where the source says (see `Benchmark`). */
  benchmark?: Benchmark;
  plan: PlanInput;
}

export const cite = (doc: string, at: string): Citation => ({ doc, at });

/** An inference plan from its parts (the cases state every published setting in `inference`). */
export const inf = (
  id: string,
  name: string,
  modelId: string,
  systemId: string,
  devices: number,
  inference: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): PlanInput =>
  ({ schemaVersion: 1, id, name, kind: 'inference', modelId, systemId, devices, inference, ...extra }) as PlanInput;
