// The models deployed in 2026, each transcribed from its config.json: the
// parameter count of every preset against the totals its makers publish, within 3% (or half the
// unit a rounded figure is given in, "10B" meaning 9.5–10.5B). A miss says the config was
// transcribed wrong. Where the schema cannot express part of an architecture, the case computes
// the difference from config.json's own fields and says why; nothing is fitted to the totals.
// Also: the hybrid and grouped structures the presets stand for, and the TPU peaks as Google's
// pages print them.
import { describe, expect, it } from 'vitest';
import { findAccelerator, findModel, findSystem } from '../../presets/load';
import { countParams, kvBytesPerToken, layerCounts, type ModelArchitecture } from '../../shared/model';

const model = (id: string): ModelArchitecture => {
  const m = findModel(id);
  if (!m) throw new Error(`no preset ${id}`);
  return m;
};

/**
 * What a published figure counts. 'all': every parameter of the language model (Qwen, Moonshot,
 * StepFun, Huawei, Z.ai for GLM-5). 'no-embeddings': without the input embedding and the output
 * head (MiniMax's active count; the existing minimax-m1 preset's 45.9B is counted the same way).
 * 'no-embeddings+mtp': without them but with the MTP layer (the GLM-4.5 report, Table 1 caption:
 * "we include the parameters of MTP layers but not word embeddings and the output layer").
 */
type Basis = 'all' | 'no-embeddings' | 'no-embeddings+mtp';

function counted(m: ModelArchitecture, what: 'total' | 'active', basis: Basis): number {
  const p = countParams(m);
  const embeddings = p.byComponent.embeddings + p.byComponent.lmHead;
  const base = what === 'total' ? p.total : p.active;
  if (basis === 'all') return base;
  if (basis === 'no-embeddings') return base - embeddings;
  // An MTP module is one block: all of it counts in the total, its top-k experts in the active count.
  const mtpModules = m.mtp?.numModules ?? 0;
  const idleExperts = m.moe ? (m.moe.numRoutedExperts - m.moe.topK) * p.perLayer.expert : 0;
  const mtp = what === 'total' ? p.mtp : p.mtp - mtpModules * idleExperts;
  return base - embeddings + mtp;
}

/**
 * Step-3's attention (MFA) has a low-rank query: hidden → share_q_dim, a norm, then share_q_dim →
 * heads × head_dim. The preset writes it as MQA with a full-rank query (hidden × heads × head_dim),
 * which the schema can express; this is the difference per layer, from config.json's fields.
 */
const STEP3 = { hidden: 7168, layers: 61, heads: 64, headDim: 256, shareQDim: 2048 };
const step3FullRankQueryExcess =
  STEP3.layers *
  (STEP3.hidden * STEP3.heads * STEP3.headDim -
    (STEP3.hidden * STEP3.shareQDim + STEP3.shareQDim + STEP3.shareQDim * STEP3.heads * STEP3.headDim));

interface Case {
  id: string;
  what: 'total' | 'active';
  published: number;
  /** The unit the published figure is rounded to (1e9 for "10B", 1e7 for "71.99B"). */
  unit: number;
  basis: Basis;
  /** Where the figure is published (a presets/sources.json document and locator). */
  where: string;
  /** Parameters the schema counts that the checkpoint does not have (subtracted), with the reason. */
  schemaExcess?: number;
}

const CASES: Case[] = [
  {
    id: 'qwen3-32b',
    what: 'total',
    published: 32.8e9,
    unit: 1e8,
    basis: 'all',
    where: 'hf-qwen3-32b: "Number of Parameters: 32.8B"',
  },
  {
    id: 'qwen3-32b',
    what: 'total',
    published: 31.2e9,
    unit: 1e8,
    basis: 'no-embeddings',
    where: 'hf-qwen3-32b: "Non-Embedding: 31.2B"',
  },
  {
    id: 'qwen3.5-397b-a17b',
    what: 'total',
    published: 397e9,
    unit: 1e9,
    basis: 'all',
    where: 'hf-qwen3.5-397b-a17b: 397B total',
  },
  {
    id: 'qwen3.5-397b-a17b',
    what: 'active',
    published: 17e9,
    unit: 1e9,
    basis: 'all',
    where: 'hf-qwen3.5-397b-a17b: 17B activated',
  },
  {
    id: 'qwen3.5-122b-a10b',
    what: 'total',
    published: 122e9,
    unit: 1e9,
    basis: 'all',
    where: 'hf-qwen3.5-122b-a10b: 122B total',
  },
  {
    id: 'qwen3.5-122b-a10b',
    what: 'active',
    published: 10e9,
    unit: 1e9,
    basis: 'all',
    where: 'hf-qwen3.5-122b-a10b: 10B activated',
  },
  {
    id: 'qwen3.5-35b-a3b',
    what: 'total',
    published: 35e9,
    unit: 1e9,
    basis: 'all',
    where: 'hf-qwen3.5-35b-a3b: 35B total',
  },
  // "3B" is the name's rounding (Qwen3-30B-A3B's card gives 3.3B for its "A3B"); the count is 3.45B.
  {
    id: 'qwen3.5-35b-a3b',
    what: 'active',
    published: 3e9,
    unit: 1e9,
    basis: 'all',
    where: 'hf-qwen3.5-35b-a3b: 3B activated',
  },
  {
    id: 'minimax-m2',
    what: 'total',
    published: 230e9,
    unit: 1e9,
    basis: 'all',
    where: 'hf-minimax-m2: 230 billion total parameters',
  },
  {
    id: 'minimax-m2',
    what: 'active',
    published: 10e9,
    unit: 1e9,
    basis: 'no-embeddings',
    where: 'hf-minimax-m2: 10 billion active parameters',
  },
  {
    id: 'glm-4.5',
    what: 'total',
    published: 355e9,
    unit: 1e9,
    basis: 'no-embeddings+mtp',
    where: 'glm-4.5-report Table 1: 355B total',
  },
  {
    id: 'glm-4.5',
    what: 'active',
    published: 32e9,
    unit: 1e9,
    basis: 'no-embeddings+mtp',
    where: 'glm-4.5-report Table 1: 32B activated',
  },
  {
    id: 'glm-4.6',
    what: 'total',
    published: 355e9,
    unit: 1e9,
    basis: 'no-embeddings+mtp',
    where: 'glm-4.5-report Table 1 (same architecture)',
  },
  {
    id: 'glm-4.6',
    what: 'active',
    published: 32e9,
    unit: 1e9,
    basis: 'no-embeddings+mtp',
    where: 'glm-4.5-report Table 1 (same architecture)',
  },
  {
    id: 'glm-4.5-air',
    what: 'total',
    published: 106e9,
    unit: 1e9,
    basis: 'no-embeddings+mtp',
    where: 'glm-4.5-report Table 1: 106B total',
  },
  {
    id: 'glm-4.5-air',
    what: 'active',
    published: 12e9,
    unit: 1e9,
    basis: 'no-embeddings+mtp',
    where: 'glm-4.5-report Table 1: 12B activated',
  },
  { id: 'glm-5', what: 'total', published: 744e9, unit: 1e9, basis: 'all', where: 'hf-glm-5: 744B parameters' },
  { id: 'glm-5', what: 'active', published: 40e9, unit: 1e9, basis: 'all', where: 'hf-glm-5: 40B active' },
  {
    id: 'kimi-k2',
    what: 'total',
    published: 1043e9,
    unit: 1e9,
    basis: 'all',
    where: 'glm-4.5-report Table 1: Kimi K2 1043B total',
  },
  {
    id: 'kimi-k2',
    what: 'active',
    published: 32e9,
    unit: 1e9,
    basis: 'all',
    where: 'hf-kimi-k2-instruct: 32B activated',
  },
  {
    id: 'kimi-k2.5',
    what: 'total',
    published: 1043e9,
    unit: 1e9,
    basis: 'all',
    where: 'hf-kimi-k2.5: 1T total (Kimi K2 language model, 1043B)',
  },
  { id: 'kimi-k2.5', what: 'active', published: 32e9, unit: 1e9, basis: 'all', where: 'hf-kimi-k2.5: 32B activated' },
  {
    id: 'step-3',
    what: 'total',
    published: 316e9,
    unit: 1e9,
    basis: 'all',
    where: 'step3-paper §2: 316B (LLM)',
    schemaExcess: step3FullRankQueryExcess,
  },
  {
    id: 'step-3',
    what: 'active',
    published: 38e9,
    unit: 1e9,
    basis: 'all',
    where: 'step3-paper §2: 38B activated per token',
    schemaExcess: step3FullRankQueryExcess,
  },
  {
    id: 'pangu-pro-moe',
    what: 'total',
    published: 71.99e9,
    unit: 1e7,
    basis: 'all',
    where: 'pangu-pro-moe-paper Table 1: 71.99B',
  },
  {
    id: 'pangu-pro-moe',
    what: 'active',
    published: 16.5e9,
    unit: 1e7,
    basis: 'all',
    where: 'pangu-pro-moe-paper Table 1: 16.50B activated',
  },
];

describe('2026 model presets: parameter counts against the published totals (3%, or the rounding of the figure)', () => {
  for (const c of CASES) {
    it(`${c.id} ${c.what} ≈ ${c.published / 1e9}B (${c.where})`, () => {
      const n = counted(model(c.id), c.what, c.basis) - (c.schemaExcess ?? 0);
      const tolerance = Math.max(0.03, c.unit / 2 / c.published);
      expect(Math.abs(n / c.published - 1), `${c.id} ${c.what}: counted ${(n / 1e9).toFixed(2)}B`).toBeLessThan(
        tolerance,
      );
    });
  }
  it('every new preset has a case, and its published block names the same totals', () => {
    const ids = new Set(CASES.map((c) => c.id));
    for (const id of ids) {
      const m = model(id);
      expect(m.published?.totalParams, id).toBeGreaterThan(0);
      const total = CASES.find((c) => c.id === id && c.what === 'total')!;
      expect(Math.abs(m.published!.totalParams! / total.published - 1), id).toBeLessThan(0.01);
    }
  });
  it("Step-3's full-rank query is the only gap: 69.2M parameters per layer, 4.2B in all", () => {
    expect(step3FullRankQueryExcess / STEP3.layers).toBe(69_203_968);
    const p = countParams(model('step-3'));
    // 238.6M per layer written as MQA against 169.3M for MFA's q/k/v/o in the checkpoint.
    expect(p.perLayer.attentionFull).toBe(238_551_040);
    expect(p.perLayer.attentionFull - step3FullRankQueryExcess / STEP3.layers).toBe(169_347_072);
  });
});

describe('structures the presets stand for', () => {
  // Qwen3.5 Gated DeltaNet layer, from config.json: in_proj_qkvz, in_proj_ba, a depthwise conv
  // (kernel 4, no bias) over 2·key_dim + value_dim channels, A_log and dt_bias, a gated RMSNorm of
  // head_v_dim, out_proj; plus a third of a full-attention layer's output gate (h × heads × 256).
  const qwen35 = [
    { id: 'qwen3.5-397b-a17b', h: 4096, layers: 60, heads: 32, vHeads: 64 },
    { id: 'qwen3.5-122b-a10b', h: 3072, layers: 48, heads: 32, vHeads: 64 },
    { id: 'qwen3.5-35b-a3b', h: 2048, layers: 40, heads: 16, vHeads: 32 },
  ];
  for (const q of qwen35) {
    it(`${q.id}: 3 Gated DeltaNet layers per full-attention layer, each linear layer as in the checkpoint`, () => {
      const m = model(q.id);
      const lc = layerCounts(m);
      expect(lc.linear).toBe((q.layers * 3) / 4);
      expect(lc.full).toBe(q.layers / 4);
      expect(lc.moe).toBe(q.layers);
      const keyDim = 16 * 128;
      const valueDim = q.vHeads * 128;
      const convDim = 2 * keyDim + valueDim;
      const linear =
        q.h * (2 * keyDim + 2 * valueDim) + q.h * 2 * q.vHeads + convDim * 4 + 2 * q.vHeads + 128 + valueDim * q.h;
      const gateShare = Math.ceil((q.h * q.heads * 256) / 3);
      expect(countParams(m).perLayer.attentionLinear).toBe(linear + gateShare);
      // Recurrent state v_heads × 128 × 128 in FP32 plus the BF16 conv state as FP32 equivalents.
      expect(m.linearAttention!.stateElementsPerLayer).toBe(q.vHeads * 128 * 128 + (convDim * 3) / 2);
      // KV cache on the full-attention layers only: 2 KV heads × 256, K and V, BF16.
      expect(kvBytesPerToken(m).bytesPerToken).toBe((q.layers / 4) * 2 * 2 * 256 * 2);
    });
  }
  it('Step-3: one shared 256-dim K and V (512 elements per token per layer), 5 dense and 56 MoE layers, top-3 of 48', () => {
    const m = model('step-3');
    expect(kvBytesPerToken(m).bytesPerToken).toBe(61 * 512 * 2);
    expect(layerCounts(m).dense).toBe(5);
    expect(layerCounts(m).moe).toBe(56);
    expect(m.moe!.topK).toBe(3);
    expect(m.notes).toMatch(/low-rank query/);
    expect(m.notes).toMatch(/Attention–FFN disaggregation .* not modelled/);
  });
  it('Pangu Pro MoE: 64 experts in 8 groups of 8, one per group, written as top-8 with the grouping in the notes', () => {
    const m = model('pangu-pro-moe');
    expect(m.moe!.numRoutedExperts).toBe(64);
    expect(m.moe!.topK).toBe(8);
    expect(m.moe!.sharedIntermediateSize).toBe(4 * m.moe!.expertIntermediateSize);
    expect(m.notes).toMatch(/8 groups of 8/);
  });
  it('GLM-5: MLA with a KV latent of 512 + 64 per token per layer; the sparse indexer is named as not modelled', () => {
    const m = model('glm-5');
    expect(kvBytesPerToken(m).bytesPerToken).toBe(78 * 576 * 2);
    expect(m.notes).toMatch(/indexer/);
  });
});

describe('TPU v5e / v5p / v6e peaks as the Cloud TPU pages print them', () => {
  const T = 1e12;
  const G = 1e9;
  it('TPU v5e: 197 TFLOPs BF16, 393 TOPs INT8, 16 GB at 819 GB/s, ICI 400 GB/s both directions', () => {
    const a = findAccelerator('tpu-v5e')!;
    expect(a.peakFlopsPerS.bf16.value).toBe(197 * T);
    expect(a.peakFlopsPerS.int8.value).toBe(393 * T);
    expect(a.peakFlopsPerS.fp8.value).toBeNull();
    expect(a.memoryBytes.value).toBe(16 * G);
    expect(a.memoryBandwidthBytesPerS.value).toBe(819 * G);
    expect(a.scaleUpBandwidthBytesPerS.value).toBe(200 * G); // held per direction
  });
  it('TPU v5p: 459 TFLOPs BF16 and FP8, 95 GiB at 2,765 GB/s, ICI 1,200 GB/s; INT8 918 marked unverified', () => {
    const a = findAccelerator('tpu-v5p')!;
    expect(a.peakFlopsPerS.bf16.value).toBe(459 * T);
    expect(a.peakFlopsPerS.fp8.value).toBe(459 * T);
    expect(a.peakFlopsPerS.int8.value).toBe(918 * T);
    expect(a.peakFlopsPerS.int8.unverified).toBe(true);
    expect(a.memoryBytes.value).toBe(95 * 2 ** 30);
    expect(a.memoryBandwidthBytesPerS.value).toBe(2765 * G);
    expect(a.scaleUpBandwidthBytesPerS.value).toBe(600 * G);
  });
  it('TPU v6e: 918 TFLOPs BF16 and FP8, 1,836 TOPs INT8, 32 GB at 1,638 GB/s, ICI 800 GB/s', () => {
    const a = findAccelerator('tpu-v6e')!;
    expect(a.peakFlopsPerS.bf16.value).toBe(918 * T);
    expect(a.peakFlopsPerS.fp8.value).toBe(918 * T);
    expect(a.peakFlopsPerS.int8.value).toBe(1836 * T);
    expect(a.memoryBytes.value).toBe(32 * G);
    expect(a.memoryBandwidthBytesPerS.value).toBe(1638 * G);
    expect(a.scaleUpBandwidthBytesPerS.value).toBe(400 * G);
  });
  it('pods: 256 chips (8 per host) for v5e and v6e, 8,960 (4 per VM) for v5p', () => {
    for (const [id, perNode, nodes] of [
      ['tpu-v5e-pod', 8, 32],
      ['tpu-v6e-pod', 8, 32],
      ['tpu-v5p-pod', 4, 2240],
    ] as const) {
      const s = findSystem(id)!;
      expect(s.devicesPerNode, id).toBe(perNode);
      expect(s.nodesPerSystem, id).toBe(nodes);
      expect(s.scaleUpDomainDevices, id).toBe(perNode * nodes);
    }
  });
});
