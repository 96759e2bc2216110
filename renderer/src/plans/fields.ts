/**
 * The plan editor's fields: path in the plan, label, unit, meaning (tooltip) and input kind.
 * Kept as data so the editor, the PDF assumptions table and tests share one description.
 */
import { NUMERIC_FORMATS } from '@shared/precision';

/** A number field's bounds (whole number, minimum, maximum) come from the plan schema (bounds.ts). */
export type FieldKind =
  | { type: 'number'; step?: number }
  | { type: 'select'; options: Array<{ value: string; label: string }>; numeric?: boolean }
  | { type: 'bool' };

export interface FieldDef {
  path: string;
  label: string;
  unit: string;
  help: string;
  kind: FieldKind;
  /** Optional: a value to show when the field is absent/null. */
  nullable?: boolean;
}

export interface FieldGroup {
  title: string;
  fields: FieldDef[];
}

const fmt = NUMERIC_FORMATS.map((f) => ({ value: f, label: f.toUpperCase().replace('GGUF-', 'GGUF ') }));

export const COMMON_FIELDS: FieldGroup = {
  title: 'Deployment',
  fields: [
    {
      path: 'devices',
      label: 'Devices',
      unit: 'devices',
      help: 'Total accelerators in the deployment (TP × PP × DP for inference; × CP for training).',
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
        unit: 'replicas',
        help: 'Replicas of attention (DeepSeek “DP attention”). Devices = TP × PP × DP.',
        kind: { type: 'number' },
      },
      {
        path: 'inference.parallelism.ep',
        label: 'Expert parallel (EP)',
        unit: 'devices',
        help: 'Routed experts spread over this many devices (MoE models).',
        kind: { type: 'number' },
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
        help: 'Element size of tokens sent to experts (DeepSeek: FP8).',
        kind: {
          type: 'select',
          options: [
            { value: 'fp8', label: 'FP8 (1 B)' },
            { value: 'bf16', label: 'BF16 (2 B)' },
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
        help: 'Launch, scheduling and sampling time per decode step.',
        kind: { type: 'number', step: 0.0001 },
      },
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
  help: 'Rental price per device-hour. Empty = the device preset’s price, if it has one.',
  kind: { type: 'number', step: 0.1 },
  nullable: true,
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
    help: 'Devices that only decode; TP × PP × DP must equal this.',
    kind: { type: 'number' },
  },
];
