/**
 * Published TensorRT-LLM cases: more cells of its performance overview's offline max-throughput
 * tables, and its DeepSeek-R1 min-latency runs (batch 1, MTP).
 */
import { cite, inf, type ValidationCase } from './case';
import { PERF, DSR1, TRT_BATCH, TRT_COMMON, TRT_KV, TRT_KV_FRACTION } from './cases-throughput';
import { add, closed, FP8, MTP_ACCEPT, OFFLINE, par, stack } from './cases-helpers';

// --- TensorRT-LLM performance overview: more cells of the tables already in the table ------------

/** $num_requests per ISL/OSL, from the overview's "Preparing a Dataset" table. */
export const TRT_REQUESTS: Record<string, number> = {
  '128/128': 30000,
  '128/2048': 3000,
  '1000/1000': 3000,
  '2048/2048': 1500,
  '5000/500': 1500,
  '20000/2000': 1000,
};
export const TRT_REQUESTS_AT = 'Preparing a Dataset: $num_requests per input/output length';

export interface TrtCell {
  id: string;
  at: string;
  description: string;
  modelId: string;
  systemId: string;
  devices: number;
  parallelism: ReturnType<typeof par>;
  fp4: boolean;
  isl: number;
  osl: number;
  published: number;
  layout: string;
}

export function trtCell(c: TrtCell): ValidationCase {
  const requests = TRT_REQUESTS[`${c.isl}/${c.osl}`]!;
  const fmt = c.fp4 ? 'NVFP4 weights, FP4 matmuls' : 'FP8 weights and matmuls';
  return add({
    id: c.id,
    source: [PERF(c.at), cite('trtllm-perf-overview-v1.0', TRT_REQUESTS_AT), TRT_KV, TRT_BATCH, TRT_KV_FRACTION],
    description: c.description,
    metric: 'offlineOutputTokensPerSecond',
    scale: 1,
    unit: `output tokens/s (${c.devices} GPU${c.devices > 1 ? 's' : ''})`,
    published: c.published,
    benchmark: OFFLINE,
    assumptions:
      `Published: ${TRT_COMMON}; ISL/OSL ${c.isl}/${c.osl}, ${requests} requests; ${c.layout}; ${fmt} (ModelOpt checkpoint). ` +
      "FP8 KV cache (trtllm-bench keeps the checkpoint's KV quantization and sets FP8 for FP8 and NVFP4 checkpoints that leave it unset). " +
      `Batch limit by trtllm-bench's heuristic: the requests whose ISL+OSL fit in the KV memory, capped at 4,096; modelled as min(${Math.min(requests, 4096)}, the largest batch that fits). ` +
      'Not stated: the TensorRT-LLM release (the page is the v1.0 documentation; stack version left to the newest measured), the KV-cache fraction (default 0.90 of free memory, 0.95 "in many cases"; the engine applies the default: the KV cache gets 0.9 of what weights and activations leave, trtllm-kv-cache-config).',
    plan: inf(`v-${c.id}`, c.description, c.modelId, c.systemId, c.devices, {
      parallelism: c.parallelism,
      precision: c.fp4
        ? { weights: 'nvfp4', compute: 'fp4', kvCache: 'fp8' }
        : { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
      workload: { promptTokens: c.isl, outputTokens: c.osl, concurrentRequests: Math.min(requests, 4096) },
      serving: { stack: stack('trtllm', null) },
    }),
  });
}

export const B200_70B = (isl: number, osl: number, published: number): TrtCell => ({
  id: `trtllm-llama33-70b-b200-${isl}-${osl}`,
  at: `Llama 3.3 70B, B200 TP1 (FP4), ${isl}/${osl}: ${published.toLocaleString('en-US')}`,
  description: `Llama 3.3 70B NVFP4 on one B200, ISL/OSL ${isl}/${osl}, TensorRT-LLM offline`,
  modelId: 'llama-3.3-70b',
  systemId: 'dgx-b200',
  devices: 1,
  parallelism: par(1),
  fp4: true,
  isl,
  osl,
  published,
  layout: 'TP1 on one B200 180GB (DGX B200)',
});

export const TRT_CELLS: TrtCell[] = [
  {
    id: 'trtllm-llama33-70b-h100-tp2-1k1k',
    at: 'Llama 3.3 70B, H100 TP2 (FP8), 1000/1000: 4,205',
    description: 'Llama 3.3 70B FP8 on 2 × H100 (TP2), ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'llama-3.3-70b',
    systemId: 'hgx-h100',
    devices: 2,
    parallelism: par(2),
    fp4: false,
    isl: 1000,
    osl: 1000,
    published: 4_205,
    layout: 'TP2 over two H100 SXM 80GB (DGX H100, NVLink); the figure is the TP group’s total',
  },
  {
    id: 'trtllm-llama33-70b-gb200-1k1k',
    at: 'Llama 3.3 70B, GB200 TP1 (FP4), 1000/1000: 7,326',
    description: 'Llama 3.3 70B NVFP4 on one GB200, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'llama-3.3-70b',
    systemId: 'gb200-nvl72',
    devices: 1,
    parallelism: par(1),
    fp4: true,
    isl: 1000,
    osl: 1000,
    published: 7_326,
    layout: 'TP1 on one GB200 of a GB200 NVL72 (the page lists it as GB200 192GB; the preset holds 186 GB)',
  },
  B200_70B(128, 2048, 9_922),
  B200_70B(2048, 2048, 4_783),
  B200_70B(5000, 500, 1_459),
  B200_70B(20000, 2000, 665),
  {
    id: 'trtllm-qwen3-235b-b200-1k1k',
    at: 'Qwen3-235B-A22B, B200 TP8 (FP4), 1000/1000: 42,391',
    description: 'Qwen3-235B-A22B NVFP4 on 8 × B200, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'qwen3-235b-a22b',
    systemId: 'dgx-b200',
    devices: 8,
    parallelism: par(1, 8, 8),
    fp4: true,
    isl: 1000,
    osl: 1000,
    published: 42_391,
    layout:
      'TP8 with enable_attention_dp (the MoE command) on 8 × B200; the expert split is not stated, modelled as attention DP8 with the experts EP8',
  },
  {
    id: 'trtllm-qwen3-235b-h100-1k1k',
    at: 'Qwen3-235B-A22B, H100 TP8 (FP8), 1000/1000: 14,898',
    description: 'Qwen3-235B-A22B FP8 on 8 × H100, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'qwen3-235b-a22b',
    systemId: 'hgx-h100',
    devices: 8,
    parallelism: par(1, 8, 8),
    fp4: false,
    isl: 1000,
    osl: 1000,
    published: 14_898,
    layout:
      'TP8 with enable_attention_dp (the MoE command) on 8 × H100; the expert split is not stated, modelled as attention DP8 with the experts EP8',
  },
  {
    id: 'trtllm-llama31-8b-h200-1k1k',
    at: 'Llama 3.1 8B, H200 TP1 (FP8), 1000/1000: 17,744',
    description: 'Llama 3.1 8B FP8 on one H200, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h200',
    devices: 1,
    parallelism: par(1),
    fp4: false,
    isl: 1000,
    osl: 1000,
    published: 17_744,
    layout: 'TP1 on one H200 SXM 141GB',
  },
  {
    id: 'trtllm-llama31-8b-h100-128-128',
    at: 'Llama 3.1 8B, H100 TP1 (FP8), 128/128: 28,312',
    description: 'Llama 3.1 8B FP8 on one H100, ISL/OSL 128/128, TensorRT-LLM offline',
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h100',
    devices: 1,
    parallelism: par(1),
    fp4: false,
    isl: 128,
    osl: 128,
    published: 28_312,
    layout: 'TP1 on one H100 SXM 80GB',
  },
  {
    id: 'trtllm-llama31-8b-h100-20000-2000',
    at: 'Llama 3.1 8B, H100 TP1 (FP8), 20000/2000: 1,351',
    description: 'Llama 3.1 8B FP8 on one H100, ISL/OSL 20000/2000 (long prompts), TensorRT-LLM offline',
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h100',
    devices: 1,
    parallelism: par(1),
    fp4: false,
    isl: 20000,
    osl: 2000,
    published: 1_351,
    layout: 'TP1 on one H100 SXM 80GB',
  },
];

// --- TensorRT-LLM DeepSeek-R1 min-latency (batch 1, MTP) -----------------------------------------

export const MIN_LATENCY =
  'trtllm-bench throughput with --concurrency 1 --max_batch_size 1, 10 requests from a real dataset of ISL 1K / OSL 2K (the doc: "Batch = 1, ISL = 1K, OSL = 2K, num_requests = 10 from real dataset"), MTP with num_nextn_predict_layers 3';
export const MIN_LATENCY_UNSTATED =
  'Not stated: the MTP acceptance (it depends on the dataset): one acceptance rate of 0.85 per draft token assumed from the DeepSeek-V3 report (85-90% for the second token); the prompt and output lengths of the real dataset (1,024 / 2,048 assumed); the TensorRT-LLM commit of these two runs (stack version left to the newest measured). "Per User Output Throughput" divides output tokens by the whole request time, prefill included; compared as the decode output speed of the one sequence.';

export const minLatency = (
  id: string,
  at: string,
  description: string,
  systemId: string,
  ep: number,
  fp4: boolean,
  published: number,
  stated: string,
): ValidationCase =>
  add({
    id,
    source: [DSR1(at), MTP_ACCEPT],
    description,
    metric: 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: 'output tokens/s per user',
    published,
    benchmark: closed(1, 10),
    assumptions: `Published: ${MIN_LATENCY}; --tp 8 --ep ${ep}, attention tensor-parallel (no attention DP); ${stated}. ${MIN_LATENCY_UNSTATED}`,
    plan: inf(`v-${id}`, description, 'deepseek-v3', systemId, 8, {
      parallelism: par(8, 1, ep),
      precision: fp4 ? { weights: 'nvfp4', compute: 'fp4', kvCache: 'bf16' } : FP8,
      workload: { promptTokens: 1024, outputTokens: 2048, concurrentRequests: 1 },
      serving: { stack: stack('trtllm', null), speculative: { draftTokens: 3, acceptanceRate: 0.85 } },
    }),
  });
