/**
 * The operator catalog: every operator slot of a step (its id, name, block, kind and overlap
 * group), in the order of the step table's rows (operators.ts OpTable), and the rate sources as
 * small integers for the builders' hot path.
 */
import type { Block, OpGroup, OpKind, RateSource } from './operators';

/** Static description of every operator slot; the table's rows follow this order. */
export const OP_SPECS = [
  { id: 'attn.proj', name: 'attention projections', block: 'attention', kind: 'gemm', group: 'attention' },
  {
    id: 'attn.core.full',
    name: 'attention core (full)',
    block: 'attention',
    kind: 'attention-decode',
    group: 'attention',
  },
  {
    id: 'attn.core.sliding',
    name: 'attention core (sliding)',
    block: 'attention',
    kind: 'attention-decode',
    group: 'attention',
  },
  {
    id: 'attn.sparse.proj',
    name: 'sparse attention: indexer (DSA) or branch K/V (NSA) projections',
    block: 'attention',
    kind: 'gemm',
    group: 'attention',
  },
  {
    id: 'attn.sparse.index',
    name: 'sparse attention: indexer scores (DSA) or compression (NSA)',
    block: 'attention',
    kind: 'attention-decode',
    group: 'attention',
  },
  {
    id: 'attn.sparse.select',
    name: 'sparse attention: top-k selection over the scores',
    block: 'attention',
    kind: 'elementwise',
    group: 'attention',
  },
  {
    id: 'attn.linear.core',
    name: 'linear attention (state)',
    block: 'attention',
    kind: 'elementwise',
    group: 'attention',
  },
  {
    id: 'attn.linear.proj',
    name: 'linear-attention projections',
    block: 'attention',
    kind: 'gemm',
    group: 'attention',
  },
  {
    id: 'vision.encoder',
    name: 'vision tower: patch embedding and ViT layers',
    block: 'vision',
    kind: 'gemm',
    group: 'attention',
  },
  {
    id: 'vision.attention',
    name: 'vision tower: attention over patches',
    block: 'vision',
    kind: 'attention-decode',
    group: 'attention',
  },
  { id: 'vision.projector', name: 'vision projector (merger)', block: 'vision', kind: 'gemm', group: 'attention' },
  { id: 'ffn.dense', name: 'dense FFN', block: 'ffn', kind: 'gemm', group: 'dense' },
  {
    id: 'ffn.elementwise',
    name: 'element-wise, dense layers (norms, RoPE, activation)',
    block: 'ffn',
    kind: 'elementwise',
    group: 'dense',
  },
  {
    id: 'moe.elementwise',
    name: 'element-wise, MoE layers (norms, RoPE, activation)',
    block: 'moe',
    kind: 'elementwise',
    group: 'moe',
  },
  { id: 'moe.shared', name: 'shared experts', block: 'moe', kind: 'gemm', group: 'moe' },
  { id: 'moe.routed', name: 'routed experts', block: 'moe', kind: 'grouped-gemm', group: 'moe' },
  { id: 'moe.router', name: 'router', block: 'moe', kind: 'gemm', group: 'moe' },
  { id: 'head', name: 'LM head', block: 'head', kind: 'gemm', group: 'step' },
  { id: 'comm.tp', name: 'TP all-reduce × 2 per layer', block: 'comm', kind: 'collective', group: 'attention' },
  { id: 'comm.ep', name: 'EP dispatch + combine', block: 'comm', kind: 'collective', group: 'moe' },
  { id: 'comm.pp', name: 'PP stage-to-stage sends', block: 'comm', kind: 'collective', group: 'step' },
  { id: 'overhead', name: 'per-step overhead', block: 'overhead', kind: 'host', group: 'step' },
] as const satisfies ReadonlyArray<{ id: string; name: string; block: Block; kind: OpKind; group: OpGroup }>;

export type OpId = (typeof OP_SPECS)[number]['id'];
const index = Object.fromEntries(OP_SPECS.map((s, i) => [s.id, i])) as Record<OpId, number>;
/** Row of each operator in the table. */
export const OP = index;
export const OP_COUNT = OP_SPECS.length;

export const RATE_SOURCES: RateSource[] = [
  'datasheet',
  'calibration',
  'override',
  'host',
  'link',
  'fixed',
  'measured',
  'derived',
];
/** Rate sources as small integers, as the builders pass them (a string-keyed lookup per operator is slow). */
export const SRC = {
  datasheet: 0,
  calibration: 1,
  override: 2,
  host: 3,
  link: 4,
  fixed: 5,
  measured: 6,
  derived: 7,
} as const;
export type SourceCode = (typeof SRC)[RateSource];
