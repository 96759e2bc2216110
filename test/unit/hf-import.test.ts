// Hugging Face config.json import: the model_types we map, and refusals that name the field.
import { describe, expect, it } from 'vitest';
import { findModel } from '../../presets/load';
import { countParams, importHfConfig, kvBytesPerToken } from '../../shared/model';

const cfg = (o: Record<string, unknown>): string => JSON.stringify(o);

// Field values as published in the models' config.json files.
const deepseekV3 = {
  model_type: 'deepseek_v3',
  hidden_size: 7168,
  num_hidden_layers: 61,
  num_attention_heads: 128,
  num_key_value_heads: 128,
  vocab_size: 129280,
  max_position_embeddings: 163840,
  intermediate_size: 18432,
  moe_intermediate_size: 2048,
  n_routed_experts: 256,
  n_shared_experts: 1,
  num_experts_per_tok: 8,
  first_k_dense_replace: 3,
  moe_layer_freq: 1,
  q_lora_rank: 1536,
  kv_lora_rank: 512,
  qk_nope_head_dim: 128,
  qk_rope_head_dim: 64,
  v_head_dim: 128,
  num_nextn_predict_layers: 1,
  topk_method: 'noaux_tc',
  tie_word_embeddings: false,
};
const llama8b = {
  model_type: 'llama',
  hidden_size: 4096,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  intermediate_size: 14336,
  vocab_size: 128256,
  max_position_embeddings: 131072,
  tie_word_embeddings: false,
};

describe('importHfConfig', () => {
  it('DeepSeek-V3 config imports to the same counts as the preset', () => {
    const m = importHfConfig(cfg(deepseekV3), 'DeepSeek-V3');
    const preset = findModel('deepseek-v3')!;
    expect(countParams(m).total).toBe(countParams(preset).total);
    expect(countParams(m).mtp).toBe(countParams(preset).mtp);
    expect(kvBytesPerToken(m).bytesPerToken).toBe(70_272);
    expect(m.id).toBe('deepseek-v3');
  });
  it('Llama 3.1 8B matches the preset', () => {
    expect(countParams(importHfConfig(cfg(llama8b))).total).toBe(countParams(findModel('llama-3.1-8b')!).total);
  });
  it('Mixtral, Qwen2 (qkv bias), Qwen3-MoE, gpt-oss (layer_types) and Gemma 2 map', () => {
    const mixtral = importHfConfig(
      cfg({
        model_type: 'mixtral',
        hidden_size: 4096,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        intermediate_size: 14336,
        vocab_size: 32000,
        num_local_experts: 8,
        num_experts_per_tok: 2,
        sliding_window: null,
      }),
    );
    expect(countParams(mixtral).total).toBe(countParams(findModel('mixtral-8x7b')!).total);
    const qwen = importHfConfig(
      cfg({
        model_type: 'qwen2',
        hidden_size: 8192,
        num_hidden_layers: 80,
        num_attention_heads: 64,
        num_key_value_heads: 8,
        intermediate_size: 29568,
        vocab_size: 152064,
        tie_word_embeddings: false,
        sliding_window: 131072,
        use_sliding_window: false,
      }),
    );
    expect(countParams(qwen).total).toBe(countParams(findModel('qwen2.5-72b')!).total);
    const q3 = importHfConfig(
      cfg({
        model_type: 'qwen3_moe',
        hidden_size: 2048,
        num_hidden_layers: 48,
        num_attention_heads: 32,
        num_key_value_heads: 4,
        head_dim: 128,
        intermediate_size: 6144,
        moe_intermediate_size: 768,
        num_experts: 128,
        num_experts_per_tok: 8,
        vocab_size: 151936,
        decoder_sparse_step: 1,
        mlp_only_layers: [],
      }),
    );
    expect(countParams(q3).total).toBe(countParams(findModel('qwen3-30b-a3b')!).total);
    const oss = importHfConfig(
      cfg({
        model_type: 'gpt_oss',
        hidden_size: 2880,
        num_hidden_layers: 36,
        num_attention_heads: 64,
        num_key_value_heads: 8,
        head_dim: 64,
        intermediate_size: 2880,
        num_local_experts: 128,
        num_experts_per_tok: 4,
        vocab_size: 201088,
        sliding_window: 128,
        attention_bias: true,
        layer_types: Array.from({ length: 36 }, (_, i) => (i % 2 === 0 ? 'sliding_attention' : 'full_attention')),
      }),
    );
    expect(oss.slidingWindow).toEqual({ windowTokens: 128, globalEvery: 2 });
    expect(countParams(oss).total).toBe(countParams(findModel('gpt-oss-120b')!).total);
    const g2 = importHfConfig(
      cfg({
        model_type: 'gemma2',
        hidden_size: 2304,
        num_hidden_layers: 26,
        num_attention_heads: 8,
        num_key_value_heads: 4,
        head_dim: 256,
        intermediate_size: 9216,
        vocab_size: 256000,
        sliding_window: 4096,
      }),
    );
    expect(g2.tiedEmbeddings).toBe(true);
    expect(g2.slidingWindow?.globalEvery).toBe(2);
  });
  it('refuses unsupported types and bad fields, naming the field', () => {
    expect(() => importHfConfig(cfg({ ...llama8b, model_type: 'mamba' }))).toThrow(
      /model_type: "mamba" is not supported/,
    );
    expect(() => importHfConfig(cfg({ ...llama8b, num_hidden_layers: undefined }))).toThrow(
      /num_hidden_layers: is missing/,
    );
    expect(() => importHfConfig(cfg({ ...llama8b, hidden_size: '4096' }))).toThrow(/hidden_size: must be a number/);
    expect(() => importHfConfig(cfg({ ...llama8b, num_hidden_layers: 1e9 }))).toThrow(/numLayers/);
    expect(() => importHfConfig('{"model_type": "llama",')).toThrow(/not valid JSON/);
    expect(() => importHfConfig('[1,2]')).toThrow(/JSON object/);
    expect(() => importHfConfig(cfg({ ...deepseekV3, kv_lora_rank: undefined }))).toThrow(/kv_lora_rank/);
  });
});
