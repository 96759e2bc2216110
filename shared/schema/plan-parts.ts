/**
 * The parts of a plan (plan.ts) that its kinds share: the number fields with their messages, the
 * efficiency overrides, prices (rental on demand or on a committed term, or ownership), the
 * parallel layout, a component's own precision, the serving stack and a diffusion LM's sampler.
 */
import { z } from 'zod';
import { NumericFormat } from '../precision';
import { SERVING_STACKS } from './kernels';
import { RENTAL_TERMS } from './hardware';

export const count = (f: string, max: number) =>
  z
    .number({ error: `${f} must be a number` })
    .int(`${f} must be a whole number`)
    .min(1, `${f} must be at least 1`)
    .max(max, `${f} must be at most ${max}`);
export const fraction = (f: string) =>
  z
    .number({ error: `${f} must be a number` })
    .min(0, `${f} must be ≥ 0`)
    .max(1, `${f} must be ≤ 1`);
export const positive = (f: string, max = 1e15) =>
  z
    .number({ error: `${f} must be a number` })
    .positive(`${f} must be > 0`)
    .max(max, `${f} is too large`);
export const nonNeg = (f: string, max = 1e15) =>
  z
    .number({ error: `${f} must be a number` })
    .min(0, `${f} must be ≥ 0`)
    .max(max, `${f} is too large`);

/**
 * An achieved fraction of a peak: at least 1%, as for the hardware presets' defaults (below that
 * no kernel runs, and times divided by it overflow: fuzz found targetMfu 5e-324 → stepTimeS
 * Infinity).
 */
export const achieved = (f: string) =>
  z
    .number({ error: `${f} must be a number` })
    .min(0.01, `${f} must be at least 0.01 (1%)`)
    .max(1, `${f} must be at most 1`);

export const EfficiencyOverrides = z.object({
  /** Achievable fraction of peak FLOP/s; omitted = the device's documented default. */
  compute: achieved('compute').optional(),
  memoryBandwidth: achieved('memoryBandwidth').optional(),
  link: achieved('link').optional(),
});
export type EfficiencyOverrides = z.infer<typeof EfficiencyOverrides>;

export const Prices = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('hourly'),
    /** null = the price book's rate for the system (or the device preset's), at `rate`. */
    usdPerDeviceHour: nonNeg('prices.usdPerDeviceHour', 1e6).nullable(),
    /** Which of the book's rental rates: on demand, or a committed (one- to three-year) term. */
    rate: z.enum(RENTAL_TERMS).default('on-demand'),
  }),
  z.object({
    mode: z.literal('ownership'),
    /** null = the price book's purchase price per device for the system (or the device preset's). */
    purchaseUsdPerDevice: nonNeg('prices.purchaseUsdPerDevice', 1e9).nullable().default(null),
    amortisationYears: positive('prices.amortisationYears', 50).min(
      0.1,
      'prices.amortisationYears must be at least 0.1',
    ),
    powerUsdPerKWh: nonNeg('prices.powerUsdPerKWh', 100),
    pue: z.number().min(1, 'prices.pue must be ≥ 1').max(5),
    /** Other yearly cost (hosting, support) as a fraction of the purchase price. */
    opexFractionPerYear: nonNeg('prices.opexFractionPerYear', 10).default(0),
  }),
]);
export type Prices = z.infer<typeof Prices>;

export const Parallelism = z.object({
  tp: count('parallelism.tp', 4096).default(1),
  pp: count('parallelism.pp', 4096).default(1),
  /** Expert parallel degree: the routed experts are spread over this many devices. */
  ep: count('parallelism.ep', 65536).default(1),
  /** Data-parallel replicas of attention (DeepSeek "DP attention"); devices = tp × pp × dp. */
  dp: count('parallelism.dp', 65536).default(1),
});
export type Parallelism = z.infer<typeof Parallelism>;

/**
 * An inference engine's layout: dp is attention data parallelism inside one engine (its EP spans
 * the DP ranks), distinct from independent engine copies.
 */
export const InferenceParallelism = Parallelism.extend({
  /** Independent engine copies (each its own scheduler and EP group); devices = replicas × tp × pp × dp. */
  replicas: count('parallelism.replicas', 65536).default(1),
  /**
   * Tensor parallelism inside each expert (MoE TP); omitted = TP × DP ÷ EP (without EP the experts
   * are tensor-parallel over all TP × DP ranks, as vLLM and SGLang run DP attention). MoE TP × EP
   * must equal TP × DP (every rank of the stage holds a share of every layer).
   */
  moeTp: count('parallelism.moeTp', 4096).optional(),
});
export type InferenceParallelism = z.infer<typeof InferenceParallelism>;

/** A component's own precision (FP8 attention beside NVFP4 experts); omitted = the plan's. */
export const ComponentPrecision = z.object({
  weights: NumericFormat,
  compute: z.enum(['bf16', 'fp8', 'fp4', 'int8']),
});
export type ComponentPrecision = z.infer<typeof ComponentPrecision>;

/** The serving stack whose kernels and behaviour time the plan; generic = no particular stack. */
export const ServingStack = z.object({
  name: z.enum(SERVING_STACKS).default('generic'),
  /** A release (e.g. 1.3.0rc20, 0.5.14, 0.24.0); null = the newest measured. */
  version: z
    .string()
    .max(40)
    .regex(/^[0-9A-Za-z.+-]+$/, 'serving.stack.version may hold digits, letters, ".", "+" and "-"')
    .nullable()
    .default(null),
});
export type ServingStack = z.infer<typeof ServingStack>;

/**
 * How a masked-diffusion LM generates (LLaDA, Dream; Fast-dLLM, dKV-Cache): the answer is
 * unmasked block by block (semi-autoregressively), each block over `stepsPerBlock` denoising
 * steps of one forward pass each, so block ÷ steps tokens are unmasked per step on average
 * (threshold-based parallel decoding: a fractional mean). The cache keeps K/V of what does not
 * change within a block: none (every step a forward over prompt + the whole answer), the prompt
 * and finished blocks ('prefix': the current block and the still-masked rest are recomputed), or
 * both sides ('dual': only the current block is computed); caches are refreshed by a full forward
 * at each block's first step.
 */
export const DiffusionSampler = z.object({
  blockTokens: count('diffusion.blockTokens', 1 << 20),
  stepsPerBlock: z
    .number({ error: 'diffusion.stepsPerBlock must be a number' })
    .min(1, 'diffusion.stepsPerBlock must be at least 1')
    .max(1 << 20, 'diffusion.stepsPerBlock is too large'),
  cache: z.enum(['none', 'prefix', 'dual']).default('none'),
});
export type DiffusionSampler = z.infer<typeof DiffusionSampler>;
