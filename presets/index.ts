/**
 * The bundled preset registry: every JSON file under presets/ is imported here so the app,
 * the worker and the CLI ship them offline. A unit test fails when a file is not listed.
 */
import m_deepseek_v2 from './models/deepseek-v2.json';
import m_deepseek_v2_lite from './models/deepseek-v2-lite.json';
import m_deepseek_v3 from './models/deepseek-v3.json';
import m_gpt_oss_120b from './models/gpt-oss-120b.json';
import m_kimi_k2 from './models/kimi-k2.json';
import m_llada_8b from './models/llada-8b.json';
import m_llama_2_7b from './models/llama-2-7b.json';
import m_llama_3_1_405b from './models/llama-3.1-405b.json';
import m_llama_3_1_70b from './models/llama-3.1-70b.json';
import m_llama_3_1_8b from './models/llama-3.1-8b.json';
import m_minimax_m1 from './models/minimax-m1.json';
import m_mixtral_8x7b from './models/mixtral-8x7b.json';
import m_qwen2_5_14b from './models/qwen2.5-14b.json';
import m_qwen2_5_32b from './models/qwen2.5-32b.json';
import m_qwen2_5_72b from './models/qwen2.5-72b.json';
import m_qwen2_5_7b from './models/qwen2.5-7b.json';
import m_qwen3_235b_a22b from './models/qwen3-235b-a22b.json';
import m_qwen3_30b_a3b from './models/qwen3-30b-a3b.json';

export const MODEL_PRESETS_RAW: unknown[] = [
  m_deepseek_v2,
  m_deepseek_v2_lite,
  m_deepseek_v3,
  m_gpt_oss_120b,
  m_kimi_k2,
  m_llada_8b,
  m_llama_2_7b,
  m_llama_3_1_405b,
  m_llama_3_1_70b,
  m_llama_3_1_8b,
  m_minimax_m1,
  m_mixtral_8x7b,
  m_qwen2_5_14b,
  m_qwen2_5_32b,
  m_qwen2_5_72b,
  m_qwen2_5_7b,
  m_qwen3_235b_a22b,
  m_qwen3_30b_a3b,
];
