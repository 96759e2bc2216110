/**
 * The sizing spec: what a deployment must serve and the limits it must respect — a model, a
 * workload (load, prompt and output lengths as distributions, prefix-cache hits), service-level
 * objectives (TTFT at a percentile, TPOT or tokens/s per user, optional end-to-end latency) and
 * constraints (hardware shortlist, device and budget caps, allowed precisions and strategies).
 * Versioned like plans (`schemaVersion`; older files migrate, newer ones are refused), stored in
 * the app's database and exported as `.clustersearch.json`.
 */
import { z } from 'zod';
import { SERVING_STACKS } from './kernels';
import { RENTAL_TERMS } from './hardware';
import { ModelArchitecture } from './model';
import { KvFormat, NumericFormat } from '../precision';
import { checkTree, withoutBom } from './tree';
import { describeIssues, SourceRef } from '../source';
import { LengthDistribution } from './distribution';
import { ImagesPerRequest } from './images';
import { MILLI } from '../units';

export const SIZING_SCHEMA_VERSION = 1;

const positive = (f: string, max: number) =>
  z
    .number({ error: `${f} must be a number` })
    .positive(`${f} must be > 0`)
    .max(max, `${f} must be at most ${max}`);

export const Load = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('arrival-rate'), requestsPerSecond: positive('workload.load.requestsPerSecond', 1e7) }),
  z.object({
    mode: z.literal('throughput'),
    /** Aggregate output tokens per second the deployment must produce. */
    outputTokensPerSecond: positive('workload.load.outputTokensPerSecond', 1e10),
  }),
  z.object({
    mode: z.literal('concurrent-users'),
    users: positive('workload.load.users', 1e9),
    /** Seconds a user waits between receiving an answer and sending the next request. */
    thinkTimeS: z.number().min(0, 'workload.load.thinkTimeS must be ≥ 0').max(86_400).default(30),
  }),
]);
export type Load = z.infer<typeof Load>;

export const Percentile = z.enum(['p50', 'p90', 'p95', 'p99']);
export type SloPercentile = z.infer<typeof Percentile>;

/** The utilisation copies are sized for by default: 80% of the most a copy carries within the SLOs. */
export const DEFAULT_TARGET_UTILIZATION = 0.8;

export const Slo = z
  .object({
    ttftMs: positive('slo.ttftMs', 3.6e6),
    ttftPercentile: Percentile.default('p90'),
    /** Mean TPOT per request; give this or outputTokensPerSecondPerUser. */
    tpotMs: positive('slo.tpotMs', 1e5).optional(),
    outputTokensPerSecondPerUser: positive('slo.outputTokensPerSecondPerUser', 1e5).optional(),
    /** Optional end-to-end latency (TTFT + output × TPOT), at the mean output length. */
    e2eMs: positive('slo.e2eMs', 3.6e7).optional(),
    /**
     * Headroom: copies are sized to run at most at this share of the largest arrival rate a copy
     * carries within the objectives (1 = no headroom; the default leaves 20% for bursts).
     */
    targetUtilization: z
      .number({ error: 'slo.targetUtilization must be a number' })
      .gt(0, 'slo.targetUtilization must be > 0')
      .max(1, 'slo.targetUtilization must be at most 1')
      .default(DEFAULT_TARGET_UTILIZATION),
    /**
     * Size at the engine's estimate, or at the pessimistic edge of its error band: every candidate's
     * decode step and prompt prefill taken at the 90th-percentile time of its class's band
     * (serving/bands.ts: where its rates come from, dense or MoE), so the answer holds if the
     * engine is as far off as 90% of the validation cases of that class.
     */
    sizeAt: z.enum(['estimate', 'pessimistic']).default('estimate'),
  })
  .refine((s) => s.tpotMs !== undefined || s.outputTokensPerSecondPerUser !== undefined, {
    message: 'give slo.tpotMs or slo.outputTokensPerSecondPerUser',
    path: ['tpotMs'],
  });
export type Slo = z.infer<typeof Slo>;

export const Strategies = z.object({
  tp: z.boolean().default(true),
  pp: z.boolean().default(false),
  ep: z.boolean().default(true),
  /**
   * DeepSeek-style data-parallel attention replicas inside one copy: with EP for the experts, or,
   * when EP is off, with the experts tensor-parallel over all the copy's devices (vLLM's default).
   */
  dpAttention: z.boolean().default(true),
  disaggregation: z.boolean().default(false),
  /** Prefill devices ÷ decode devices tried when disaggregation is allowed. */
  disaggregationRatios: z
    .array(positive('constraints.strategies.disaggregationRatios', 64))
    .max(12)
    .default([0.5, 1, 2]),
  /**
   * Disaggregated MoE prefill pools also tried with a layout of their own, as DeepSeek runs prefill
   * beside a TP decode: TP1 with attention DP over the pool's devices and the experts EP over them.
   */
  prefillDpAttention: z.boolean().default(false),
  /**
   * Disaggregated prefill pools also tried on each other searched system (heterogeneous
   * disaggregation: prefill on one system, decode on another, the KV cache over the prefill
   * workers' scale-out links).
   */
  prefillOnOtherSystems: z.boolean().default(false),
  speculative: z.boolean().default(false),
  /** Draft tokens per step and acceptance per draft when speculative decoding is tried (MTP: 1 and 0.85). */
  speculativeDraftTokens: z.number().int().min(1).max(16).default(1),
  speculativeAcceptance: z.number().min(0).max(1).default(0.8),
  kvOffload: z.boolean().default(false),
});

export const Constraints = z.object({
  /** System ids (presets or the user's own) the search may use. */
  systems: z.array(z.string().min(1).max(100)).min(1, 'constraints.systems: pick at least one system').max(64),
  /** Serving stacks to search over (each times the steps with its own kernels and behaviour). */
  stacks: z
    .array(z.enum(SERVING_STACKS))
    .min(1, 'constraints.stacks: pick at least one stack')
    .max(4)
    .default(['generic']),
  maxDevices: z
    .number()
    .int()
    .min(1)
    .max(1 << 20)
    .default(1024),
  budget: z
    .object({
      usdPerHour: positive('constraints.budget.usdPerHour', 1e9).nullable().default(null),
      capexUSD: positive('constraints.budget.capexUSD', 1e13).nullable().default(null),
    })
    .default({ usdPerHour: null, capexUSD: null }),
  precisions: z
    .object({
      weights: z.array(NumericFormat).min(1).default(['bf16', 'fp8']),
      compute: z
        .array(z.enum(['bf16', 'fp8', 'fp4', 'int8']))
        .min(1)
        .default(['bf16', 'fp8']),
      kvCache: z.array(KvFormat).min(1).default(['bf16']),
    })
    .default({ weights: ['bf16', 'fp8'], compute: ['bf16', 'fp8'], kvCache: ['bf16'] }),
  strategies: Strategies.default(Strategies.parse({})),
  /** Which of the price book's rental rates prices a system not listed in usdPerDeviceHour. */
  rentalTerm: z.enum(RENTAL_TERMS).default('on-demand'),
  /** $ per device-hour by system id; a system not listed uses the price book's rate at rentalTerm (else its accelerator preset's). */
  usdPerDeviceHour: z.record(z.string(), positive('constraints.usdPerDeviceHour', 1e6)).default({}),
});
export type Constraints = z.infer<typeof Constraints>;

export const SizingSpec = z.object({
  schemaVersion: z.literal(SIZING_SCHEMA_VERSION),
  kind: z.literal('cluster-planner-sizing-spec'),
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/, 'id may hold letters, digits, ".", "_" and "-"'),
  name: z.string().min(1, 'name is empty').max(200),
  notes: z.string().max(20_000).optional(),
  /** Where the example's workload and objectives come from (registry citations; free text for a user's own spec). */
  source: SourceRef.optional(),
  createdAt: z.string().max(40).optional(),
  updatedAt: z.string().max(40).optional(),
  modelId: z.string().min(1).max(100),
  model: ModelArchitecture.optional(),
  workload: z.object({
    load: Load,
    prompt: LengthDistribution,
    output: LengthDistribution,
    prefixCacheHitRate: z.number().min(0).max(0.99, 'workload.prefixCacheHitRate must be < 1').default(0),
    /** Images per request for a vision-language model (as a plan's workload.images): the tower runs in prefill, their tokens join the prompt. */
    images: ImagesPerRequest.optional(),
  }),
  slo: Slo,
  constraints: Constraints,
});
export type SizingSpec = z.infer<typeof SizingSpec>;
export type SizingSpecInput = z.input<typeof SizingSpec>;

export class SizingSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SizingSpecError';
  }
}

/** Parses a spec from its JSON text or object; refuses newer versions and hostile trees, naming the field. */
export function parseSizingSpec(raw: unknown, label = 'sizing spec'): SizingSpec {
  let obj = raw;
  if (typeof raw === 'string') {
    const text = withoutBom(raw);
    if (text.length > 8 * 1024 * 1024) throw new SizingSpecError(`${label}: (file): is larger than 8 MiB`);
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new SizingSpecError(`${label}: (file): is not valid JSON (${(e as Error).message})`);
    }
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    throw new SizingSpecError(`${label}: (root): must be an object`);
  try {
    checkTree(obj, '', 0);
  } catch (e) {
    throw new SizingSpecError(`${label}: ${(e as Error).message}`);
  }
  const kind = (obj as { kind?: unknown }).kind;
  if (kind === 'inference' || kind === 'training' || kind === 'rl')
    throw new SizingSpecError(
      `${label}: kind: "${kind}" is a plan (.clusterplan.json), not a sizing spec: evaluate it with cluster-planner infer, train or rl, or give search a .clustersearch.json`,
    );
  if (kind === 'cluster-planner-cluster')
    throw new SizingSpecError(`${label}: kind: "${kind}" is a cluster sketch, not a sizing spec`);
  const v = (obj as { schemaVersion?: unknown }).schemaVersion;
  if (typeof v === 'number' && v > SIZING_SCHEMA_VERSION)
    throw new SizingSpecError(
      `${label}: schemaVersion: ${v} is newer than this app understands (${SIZING_SCHEMA_VERSION}); update Cluster Planner`,
    );
  const r = SizingSpec.safeParse(obj);
  if (!r.success) throw new SizingSpecError(`${label}: ${describeIssues(r.error)}`);
  return r.data;
}

/** TPOT target in seconds (from tpotMs or tokens/s per user). */
export const tpotTargetS = (s: Slo): number =>
  s.tpotMs !== undefined ? s.tpotMs * MILLI : 1 / (s.outputTokensPerSecondPerUser as number);
