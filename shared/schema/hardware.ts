/**
 * Hardware schema: accelerators, systems (nodes, racks, supernodes) and their provenance.
 *
 * Every number is a `Sourced` value in base units (bytes, bytes/s, FLOP/s, W, USD) with the
 * document it came from: a citation of the sources registry (`{ doc, at }`, see shared/source.ts),
 * resolved to readable text by shared/sources/registry.ts. Unknown is `value: null` with a note
 * (its source, if any, is the document that was searched); doubtful is `unverified: true`.
 * Datasheet peaks are dense (no 2:4 sparsity). Scale-up bandwidth is held *per direction*
 * (unidirectional): preset files state the direction of the figure they quote and
 * `normaliseLink` converts once, at parse time (H800 NVLink "400 GB/s" bidirectional → 200 GB/s).
 * Achievable-efficiency defaults live in `efficiency`, beside — never inside — the peaks.
 */
import { z } from 'zod';
import { GIGA } from '../units';
import { describeIssues, SourceField } from '../source';
import { checkTreeAs } from './tree';

const finiteNonNeg = z.number().finite().nonnegative();

const SourcedFields = {
  value: finiteNonNeg.nullable(),
  /** Registry citation(s); free text only in user presets. Optional only when the value is unknown. */
  source: SourceField.optional(),
  note: z.string().optional(),
  unverified: z.boolean().optional(),
  /** A configuration choice of the preset (e.g. "512 GB of DDR5 in this workstation"), not a document fact: the note says what was assumed. */
  assumption: z.boolean().optional(),
};

function requireSource(
  s: { value: number | null; source?: unknown; note?: string; assumption?: boolean },
  ctx: z.RefinementCtx,
): void {
  if (s.assumption && !s.note)
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'an assumption needs a note saying what was assumed' });
  if (s.value !== null && s.source === undefined && !s.assumption)
    ctx.addIssue({ code: 'custom', path: ['source'], message: 'a known value needs its source (or assumption: true)' });
  if (s.value === null && s.source === undefined && !s.note)
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'an unknown value needs a note saying why' });
}

export const Sourced = z.object(SourcedFields).superRefine(requireSource);
export type Sourced = z.infer<typeof Sourced>;

/**
 * A sourced number with a plausible range (base units): a value outside it is a unit slip or a
 * hostile file (5e-324 FLOP/s, 10^20 bytes of HBM) and would turn into NaN or Infinity in the
 * engine, so it is refused here with the field named. `zeroOk` admits an exact 0 ("none", e.g. a
 * workstation without NICs) below the range.
 */
const rangedFields = (min: number, max: number, unit: string, zeroOk: boolean) => {
  const range = `${zeroOk ? '0 or ' : ''}between ${min.toExponential(0)} and ${max.toExponential(0)} ${unit}`;
  return {
    ...SourcedFields,
    value: finiteNonNeg
      .nullable()
      .refine((v) => v === null || (zeroOk && v === 0) || (v >= min && v <= max), `value must be ${range}`),
  };
};
export function sourcedIn(min: number, max: number, unit: string, zeroOk = false) {
  return z.object(rangedFields(min, max, unit, zeroOk)).superRefine(requireSource);
}

const flops = sourcedIn(1e9, 1e18, 'FLOP/s');
const bytesPerS = (zeroOk = false) => sourcedIn(1e6, 1e15, 'bytes/s', zeroOk);

/** A scale-up link figure as quoted: the direction is stated once, here. */
export const LinkFigure = z
  .object({ ...rangedFields(1e6, 1e15, 'bytes/s', false), direction: z.enum(['unidirectional', 'bidirectional']) })
  .superRefine(requireSource);

export const PRECISIONS = ['fp64', 'fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8', 'fp4'] as const;
export type PeakPrecision = (typeof PRECISIONS)[number];

export const EfficiencyDefault = z.object({
  /** At least 1%: below that no kernel runs, and the engine's times would overflow. */
  value: z.number().min(0.01, 'value must be at least 0.01').max(1),
  justification: z.string().min(10, 'each efficiency default needs its justification'),
  /** The documents the justification rests on (registry citations). */
  source: SourceField.optional(),
});
export type EfficiencyDefault = z.infer<typeof EfficiencyDefault>;

export const Efficiency = z.object({
  compute: EfficiencyDefault,
  memoryBandwidth: EfficiencyDefault,
  link: EfficiencyDefault,
});
export type Efficiency = z.infer<typeof Efficiency>;

export const DEVICE_KINDS = ['gpu', 'npu', 'tpu', 'cpu', 'soc'] as const;
export const FABRICS = [
  'nvlink',
  'nvl72',
  'pcie',
  'hccs',
  'ub',
  'infinity-fabric',
  'ici',
  'neuronlink',
  'ethernet',
  'none',
] as const;

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*$/, 'id must be lower-case letters, digits, dots and dashes')
  .max(80);

export const AcceleratorFile = z.object({
  id: idSchema,
  name: z.string().min(1),
  vendor: z.string().min(1),
  kind: z.enum(DEVICE_KINDS),
  /** GPU class for efficiency and calibration defaults. */
  deviceClass: z.enum(['datacenter-gpu', 'consumer-gpu', 'npu', 'tpu', 'cpu', 'apple-soc']),
  /**
   * The chip generation (hopper, blackwell, ada, ampere-ga100, …): kernel efficiencies of a part
   * nobody measured are derived first from measured parts of the same architecture
   * (kernels/prior.ts), then from its device class.
   */
  architecture: z
    .object({ value: z.string().regex(/^[a-z0-9-]{2,40}$/, 'architecture is a lower-case name'), source: SourceField })
    .optional(),
  releaseYear: sourcedIn(1950, 2200, '(year)'),
  peakFlopsPerS: z.object(Object.fromEntries(PRECISIONS.map((p) => [p, flops])) as Record<PeakPrecision, typeof flops>),
  memoryBytes: sourcedIn(1e6, 1e15, 'bytes'),
  memoryBandwidthBytesPerS: bytesPerS(),
  scaleUp: z.object({ fabric: z.enum(FABRICS), bandwidthBytesPerS: LinkFigure }),
  /** NIC bandwidth per device, per direction (a 400G NIC = 50e9 B/s). */
  scaleOutBandwidthBytesPerS: bytesPerS(),
  tdpW: sourcedIn(1, 1e5, 'W'),
  price: z.object({
    purchaseUSD: sourcedIn(0, 1e8, 'USD'),
    hourlyUSD: sourcedIn(0, 1e4, 'USD'),
    /** A committed-use (one- to three-year) rate per device-hour, where a price book gives one. */
    committedHourlyUSD: sourcedIn(0, 1e4, 'USD').optional(),
    date: z.string().min(4),
  }),
  efficiency: Efficiency,
  notes: z.string().optional(),
  user: z.boolean().optional(),
  version: z.number().int().positive().optional(),
});
export type AcceleratorFile = z.infer<typeof AcceleratorFile>;

/** The parsed accelerator: scale-up normalised to unidirectional, named as the CLI prints it. */
export interface Accelerator extends Omit<AcceleratorFile, 'scaleUp'> {
  scaleUpFabric: (typeof FABRICS)[number];
  /** Per direction (unidirectional), per device. */
  scaleUpBandwidthBytesPerS: Sourced;
}

export function normaliseLink(f: z.infer<typeof LinkFigure>): Sourced {
  if (f.value === null || f.direction === 'unidirectional') return { ...f, value: f.value };
  const note = `${f.note ? f.note + '; ' : ''}quoted as ${f.value / GIGA} GB/s bidirectional, held as ${f.value / 2 / GIGA} GB/s per direction`;
  return {
    value: f.value / 2,
    ...(f.source !== undefined ? { source: f.source } : {}),
    note,
    ...(f.unverified ? { unverified: true } : {}),
  };
}

export function parseAccelerator(raw: unknown, label = 'accelerator'): Accelerator {
  checkTreeAs(raw, label);
  const r = AcceleratorFile.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${describeIssues(r.error)}`);
  const { scaleUp, ...rest } = r.data;
  return {
    ...rest,
    scaleUpFabric: scaleUp.fabric,
    scaleUpBandwidthBytesPerS: normaliseLink(scaleUp.bandwidthBytesPerS),
  };
}

export const SystemFile = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    /** The name where room is short (a select box at 1280 × 720 holds about 36 characters); the full name goes beside it. */
    shortName: z.string().min(1).max(36).optional(),
    kind: z.enum(['node', 'rack', 'supernode', 'workstation', 'server']),
    source: SourceField,
    acceleratorId: idSchema,
    /** Accelerators per node (per server / tray). */
    devicesPerNode: z.number().int().positive().max(1024),
    /** Nodes in one system unit (NVL72: 18 trays; CloudMatrix 384: 48 servers); 1 for a plain node. */
    nodesPerSystem: z.number().int().positive().max(16_384).default(1),
    /** Devices in one scale-up domain (8 for HGX, 72 for NVL72, 384 for CloudMatrix, 9,216 for a TPU7x pod, 1 on PCIe). */
    scaleUpDomainDevices: z.number().int().positive().max(16_384),
    scaleUpFabric: z.enum(FABRICS),
    nicsPerNode: sourcedIn(1, 1024, 'NICs', true).refine((n) => n.value === null || Number.isInteger(n.value), {
      path: ['value'],
      message: 'value must be a whole number of NICs',
    }),
    /** Per NIC, per direction. */
    nicBandwidthBytesPerS: bytesPerS(true),
    hostMemoryBytes: sourcedIn(1e6, 1e16, 'bytes', true),
    hostMemoryBandwidthBytesPerS: bytesPerS(true),
    cpu: z.string().optional(),
    /** CPU-side compute for offloaded experts (AMX/AVX-512 BF16), FLOP/s; null = unknown. */
    hostFlopsPerS: sourcedIn(1e6, 1e18, 'FLOP/s').optional(),
    purchaseUSD: sourcedIn(0, 1e10, 'USD'),
    powerW: sourcedIn(0, 1e8, 'W'),
    notes: z.string().optional(),
    user: z.boolean().optional(),
    version: z.number().int().positive().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.scaleUpDomainDevices > s.devicesPerNode * s.nodesPerSystem)
      ctx.addIssue({
        code: 'custom',
        path: ['scaleUpDomainDevices'],
        message: 'scale-up domain is larger than the system',
      });
  });
export type SystemSpec = z.infer<typeof SystemFile>;

export function parseSystem(raw: unknown, label = 'system'): SystemSpec {
  checkTreeAs(raw, label);
  const r = SystemFile.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${describeIssues(r.error)}`);
  return r.data;
}

/** Peak FLOP/s for a compute precision, falling back along bf16 ← fp16 when one is unknown. */
export function peakFlops(a: Accelerator, p: PeakPrecision): number | null {
  const v = a.peakFlopsPerS[p].value;
  if (v !== null) return v;
  if (p === 'fp16') return a.peakFlopsPerS.bf16.value;
  if (p === 'bf16') return a.peakFlopsPerS.fp16.value;
  return null;
}

export const RENTAL_TERMS = ['on-demand', 'committed'] as const;
export type RentalTerm = (typeof RENTAL_TERMS)[number];

/** A priced accelerator's rental figure for a term (pricedAccelerator puts the book's there). */
export const rentalFigure = (acc: Accelerator, term: RentalTerm): Sourced | undefined =>
  term === 'committed' ? acc.price.committedHourlyUSD : acc.price.hourlyUSD;

/** Its rate in $ per device-hour, or null when no book or preset gives one for the term. */
export const rentalRate = (acc: Accelerator, term: RentalTerm): number | null => rentalFigure(acc, term)?.value ?? null;
