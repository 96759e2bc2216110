/**
 * Editor fields of the newer model kinds (diffusion, vision, BLT), as data (like fields.ts): a diffusion LM's
 * sampler, a vision-language model's images per request, a Byte Latent Transformer's patching.
 * ArchitectureFields shows the group that applies to the plan's model; the PDF's assumptions table
 * lists the same fields.
 */
import type { FieldDef, FieldGroup } from './fields';

export const DIFFUSION_FIELDS: FieldDef[] = [
  {
    path: 'inference.diffusion.blockTokens',
    label: 'Block',
    unit: 'tokens',
    help: 'Tokens unmasked together, block after block (semi-autoregressive); the answer’s length for one block.',
    kind: { type: 'number', step: 1 },
  },
  {
    path: 'inference.diffusion.stepsPerBlock',
    label: 'Steps per block',
    unit: 'forward passes',
    help: 'Denoising steps per block (a mean for confidence-threshold parallel decoding); block ÷ steps tokens are unmasked per step.',
    kind: { type: 'number', step: 0.25 },
  },
  {
    path: 'inference.diffusion.cache',
    label: 'Cache',
    unit: 'mode',
    help: 'none: every step a forward over prompt + answer (LLaDA); prefix: prompt and finished blocks cached (Fast-dLLM PrefixCache); dual: only the current block is computed (Fast-dLLM DualCache).',
    kind: {
      type: 'select',
      options: [
        { value: 'none', label: 'none (LLaDA)' },
        { value: 'prefix', label: 'prefix cache' },
        { value: 'dual', label: 'dual cache' },
      ],
    },
  },
];

export const IMAGE_FIELDS: FieldDef[] = [
  {
    path: 'inference.workload.images.perRequest',
    label: 'Images per request',
    unit: 'images',
    help: 'Images the vision tower encodes in each request’s prefill; their tokens join the prompt.',
    kind: { type: 'number', step: 1 },
  },
  {
    path: 'inference.workload.images.widthPx',
    label: 'Image width',
    unit: 'px',
    help: 'Width of each image before the model’s processor resizes or tiles it.',
    kind: { type: 'number', step: 1 },
  },
  {
    path: 'inference.workload.images.heightPx',
    label: 'Image height',
    unit: 'px',
    help: 'Height of each image before the model’s processor resizes or tiles it.',
    kind: { type: 'number', step: 1 },
  },
];

export const BLT_FIELDS: FieldDef[] = [
  {
    path: 'inference.workload.bytesPerPatch',
    label: 'Mean patch size',
    unit: 'bytes per patch',
    help: 'Bytes per patch of the latent transformer (BLT paper Table 1: 4.5 with entropy patching, 6.1 with space patching). Empty = 4.5.',
    kind: { type: 'number', step: 0.1 },
    nullable: true,
  },
  {
    path: 'inference.workload.bytesPerToken',
    label: 'Bytes per equivalent token',
    unit: 'bytes',
    help: 'Prompt and output lengths are in tokens of this many bytes (Llama 3’s tokenizer: 4.4 on BLT’s training mix). Empty = 4.4.',
    kind: { type: 'number', step: 0.1 },
    nullable: true,
  },
];

/** The groups that apply to a model (by its kind and parts), for the editor and the PDF. */
export function architectureGroups(m: { kind: string; vision?: unknown } | undefined): FieldGroup[] {
  if (!m) return [];
  const out: FieldGroup[] = [];
  if (m.kind === 'diffusion') out.push({ title: 'Diffusion sampler', fields: DIFFUSION_FIELDS });
  if (m.vision) out.push({ title: 'Images', fields: IMAGE_FIELDS });
  if (m.kind === 'blt') out.push({ title: 'Byte patching', fields: BLT_FIELDS });
  return out;
}
