/**
 * Validation cases published 2025–2026 as offline max-throughput runs (TensorRT-LLM's performance
 * overview and DeepSeek-R1 guide, AMD's vLLM results) and single-stream local inference (llama.cpp
 * on an M3 Ultra). Offline runs are predicted with the `offlineOutputTokensPerSecond` model
 * (shared/validation/derived.ts): decode at the largest batch that fits — up to the stated
 * concurrency — with each request's prefill time shared in.
 */
import type { Citation } from '../source';
import { cite, inf, type ValidationCase } from './case';

export const PERF = (at: string): Citation =>
  cite('trtllm-perf-overview-v1.0', `Throughput Measurements, ${at} (Total Output Throughput, tokens/s)`);
export const DSR1 = (at: string): Citation => cite('trtllm-deepseek-r1-best-perf', at);

const NUM_REQUESTS: Record<string, number> = { '1000/1000': 3000, '2048/128': 3000 };

export const TRT_COMMON =
  'trtllm-bench throughput, PyTorch backend, requests queued at an infinite rate, every request exactly ISL/OSL tokens';
/**
 * KV-cache format of these runs: FP8. trtllm-bench's documentation ("Quantization in the PyTorch
 * Flow") says it takes the KV quantization from the ModelOpt checkpoint's hf_quant_config.json and,
 * where the checkpoint leaves it null, sets FP8 for FP8 and NVFP4 checkpoints; a public trtllm-bench
 * log of nvidia/Llama-3.1-8B-Instruct-FP8 on an H100 with no KV option set allocates 52.51 GiB for
 * 860,320 tokens (64 KiB a token = 1 byte per K/V element: FP8).
 */
export const TRT_KV = cite(
  'trtllm-perf-benchmarking',
  'Quantization in the PyTorch Flow: hf_quant_config.json; checkpoint FP8 or NVFP4 with kv_cache_quant_algo null → trtllm-bench sets FP8',
);
const TRT_KV_LOG = cite(
  'trtllm-issue-6294',
  'log of trtllm-bench on nvidia/Llama-3.1-8B-Instruct-FP8, H100, no KV option: "Allocated 52.51 GiB for max tokens in paged KV cache (860320)"',
);
/** TensorRT-LLM's KV pool: 0.9 of the memory free after loading, which the engine applies (inference/memory.ts). */
export const TRT_KV_FRACTION = cite(
  'trtllm-kv-cache-config',
  'free_gpu_memory_fraction default 0.9: the KV cache takes 90% of the GPU memory free after the model is loaded',
);
export const TRT_BATCH = cite(
  'trtllm-bench-tuning',
  'calc_engine_setting / finetune_setting: max batch = min(requests that fit in KV at ISL+OSL, 4096), max tokens = min(batch × (1 + ISL/OSL), 32768)',
);
const TRT_UNSTATED =
  "Published by trtllm-bench's documentation: FP8 KV cache (the benchmark keeps the checkpoint's KV quantization and sets FP8 for FP8 and NVFP4 checkpoints that leave it unset). Batch limit by trtllm-bench's heuristic: the requests whose ISL+OSL fit in the KV memory, capped at 4,096 — above the request count here, so the limit is the largest batch that fits (up to the number of requests). Not stated: the KV-cache fraction used (default 0.90 of free memory, 0.95 \"in many cases\"; the engine applies the default: the KV cache gets 0.9 of what weights and activations leave, trtllm-kv-cache-config).";

interface TrtCell {
  id: string;
  at: string;
  description: string;
  modelId: string;
  systemId: string;
  devices: number;
  parallelism: Record<string, number>;
  fp4: boolean;
  isl: number;
  osl: number;
  published: number;
  layout: string;
  /** More citations for this cell (e.g. a log that shows its KV format). */
  also?: Citation[];
}

function trtCell(c: TrtCell): ValidationCase {
  const requests = NUM_REQUESTS[`${c.isl}/${c.osl}`] ?? 1500;
  const fmt = c.fp4 ? 'NVFP4 weights, FP4 matmuls' : 'FP8 weights and matmuls';
  return {
    id: c.id,
    split: 'fit',
    source: [PERF(c.at), TRT_KV, ...(c.also ?? []), TRT_BATCH, TRT_KV_FRACTION],
    description: c.description,
    metric: 'offlineOutputTokensPerSecond',
    scale: 1,
    unit: `output tokens/s (${c.devices} GPU${c.devices > 1 ? 's' : ''})`,
    published: c.published,
    assumptions: `Published: ${TRT_COMMON}; ISL/OSL ${c.isl}/${c.osl}, ${requests} requests; ${c.layout}; ${fmt} (ModelOpt checkpoint). ${TRT_UNSTATED}`,
    plan: inf(`v-${c.id}`, c.description, c.modelId, c.systemId, c.devices, {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1, ...c.parallelism },
      precision: c.fp4
        ? { weights: 'nvfp4', compute: 'fp4', kvCache: 'fp8' }
        : { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
      workload: { promptTokens: c.isl, outputTokens: c.osl, concurrentRequests: requests },
    }),
  };
}

const TRT_CELLS: TrtCell[] = [
  {
    id: 'trtllm-llama31-8b-h100-1k1k',
    at: 'Llama 3.1 8B, H100 TP1 (FP8), 1000/1000: 15,220',
    description: 'Llama 3.1 8B FP8 on one H100, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h100',
    devices: 1,
    parallelism: {},
    fp4: false,
    isl: 1000,
    osl: 1000,
    published: 15_220,
    layout: 'TP1 on one H100 SXM 80GB',
    also: [TRT_KV_LOG],
  },
  {
    id: 'trtllm-llama31-8b-h100-2k128',
    at: 'Llama 3.1 8B, H100 TP1 (FP8), 2048/128: 3,450',
    description: 'Llama 3.1 8B FP8 on one H100, ISL/OSL 2048/128 (prefill-heavy), TensorRT-LLM offline',
    modelId: 'llama-3.1-8b',
    systemId: 'hgx-h100',
    devices: 1,
    parallelism: {},
    fp4: false,
    isl: 2048,
    osl: 128,
    published: 3_450,
    layout: 'TP1 on one H100 SXM 80GB',
    also: [TRT_KV_LOG],
  },
  {
    id: 'trtllm-llama33-70b-h200-1k1k',
    at: 'Llama 3.3 70B, H200 TP1 (FP8), 1000/1000: 2,909',
    description: 'Llama 3.3 70B FP8 on one H200, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'llama-3.3-70b',
    systemId: 'hgx-h200',
    devices: 1,
    parallelism: {},
    fp4: false,
    isl: 1000,
    osl: 1000,
    published: 2_909,
    layout: 'TP1 on one H200 SXM 141GB',
  },
  {
    id: 'trtllm-llama33-70b-b200-1k1k',
    at: 'Llama 3.3 70B, B200 TP1 (FP4), 1000/1000: 7,007',
    description: 'Llama 3.3 70B NVFP4 on one B200, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'llama-3.3-70b',
    systemId: 'dgx-b200',
    devices: 1,
    parallelism: {},
    fp4: true,
    isl: 1000,
    osl: 1000,
    published: 7_007,
    layout: 'TP1 on one B200 180GB (DGX B200)',
  },
  {
    id: 'trtllm-llama33-70b-rtxpro6000-1k1k',
    at: 'Llama 3.3 70B, RTX 6000 Pro Blackwell Server Edition, 1 GPU TP1,PP1 (FP4), 1000/1000: 1,787',
    description: 'Llama 3.3 70B NVFP4 on one RTX PRO 6000 Blackwell, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'llama-3.3-70b',
    systemId: 'rtx-pro-6000-8gpu-server',
    devices: 1,
    parallelism: {},
    fp4: true,
    isl: 1000,
    osl: 1000,
    published: 1_787,
    layout: 'TP1 PP1 on one RTX 6000 Pro Blackwell Server Edition (96 GB)',
  },
  {
    id: 'trtllm-qwen3-235b-h200-1k1k',
    at: 'Qwen3-235B-A22B, H200 TP8 (FP8), 1000/1000: 23,789',
    description: 'Qwen3-235B-A22B FP8 on 8 × H200, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'qwen3-235b-a22b',
    systemId: 'hgx-h200',
    devices: 8,
    parallelism: { dp: 8, ep: 8 },
    fp4: false,
    isl: 1000,
    osl: 1000,
    published: 23_789,
    layout:
      'TP8 with enable_attention_dp (MoE models) on 8 × H200; the expert split is not stated — modelled as attention DP8 with the experts EP8',
  },
  {
    id: 'trtllm-qwen3-30b-b200-1k1k',
    at: 'Qwen3-30B-A3B, B200 TP1 (FP4), 1000/1000: 25,828',
    description: 'Qwen3-30B-A3B NVFP4 on one B200, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'qwen3-30b-a3b',
    systemId: 'dgx-b200',
    devices: 1,
    parallelism: {},
    fp4: true,
    isl: 1000,
    osl: 1000,
    published: 25_828,
    layout: 'TP1 on one B200 180GB',
  },
  {
    id: 'trtllm-qwen3-30b-rtxpro6000-1k1k',
    at: 'Qwen3-30B-A3B, RTX 6000 Pro Blackwell Server Edition, 1 GPU TP1,PP1 (FP4), 1000/1000: 9,910',
    description: 'Qwen3-30B-A3B NVFP4 on one RTX PRO 6000 Blackwell, ISL/OSL 1000/1000, TensorRT-LLM offline',
    modelId: 'qwen3-30b-a3b',
    systemId: 'rtx-pro-6000-8gpu-server',
    devices: 1,
    parallelism: {},
    fp4: true,
    isl: 1000,
    osl: 1000,
    published: 9_910,
    layout: 'TP1 PP1 on one RTX 6000 Pro Blackwell Server Edition (96 GB)',
  },
];

const dsr1 = (fp4: boolean, kv: 'bf16' | 'fp8', concurrency: number) =>
  ({
    parallelism: { tp: 1, pp: 1, dp: 8, ep: 8 },
    precision: fp4
      ? { weights: 'nvfp4', compute: 'fp4', kvCache: kv, dispatch: 'bf16', combine: 'bf16' }
      : { weights: 'fp8', compute: 'fp8', kvCache: kv, dispatch: 'bf16', combine: 'bf16' },
    workload: { promptTokens: 1024, outputTokens: 2048, concurrentRequests: concurrency },
    serving: { dualMicroBatch: false },
  }) as Record<string, unknown>;
const DSR1_UNSTATED =
  'Not stated: dispatch/combine formats (BF16 assumed), overlap of communication (none modelled), expert load balance (engine default 1.2). All-to-all inside one 8-GPU NVLink node.';

export const THROUGHPUT_VALIDATION_CASES: ValidationCase[] = [
  ...TRT_CELLS.map(trtCell),
  {
    id: 'trtllm-dsr1-b200-maxtput',
    split: 'fit',
    source: DSR1('B200 max-throughput for R1 with FP16 KV cache: Per GPU Output Throughput 4548.0105 tps/gpu'),
    description: 'DeepSeek-R1 NVFP4 on 8 × B200, ISL/OSL 1K/2K, concurrency 3,072, TensorRT-LLM offline, per GPU',
    metric: 'offlineOutputTokensPerSecond',
    scale: 1 / 8,
    unit: 'output tokens/s per GPU',
    published: 4_548,
    assumptions: `Published: nvidia/DeepSeek-R1-FP4 (NVFP4), FP16 KV cache, --tp 8 --ep 8 with attention DP, max batch 384 per rank, concurrency 3,072, 49,152 synthetic requests of exactly 1,024/2,048 tokens, max 1,536 tokens per step, KV fraction 0.85, no MTP. ${DSR1_UNSTATED}`,
    plan: inf('v-dsr1-b200', 'DeepSeek-R1 B200 max throughput', 'deepseek-v3', 'dgx-b200', 8, dsr1(true, 'bf16', 3072)),
  },
  {
    id: 'trtllm-dsr1-b200-maxtput-fp8kv',
    split: 'fit',
    source: DSR1('B200 max-throughput for R1-0528 with FP8 KV cache: Per GPU Output Throughput 5393.2755 tps/gpu'),
    description: 'DeepSeek-R1-0528 NVFP4 with FP8 KV on 8 × B200, ISL/OSL 1K/2K, concurrency 7,168, per GPU',
    metric: 'offlineOutputTokensPerSecond',
    scale: 1 / 8,
    unit: 'output tokens/s per GPU',
    published: 5_393,
    assumptions: `Published: nvidia/DeepSeek-R1-0528-FP4, FP8 KV cache, --tp 8 --ep 8, attention DP, max batch 896 per rank, concurrency 7,168, 114,688 requests, max 2,048 tokens per step, KV fraction 0.93, no MTP; ISL/OSL as the FP16-KV run (1K/2K, the section gives no other). ${DSR1_UNSTATED}`,
    plan: inf(
      'v-dsr1-b200-fp8kv',
      'DeepSeek-R1 B200 max throughput, FP8 KV',
      'deepseek-v3',
      'dgx-b200',
      8,
      dsr1(true, 'fp8', 7168),
    ),
  },
  {
    id: 'trtllm-dsr1-h200-maxtput',
    split: 'fit',
    source: DSR1('H200 max-throughput: Per GPU Output Throughput 1436.1584 tokens/sec/gpu'),
    description: 'DeepSeek-R1 FP8 on 8 × H200, ISL/OSL 1K/2K, concurrency 1,024, TensorRT-LLM offline, per GPU',
    metric: 'offlineOutputTokensPerSecond',
    scale: 1 / 8,
    unit: 'output tokens/s per GPU',
    published: 1_436,
    assumptions: `Published: deepseek-ai/DeepSeek-R1 (FP8), --tp 8 --ep 8 with attention DP, max batch 128 per rank, concurrency 1,024, 5,120 synthetic requests of exactly 1,024/2,048 tokens, max 1,151 tokens per step, KV fraction 0.8, no MTP. KV format not stated (BF16 assumed). ${DSR1_UNSTATED}`,
    plan: inf(
      'v-dsr1-h200',
      'DeepSeek-R1 H200 max throughput',
      'deepseek-v3',
      'hgx-h200',
      8,
      dsr1(false, 'bf16', 1024),
    ),
  },
  {
    id: 'amd-mi300x-llama31-70b-128-2048',
    split: 'fit',
    source: cite(
      'amd-rocm-performance-results',
      'AI Inference, vLLM, MI300X throughput table: Llama 3.1 70B (amd/Llama-3.1-70B-Instruct-FP8-KV), FP8, TP8, input 128, output 2048, 3,200 prompts, max 3,200 sequences: 13,212.5 tokens/s',
    ),
    description: 'Llama 3.1 70B FP8 (FP8 KV) on 8 × MI300X, TP8, ISL/OSL 128/2048, vLLM offline',
    metric: 'offlineOutputTokensPerSecond',
    scale: 1,
    unit: 'tokens/s (8 GPUs)',
    published: 13_212.5,
    assumptions:
      'Published: vLLM 0.10.2 on ROCm 7.0 (container of 2025-10-06), TP8 over 8 × MI300X 192 GB, FP8 weights and KV cache (the "-FP8-KV" checkpoint), 3,200 prompts of 128 tokens, 2,048 output tokens each, at most 3,200 sequences in flight. The table does not say whether "throughput" counts output or all tokens: at 128/2,048 the two differ by 6%; compared as output tokens/s.',
    plan: inf('v-amd-mi300x-70b', 'Llama 3.1 70B on 8 × MI300X', 'llama-3.1-70b', 'mi300x-8', 8, {
      parallelism: { tp: 8, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
      workload: { promptTokens: 128, outputTokens: 2048, concurrentRequests: 3200 },
    }),
  },
  {
    id: 'm3ultra-llama33-70b-tg128',
    split: 'fit',
    source: [
      cite('geerling-mac-studio-cluster-bench', 'single node, llama-bench tg128: 14.41 ± 0.02 t/s'),
      cite('geerling-m3-ultra-loaner', 'the node: M3 Ultra 32-core CPU / 80-core GPU, 512 GB'),
    ],
    description: 'Llama 3.3 70B Q4_K_M token generation on a Mac Studio M3 Ultra (llama.cpp, batch 1)',
    metric: 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: 'tokens/s',
    published: 14.41,
    assumptions:
      'Published: llama-bench build 4d3726278, Metal, flash attention, all layers on the GPU, Llama-3.3-70B-Instruct-Q4_K_M.gguf (39.59 GiB, 70.55 B parameters), tg128 = 128 tokens generated one at a time from an empty context. Modelled as batch 1, a 1-token prompt and 128 output tokens; F16 KV cache (llama.cpp default).',
    plan: inf('v-m3ultra-70b', 'Llama 3.3 70B on M3 Ultra', 'llama-3.3-70b', 'mac-studio-m3-ultra', 1, {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'gguf-q4_k_m', compute: 'bf16', kvCache: 'fp16' },
      workload: { promptTokens: 1, outputTokens: 128, concurrentRequests: 1 },
    }),
  },
];
