/**
 * Parameter counts by component, total and active per token.
 *
 * Standard attention per layer: Wq h·nh·d, Wk and Wv h·nkv·d each, Wo nh·d·h (+ q/k/v biases).
 * MLA per layer (DeepSeek-V2 §2.1): q = h·rq + rq·nh·(dn+dr) (or h·nh·(dn+dr) without a q rank),
 * kv = h·(rkv+dr) + rkv·nh·(dn+dv), o = nh·dv·h, plus the two latent RMSNorms (rq + rkv).
 * FFN: gated (SwiGLU) 3·h·I, plain 2·h·I. MoE layer: E routed + S shared experts of the same shape,
 * router h·E. Norms: 2·h per layer + h final (LayerNorm doubles them for the bias).
 * Active = everything except the routed experts not chosen: top-k of E per MoE layer.
 * MTP modules (DeepSeek-V3 §2.2): per module two RMSNorms, a 2h×h projection and one transformer
 * block; embedding and output head are shared with the main model and not counted again.
 * Sparse attention adds its own parameters to each full-attention layer (sparse-attention.ts: the
 * DSA indexer's projections, NSA's extra K/V projections). A vision tower's parameters (vision.ts)
 * count in the total and not per language-model token.
 */
import { input, trace, type Trace } from '../explain';
import { layerCounts, type ModelArchitecture } from '../schema/model';
import { sparseParamsPerLayer } from './sparse-attention';
import { visionParams } from './vision';

export interface ParamBreakdown {
  embeddings: number;
  lmHead: number;
  attention: number;
  denseFfn: number;
  routedExperts: number;
  sharedExperts: number;
  router: number;
  norms: number;
  mtp: number;
  /** The vision tower and its projector (vision-language models). */
  vision: number;
}

export interface ParamCounts {
  /** All parameters of the main model (MTP modules excluded, as model cards count them). */
  total: number;
  /** Parameters used per token (main model). */
  active: number;
  /** Parameters of the MTP modules, reported separately. */
  mtp: number;
  byComponent: ParamBreakdown;
  activeByComponent: ParamBreakdown;
  /** Parameters that take part in a matmul per token (active minus input embeddings and norms). */
  activeMatmul: number;
  perLayer: {
    attentionFull: number;
    attentionLinear: number;
    /** Sparse attention's own parameters per full-attention layer (sparse-attention.ts). */
    sparse: number;
    denseFfn: number;
    expert: number;
    sharedExperts: number;
    router: number;
    norms: number;
  };
  trace: Trace;
}

export function attentionParamsPerLayer(m: ModelArchitecture): number {
  const h = m.hiddenSize;
  const a = m.attention;
  if (a.type === 'mla') {
    const qk = a.qkNopeHeadDim + a.qkRopeHeadDim;
    const q =
      a.qLoraRank === null ? h * a.numHeads * qk : h * a.qLoraRank + a.qLoraRank + a.qLoraRank * a.numHeads * qk;
    const kv =
      h * (a.kvLoraRank + a.qkRopeHeadDim) + a.kvLoraRank + a.kvLoraRank * a.numHeads * (a.qkNopeHeadDim + a.vHeadDim);
    const o = a.numHeads * a.vHeadDim * h;
    return q + kv + o;
  }
  const q = h * a.numHeads * a.headDim;
  const kv = 2 * h * a.numKvHeads * a.headDim;
  const o = a.numHeads * a.headDim * h;
  const bias = a.qkvBias ? a.numHeads * a.headDim + 2 * a.numKvHeads * a.headDim : 0;
  return q + kv + o + bias;
}

const ffnMatrices = (m: ModelArchitecture): number => (m.ffn.type === 'gated' ? 3 : 2);

export function denseFfnParams(m: ModelArchitecture, intermediate: number): number {
  const h = m.hiddenSize;
  const bias = m.ffn.bias ? (ffnMatrices(m) - 1) * intermediate + h : 0;
  return ffnMatrices(m) * h * intermediate + bias;
}

const cache = new WeakMap<ModelArchitecture, ParamCounts>();

/** Parameter counts, memoised per architecture object (architectures are treated as immutable). */
export function countParams(m: ModelArchitecture): ParamCounts {
  const hit = cache.get(m);
  if (hit) return hit;
  const r = computeParams(m);
  cache.set(m, r);
  return r;
}

type PerLayer = ParamCounts['perLayer'];

/** Parameters of one layer of each kind. */
function perLayerParams(m: ModelArchitecture): PerLayer {
  const h = m.hiddenSize;
  const normScale = m.norm === 'layernorm' ? 2 : 1;
  const attnFull = attentionParamsPerLayer(m);
  const moe = m.moe;
  const expert = moe ? denseFfnParams(m, moe.expertIntermediateSize) : 0;
  return {
    attentionFull: attnFull,
    attentionLinear: m.linearAttention ? attnFull + m.linearAttention.extraParamsPerLayer : 0,
    sparse: sparseParamsPerLayer(m),
    denseFfn: m.ffn.intermediateSize > 0 ? denseFfnParams(m, m.ffn.intermediateSize) : 0,
    expert,
    sharedExperts: moe
      ? moe.sharedIntermediateSize !== undefined
        ? denseFfnParams(m, moe.sharedIntermediateSize)
        : moe.numSharedExperts * expert
      : 0,
    router: moe
      ? h * moe.numRoutedExperts + (moe.routerBias ? moe.numRoutedExperts : 0) + (moe.sharedExpertGate ? h : 0)
      : 0,
    norms: 2 * h * normScale,
  };
}

/** Whole-model totals by component; MTP modules are counted apart (not in the total). */
function componentTotals(m: ModelArchitecture, pl: PerLayer): { all: ParamBreakdown; routedActive: number } {
  const h = m.hiddenSize;
  const lc = layerCounts(m);
  const normScale = m.norm === 'layernorm' ? 2 : 1;
  const moe = m.moe;
  // MTP: per module enorm + hnorm (2h), eh_proj (2h·h), one block (attention + MoE or dense FFN +
  // 2 norms) and the shared head's final norm (h).
  const blockFfn = moe ? moe.numRoutedExperts * pl.expert + pl.sharedExperts + pl.router : pl.denseFfn;
  const mtpPerModule = 3 * h * normScale + 2 * h * h + pl.attentionFull + blockFfn + pl.norms;
  return {
    all: {
      embeddings: m.vocabSize * h,
      lmHead: m.tiedEmbeddings ? 0 : m.vocabSize * h,
      attention: (lc.full + lc.sliding) * pl.attentionFull + lc.full * pl.sparse + lc.linear * pl.attentionLinear,
      denseFfn: lc.dense * pl.denseFfn,
      routedExperts: moe ? lc.moe * moe.numRoutedExperts * pl.expert : 0,
      sharedExperts: lc.moe * pl.sharedExperts,
      router: lc.moe * pl.router,
      norms: m.numLayers * pl.norms + h * normScale,
      mtp: (m.mtp?.numModules ?? 0) * mtpPerModule,
      vision: m.vision ? visionParams(m.vision).total : 0,
    },
    routedActive: moe ? lc.moe * moe.topK * pl.expert : 0,
  };
}

function computeParams(m: ModelArchitecture): ParamCounts {
  const h = m.hiddenSize;
  const pl = perLayerParams(m);
  const { all: byComponent, routedActive } = componentTotals(m, pl);
  const activeByComponent: ParamBreakdown = { ...byComponent, routedExperts: routedActive, mtp: 0, vision: 0 };
  const add = (b: ParamBreakdown): number =>
    b.embeddings +
    b.lmHead +
    b.attention +
    b.denseFfn +
    b.routedExperts +
    b.sharedExperts +
    b.router +
    b.norms +
    b.vision;
  const total = add(byComponent);
  const active = add(activeByComponent);
  // The output projection always runs a matmul, tied or not: count vocab·h once for it.
  const activeMatmul = active - byComponent.embeddings - byComponent.lmHead - byComponent.norms + m.vocabSize * h;
  return {
    total,
    active,
    mtp: byComponent.mtp,
    byComponent,
    activeByComponent,
    activeMatmul,
    perLayer: pl,
    trace: paramsTrace(m, pl, byComponent, total, active),
  };
}

function paramsTrace(m: ModelArchitecture, pl: PerLayer, c: ParamBreakdown, total: number, active: number): Trace {
  const h = m.hiddenSize;
  const lc = layerCounts(m);
  return trace(
    `Parameters of ${m.name}`,
    'total = embeddings + lmHead + Σlayers(attention + FFN or MoE + norms) + final norm; active replaces E routed experts by top-k',
    total,
    'params',
    [
      input('hidden size h', h),
      input('layers', m.numLayers),
      input('vocabulary', m.vocabSize),
      input('MoE layers', lc.moe),
      input('dense layers', lc.dense),
    ],
    [
      trace('Embeddings (input)', 'vocab × h', c.embeddings, 'params', [input('vocab', m.vocabSize), input('h', h)]),
      trace(
        'Output head',
        m.tiedEmbeddings ? 'tied to the input embeddings: 0 extra' : 'vocab × h',
        c.lmHead,
        'params',
      ),
      attentionParamsTrace(m, pl, c, lc),
      trace('Dense FFN', `${lc.dense} layers × ${ffnMatrices(m)} × h × I`, c.denseFfn, 'params', [
        input('I', m.ffn.intermediateSize),
      ]),
      ...moeParamsTraces(m, pl, c, lc),
      trace('Norms', `layers × 2h + h${m.norm === 'layernorm' ? ' (×2 for LayerNorm bias)' : ''}`, c.norms, 'params'),
      ...(m.vision
        ? [
            trace(
              'Vision tower and projector',
              'patch embedding + layers × (4·h_v² + MLP + norms) + projector matrices',
              c.vision,
              'params',
              [input('vision layers', m.vision.layers), input('vision width h_v', m.vision.hidden)],
            ),
          ]
        : []),
      trace(
        'Active per token',
        `total − (E − k) routed experts per MoE layer${m.vision ? ' − the vision tower (it runs per image)' : ''}`,
        active,
        'params',
      ),
      ...(c.mtp
        ? [trace('MTP modules (not in total)', `${m.mtp?.numModules ?? 0} × (2h² + block + norms)`, c.mtp, 'params')]
        : []),
    ],
  );
}

type LayerCounts = ReturnType<typeof layerCounts>;

function attentionParamsTrace(m: ModelArchitecture, pl: PerLayer, c: ParamBreakdown, lc: LayerCounts): Trace {
  return trace(
    'Attention',
    `${lc.full + lc.sliding} softmax layers × ${pl.attentionFull}${lc.linear ? ` + ${lc.linear} linear layers × ${pl.attentionLinear}` : ''}`,
    c.attention,
    'params',
    [
      input('per softmax layer', pl.attentionFull, 'params'),
      input('type', m.attention.type),
      ...(pl.sparse
        ? [input(`sparse attention per full layer (${m.sparseAttention!.kind.toUpperCase()})`, pl.sparse, 'params')]
        : []),
    ],
  );
}

function moeParamsTraces(m: ModelArchitecture, pl: PerLayer, c: ParamBreakdown, lc: LayerCounts): Trace[] {
  const moe = m.moe;
  if (!moe) return [];
  return [
    trace('Routed experts', `${lc.moe} MoE layers × E × ${ffnMatrices(m)} × h × I_e`, c.routedExperts, 'params', [
      input('E', moe.numRoutedExperts),
      input('I_e', moe.expertIntermediateSize),
      input('active per token (top-k)', lc.moe * moe.topK * pl.expert, 'params'),
    ]),
    trace('Shared experts', `${lc.moe} MoE layers × shared FFN`, c.sharedExperts, 'params', [
      input('shared experts', moe.numSharedExperts),
    ]),
    trace('Routers', `${lc.moe} × h × E`, c.router, 'params'),
  ];
}
