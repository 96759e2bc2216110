/**
 * Hugging Face `config.json` → ModelArchitecture.
 *
 * Maps the common model_types (llama, mistral, mixtral, qwen2, qwen2_moe, qwen3, qwen3_moe,
 * deepseek_v2, deepseek_v3, deepseek_v32 (with DeepSeek Sparse Attention: index_n_heads,
 * index_head_dim, index_topk), gpt_oss, gemma, gemma2, gemma3, gemma3_text) and refuses anything
 * else with a message that names the field. Pure: the caller reads the file; nothing is fetched.
 */
import { ModelArchitecture, type ModelArchitectureInput } from '../schema/model';

export const SUPPORTED_MODEL_TYPES = [
  'llama',
  'mistral',
  'mixtral',
  'qwen2',
  'qwen2_moe',
  'qwen3',
  'qwen3_moe',
  'deepseek_v2',
  'deepseek_v3',
  'deepseek_v32',
  'gpt_oss',
  'gemma',
  'gemma2',
  'gemma3',
  'gemma3_text',
] as const;

export class ConfigImportError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`config.json: ${field}: ${message}`);
    this.name = 'ConfigImportError';
  }
}

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function num(c: Json, key: string, fallback?: number): number {
  const v = c[key];
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback;
    throw new ConfigImportError(key, 'is missing');
  }
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ConfigImportError(key, `must be a number, got ${JSON.stringify(v)}`);
  return v;
}

function optNum(c: Json, key: string): number | null {
  const v = c[key];
  if (v === undefined || v === null) return null;
  return num(c, key);
}

function bool(c: Json, key: string, fallback: boolean): boolean {
  const v = c[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new ConfigImportError(key, `must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** Period p such that layer i is full attention iff (i+1) % p == 0; null if all sliding. */
function globalEveryFromLayerTypes(types: unknown): number | null {
  if (!Array.isArray(types)) throw new ConfigImportError('layer_types', 'must be an array');
  const full = types.map((t, i) => {
    if (t === 'full_attention') return true;
    if (t === 'sliding_attention') return false;
    throw new ConfigImportError(`layer_types[${i}]`, `unsupported layer type ${JSON.stringify(t)}`);
  });
  const firstFull = full.indexOf(true);
  if (firstFull === -1) return null;
  const p = firstFull + 1;
  if (full.every((f, i) => f === ((i + 1) % p === 0))) return p;
  throw new ConfigImportError('layer_types', 'full/sliding pattern is not periodic; it cannot be expressed yet');
}

/** Parses the text of a config.json; throws ConfigImportError naming the field. */
export function importHfConfig(text: string, idHint = 'imported-model'): ModelArchitecture {
  let c: unknown;
  try {
    c = JSON.parse(text);
  } catch (e) {
    throw new ConfigImportError('(file)', `is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(c)) throw new ConfigImportError('(file)', 'must be a JSON object');
  return importHfConfigObject(c, idHint);
}

export function importHfConfigObject(c: Json, idHint = 'imported-model'): ModelArchitecture {
  const mt = c['model_type'];
  if (typeof mt !== 'string') throw new ConfigImportError('model_type', 'is missing');
  // Multimodal wrappers (gemma3) keep the language model under text_config.
  if (mt === 'gemma3' && isObject(c['text_config'])) return importTextConfig(c['text_config'], idHint);
  if (!(SUPPORTED_MODEL_TYPES as readonly string[]).includes(mt))
    throw new ConfigImportError(
      'model_type',
      `"${mt}" is not supported; supported: ${SUPPORTED_MODEL_TYPES.join(', ')}`,
    );
  const base = baseArchitecture(c, mt, idHint);
  applySlidingWindow(base, c, mt);
  const family = FAMILY_MAPPERS[mt];
  if (family) family(base, c);
  else if (!base.ffn.intermediateSize) throw new ConfigImportError('intermediate_size', 'is missing');
  return validated(base, mt);
}

/** gemma3's text_config, imported as gemma3_text; problems are named under text_config. */
function importTextConfig(text: Json, idHint: string): ModelArchitecture {
  try {
    return importHfConfigObject({ ...text, model_type: 'gemma3_text' }, idHint);
  } catch (e) {
    if (!(e instanceof ConfigImportError)) throw e;
    const field = e.field === '(root)' ? 'text_config' : `text_config.${e.field}`;
    throw new ConfigImportError(field, e.message.slice(`config.json: ${e.field}: `.length));
  }
}

/** The keys every supported family shares: sizes, heads, vocabulary, context, a gated FFN. */
function baseArchitecture(c: Json, mt: string, idHint: string): ModelArchitectureInput {
  const h = num(c, 'hidden_size');
  const nh = num(c, 'num_attention_heads');
  const nkv = num(c, 'num_key_value_heads', nh);
  const id =
    idHint
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'imported-model';
  return {
    id,
    name: idHint,
    family: mt,
    source: { title: `Imported from a Hugging Face config.json (model_type ${mt})` },
    hiddenSize: h,
    numLayers: num(c, 'num_hidden_layers'),
    vocabSize: num(c, 'vocab_size'),
    maxContextTokens: num(c, 'max_position_embeddings', 4096),
    tiedEmbeddings: bool(c, 'tie_word_embeddings', mt.startsWith('gemma')),
    attention: {
      type: nkv === nh ? 'mha' : nkv === 1 ? 'mqa' : 'gqa',
      numHeads: nh,
      numKvHeads: nkv,
      headDim: optNum(c, 'head_dim') ?? h / nh,
      qkvBias: mt === 'qwen2' || mt === 'qwen2_moe' || bool(c, 'attention_bias', false),
    },
    // Llama/Qwen/Mistral use SwiGLU and Gemma GeGLU: both are gated FFNs with three matrices.
    ffn: { type: 'gated', intermediateSize: num(c, 'intermediate_size', 0) },
  };
}

/** Sliding-window attention: from layer_types where given, else each family's convention. */
function applySlidingWindow(base: ModelArchitectureInput, c: Json, mt: string): void {
  const sw = optNum(c, 'sliding_window');
  if (sw === null) return;
  if (Array.isArray(c['layer_types'])) {
    const g = globalEveryFromLayerTypes(c['layer_types']);
    if (g !== 1) base.slidingWindow = { windowTokens: sw, globalEvery: g };
  } else if (mt === 'mistral' || mt === 'mixtral') base.slidingWindow = { windowTokens: sw, globalEvery: null };
  else if (mt === 'gemma2') base.slidingWindow = { windowTokens: sw, globalEvery: 2 };
  else if (mt === 'gemma3_text')
    base.slidingWindow = { windowTokens: sw, globalEvery: num(c, 'sliding_window_pattern', 6) };
  else if (mt.startsWith('qwen') && bool(c, 'use_sliding_window', false))
    throw new ConfigImportError(
      'use_sliding_window',
      'Qwen sliding-window layers (max_window_layers) are not modelled yet',
    );
}

function qwenMoe(base: ModelArchitectureInput, c: Json): void {
  const mlpOnly = c['mlp_only_layers'];
  if (Array.isArray(mlpOnly) && mlpOnly.length > 0)
    throw new ConfigImportError('mlp_only_layers', 'dense layers at arbitrary positions are not modelled yet');
  const step = num(c, 'decoder_sparse_step', 1);
  if (step !== 1) throw new ConfigImportError('decoder_sparse_step', `only 1 is supported, got ${step}`);
  const sharedI = optNum(c, 'shared_expert_intermediate_size');
  base.moe = {
    numRoutedExperts: num(c, 'num_experts'),
    numSharedExperts: sharedI ? 1 : 0,
    topK: num(c, 'num_experts_per_tok'),
    expertIntermediateSize: num(c, 'moe_intermediate_size'),
    ...(sharedI ? { sharedIntermediateSize: sharedI, sharedExpertGate: true } : {}),
  };
}

/** DeepSeek V2/V3: multi-head latent attention, shared + routed experts after the first dense layers, MTP. */
function deepseek(base: ModelArchitectureInput, c: Json): void {
  base.attention = {
    type: 'mla',
    numHeads: num(c, 'num_attention_heads'),
    qLoraRank: optNum(c, 'q_lora_rank'),
    kvLoraRank: num(c, 'kv_lora_rank'),
    qkNopeHeadDim: num(c, 'qk_nope_head_dim'),
    qkRopeHeadDim: num(c, 'qk_rope_head_dim'),
    vHeadDim: num(c, 'v_head_dim'),
  };
  const routed = optNum(c, 'n_routed_experts');
  if (routed !== null)
    base.moe = {
      numRoutedExperts: routed,
      numSharedExperts: num(c, 'n_shared_experts', 0),
      topK: num(c, 'num_experts_per_tok'),
      expertIntermediateSize: num(c, 'moe_intermediate_size'),
      firstKDense: num(c, 'first_k_dense_replace', 0),
      layerFrequency: num(c, 'moe_layer_freq', 1),
      routerBias: c['topk_method'] === 'noaux_tc',
    };
  const mtp = optNum(c, 'num_nextn_predict_layers');
  if (mtp) base.mtp = { numModules: mtp };
  const topK = optNum(c, 'index_topk');
  if (topK !== null)
    base.sparseAttention = {
      kind: 'dsa',
      indexerHeads: num(c, 'index_n_heads'),
      indexerHeadDim: num(c, 'index_head_dim'),
      topK,
    };
}

/** The families whose config.json describes experts or attention its own way. */
const FAMILY_MAPPERS: Partial<Record<string, (base: ModelArchitectureInput, c: Json) => void>> = {
  mixtral: (base, c) => {
    base.moe = {
      numRoutedExperts: num(c, 'num_local_experts'),
      numSharedExperts: 0,
      topK: num(c, 'num_experts_per_tok'),
      expertIntermediateSize: num(c, 'intermediate_size'),
    };
    base.ffn = { type: 'gated', intermediateSize: 0 };
  },
  qwen2_moe: qwenMoe,
  qwen3_moe: qwenMoe,
  deepseek_v2: deepseek,
  deepseek_v3: deepseek,
  deepseek_v32: deepseek,
  gpt_oss: (base, c) => {
    base.moe = {
      numRoutedExperts: num(c, 'num_local_experts'),
      numSharedExperts: 0,
      topK: num(c, 'num_experts_per_tok', num(c, 'experts_per_token', 4)),
      expertIntermediateSize: num(c, 'intermediate_size'),
      routerBias: true,
    };
    base.ffn = { type: 'gated', intermediateSize: 0, bias: true };
  },
};

/** The architecture schema's verdict; its first problem named by the config.json key behind it. */
function validated(base: ModelArchitectureInput, mt: string): ModelArchitecture {
  const r = ModelArchitecture.safeParse(base);
  if (r.success) return r.data;
  const issue = specificIssue(r.error.issues[0]!);
  const archPath = issue.path.map(String).join('.');
  const key = configKeyFor(archPath, mt);
  throw new ConfigImportError(
    key ?? '(root)',
    `${issue.message}${key ? ` (the imported ${archPath})` : ` (${archPath})`}`,
  );
}

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][] };

/** For a failed union (standard vs MLA attention), the branch's own first problem, with its full path. */
function specificIssue(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return issue;
  const branch = issue.errors.reduce((a, b) => (b.length && (!a.length || b.length < a.length) ? b : a), [] as Issue[]);
  const first = branch[0];
  return first ? specificIssue({ ...first, path: [...issue.path, ...first.path] }) : issue;
}

/** The config.json key an architecture field is read from, for error messages; null if none. */
function configKeyFor(archPath: string, mt: string): string | null {
  const experts =
    mt === 'mixtral' || mt === 'gpt_oss'
      ? 'num_local_experts'
      : mt.startsWith('deepseek')
        ? 'n_routed_experts'
        : 'num_experts';
  const expertSize = mt === 'mixtral' || mt === 'gpt_oss' ? 'intermediate_size' : 'moe_intermediate_size';
  const map: Record<string, string> = {
    hiddenSize: 'hidden_size',
    numLayers: 'num_hidden_layers',
    vocabSize: 'vocab_size',
    maxContextTokens: 'max_position_embeddings',
    'attention.numHeads': 'num_attention_heads',
    'attention.numKvHeads': 'num_key_value_heads',
    'attention.headDim': 'head_dim',
    'attention.qLoraRank': 'q_lora_rank',
    'attention.kvLoraRank': 'kv_lora_rank',
    'attention.qkNopeHeadDim': 'qk_nope_head_dim',
    'attention.qkRopeHeadDim': 'qk_rope_head_dim',
    'attention.vHeadDim': 'v_head_dim',
    'ffn.intermediateSize': 'intermediate_size',
    'moe.numRoutedExperts': experts,
    'moe.numSharedExperts': 'n_shared_experts',
    'moe.topK': 'num_experts_per_tok',
    'moe.expertIntermediateSize': expertSize,
    'moe.sharedIntermediateSize': 'shared_expert_intermediate_size',
    'moe.firstKDense': 'first_k_dense_replace',
    'moe.layerFrequency': 'moe_layer_freq',
    'slidingWindow.windowTokens': 'sliding_window',
    'slidingWindow.globalEvery': mt === 'gemma3_text' ? 'sliding_window_pattern' : 'layer_types',
    'mtp.numModules': 'num_nextn_predict_layers',
    'sparseAttention.indexerHeads': 'index_n_heads',
    'sparseAttention.indexerHeadDim': 'index_head_dim',
    'sparseAttention.topK': 'index_topk',
  };
  return map[archPath] ?? null;
}
