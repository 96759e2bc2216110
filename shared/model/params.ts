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
 */
import { input, trace, type Trace } from '../explain';
import { layerCounts, type ModelArchitecture } from './schema';

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

function computeParams(m: ModelArchitecture): ParamCounts {
  const h = m.hiddenSize;
  const lc = layerCounts(m);
  const normScale = m.norm === 'layernorm' ? 2 : 1;
  const attnFull = attentionParamsPerLayer(m);
  const attnLinear = m.linearAttention ? attnFull + m.linearAttention.extraParamsPerLayer : 0;
  const denseFfn = m.ffn.intermediateSize > 0 ? denseFfnParams(m, m.ffn.intermediateSize) : 0;
  const moe = m.moe;
  const expert = moe ? denseFfnParams(m, moe.expertIntermediateSize) : 0;
  const shared = moe
    ? moe.sharedIntermediateSize !== undefined
      ? denseFfnParams(m, moe.sharedIntermediateSize)
      : moe.numSharedExperts * expert
    : 0;
  const router = moe
    ? h * moe.numRoutedExperts + (moe.routerBias ? moe.numRoutedExperts : 0) + (moe.sharedExpertGate ? h : 0)
    : 0;
  const normsPerLayer = 2 * h * normScale;

  const embeddings = m.vocabSize * h;
  const lmHead = m.tiedEmbeddings ? 0 : m.vocabSize * h;
  const attention = (lc.full + lc.sliding) * attnFull + lc.linear * attnLinear;
  const denseFfnTotal = lc.dense * denseFfn;
  const routedTotal = moe ? lc.moe * moe.numRoutedExperts * expert : 0;
  const routedActive = moe ? lc.moe * moe.topK * expert : 0;
  const sharedTotal = lc.moe * shared;
  const routerTotal = lc.moe * router;
  const norms = m.numLayers * normsPerLayer + h * normScale;

  // MTP: per module enorm + hnorm (2h), eh_proj (2h·h), one block (attention + MoE or dense FFN +
  // 2 norms) and the shared head's final norm (h).
  const mtpModules = m.mtp?.numModules ?? 0;
  const blockFfn = moe ? moe.numRoutedExperts * expert + shared + router : denseFfn;
  const mtpPerModule = 3 * h * normScale + 2 * h * h + attnFull + blockFfn + normsPerLayer;
  const mtp = mtpModules * mtpPerModule;

  const byComponent: ParamBreakdown = {
    embeddings,
    lmHead,
    attention,
    denseFfn: denseFfnTotal,
    routedExperts: routedTotal,
    sharedExperts: sharedTotal,
    router: routerTotal,
    norms,
    mtp,
  };
  const activeByComponent: ParamBreakdown = { ...byComponent, routedExperts: routedActive, mtp: 0 };
  const add = (b: ParamBreakdown): number =>
    b.embeddings + b.lmHead + b.attention + b.denseFfn + b.routedExperts + b.sharedExperts + b.router + b.norms;
  const total = add(byComponent);
  const active = add(activeByComponent);
  // The output projection always runs a matmul, tied or not: count vocab·h once for it.
  const activeMatmul = active - embeddings - lmHead - norms + m.vocabSize * h;

  const t = trace(
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
      trace('Embeddings (input)', 'vocab × h', embeddings, 'params', [input('vocab', m.vocabSize), input('h', h)]),
      trace('Output head', m.tiedEmbeddings ? 'tied to the input embeddings: 0 extra' : 'vocab × h', lmHead, 'params'),
      trace(
        'Attention',
        `${lc.full + lc.sliding} softmax layers × ${attnFull}${lc.linear ? ` + ${lc.linear} linear layers × ${attnLinear}` : ''}`,
        attention,
        'params',
        [input('per softmax layer', attnFull, 'params'), input('type', m.attention.type)],
      ),
      trace('Dense FFN', `${lc.dense} layers × ${ffnMatrices(m)} × h × I`, denseFfnTotal, 'params', [
        input('I', m.ffn.intermediateSize),
      ]),
      ...(moe
        ? [
            trace('Routed experts', `${lc.moe} MoE layers × E × ${ffnMatrices(m)} × h × I_e`, routedTotal, 'params', [
              input('E', moe.numRoutedExperts),
              input('I_e', moe.expertIntermediateSize),
              input('active per token (top-k)', routedActive, 'params'),
            ]),
            trace('Shared experts', `${lc.moe} MoE layers × shared FFN`, sharedTotal, 'params', [
              input('shared experts', moe.numSharedExperts),
            ]),
            trace('Routers', `${lc.moe} × h × E`, routerTotal, 'params'),
          ]
        : []),
      trace('Norms', `layers × 2h + h${m.norm === 'layernorm' ? ' (×2 for LayerNorm bias)' : ''}`, norms, 'params'),
      trace('Active per token', 'total − (E − k) routed experts per MoE layer', active, 'params'),
      ...(mtp ? [trace('MTP modules (not in total)', `${mtpModules} × (2h² + block + norms)`, mtp, 'params')] : []),
    ],
  );

  return {
    total,
    active,
    mtp,
    byComponent,
    activeByComponent,
    activeMatmul,
    perLayer: {
      attentionFull: attnFull,
      attentionLinear: attnLinear,
      denseFfn,
      expert,
      sharedExperts: shared,
      router,
      norms: normsPerLayer,
    },
    trace: t,
  };
}
