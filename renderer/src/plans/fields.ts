/**
 * The plan editor's fields: path in the plan, label, unit, meaning (tooltip) and input kind.
 * Kept as data so the editor, the PDF assumptions table and tests share one description.
 */
import { NUMERIC_FORMATS } from '@shared/precision';
import type { Catalog } from '@shared/plan/context';
import type { Plan } from '@shared/schema/plan';
import { SERVING_STACKS } from '@shared/schema/kernels';
import { stackLabel } from '@shared/kernels/kernel-set';
import { rentalRate } from '@shared/schema/hardware';
import { pricedAccelerator } from '@shared/schema/prices';
import { getPath } from './paths';
import {
  reservePlaceholder,
  schedulerPlaceholder,
  servingStackOf,
  stepOverheadPlaceholder,
  versionOptions,
} from './stack-versions';

/** A number field's bounds (whole number, minimum, maximum) come from the plan schema (bounds.ts). */
export type FieldKind =
  | { type: 'number'; step?: number }
  | { type: 'select'; options: Array<{ value: string; label: string }>; numeric?: boolean; boolean?: boolean }
  | { type: 'bool' };

export interface FieldDef {
  path: string;
  label: string;
  unit: string;
  help: string;
  kind: FieldKind;
  /** Empty means null (the schema's "not set": a preset's or the newest value). */
  nullable?: boolean;
  /** Empty means the field is left out of the plan (an optional setting: the engine's default applies). */
  optional?: boolean;
  /** What an empty field shows: the default it stands for. */
  placeholder?: string;
  /** Shown value = stored value ÷ scale (GB/s shown for bytes/s stored). */
  scale?: number;
  /** Shown only while this holds. */
  when?: (plan: Plan) => boolean;
  /** Takes a whole row of the editor (a select whose options are long). */
  wide?: boolean;
  /** Options that depend on the plan and the catalog (a stack's measured versions on the plan's device). */
  optionsOf?: (plan: Plan, catalog: Catalog) => Array<{ value: string; label: string }>;
  /** A placeholder that depends on the plan (the stack's default). */
  placeholderOf?: (plan: Plan, catalog: Catalog) => string;
  /** Fields set along with this one: a value of the old setting that means nothing under the new one. */
  resets?: Array<[path: string, value: unknown]>;
}

/** A field as shown for this plan (its plan-dependent options and placeholder filled in), or null when hidden. */
export function resolveField(def: FieldDef, plan: Plan, catalog: Catalog): FieldDef | null {
  if (def.when && !def.when(plan)) return null;
  const out = { ...def };
  if (def.optionsOf && def.kind.type === 'select') out.kind = { ...def.kind, options: def.optionsOf(plan, catalog) };
  if (def.placeholderOf) out.placeholder = def.placeholderOf(plan, catalog);
  return out;
}

export interface FieldGroup {
  title: string;
  fields: FieldDef[];
}

/** A field's value as the report writes it: an option's label, a scaled number, or the default an empty field stands for. */
export function fieldText(raw: FieldDef, plan: Plan, catalog: Catalog): string | null {
  const def = resolveField(raw, plan, catalog);
  if (!def) return null;
  const v = getPath(plan, def.path);
  const option = def.kind.type === 'select' ? def.kind.options.find((o) => o.value === String(v ?? '')) : undefined;
  if (option) return option.label;
  if (v === undefined || v === null) return def.placeholder ? `default: ${def.placeholder}` : '—';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  const shown = typeof v === 'number' && def.scale ? Number((v / def.scale).toPrecision(12)) : v;
  return `${String(shown)} ${def.unit}`;
}

const FP8_SCALING_OPTIONS = [
  { value: '', label: 'default' },
  { value: 'tensor', label: 'per tensor' },
  { value: 'block', label: '128 × 128 blocks' },
];

const CHUNKED_OPTIONS = [
  { value: '', label: 'stack default' },
  { value: 'true', label: 'on' },
  { value: 'false', label: 'off' },
];

/**
 * The serving stack and its release, at `prefix` (a served plan's "inference", an RL plan's rollout
 * engine "rl.rollout"): the same select of stacks and of the releases measured on the plan's device.
 */
export function stackFields(
  prefix: 'inference' | 'rl.rollout',
  what: string,
  labels = { stack: 'Stack', version: 'Version' },
): FieldDef[] {
  const path = `${prefix}.serving.stack`;
  return [
    {
      path: `${path}.name`,
      label: labels.stack,
      unit: 'engine',
      help: `${what} Generic: the median of the stacks measured on the device.`,
      kind: {
        type: 'select',
        options: SERVING_STACKS.map((s) => ({ value: s, label: s === 'generic' ? 'Generic' : stackLabel(s) })),
      },
      resets: [[`${path}.version`, null]],
      wide: true,
    },
    {
      path: `${path}.version`,
      label: labels.version,
      unit: 'release',
      help: 'The release whose kernel measurements time the plan. Newest measured: the latest measured on this plan’s device; a release not measured on it is timed with the nearest one measured.',
      kind: { type: 'select', options: [] },
      nullable: true,
      wide: true,
      when: (p) => (servingStackOf(p)?.name ?? 'generic') !== 'generic',
      optionsOf: (p, catalog) => {
        const st = servingStackOf(p);
        if (!st) return [];
        const acc = catalog.systems.find((s) => s.id === p.systemId)?.acceleratorId ?? '';
        return versionOptions(acc, st.name, st.version);
      },
    },
  ];
}

/** An optional number of the serving scheduler whose empty field shows the stack's default. */
const schedulerNumber = (
  path: string,
  key: 'maxBatchedTokens' | 'maxRunning' | 'requestOverheadS' | 'tokenizeSPerToken',
  text: { label: string; unit: string; help: string },
  step?: number,
): FieldDef => ({
  path: `inference.serving.scheduler.${path}`,
  ...text,
  kind: step === undefined ? { type: 'number' } : { type: 'number', step },
  optional: true,
  placeholderOf: (p, c) => schedulerPlaceholder(p, c, key),
});

const fmt = NUMERIC_FORMATS.map((f) => ({ value: f, label: f.toUpperCase().replace('GGUF-', 'GGUF ') }));

export const COMMON_FIELDS: FieldGroup = {
  title: 'Deployment',
  fields: [
    {
      path: 'devices',
      label: 'Devices',
      unit: 'devices',
      help: 'Total accelerators in the deployment (engine copies × TP × PP × DP for inference; TP × PP × DP × CP for training).',
      kind: { type: 'number' },
    },
    {
      path: 'powerFractionOfTdp',
      label: 'Power drawn',
      unit: '× TDP',
      help: 'Average power per device as a fraction of its TDP, for energy and ownership cost.',
      kind: { type: 'number', step: 0.05 },
    },
  ],
};

export const INFERENCE_GROUPS: FieldGroup[] = [
  {
    title: 'Parallelism',
    fields: [
      {
        path: 'inference.parallelism.tp',
        label: 'Tensor parallel (TP)',
        unit: 'devices',
        help: 'Each layer’s matrices split across this many devices; needs fast scale-up links.',
        kind: { type: 'number' },
      },
      {
        path: 'inference.parallelism.pp',
        label: 'Pipeline parallel (PP)',
        unit: 'stages',
        help: 'Layers split into this many stages.',
        kind: { type: 'number' },
      },
      {
        path: 'inference.parallelism.dp',
        label: 'Data parallel (DP)',
        unit: 'attention ranks',
        help: 'Replicas of attention inside one engine (DeepSeek “DP attention”); its EP spans them. Devices = copies × TP × PP × DP.',
        kind: { type: 'number' },
      },
      {
        path: 'inference.parallelism.ep',
        label: 'Expert parallel (EP)',
        unit: 'devices',
        help: 'Routed experts spread over this many devices (MoE models).',
        kind: { type: 'number' },
      },
      {
        path: 'inference.parallelism.replicas',
        label: 'Engine copies',
        unit: 'copies',
        help: 'Independent copies of the engine, each with its own scheduler, KV cache and EP group; the load is shared among them. Devices = copies × TP × PP × DP.',
        kind: { type: 'number' },
        when: (p) => p.kind !== 'inference' || p.inference.serving.disaggregation === null,
      },
      {
        path: 'inference.parallelism.moeTp',
        label: 'MoE tensor parallel',
        unit: 'devices per expert',
        help: 'MoE models: each expert’s matrices split over this many devices, beside expert parallelism; MoE TP × EP = TP × DP. Empty = TP × DP ÷ EP (without EP the experts are split over all TP × DP devices, as vLLM and SGLang run DP attention).',
        kind: { type: 'number' },
        optional: true,
        placeholder: 'TP × DP ÷ EP',
      },
    ],
  },
  {
    title: 'Precision',
    fields: [
      {
        path: 'inference.precision.weights',
        label: 'Weights',
        unit: 'format',
        help: 'Storage format of the weights, block scales included.',
        kind: { type: 'select', options: fmt },
      },
      {
        path: 'inference.precision.compute',
        label: 'Matmul precision',
        unit: 'format',
        help: 'Tensor-core rate the matmuls run at (falls back to BF16 when the device lacks it).',
        kind: {
          type: 'select',
          options: ['bf16', 'fp8', 'fp4', 'int8'].map((v) => ({ value: v, label: v.toUpperCase() })),
        },
      },
      {
        path: 'inference.precision.fp8Scaling',
        label: 'FP8 scaling',
        unit: 'granularity',
        help: 'How the FP8 weights are scaled, which picks the GEMM kernels that time them: one scale per tensor (NVIDIA ModelOpt checkpoints) or per 128 × 128 block with per-token-group activation scales (DeepSeek’s and Qwen’s official FP8 releases). Empty = blocks for MoE models, per tensor for dense ones.',
        kind: { type: 'select', options: FP8_SCALING_OPTIONS },
        optional: true,
        when: (p) => p.kind !== 'inference' || p.inference.precision.compute === 'fp8',
        optionsOf: (p, c) => {
          const moe = !!c.models.find((m) => m.id === p.modelId)?.moe;
          return [{ value: '', label: `default: ${moe ? 'blocks' : 'per tensor'}` }, ...FP8_SCALING_OPTIONS.slice(1)];
        },
      },
      {
        path: 'inference.precision.kvCache',
        label: 'KV cache',
        unit: 'format',
        help: 'Element format of the KV cache.',
        kind: {
          type: 'select',
          options: ['bf16', 'fp16', 'fp8', 'int8', 'int4', 'fp32'].map((v) => ({ value: v, label: v.toUpperCase() })),
        },
      },
      {
        path: 'inference.precision.dispatch',
        label: 'EP dispatch',
        unit: 'format',
        help: 'Element size of tokens sent to experts (DeepSeek: FP8; TensorRT-LLM wide EP and SGLang on Blackwell: NVFP4 to NVFP4 experts).',
        kind: {
          type: 'select',
          options: [
            { value: 'fp8', label: 'FP8 (1 B)' },
            { value: 'bf16', label: 'BF16 (2 B)' },
            { value: 'nvfp4', label: 'NVFP4 (0.5625 B)' },
          ],
        },
      },
    ],
  },
  {
    title: 'Workload',
    fields: [
      {
        path: 'inference.workload.promptTokens',
        label: 'Prompt',
        unit: 'tokens',
        help: 'Input tokens per request.',
        kind: { type: 'number' },
      },
      {
        path: 'inference.workload.outputTokens',
        label: 'Output',
        unit: 'tokens',
        help: 'Generated tokens per request.',
        kind: { type: 'number' },
      },
      {
        path: 'inference.workload.concurrentRequests',
        label: 'Concurrent requests',
        unit: 'sequences',
        help: 'Sequences decoding at once across the deployment (the batch).',
        kind: { type: 'number' },
      },
      {
        path: 'inference.workload.prefixCacheHitRate',
        label: 'Prefix-cache hits',
        unit: 'fraction 0–1',
        help: 'Share of prompt tokens served from a cache instead of computed.',
        kind: { type: 'number', step: 0.05 },
      },
    ],
  },
  {
    title: 'Serving',
    fields: [
      {
        path: 'inference.serving.dualMicroBatch',
        label: 'Dual micro-batch overlap',
        unit: 'on/off',
        help: 'Two half-batches: one computes while the other communicates (DeepSeek).',
        kind: { type: 'bool' },
      },
      {
        path: 'inference.serving.expertOffload',
        label: 'Experts in host memory',
        unit: 'on/off',
        help: 'Routed experts run on the CPU from DDR (KTransformers); attention stays on the GPU.',
        kind: { type: 'bool' },
      },
      {
        path: 'inference.serving.kvOffload',
        label: 'KV cache offload',
        unit: 'on/off',
        help: 'KV cache in host memory, streamed over PCIe each step.',
        kind: { type: 'bool' },
      },
      {
        path: 'inference.serving.runtimeReserveFraction',
        label: 'Memory kept free',
        unit: 'fraction 0–1',
        help: 'Kept out of the KV cache for the runtime. vLLM, SGLang: of the device (1 − gpu_memory_utilization); TensorRT-LLM: of what weights and activations leave (1 − kv_cache_free_gpu_memory_fraction). Empty = the stack’s default.',
        kind: { type: 'number', step: 0.01 },
        nullable: true,
        placeholderOf: reservePlaceholder,
      },
      {
        path: 'inference.moe.loadImbalance',
        label: 'Expert load imbalance',
        unit: '× mean',
        help: 'Tokens on the hottest expert rank ÷ the mean; the hottest rank sets the pace.',
        kind: { type: 'number', step: 0.05 },
      },
      {
        path: 'inference.stepOverheadS',
        label: 'Per-step overhead',
        unit: 's',
        help: 'Launch, scheduling and sampling time per decode step. Empty = the serving stack’s.',
        kind: { type: 'number', step: 0.0001 },
        nullable: true,
        placeholderOf: stepOverheadPlaceholder,
      },
    ],
  },
  {
    title: 'Serving stack',
    fields: [
      ...stackFields('inference', 'The serving engine whose measured kernels and scheduler time the plan.'),
      {
        path: 'inference.serving.scheduler.policy',
        label: 'Scheduler policy',
        unit: 'policy',
        help: 'Mixed: each iteration decodes every running sequence and fills the rest of its token budget with prompt chunks (vLLM, TensorRT-LLM). Prefill first: waiting prompts are prefilled while decoding waits (SGLang’s default). Empty = the stack’s.',
        kind: {
          type: 'select',
          options: [
            { value: '', label: 'stack default' },
            { value: 'mixed', label: 'mixed' },
            { value: 'prefill-first', label: 'prefill first' },
          ],
        },
        optional: true,
        wide: true,
        optionsOf: (p, c) => [
          { value: '', label: `stack default (${schedulerPlaceholder(p, c, 'policy')})` },
          { value: 'mixed', label: 'mixed' },
          { value: 'prefill-first', label: 'prefill first' },
        ],
      },
      schedulerNumber('maxBatchedTokens', 'maxBatchedTokens', {
        label: 'Max batched tokens',
        unit: 'tokens per iteration',
        help: 'Tokens one iteration may process, decode tokens included (vLLM max_num_batched_tokens, TensorRT-LLM max_num_tokens, SGLang chunked_prefill_size). Empty = the stack’s.',
      }),
      {
        path: 'inference.serving.scheduler.chunkedPrefill',
        label: 'Chunked prefill',
        unit: 'on/off',
        help: 'On: a prompt longer than what is left of the token budget is split over iterations (vLLM, SGLang). Off: it waits, whole, for an iteration with room (TensorRT-LLM unless enable_chunked_prefill is set). Empty = the stack’s.',
        kind: { type: 'select', options: CHUNKED_OPTIONS, boolean: true },
        optional: true,
        optionsOf: (p, c) => [
          { value: '', label: `stack default (${schedulerPlaceholder(p, c, 'chunkedPrefill')})` },
          ...CHUNKED_OPTIONS.slice(1),
        ],
      },
      schedulerNumber('maxRunningRequests', 'maxRunning', {
        label: 'Max running requests',
        unit: 'sequences per copy',
        help: 'Sequences one engine copy may decode at once (max_num_seqs, max_batch_size); the rest queue. Empty = the stack’s.',
      }),
      schedulerNumber(
        'requestOverheadS',
        'requestOverheadS',
        {
          label: 'Per-request overhead',
          unit: 's',
          help: 'Fixed time per request outside the iterations: HTTP, admission, detokenization of the first token (tokenization is the next field). Empty = the stack’s.',
        },
        0.001,
      ),
      schedulerNumber(
        'tokenizeSPerToken',
        'tokenizeSPerToken',
        {
          label: 'Tokenization time',
          unit: 's per prompt token',
          help: 'Host time to tokenize one prompt token before the engine sees the request; it adds to TTFT (a 100,000-token prompt: about 0.19 s at the default). Image tokens are not tokenized. Empty = measured on one CPU core (1.94 µs).',
        },
        0.0000001,
      ),
    ],
  },
];

export const TRAINING_GROUPS: FieldGroup[] = [
  {
    title: 'Parallelism',
    fields: [
      {
        path: 'training.parallelism.tp',
        label: 'Tensor parallel (TP)',
        unit: 'devices',
        help: 'Matrices split across devices inside a scale-up domain.',
        kind: { type: 'number' },
      },
      {
        path: 'training.parallelism.pp',
        label: 'Pipeline parallel (PP)',
        unit: 'stages',
        help: 'Layers split into stages.',
        kind: { type: 'number' },
      },
      {
        path: 'training.parallelism.dp',
        label: 'Data parallel (DP)',
        unit: 'replicas',
        help: 'Model replicas; devices = TP × PP × DP × CP.',
        kind: { type: 'number' },
      },
      {
        path: 'training.parallelism.ep',
        label: 'Expert parallel (EP)',
        unit: 'devices',
        help: 'Routed experts spread over devices.',
        kind: { type: 'number' },
      },
      {
        path: 'training.parallelism.cp',
        label: 'Context parallel (CP)',
        unit: 'devices',
        help: 'Sequence split across devices.',
        kind: { type: 'number' },
      },
      {
        path: 'training.parallelism.zeroStage',
        label: 'ZeRO stage',
        unit: '0–3',
        help: '1 shards optimizer states, 2 also gradients, 3 also weights.',
        kind: {
          type: 'select',
          options: ['0', '1', '2', '3'].map((v) => ({ value: v, label: `ZeRO-${v}` })),
          numeric: true,
        },
      },
      {
        path: 'training.parallelism.schedule',
        label: 'Pipeline schedule',
        unit: 'schedule',
        help: '1F1B, interleaved (virtual stages) or DualPipe.',
        kind: {
          type: 'select',
          options: [
            { value: '1f1b', label: '1F1B' },
            { value: 'interleaved', label: 'Interleaved' },
            { value: 'dualpipe', label: 'DualPipe' },
          ],
        },
      },
    ],
  },
  {
    title: 'Batch and precision',
    fields: [
      {
        path: 'training.globalBatchTokens',
        label: 'Global batch',
        unit: 'tokens',
        help: 'Tokens per optimizer step.',
        kind: { type: 'number' },
      },
      {
        path: 'training.sequenceLength',
        label: 'Sequence length',
        unit: 'tokens',
        help: 'Tokens per training sequence.',
        kind: { type: 'number' },
      },
      {
        path: 'training.microBatchSequences',
        label: 'Micro-batch',
        unit: 'sequences',
        help: 'Sequences per micro-batch per replica.',
        kind: { type: 'number' },
      },
      {
        path: 'training.precision',
        label: 'Precision',
        unit: 'format',
        help: 'BF16 mixed precision, or FP8 as DeepSeek-V3 trains.',
        kind: {
          type: 'select',
          options: [
            { value: 'bf16', label: 'BF16' },
            { value: 'fp8', label: 'FP8 mixed' },
          ],
        },
      },
      {
        path: 'training.recompute',
        label: 'Activation recomputation',
        unit: 'mode',
        help: 'Trade compute for activation memory.',
        kind: { type: 'select', options: ['none', 'selective', 'full'].map((v) => ({ value: v, label: v })) },
      },
      {
        path: 'training.totalTrainingTokens',
        label: 'Training tokens',
        unit: 'tokens',
        help: 'Total tokens to train on.',
        kind: { type: 'number' },
      },
      {
        path: 'training.commOverlap',
        label: 'Communication overlap',
        unit: 'fraction 0–1',
        help: 'Share of communication hidden behind compute.',
        kind: { type: 'number', step: 0.05 },
      },
    ],
  },
];

export const PRICE_FIELD: FieldDef = {
  path: 'prices.usdPerDeviceHour',
  label: 'Price',
  unit: '$ / device-hour',
  help: 'Rental price per device-hour. Empty = the price book’s rate for the system at the term below (Hardware → Price book), else the device preset’s.',
  kind: { type: 'number', step: 0.1 },
  nullable: true,
  placeholderOf: bookRatePlaceholder,
};

/** What an empty Price stands for: the price book's rate for the plan's system at its term. */
function bookRatePlaceholder(plan: Plan, catalog: Catalog): string {
  const sys = catalog.systems.find((s) => s.id === plan.systemId);
  const acc = sys && catalog.accelerators.find((a) => a.id === sys.acceleratorId);
  const rate = acc
    ? rentalRate(
        pricedAccelerator(acc, sys.id, catalog),
        plan.prices.mode === 'hourly' ? plan.prices.rate : 'on-demand',
      )
    : null;
  return rate === null ? 'no price known' : `${rate} (price book)`;
}

export const RATE_FIELD: FieldDef = {
  path: 'prices.rate',
  label: 'Rental term',
  unit: 'price book rate',
  help: 'Which of the price book’s rates an empty Price stands for: on demand, or a committed (one- to three-year) term.',
  kind: {
    type: 'select',
    options: [
      { value: 'on-demand', label: 'on demand' },
      { value: 'committed', label: 'committed term' },
    ],
  },
};

export const SPEC_FIELDS: FieldDef[] = [
  {
    path: 'inference.serving.speculative.draftTokens',
    label: 'Draft tokens',
    unit: 'tokens per step',
    help: 'Tokens proposed per step (MTP modules or a draft model).',
    kind: { type: 'number' },
  },
  {
    path: 'inference.serving.speculative.acceptanceRate',
    label: 'Acceptance rate',
    unit: 'fraction 0–1',
    help: 'Probability each draft token is accepted (DeepSeek-V3 MTP: 0.85–0.90).',
    kind: { type: 'number', step: 0.05 },
  },
];

export const DISAGG_FIELDS: FieldDef[] = [
  {
    path: 'inference.serving.disaggregation.prefillDevices',
    label: 'Prefill devices',
    unit: 'devices',
    help: 'Devices that only run prefill; prefill + decode = the plan’s devices.',
    kind: { type: 'number' },
  },
  {
    path: 'inference.serving.disaggregation.decodeDevices',
    label: 'Decode devices',
    unit: 'devices',
    help: 'Devices that only decode, in decode workers of TP × PP × DP devices each.',
    kind: { type: 'number' },
  },
];

/** Per-component precision (attention projections, routed experts), each switched on and off in the editor. */
const computeOptions = ['bf16', 'fp8', 'fp4', 'int8'].map((v) => ({ value: v, label: v.toUpperCase() }));
const componentFields = (part: 'attention' | 'experts', name: string): FieldDef[] => [
  {
    path: `inference.precision.${part}.weights`,
    label: `${name} weights`,
    unit: 'format',
    help: `Storage format of the ${name.toLowerCase()} weights, instead of the plan’s.`,
    kind: { type: 'select', options: fmt },
  },
  {
    path: `inference.precision.${part}.compute`,
    label: `${name} matmuls`,
    unit: 'format',
    help: `Tensor-core rate the ${name.toLowerCase()} matmuls run at, instead of the plan’s.`,
    kind: { type: 'select', options: computeOptions },
  },
];
export const COMPONENT_FIELDS = {
  attention: componentFields('attention', 'Attention'),
  experts: componentFields('experts', 'Expert'),
} as const;

const prefillCount = (k: 'tp' | 'pp' | 'ep' | 'dp', label: string, unit: string, help: string): FieldDef => ({
  path: `inference.serving.disaggregation.prefill.${k}`,
  label,
  unit,
  help,
  kind: { type: 'number' },
});

/** The prefill pool's own layout (a prefill worker: TP × PP × DP devices). */
export const PREFILL_FIELDS: FieldDef[] = [
  prefillCount('tp', 'Prefill TP', 'devices', 'Tensor parallelism of a prefill worker.'),
  prefillCount('pp', 'Prefill PP', 'stages', 'Pipeline stages of a prefill worker.'),
  prefillCount('dp', 'Prefill DP', 'attention ranks', 'Attention data parallelism of a prefill worker.'),
  prefillCount('ep', 'Prefill EP', 'devices', 'Expert parallelism of a prefill worker; it divides TP × DP.'),
];

export const KV_TRANSFER_FIELD: FieldDef = {
  path: 'inference.serving.disaggregation.kvTransferBytesPerS',
  label: 'KV transfer bandwidth',
  unit: 'GB/s per prefill worker',
  help: 'Bandwidth each prefill worker sends its KV cache to the decode pool at (10⁹ bytes/s). Empty = the prefill worker’s scale-out links.',
  kind: { type: 'number' },
  optional: true,
  scale: 1e9,
  placeholder: 'prefill links',
};
