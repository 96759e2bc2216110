/**
 * Published closed-loop serving benchmarks at a stated concurrency (TTFT and TPOT): GPUStack's
 * Qwen3-8B runs, dstack's DeepSeek-R1 runs, NVIDIA NIM's Llama 3.3 70B tables and a vLLM
 * concurrency sweep of Qwen2.5-0.5B on one L4 (ai.wmx.dev).
 */
import type { Citation } from '../source';
import { cite, inf, type ValidationCase } from './case';
import { add, closed, closedMedian, FP8, par, stack, type StackName } from './cases-helpers';

// --- Closed-loop serving benchmarks at a stated concurrency -------------------------------------

/** GPUStack Performance Lab, Qwen3-8B on one H100 SXM, vllm bench serve on ShareGPT at concurrency 4. */
export const GPUSTACK = (at: string): Citation => cite('gpustack-qwen3-8b-h100-latency', at);
export const GPUSTACK_LOAD =
  'vllm bench serve on ShareGPT, 100 prompts, --max-concurrency 4; 23,260 input and 22,061 generated tokens in all';
export const GPUSTACK_UNSTATED =
  'Modelled with every request at the means (233 prompt and 221 output tokens; ShareGPT lengths vary per request), 4 sequences in flight, KV cache BF16 (the engine default). The published TTFT is measured under the closed loop (other requests decoding or prefilling) and compared with the engine’s served TTFT under the same loop.';

const QWEN_FP8 = cite('qwen-fp8-checkpoints', 'fine-grained fp8 quantization with block size of 128');

export interface GpustackRun {
  engine: StackName;
  version: string;
  label: string;
  fp8: boolean;
  tpot: number;
  ttft: number;
}

export function gpustackCases(r: GpustackRun): ValidationCase[] {
  const model = r.fp8 ? 'Qwen/Qwen3-8B-FP8' : 'Qwen/Qwen3-8B';
  const slug = `gpustack-qwen3-8b${r.fp8 ? '-fp8' : ''}-h100-${r.engine}-c4`;
  const at = `${r.fp8 ? '3. Quantization' : `1. Choosing the Inference Engine, ${r.label}`}, benchmark result`;
  const description = (what: string) =>
    `Qwen3-8B${r.fp8 ? ' FP8' : ''} on one H100, ${r.label} ${r.version}, ShareGPT at concurrency 4: ${what}`;
  const plan = (what: string) =>
    inf(`v-${slug}-${what}`, description(what), 'qwen3-8b', 'hgx-h100', 1, {
      parallelism: par(1),
      precision: r.fp8 ? { ...FP8, fp8Scaling: 'block' } : { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: 233, outputTokens: 221, concurrentRequests: 4 },
      serving: { stack: stack(r.engine, r.version) },
    });
  const assumptions = `Published: ${model}, ${r.label} ${r.version} with its default serving command, ${GPUSTACK_LOAD}; one H100 SXM. ${r.fp8 ? 'Qwen3-8B-FP8 is a block-FP8 checkpoint, 128 × 128 weight blocks as Qwen’s official FP8 releases are (qwen-fp8-checkpoints): FP8 weights and matmuls timed with the block-scaled FP8 GEMM tables. ' : ''}${GPUSTACK_UNSTATED}`;
  return [
    add({
      id: `${slug}-tpot`,
      source: [GPUSTACK(`${at}: Mean TPOT ${r.tpot} ms`), ...(r.fp8 ? [QWEN_FP8] : [])],
      description: description('mean TPOT'),
      metric: 'tpotMs',
      scale: 1,
      unit: 'ms',
      published: r.tpot,
      benchmark: closed(4, 100),
      assumptions,
      plan: plan('tpot'),
    }),
    add({
      id: `${slug}-ttft`,
      source: [GPUSTACK(`${at}: Mean TTFT ${r.ttft} ms`), ...(r.fp8 ? [QWEN_FP8] : [])],
      description: description('mean TTFT'),
      metric: 'ttftMs',
      scale: 1,
      unit: 'ms',
      published: r.ttft,
      benchmark: closed(4, 100),
      assumptions,
      plan: plan('ttft'),
    }),
  ];
}

/** dstack's DeepSeek-R1 online runs: 500 prompts of exactly 3,200 / 800 tokens at a max concurrency. */
export const DSTACK = (at: string): Citation => cite('dstack-deepseek-r1-benchmarks', at);

export interface DstackRun {
  gpu: 'h200' | 'mi300x';
  engine: StackName;
  version: string;
  label: string;
  concurrency: number;
  layout: string;
  ep: number;
  tpot: number;
  ttft: number;
  /**
   * Scheduler settings the launch command states (trtllm-serve --max_num_tokens, --max_batch_size;
   * vLLM V0 without chunked prefill: --max-model-len is the token budget, vllm-v0-scheduler-config).
   */
  scheduler?: { maxBatchedTokens: number; maxRunningRequests?: number };
}

export function dstackCases(r: DstackRun): ValidationCase[] {
  const slug = `dstack-dsr1-${r.gpu}-${r.engine}-c${r.concurrency}`;
  const gpuName = r.gpu === 'h200' ? 'H200' : 'MI300X';
  const systemId = r.gpu === 'h200' ? 'hgx-h200' : 'mi300x-8';
  const row = `raw_data/online_results.csv, row ${r.gpu},${r.label === 'TensorRT-LLM' ? 'trt-llm' : r.engine},random, max_concurrency ${r.concurrency}, 3200/800`;
  const setup = `README: ${r.label} ${r.version} on 8 × ${gpuName}, ${r.layout}`;
  const description = (what: string) =>
    `DeepSeek-R1 on 8 × ${gpuName}, ${r.label}, 3,200 in / 800 out at concurrency ${r.concurrency}: ${what}`;
  const plan = (what: string) =>
    inf(`v-${slug}-${what}`, description(what), 'deepseek-v3', systemId, 8, {
      parallelism: par(8, 1, r.ep),
      precision: FP8,
      workload: { promptTokens: 3200, outputTokens: 800, concurrentRequests: r.concurrency },
      serving: { stack: stack(r.engine, r.version), ...(r.scheduler ? { scheduler: r.scheduler } : {}) },
    });
  const assumptions = `Published: deepseek-ai/DeepSeek-R1 (block-FP8 weights) served by ${r.label} ${r.version}, ${r.layout}; SGLang's bench_serving.py (modified by dstack), random dataset, 500 prompts of exactly 3,200 input and 800 output tokens (random-range-ratio 1), --max-concurrency ${r.concurrency}. Not stated: the KV-cache format (BF16 assumed, the engines' default), prefix caching (none: random prompts). DeepSeek-R1 has DeepSeek-V3's architecture (the deepseek-v3 preset). The published TTFT is measured under the closed loop (prompts wait behind other prefills) and compared with the engine’s served TTFT under the same loop.`;
  return [
    add({
      id: `${slug}-tpot`,
      source: [DSTACK(`${row}: mean_tpot_ms ${r.tpot}`), DSTACK(setup)],
      description: description('mean TPOT'),
      metric: 'tpotMs',
      scale: 1,
      unit: 'ms',
      published: r.tpot,
      benchmark: closed(r.concurrency, 500),
      assumptions,
      plan: plan('tpot'),
    }),
    add({
      id: `${slug}-ttft`,
      source: [DSTACK(`${row}: mean_ttft_ms ${r.ttft}`), DSTACK(setup)],
      description: description('mean TTFT'),
      metric: 'ttftMs',
      scale: 1,
      unit: 'ms',
      published: r.ttft,
      benchmark: closed(r.concurrency, 500),
      assumptions,
      plan: plan('ttft'),
    }),
  ];
}

export const DSTACK_RUNS: DstackRun[] = [
  {
    gpu: 'h200',
    engine: 'vllm',
    version: '0.7.4.dev181+gf35f8e22',
    label: 'vLLM',
    concurrency: 4,
    layout: 'vllm serve --tensor-parallel-size 8, VLLM_ATTENTION_BACKEND=FLASHMLA (attention and experts split 8 ways)',
    ep: 1,
    tpot: 25.73,
    ttft: 975.65,
  },
  {
    gpu: 'h200',
    engine: 'vllm',
    version: '0.7.4.dev181+gf35f8e22',
    label: 'vLLM',
    concurrency: 32,
    layout: 'vllm serve --tensor-parallel-size 8, VLLM_ATTENTION_BACKEND=FLASHMLA (attention and experts split 8 ways)',
    ep: 1,
    tpot: 51.67,
    ttft: 7650.78,
  },
  {
    gpu: 'h200',
    engine: 'trtllm',
    version: '0.17.post1.dev',
    label: 'TensorRT-LLM',
    concurrency: 4,
    layout:
      'trtllm-serve --backend pytorch --tp_size 8 --ep_size 4 --max_batch_size 512 --max_num_tokens 16384 (experts EP4 within TP8)',
    ep: 4,
    tpot: 55.12,
    ttft: 1003.8,
    scheduler: { maxBatchedTokens: 16384, maxRunningRequests: 512 },
  },
  {
    gpu: 'mi300x',
    engine: 'vllm',
    version: '0.7.3.dev138+g21f6ca217',
    label: 'vLLM',
    concurrency: 4,
    layout:
      'vllm serve --tensor-parallel-size 8 --max-model-len 32768 on ROCm 6.3 (rocm/vllm-dev:vllm-ds3-staging-0217)',
    ep: 1,
    tpot: 46.2,
    ttft: 1259.24,
    scheduler: { maxBatchedTokens: 32768 },
  },
  {
    gpu: 'mi300x',
    engine: 'vllm',
    version: '0.7.3.dev138+g21f6ca217',
    label: 'vLLM',
    concurrency: 128,
    layout:
      'vllm serve --tensor-parallel-size 8 --max-model-len 32768 on ROCm 6.3 (rocm/vllm-dev:vllm-ds3-staging-0217)',
    ep: 1,
    tpot: 109.07,
    ttft: 22245.65,
    scheduler: { maxBatchedTokens: 32768 },
  },
  {
    gpu: 'mi300x',
    engine: 'sglang',
    version: '0.4.2.post4',
    label: 'SGLang',
    concurrency: 4,
    layout: 'sglang.launch_server --tp 8 (rocm/sglang-staging:20250212)',
    ep: 1,
    tpot: 34.94,
    ttft: 1644.59,
  },
];

/** NVIDIA NIM 1.8.0, Llama-3.3-70B-Instruct FP8 TP2 on 2 × H100 80G, genai-perf concurrency sweeps. */
export const NIM = (at: string): Citation =>
  cite('nvidia-nim-llm-benchmarks-llama33-70b', `Version 1.8.0 > 2 x H100 80G > fp8 TP2 > ${at}`);
/** NIM 1.x serves an optimized profile (FP8 TP2 on H100 is one) with a pre-compiled TensorRT-LLM engine. */
export const NIM_BACKEND = cite(
  'nvidia-nim-llm-profiles-1x',
  'optimized profiles are pre-compiled TensorRT-LLM engines, preferred over generic (vllm, local_build) ones where the GPU has one',
);
const NIM_KV_POOL = cite(
  'trtllm-kv-cache-config',
  'free_gpu_memory_fraction default 0.9 of the memory free after loading',
);
export const NIM_UNSTATED =
  'Served by TensorRT-LLM: NIM 1.x runs an optimized profile as a pre-compiled TensorRT-LLM engine (nvidia-nim-llm-profiles-1x), and the table’s FP8 TP2 on H100 is taken to be one; its TensorRT-LLM release is not stated (the newest measured kernels, the stack’s default scheduler and its default KV pool, 0.9 of the memory free after loading, trtllm-kv-cache-config, are used). Not stated: the KV-cache format (FP8 assumed: NIM’s FP8 profiles; with a BF16 cache 50 sequences of 5,500 tokens would not fit beside the weights), whether TTFT and ITL are means or medians (compared as means), the number of requests. ITL, the gap between output tokens after the first, is compared with the engine’s TPOT; the published TTFT is measured under the closed loop and compared with the engine’s served TTFT under the same loop.';

export function nimCases(isl: number, osl: number, c: number, ttft: number, itl: number): ValidationCase[] {
  const slug = `nim-llama33-70b-h100x2-fp8-${isl}-${osl}-c${c}`;
  const at = `${isl} Input Tokens / ${osl} Output Tokens, concurrency ${c}`;
  const description = (what: string) =>
    `Llama 3.3 70B FP8 on 2 × H100 (TP2), NVIDIA NIM 1.8.0, ${isl} in / ${osl} out at concurrency ${c}: ${what}`;
  const plan = (what: string) =>
    inf(`v-${slug}-${what}`, description(what), 'llama-3.3-70b', 'hgx-h100', 2, {
      parallelism: par(2),
      precision: { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
      workload: { promptTokens: isl, outputTokens: osl, concurrentRequests: c },
      serving: { stack: stack('trtllm', null) },
    });
  const assumptions = `Published: NIM 1.8.0, Llama-3.3-70b-instruct, FP8 TP2 profile on 2 × H100 80G, ${isl} input and ${osl} output tokens, concurrency ${c}. ${NIM_UNSTATED}`;
  return [
    add({
      id: `${slug}-itl`,
      source: [NIM(`${at}: ITL ${itl} ms`), NIM_BACKEND, NIM_KV_POOL],
      description: description('inter-token latency'),
      metric: 'tpotMs',
      scale: 1,
      unit: 'ms',
      published: itl,
      benchmark: closed(c),
      assumptions,
      plan: plan('itl'),
    }),
    add({
      id: `${slug}-ttft`,
      source: [NIM(`${at}: TTFT ${ttft} ms`), NIM_BACKEND, NIM_KV_POOL],
      description: description('TTFT'),
      metric: 'ttftMs',
      scale: 1,
      unit: 'ms',
      published: ttft,
      benchmark: closed(c),
      assumptions,
      plan: plan('ttft'),
    }),
  ];
}

/** ai.wmx.dev's vLLM sweep: Qwen2.5-0.5B-Instruct BF16 on one L4, 256 in / 128 out, medians only. */
const WMX = (at: string): Citation => cite('wmx-raw-vllm-l4-benchmark', at);
const WMX_SETUP = WMX(
  'Run context: 1 × NVIDIA L4, vLLM v0.23.0 (V1 engine), --gpu-memory-utilization 0.6 --max-model-len 8192; 256-token input / 128-token output, --ignore-eos, closed loop at a fixed max-concurrency',
);
const WMX_UNSTATED =
  'Not stated: the number of prompts (the engine default, 1,000, is used), the host CPU beyond the machine type (g2-standard-4: four vCPUs, on which the API server, tokenizer and engine loop share the cores; the engine models a host time of 2 ms and 1.94 µs per prompt token, measured on faster hosts). The page gives medians only: TTFT p50 is compared with the simulated closed loop’s median TTFT, ITL p50 (the median gap between output tokens) with its median TPOT.';

export function wmxCases(c: number, ttftP50: number, itlP50: number): ValidationCase[] {
  const slug = `wmx-qwen25-05b-l4-vllm-c${c}`;
  const at = `Results: concurrency sweep, concurrency ${c}`;
  const description = (what: string) =>
    `Qwen2.5-0.5B on one L4, vLLM 0.23.0, 256 in / 128 out at concurrency ${c}: ${what}`;
  const plan = (what: string) =>
    inf(`v-${slug}-${what}`, description(what), 'qwen2.5-0.5b', 'cloud-l4-1gpu', 1, {
      parallelism: par(1),
      precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: 256, outputTokens: 128, concurrentRequests: c },
      serving: { stack: stack('vllm', '0.23.0') },
    });
  const assumptions = `Published: Qwen/Qwen2.5-0.5B-Instruct (BF16) on one NVIDIA L4 (Google Cloud g2-standard-4, GKE), vLLM v0.23.0 with --gpu-memory-utilization 0.6 --max-model-len 8192; vllm bench serve, 256 input and 128 output tokens (--ignore-eos), closed loop at max-concurrency ${c}. ${WMX_UNSTATED}`;
  const row = (what: 'ttft' | 'itl', metric: 'ttftMs' | 'tpotMs', label: string, value: number, named: string) =>
    add({
      id: `${slug}-${what}`,
      source: [WMX(`${at}: ${label} ${value} ms`), WMX_SETUP],
      description: description(named),
      metric,
      scale: 1,
      unit: 'ms',
      published: value,
      benchmark: closedMedian(c),
      assumptions,
      plan: plan(what),
    });
  return [
    row('ttft', 'ttftMs', 'TTFT p50', ttftP50, 'median TTFT'),
    row('itl', 'tpotMs', 'ITL p50', itlP50, 'median inter-token latency'),
  ];
}
