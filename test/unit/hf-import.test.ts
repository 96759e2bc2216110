// Hugging Face config.json import: the model_types we map, and refusals that name the field.
import { describe, expect, it } from 'vitest';
import { findModel } from '../../presets/load';
import { countParams, importHfConfig, kvBytesPerToken } from '../../shared/model';
import { HF_CONFIG_EXAMPLES } from '../fuzz/hf-configs';

const cfg = (o: Record<string, unknown>): string => JSON.stringify(o);

// Field values as published in the models' config.json files (one list, shared with the fuzzer).
const byType = (t: string): Record<string, unknown> => {
  const c = HF_CONFIG_EXAMPLES.find((x) => x['model_type'] === t);
  if (!c) throw new Error(`no ${t} config in test/fuzz/hf-configs.ts`);
  return c;
};
const deepseekV3 = byType('deepseek_v3');
const llama8b = byType('llama');

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
    const total = (t: string): number => countParams(importHfConfig(cfg(byType(t)))).total;
    expect(total('mixtral')).toBe(countParams(findModel('mixtral-8x7b')!).total);
    expect(total('qwen2')).toBe(countParams(findModel('qwen2.5-72b')!).total);
    expect(total('qwen3_moe')).toBe(countParams(findModel('qwen3-30b-a3b')!).total);
    const oss = importHfConfig(cfg(byType('gpt_oss')));
    expect(oss.slidingWindow).toEqual({ windowTokens: 128, globalEvery: 2 });
    expect(countParams(oss).total).toBe(countParams(findModel('gpt-oss-120b')!).total);
    const g2 = importHfConfig(cfg(byType('gemma2')));
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
