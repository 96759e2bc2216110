/**
 * Validation cases added on or after 2026-12-07 from published measurements: offline max-throughput
 * cells of TensorRT-LLM's performance overview, TensorRT-LLM's DeepSeek-R1 min-latency runs,
 * closed-loop serving benchmarks at a stated concurrency (TTFT and TPOT), batch-1 decode speeds,
 * large expert-parallel serving (SGLang, vLLM) and llama.cpp on laptops and workstations.
 *
 * Every case takes its split from `splitOf(id)` (docs/validation.md), never by hand. Each plan states
 * its serving stack as published (`serving.stack`: name and release, null where the source gives
 * none; llama.cpp and NVIDIA NIM are 'generic'), and `benchmark` records how the source issued its
 * requests. What a source does not state is written in `assumptions`.
 */
import type { Citation } from '../source';
import { cite, inf, type Benchmark, type ValidationCase } from './case';
import { PERF, DSR1, TRT_BATCH, TRT_COMMON, TRT_KV } from './cases-throughput';
import { splitOf } from './split';

type Case = Omit<ValidationCase, 'split'>;
/** A new case: its split follows from its id (docs/validation.md). */
const add = (c: Case): ValidationCase => ({ ...c, split: splitOf(c.id) });

type StackName = 'generic' | 'trtllm' | 'sglang' | 'vllm';
const stack = (name: StackName, version: string | null) => ({ name, version });
const par = (tp: number, dp = 1, ep = 1) => ({ tp, pp: 1, dp, ep });
const closed = (concurrency: number, requests?: number): Benchmark =>
  requests === undefined ? { mode: 'closed', concurrency } : { mode: 'closed', concurrency, requests };
const OFFLINE: Benchmark = { mode: 'offline' };

const FP8 = { weights: 'fp8', compute: 'fp8', kvCache: 'bf16' };
const FP8_DS = { weights: 'fp8', compute: 'fp8', kvCache: 'bf16', dispatch: 'fp8', combine: 'bf16' };
const MTP_ACCEPT = cite('deepseek-v3-report', '§5.4.3: acceptance rate of the second-token (MTP) prediction 85-90%');

// --- TensorRT-LLM performance overview: more cells of the tables already in the table ------------

/** $num_requests per ISL/OSL, from the overview's "Preparing a Dataset" table. */
const TRT_REQUESTS: Record<string, number> = {
  '128/128': 30000,
  '128/2048': 3000,
  '1000/1000': 3000,
  '2048/2048': 1500,
  '5000/500': 1500,
  '20000/2000': 1000,
};
const TRT_REQUESTS_AT = 'Preparing a Dataset: $num_requests per input/output length';

interface TrtCell {
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

function trtCell(c: TrtCell): ValidationCase {
  const requests = TRT_REQUESTS[`${c.isl}/${c.osl}`]!;
  const fmt = c.fp4 ? 'NVFP4 weights, FP4 matmuls' : 'FP8 weights and matmuls';
  return add({
    id: c.id,
    source: [PERF(c.at), cite('trtllm-perf-overview-v1.0', TRT_REQUESTS_AT), TRT_KV, TRT_BATCH],
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
      'Not stated: the TensorRT-LLM release (the page is the v1.0 documentation; stack version left to the newest measured), the KV-cache fraction (default 0.90 of free memory, 0.95 "in many cases"; the engine keeps its 10% runtime reserve).',
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

const B200_70B = (isl: number, osl: number, published: number): TrtCell => ({
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

const TRT_CELLS: TrtCell[] = [
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

const MIN_LATENCY =
  'trtllm-bench throughput with --concurrency 1 --max_batch_size 1, 10 requests from a real dataset of ISL 1K / OSL 2K (the doc: "Batch = 1, ISL = 1K, OSL = 2K, num_requests = 10 from real dataset"), MTP with num_nextn_predict_layers 3';
const MIN_LATENCY_UNSTATED =
  'Not stated: the MTP acceptance (it depends on the dataset): one acceptance rate of 0.85 per draft token assumed from the DeepSeek-V3 report (85-90% for the second token); the prompt and output lengths of the real dataset (1,024 / 2,048 assumed); the TensorRT-LLM commit of these two runs (stack version left to the newest measured). "Per User Output Throughput" divides output tokens by the whole request time, prefill included; compared as the decode output speed of the one sequence.';

const minLatency = (
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

// --- Closed-loop serving benchmarks at a stated concurrency -------------------------------------

/** GPUStack Performance Lab, Qwen3-8B on one H100 SXM, vllm bench serve on ShareGPT at concurrency 4. */
const GPUSTACK = (at: string): Citation => cite('gpustack-qwen3-8b-h100-latency', at);
const GPUSTACK_LOAD =
  'vllm bench serve on ShareGPT, 100 prompts, --max-concurrency 4; 23,260 input and 22,061 generated tokens in all';
const GPUSTACK_UNSTATED =
  'Modelled with every request at the means (233 prompt and 221 output tokens; ShareGPT lengths vary per request), 4 sequences in flight, KV cache BF16 (the engine default). The published TTFT is measured under the closed loop (other requests decoding or prefilling); the engine’s TTFT is one prompt on an idle system.';

interface GpustackRun {
  engine: StackName;
  version: string;
  label: string;
  fp8: boolean;
  tpot: number;
  ttft: number;
}

function gpustackCases(r: GpustackRun): ValidationCase[] {
  const model = r.fp8 ? 'Qwen/Qwen3-8B-FP8' : 'Qwen/Qwen3-8B';
  const slug = `gpustack-qwen3-8b${r.fp8 ? '-fp8' : ''}-h100-${r.engine}-c4`;
  const at = `${r.fp8 ? '3. Quantization' : `1. Choosing the Inference Engine, ${r.label}`}, benchmark result`;
  const description = (what: string) =>
    `Qwen3-8B${r.fp8 ? ' FP8' : ''} on one H100, ${r.label} ${r.version}, ShareGPT at concurrency 4: ${what}`;
  const plan = (what: string) =>
    inf(`v-${slug}-${what}`, description(what), 'qwen3-8b', 'hgx-h100', 1, {
      parallelism: par(1),
      precision: r.fp8 ? FP8 : { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: 233, outputTokens: 221, concurrentRequests: 4 },
      serving: { stack: stack(r.engine, r.version) },
    });
  const assumptions = `Published: ${model}, ${r.label} ${r.version} with its default serving command, ${GPUSTACK_LOAD}; one H100 SXM. ${r.fp8 ? 'Qwen3-8B-FP8 is a block-FP8 checkpoint (FP8 weights and matmuls assumed). ' : ''}${GPUSTACK_UNSTATED}`;
  return [
    add({
      id: `${slug}-tpot`,
      source: GPUSTACK(`${at}: Mean TPOT ${r.tpot} ms`),
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
      source: GPUSTACK(`${at}: Mean TTFT ${r.ttft} ms`),
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
const DSTACK = (at: string): Citation => cite('dstack-deepseek-r1-benchmarks', at);

interface DstackRun {
  gpu: 'h200' | 'mi300x';
  engine: StackName;
  version: string;
  label: string;
  concurrency: number;
  layout: string;
  ep: number;
  tpot: number;
  ttft: number;
}

function dstackCases(r: DstackRun): ValidationCase[] {
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
      serving: { stack: stack(r.engine, r.version) },
    });
  const assumptions = `Published: deepseek-ai/DeepSeek-R1 (block-FP8 weights) served by ${r.label} ${r.version}, ${r.layout}; SGLang's bench_serving.py (modified by dstack), random dataset, 500 prompts of exactly 3,200 input and 800 output tokens (random-range-ratio 1), --max-concurrency ${r.concurrency}. Not stated: the KV-cache format (BF16 assumed, the engines' default), prefix caching (none: random prompts). DeepSeek-R1 has DeepSeek-V3's architecture (the deepseek-v3 preset). The published TTFT is measured under the closed loop (prompts wait behind other prefills); the engine’s TTFT is one prompt on an idle system.`;
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

const DSTACK_RUNS: DstackRun[] = [
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
const NIM = (at: string): Citation =>
  cite('nvidia-nim-llm-benchmarks-llama33-70b', `Version 1.8.0 > 2 x H100 80G > fp8 TP2 > ${at}`);
const NIM_UNSTATED =
  'Not stated: the NIM profile’s backend (stack left generic), the KV-cache format (FP8 assumed: NIM’s FP8 profiles; with a BF16 cache 50 sequences of 5,500 tokens would not fit beside the weights), whether TTFT and ITL are means or medians (compared as means), the number of requests. ITL, the gap between output tokens after the first, is compared with the engine’s TPOT; the published TTFT is measured under the closed loop, the engine’s is one prompt on an idle system.';

function nimCases(isl: number, osl: number, c: number, ttft: number, itl: number): ValidationCase[] {
  const slug = `nim-llama33-70b-h100x2-fp8-${isl}-${osl}-c${c}`;
  const at = `${isl} Input Tokens / ${osl} Output Tokens, concurrency ${c}`;
  const description = (what: string) =>
    `Llama 3.3 70B FP8 on 2 × H100 (TP2), NVIDIA NIM 1.8.0, ${isl} in / ${osl} out at concurrency ${c}: ${what}`;
  const plan = (what: string) =>
    inf(`v-${slug}-${what}`, description(what), 'llama-3.3-70b', 'hgx-h100', 2, {
      parallelism: par(2),
      precision: { weights: 'fp8', compute: 'fp8', kvCache: 'fp8' },
      workload: { promptTokens: isl, outputTokens: osl, concurrentRequests: c },
      serving: { stack: stack('generic', null) },
    });
  const assumptions = `Published: NIM 1.8.0, Llama-3.3-70b-instruct, FP8 TP2 profile on 2 × H100 80G, ${isl} input and ${osl} output tokens, concurrency ${c}. ${NIM_UNSTATED}`;
  return [
    add({
      id: `${slug}-itl`,
      source: NIM(`${at}: ITL ${itl} ms`),
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
      source: NIM(`${at}: TTFT ${ttft} ms`),
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

// --- Batch-1 decode: SGLang on gpt-oss-120b -------------------------------------------------------

const GPT_OSS_BS1 = (at: string): Citation[] => [
  cite('lmsys-gpt-oss-2025', `By the Numbers, Low-Latency Performance (Batch Size = 1): ${at}`),
  cite(
    'sglang-gpt-oss-bench-readme',
    'Reproduce the benchmark throughput result (Batch Size 1): SGLang v0.5.1.post3, bench_one_batch_server --batch-size 1 --input-len 1024 --output-len 512',
  ),
];

function gptOssBs1(gpu: 'b200' | 'h100', mxfp4: boolean, published: number): ValidationCase {
  const b200 = gpu === 'b200';
  const tp = b200 ? 4 : 8;
  const id = `sglang-gpt-oss-120b-${gpu}-tp${tp}-${mxfp4 ? 'mxfp4' : 'bf16'}-bs1`;
  const gpuName = b200 ? 'B200' : 'H100';
  const description = `gpt-oss-120b (${mxfp4 ? 'MXFP4 experts' : 'BF16'}) on ${tp} × ${gpuName}, SGLang, batch 1: decode tokens/s`;
  return add({
    id,
    source: GPT_OSS_BS1(
      `${mxfp4 ? 'MXFP4' : 'BF16'} on NVIDIA ${gpuName}: ${published} tok/s; "B200 was tested with TP=4, H100 with TP=8 and triton attention"`,
    ),
    description,
    metric: 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: 'tokens/s',
    published,
    benchmark: closed(1),
    assumptions: `Published: ${mxfp4 ? 'openai/gpt-oss-120b (MXFP4 experts, the other weights BF16)' : 'lmsys/gpt-oss-120b-bf16 (all weights BF16)'}, SGLang v0.5.1.post3 (the reproduction README), TP${tp} on ${tp} × ${gpuName}${b200 ? '' : ', triton attention'}, one sequence with a 1,024-token prompt and 512 output tokens (bench_one_batch_server). Not stated: how the tool turns the run into tokens/s (compared as the decode speed of the one sequence), the MoE kernels' activation format (${mxfp4 ? 'MXFP4 weights read, matmuls at BF16 assumed' : 'BF16'}), the KV-cache format (BF16 assumed).`,
    plan: inf(`v-${id}`, description, 'gpt-oss-120b', b200 ? 'dgx-b200' : 'hgx-h100', tp, {
      parallelism: par(tp),
      precision: mxfp4
        ? { weights: 'bf16', compute: 'bf16', kvCache: 'bf16', experts: { weights: 'mxfp4', compute: 'bf16' } }
        : { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: 1024, outputTokens: 512, concurrentRequests: 1 },
      serving: { stack: stack('sglang', '0.5.1.post3') },
    }),
  });
}

// --- Large expert-parallel serving (SGLang, vLLM) ------------------------------------------------

const LMSYS_EP = (at: string): Citation => cite('lmsys-large-scale-ep-2025', at);
const K2 = (at: string): Citation => cite('lmsys-k2-large-scale-ep-2025', at);
const K2_FP8 = cite('hf-kimi-k2-instruct', 'config.json quantization_config: fp8 (e4m3), 128 × 128 weight blocks');
const K2_SETUP = K2(
  '4. Performance: 2000-Input, 100-Output Benchmark: 128 H200 with 1P1D (4 nodes prefill, 12 nodes decode), input 2000 tokens, output 100 tokens, decode batch size 480',
);
const K2_COMMON =
  'Published: Kimi-K2-Instruct (block-FP8 checkpoint) on H200 with SGLang, prefill and decode disaggregated (4 prefill nodes, 12 decode nodes of 8 GPUs), large-scale EP with DeepEP (low-latency mode on decode), 96 redundant experts and EPLB on decode, 2,000-token inputs and 100-token outputs. Not stated: the SGLang release (stack version left to the newest measured), the EP degree (one rank per GPU over each pool assumed: EP96 decode, EP32 prefill, DP attention as in the DeepSeek deployment the post follows), the token formats of dispatch and combine (FP8 and BF16 as in that deployment), the KV-cache format (BF16 assumed), the fabric (InfiniBand assumed), prefix-cache hits (none).';

const sglangPrefill = (
  id: string,
  prompt: number,
  perDevice: number,
  published: number,
  at: string,
  extra: string,
): ValidationCase => {
  const description = `SGLang prefill input tokens/s per H100 node, ${prompt}-token prompts (EP32)`;
  return add({
    id,
    source: LMSYS_EP(at),
    description,
    metric: 'inputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'input tokens/s per node',
    published,
    assumptions: `Published: DeepSeek-V3 on 4 nodes of 8 H100 (EP32), DeepEP normal kernels, two-batch overlap, FP8 DeepGEMM, DP attention, no prefix cache; the post gives 57,674, 54,543 and 50,302 tokens/s per node for 1K, 2K and 4K prompts. ${extra} Not stated: the SGLang release (stack version left to the newest measured), the KV-cache format (BF16 assumed). Prefill nodes measured alone (decode not limiting), as in the post.`,
    plan: inf(`v-${id}`, description, 'deepseek-v3', 'hgx-h100', 32, {
      parallelism: par(1, 32, 32),
      precision: FP8_DS,
      workload: { promptTokens: prompt, outputTokens: 1, concurrentRequests: 32 * perDevice },
      serving: { stack: stack('sglang', null), dualMicroBatch: true },
      network: { fabric: 'ib' },
    }),
  });
};

const GB300_VLLM = (at: string): Citation => cite('vllm-gb300-deepseek-2026', at);
const GB200_VLLM = (at: string): Citation => cite('vllm-dsr1-gb200-part1-2026', at);

// --- llama.cpp on laptops and workstations --------------------------------------------------------

const APPLE = (at: string): Citation => cite('llamacpp-discussion-4167', `Summary table (LLaMA 7B v2), ${at}`);
const CUDA = (at: string): Citation => cite('llamacpp-discussion-15013', `Scoreboard (Llama 2 7B Q4_0), ${at}`);
const SPARK = (at: string): Citation => cite('llamacpp-benches-dgx-spark', at);

type GgufFormat = 'gguf-q4_0' | 'gguf-q8_0' | 'fp16';
const FORMAT_LABEL: Record<GgufFormat, string> = { 'gguf-q4_0': 'Q4_0', 'gguf-q8_0': 'Q8_0', fp16: 'F16' };

interface LlamaBench {
  id: string;
  source: Citation | Citation[];
  description: string;
  modelId: string;
  systemId: string;
  /** 'pp' = prompt processing of `tokens` (llama-bench ppN); 'tg' = generating `tokens` one at a time (tgN). */
  test: 'pp' | 'tg';
  tokens: number;
  weights: GgufFormat;
  experts?: 'mxfp4';
  published: number;
  stated: string;
  unstated: string;
}

function llamaBench(b: LlamaBench): ValidationCase {
  const pp = b.test === 'pp';
  return add({
    id: b.id,
    source: b.source,
    description: b.description,
    metric: pp ? 'singlePromptTokensPerSecond' : 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: pp ? 'prompt tokens/s' : 'tokens/s',
    published: b.published,
    benchmark: closed(1),
    assumptions: `Published: llama-bench ${b.test}${b.tokens}, ${b.stated}. ${pp ? `Modelled as one ${b.tokens}-token prompt on an idle device: prompt tokens ÷ its time to first token` : `Modelled as batch 1, a 1-token prompt and ${b.tokens} output tokens (llama-bench generates from an empty context)`}; KV cache F16 (llama.cpp’s default); stack generic (llama.cpp is none of the measured stacks). ${b.unstated}`,
    plan: inf(`v-${b.id}`, b.description, b.modelId, b.systemId, 1, {
      parallelism: par(1),
      precision: {
        weights: b.weights,
        compute: 'bf16',
        kvCache: 'fp16',
        ...(b.experts ? { experts: { weights: b.experts, compute: 'bf16' } } : {}),
      },
      workload: { promptTokens: pp ? b.tokens : 1, outputTokens: pp ? 1 : b.tokens, concurrentRequests: 1 },
      serving: { stack: stack('generic', null) },
    }),
  });
}

const APPLE_CHIPS = [
  {
    slug: 'm2ultra',
    chip: 'M2 Ultra',
    row: 'M2 Ultra, 76 GPU cores, 800 GB/s',
    systemId: 'mac-studio-m2-ultra',
    build: 'the reference build 8e672ef',
    gpuTflops: 27.2,
    q4: [1238.48, 94.27],
    q8: 66.64,
    f16: 41.02,
  },
  {
    slug: 'm3ultra',
    chip: 'M3 Ultra',
    row: 'M3 Ultra, 80 GPU cores, 800 GB/s',
    systemId: 'mac-studio-m3-ultra',
    build: 'a later build (not transcribed)',
    gpuTflops: null,
    q4: [1471.24, 92.14],
    q8: 63.93,
    f16: 39.78,
  },
  {
    slug: 'm4max',
    chip: 'M4 Max',
    row: 'M4 Max, 40 GPU cores, 546 GB/s',
    systemId: 'mac-studio-m4-max',
    build: 'a later build (not transcribed)',
    gpuTflops: null,
    q4: [885.68, 83.06],
    q8: 54.05,
    f16: 31.64,
  },
  // Added with the laptop presets (M1 Pro, M1 Max, M3 Pro, M4 Pro).
  {
    slug: 'm1pro',
    chip: 'M1 Pro',
    row: 'M1 Pro, 16 GPU cores, 200 GB/s',
    systemId: 'macbook-pro-m1-pro',
    build: 'the reference build 8e672ef',
    gpuTflops: 5.2,
    q4: [266.25, 36.41],
    q8: 22.34,
    f16: 12.75,
  },
  {
    slug: 'm1max',
    chip: 'M1 Max',
    row: 'M1 Max, 32 GPU cores, 400 GB/s',
    systemId: 'macbook-pro-m1-max',
    build: 'the reference build 8e672ef',
    gpuTflops: 10.4,
    q4: [530.06, 61.19],
    q8: 40.2,
    f16: 23.03,
  },
  {
    slug: 'm3pro',
    chip: 'M3 Pro',
    row: 'M3 Pro, 18 GPU cores, 150 GB/s',
    systemId: 'macbook-pro-m3-pro',
    build: 'a later build (not transcribed)',
    gpuTflops: null,
    q4: [341.67, 30.74],
    q8: 17.53,
    f16: 9.89,
  },
  {
    slug: 'm4pro',
    chip: 'M4 Pro',
    row: 'M4 Pro, 20 GPU cores, 273 GB/s',
    systemId: 'mac-mini-m4-pro',
    build: 'a later build (not transcribed)',
    gpuTflops: null,
    q4: [439.78, 50.74],
    q8: 30.69,
    f16: 17.18,
  },
] as const;

const appleCases = (): ValidationCase[] =>
  APPLE_CHIPS.flatMap((a) => {
    const one = (test: 'pp' | 'tg', weights: GgufFormat, published: number): ValidationCase => {
      const f = FORMAT_LABEL[weights];
      const tokens = test === 'pp' ? 512 : 128;
      return llamaBench({
        id: `llamacpp-${a.slug}-llama2-7b-${f.toLowerCase()}-${test}${tokens}`,
        source: APPLE(`row ${a.row}: ${f} ${test === 'pp' ? 'PP' : 'TG'} ${published}`),
        description: `Llama 2 7B ${f} on an ${a.chip} (llama.cpp Metal): ${test === 'pp' ? 'prompt processing, 512 tokens' : 'token generation, batch 1'}`,
        modelId: 'llama-2-7b',
        systemId: a.systemId,
        test,
        tokens,
        weights,
        published,
        stated: `LLaMA 7B v2 (Llama 2 7B) in GGUF ${f}, Metal backend, all layers on the GPU, ${a.row}, ${a.build}`,
        unstated: `Not stated: the machine (the ${a.chip} preset of ${a.systemId} assumed; its GPU core count is not a preset field), flash attention (off, llama-bench's default). ${f === 'Q4_0' || f === 'Q8_0' ? `GGUF ${f} laid out tensor by tensor as llama.cpp quantises it (shared/model/gguf.ts: ${f} blocks, the output head ${f === 'Q8_0' ? 'Q8_0' : 'Q6_K'}).` : 'F16 weights at 16 bits.'}${test === 'pp' ? (a.gpuTflops === null ? " Apple publishes no teraflops figure for this GPU: the preset's compute peaks are unknown." : ` Apple quotes this GPU at ${a.gpuTflops} TFLOPS without naming a precision (the preset holds it as FP32) and gives no FP16 rate: the prompt is timed at that rate, the engine's fallback when only FP32 is known.`) : ''}`,
      });
    };
    return [
      one('tg', 'gguf-q4_0', a.q4[1]),
      one('tg', 'gguf-q8_0', a.q8),
      one('tg', 'fp16', a.f16),
      one('pp', 'gguf-q4_0', a.q4[0]),
    ];
  });

const CUDA_GPUS = [
  { slug: 'rtx4090', gpu: 'RTX 4090', systemId: 'consumer-4090-box', build: '2241453', pp: 11992.7, tg: 186.21 },
  { slug: 'rtx3090', gpu: 'RTX 3090', systemId: 'desktop-rtx-3090-2x', build: 'c76b420', pp: 5174.69, tg: 158.16 },
  { slug: 'rtx5090', gpu: 'RTX 5090', systemId: 'workstation-rtx-5090', build: '8cf6b42', pp: 14073.41, tg: 290.02 },
] as const;

const cudaCases = (): ValidationCase[] =>
  CUDA_GPUS.flatMap((g) =>
    (['pp', 'tg'] as const).map((test) => {
      const tokens = test === 'pp' ? 512 : 128;
      const published = test === 'pp' ? g.pp : g.tg;
      return llamaBench({
        id: `llamacpp-${g.slug}-llama2-7b-q4_0-${test}${tokens}`,
        source: CUDA(`row ${g.gpu}: pp512 ${g.pp}, tg128 ${g.tg}, build ${g.build}`),
        description: `Llama 2 7B Q4_0 on one ${g.gpu} (llama.cpp CUDA): ${test === 'pp' ? 'prompt processing, 512 tokens' : 'token generation, batch 1'}`,
        modelId: 'llama-2-7b',
        systemId: g.systemId,
        test,
        tokens,
        weights: 'gguf-q4_0',
        published,
        stated: `Llama 2 7B in GGUF Q4_0 (3.56 GiB), CUDA backend, all layers on one ${g.gpu}, build ${g.build}`,
        unstated: `Not stated: flash attention (the scoreboard appears to be without it; off assumed), the host. One card of the ${g.systemId} preset. GGUF Q4_0 laid out as llama.cpp quantises it (shared/model/gguf.ts: Q4_0 blocks of 4.5 bits, the output head Q6_K): 3.56 GiB, as the scoreboard states.`,
      });
    }),
  );

const SPARK_STATED =
  'build 2f68ce7cf (6918), CUDA backend on the DGX Spark’s GB10, all layers on the GPU, n_ubatch 2048, flash attention on, mmap off';
const sparkCases = (): ValidationCase[] => [
  llamaBench({
    id: 'llamacpp-dgxspark-gpt-oss-120b-mxfp4-pp2048',
    source: SPARK(
      'ggml-org/gpt-oss-120b-GGUF, llama-bench: gpt-oss 120B MXFP4 MoE, 59.02 GiB, 116.83 B, pp2048 1937.54 t/s',
    ),
    description: 'gpt-oss-120b (GGUF, MXFP4 experts) on a DGX Spark (llama.cpp CUDA): prompt processing, 2,048 tokens',
    modelId: 'gpt-oss-120b',
    systemId: 'dgx-spark',
    test: 'pp',
    tokens: 2048,
    weights: 'gguf-q8_0',
    experts: 'mxfp4',
    published: 1937.54,
    stated: `ggml-org/gpt-oss-120b-GGUF (59.02 GiB, 116.83 B parameters, MXFP4 MoE), ${SPARK_STATED}`,
    unstated:
      'Experts MXFP4 (4.25 bits a weight); the types of the other tensors are not listed: Q8_0 assumed (experts at 4.25 bits and the rest at Q8_0 come to about 59 GiB, as llama-bench reports).',
  }),
  llamaBench({
    id: 'llamacpp-dgxspark-gpt-oss-120b-mxfp4-tg32',
    source: SPARK('ggml-org/gpt-oss-120b-GGUF, llama-bench: gpt-oss 120B MXFP4 MoE, tg32 59.02 t/s'),
    description: 'gpt-oss-120b (GGUF, MXFP4 experts) on a DGX Spark (llama.cpp CUDA): token generation, batch 1',
    modelId: 'gpt-oss-120b',
    systemId: 'dgx-spark',
    test: 'tg',
    tokens: 32,
    weights: 'gguf-q8_0',
    experts: 'mxfp4',
    published: 59.02,
    stated: `ggml-org/gpt-oss-120b-GGUF (59.02 GiB, 116.83 B parameters, MXFP4 MoE), ${SPARK_STATED}`,
    unstated:
      'Experts MXFP4 (4.25 bits a weight); the types of the other tensors are not listed: Q8_0 assumed (experts at 4.25 bits and the rest at Q8_0 come to about 59 GiB, as llama-bench reports).',
  }),
  llamaBench({
    id: 'llamacpp-dgxspark-qwen2.5-coder-7b-q8_0-pp2048',
    source: [
      SPARK('ggml-org/Qwen2.5-Coder-7B-Q8_0-GGUF, llama-bench: qwen2 7B Q8_0, 7.54 GiB, 7.62 B, pp2048 2276.28 t/s'),
      cite('hf-qwen2.5-coder-7b', 'config.json (copies): the architecture fields of Qwen2.5-7B'),
    ],
    description: 'Qwen2.5-Coder-7B Q8_0 on a DGX Spark (llama.cpp CUDA): prompt processing, 2,048 tokens',
    modelId: 'qwen2.5-7b',
    systemId: 'dgx-spark',
    test: 'pp',
    tokens: 2048,
    weights: 'gguf-q8_0',
    published: 2276.28,
    stated: `ggml-org/Qwen2.5-Coder-7B-Q8_0-GGUF (7.54 GiB, 7.62 B parameters), ${SPARK_STATED}`,
    unstated:
      'Qwen2.5-Coder-7B has the architecture of Qwen2.5-7B (same config.json fields in published copies of the Instruct model’s config; the base model’s assumed equal; 7.62 B parameters in llama-bench): the qwen2.5-7b preset.',
  }),
  llamaBench({
    id: 'llamacpp-dgxspark-qwen2.5-coder-7b-q8_0-tg32',
    source: [
      SPARK('ggml-org/Qwen2.5-Coder-7B-Q8_0-GGUF, llama-bench: qwen2 7B Q8_0, tg32 29.30 t/s'),
      cite('hf-qwen2.5-coder-7b', 'config.json (copies): the architecture fields of Qwen2.5-7B'),
    ],
    description: 'Qwen2.5-Coder-7B Q8_0 on a DGX Spark (llama.cpp CUDA): token generation, batch 1',
    modelId: 'qwen2.5-7b',
    systemId: 'dgx-spark',
    test: 'tg',
    tokens: 32,
    weights: 'gguf-q8_0',
    published: 29.3,
    stated: `ggml-org/Qwen2.5-Coder-7B-Q8_0-GGUF (7.54 GiB, 7.62 B parameters), ${SPARK_STATED}`,
    unstated:
      'Qwen2.5-Coder-7B has the architecture of Qwen2.5-7B (same config.json fields in published copies of the Instruct model’s config; the base model’s assumed equal; 7.62 B parameters in llama-bench): the qwen2.5-7b preset.',
  }),
];

/**
 * llama.cpp on the Oryon CPU cores of a Snapdragon X Elite laptop: the before/after token rates of the
 * pull request that made Windows ARM64 builds optimised (llama.cpp's own timings, not llama-bench). Its
 * prompt-eval rates are not a case: the prompt length is not stated and Qualcomm publishes no CPU peak.
 */
const XELITE_PR = 'llamacpp-pr-7191';
const snapdragonCases = (): ValidationCase[] => [
  add({
    id: 'llamacpp-xelite-llama2-7b-q4_0-cpu-eval',
    source: cite(
      XELITE_PR,
      'description: token rates from a Snapdragon X-Elite-based laptop, llama-v2-7B, q4_0, CPU backend, 6 threads; This PR (LLVM/Clang): prompt-eval 70-72 t/s, eval 20-21 t/s',
    ),
    description:
      'Llama 2 7B Q4_0 on a Snapdragon X Elite laptop (llama.cpp CPU backend, 6 threads): token generation, batch 1',
    metric: 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: 'tokens/s',
    published: 20.5,
    benchmark: closed(1),
    assumptions:
      "Published: eval 20-21 t/s (20.5, the middle of the stated range) for llama-v2-7B q4_0 on the CPU backend with 6 threads, built with LLVM/Clang from the pull request's branch (May 2024), on a Snapdragon X Elite laptop. Modelled as batch 1, a 1-token prompt and 128 output tokens; KV cache F16 (llama.cpp's default); stack generic (llama.cpp is none of the measured stacks). Not stated: the tokens generated and the prompt length (llama.cpp's eval rate excludes the prompt), the laptop, its X Elite part and memory speed (the laptop-snapdragon-x-elite preset and its pre-launch 136 GB/s are assumed), flash attention (off, the default then). GGUF Q4_0 laid out as llama.cpp quantises it (shared/model/gguf.ts: Q4_0 blocks of 4.5 bits, the output head Q6_K).",
    plan: inf(
      'v-llamacpp-xelite-llama2-7b-q4_0-cpu-eval',
      'Llama 2 7B Q4_0 on a Snapdragon X Elite laptop (llama.cpp CPU backend, 6 threads): token generation, batch 1',
      'llama-2-7b',
      'laptop-snapdragon-x-elite',
      1,
      {
        parallelism: par(1),
        precision: { weights: 'gguf-q4_0', compute: 'bf16', kvCache: 'fp16' },
        workload: { promptTokens: 1, outputTokens: 128, concurrentRequests: 1 },
        serving: { stack: stack('generic', null) },
      },
    ),
  }),
];

export const PUBLISHED_VALIDATION_CASES: ValidationCase[] = [
  ...TRT_CELLS.map(trtCell),
  minLatency(
    'trtllm-dsr1-b200-minlatency-mtp3',
    'B200 min-latency, Expected Results: Per User Output Throughput (tokens/sec/user) 274.7188',
    'DeepSeek-R1 NVFP4 on 8 × B200, batch 1 with MTP (3 draft tokens), TensorRT-LLM: output tokens/s per user',
    'dgx-b200',
    2,
    true,
    274.7188,
    'nvidia/DeepSeek-R1-FP4 (NVFP4 weights, FP4 matmuls), moe_config backend TRTLLM, TRTLLM_ENABLE_PDL=1; the KV format is not set, so the checkpoint’s (the doc calls this checkpoint’s cache FP16: BF16 modelled)',
  ),
  minLatency(
    'trtllm-dsr1-h200-minlatency-mtp3',
    'H200 min-latency, Expected Result Format: Per User Output Throughput (tokens/sec/user) 158.1196',
    'DeepSeek-R1 FP8 on 8 × H200, batch 1 with MTP (3 draft tokens), TensorRT-LLM: output tokens/s per user',
    'hgx-h200',
    4,
    false,
    158.1196,
    'deepseek-ai/DeepSeek-R1 (block-FP8 weights and matmuls); the KV format is not set (BF16 assumed)',
  ),
  ...gpustackCases({ engine: 'vllm', version: '0.11.0', label: 'vLLM', fp8: false, tpot: 7.38, ttft: 64.0 }),
  ...gpustackCases({ engine: 'sglang', version: '0.5.3.post3', label: 'SGLang', fp8: false, tpot: 7.19, ttft: 27.7 }),
  ...gpustackCases({
    engine: 'trtllm',
    version: '1.2.0rc1',
    label: 'TensorRT-LLM',
    fp8: false,
    tpot: 7.67,
    ttft: 51.61,
  }),
  ...gpustackCases({ engine: 'sglang', version: '0.5.3.post3', label: 'SGLang', fp8: true, tpot: 5.65, ttft: 39.66 }),
  ...DSTACK_RUNS.flatMap(dstackCases),
  ...nimCases(500, 2000, 1, 47.77, 18.91),
  ...nimCases(5000, 500, 1, 406.77, 18.58),
  ...nimCases(5000, 500, 5, 546.7, 21.83),
  ...nimCases(5000, 500, 25, 688.69, 38.75),
  ...nimCases(5000, 500, 50, 834.51, 59.73),
  gptOssBs1('b200', true, 416.02),
  gptOssBs1('h100', true, 318.53),
  gptOssBs1('b200', false, 315.63),
  gptOssBs1('h100', false, 293.12),
  sglangPrefill(
    'sglang-32xh100-prefill-1k',
    1024,
    16,
    57_674,
    'Evaluation: prefill on 4 nodes (EP32), 57,674 tokens/s per node for 1K prompts',
    'Prompt 1,024 tokens ("1K"); tokens per device per step not stated for this run: 16,384 assumed (16 prompts per GPU), as in the post’s 4K profile.',
  ),
  sglangPrefill(
    'sglang-32xh100-prefill-4k',
    4096,
    4,
    50_302,
    'Evaluation: prefill on 4 nodes (EP32), 50,302 tokens/s per node for 4K prompts; profile table: 16,384 tokens per device, input 4,096, SGLang (default) 50,302',
    'Prompt 4,096 tokens, 16,384 tokens per device (4 prompts per GPU), as in the post’s profile table.',
  ),
  add({
    id: 'lmsys-gb200-prefill-fp8',
    source: cite(
      'lmsys-gb200-part2-2025',
      'Highlights and Experiments: 18,471 input tokens per second per GPU with BF16 attention and FP8 MoE, 2000-token inputs; prefill with 4 ranks per instance for high precision',
    ),
    description: 'SGLang prefill on GB200 NVL72, BF16 attention + FP8 MoE, input tokens/s per GPU (EP4)',
    metric: 'inputTokensPerSecondPerDevice',
    scale: 1,
    unit: 'input tokens/s per GPU',
    published: 18_471,
    assumptions:
      'Published: DeepSeek-V3/R1 with SGLang on GB200 NVL72, original precision (BF16 attention and KV, FP8 GEMMs), prefill instances of 4 ranks (EP4), 2,000-token inputs, prefill measured with decode not limiting (as in the H100 post), fine-grained combine/GEMM overlap. Modelled: EP4 with DP attention, FP8 dispatch and BF16 combine as on H100, two-batch overlap off, all weights resident in HBM (the post offloads weights to host memory when a small instance lacks room; whether this instance did is not stated). Not stated: prompts per rank per step (one 2,000-token prompt per GPU assumed; the engine prefills in chunks of at least 8,192 tokens), the SGLang build (an early-access CuTe DSL; stack version left to the newest measured).',
    plan: inf('v-lmsys-gb200-prefill-fp8', 'SGLang GB200 prefill (FP8)', 'deepseek-v3', 'gb200-nvl72', 4, {
      parallelism: par(1, 4, 4),
      precision: FP8_DS,
      workload: { promptTokens: 2000, outputTokens: 1, concurrentRequests: 4 },
      serving: { stack: stack('sglang', null), dualMicroBatch: false },
    }),
  }),
  add({
    id: 'sglang-kimi-k2-h200-decode',
    source: [K2('Cluster-Level Performance: Decode Throughput 288k tokens/sec (12 D Nodes)'), K2_SETUP, K2_FP8],
    description: 'Kimi K2 decode on 96 H200 (12 nodes), SGLang PD + large-scale EP: output tokens/s of the decode pool',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 96,
    unit: 'output tokens/s (12 decode nodes)',
    published: 288_000,
    assumptions: `${K2_COMMON} Decode batch 480 taken per GPU (per rank: a batch of 480 for the whole pool could not give 3,000 tokens/s per GPU), so 46,080 sequences at a mean context of 2,050.`,
    plan: inf('v-sglang-kimi-k2-h200-decode', 'Kimi K2 decode on 96 H200', 'kimi-k2', 'hgx-h200', 96, {
      parallelism: par(1, 96, 96),
      precision: FP8_DS,
      workload: { promptTokens: 2000, outputTokens: 100, concurrentRequests: 96 * 480 },
      serving: { stack: stack('sglang', null), dualMicroBatch: true },
      network: { fabric: 'ib' },
    }),
  }),
  add({
    id: 'sglang-kimi-k2-h200-prefill',
    source: [K2('Cluster-Level Performance: Prefill Throughput 224k tokens/sec (4 P Nodes)'), K2_SETUP, K2_FP8],
    description: 'Kimi K2 prefill on 32 H200 (4 nodes), SGLang PD + large-scale EP: input tokens/s of the prefill pool',
    metric: 'inputTokensPerSecondPerDevice',
    scale: 32,
    unit: 'input tokens/s (4 prefill nodes)',
    published: 224_000,
    assumptions: `${K2_COMMON} Prompts per GPU per step not stated (one 2,000-token prompt per GPU assumed; the engine prefills in chunks of at least 8,192 tokens).`,
    plan: inf('v-sglang-kimi-k2-h200-prefill', 'Kimi K2 prefill on 32 H200', 'kimi-k2', 'hgx-h200', 32, {
      parallelism: par(1, 32, 32),
      precision: FP8_DS,
      workload: { promptTokens: 2000, outputTokens: 1, concurrentRequests: 32 },
      serving: { stack: stack('sglang', null), dualMicroBatch: true },
      network: { fabric: 'ib' },
    }),
  }),
  add({
    id: 'vllm-dsr1-gb200-decode-2k2k',
    source: [
      GB200_VLLM(
        'Introduction: 10.1K decode TPGS on GB200 for 2K input and 2K output tokens, 1 decode instance of 8 GB200 with DP and EP',
      ),
      GB200_VLLM(
        'Results: decode batch size varied to fully utilize GPU memory; Key Optimizations: NVFP4 MoE GEMMs and O-proj, FP8 MLA query up-projection, NVFP4 MoE dispatch',
      ),
    ],
    description: 'DeepSeek-R1 decode on 8 × GB200 (vLLM WideEP, NVFP4 MoE), 2K in / 2K out: output tokens/s per GPU',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 1,
    unit: 'output tokens/s per GPU',
    published: 10_100,
    batchUpToMemory: true,
    assumptions:
      'Published: DeepSeek-R1 in NVFP4 (MoE experts and attention output projection), FP8 query up-projection, NVFP4 MoE dispatch, one decode instance of 8 GB200 with data and expert parallelism (EP8, DP attention), prefill disaggregated onto 4 instances of 2 GPUs (prefill not limiting), async scheduling, "2K" input and output tokens (2,000 each assumed), a decode batch filling GPU memory (evaluated at the largest batch that fits). Modelled: experts NVFP4 with FP4 matmuls, the other weights FP8 (the attention projections are a published mix of NVFP4, FP8 and unstated formats), dispatch FP8 (no NVFP4 dispatch format: twice the published traffic), BF16 combine, no overlap. Not stated: the vLLM release (stack version left to the newest measured), the KV-cache format (BF16 assumed), the mean context (prompt + half the output = 3,000).',
    plan: inf('v-vllm-dsr1-gb200-decode-2k2k', 'vLLM DeepSeek-R1 GB200 decode', 'deepseek-v3', 'gb200-nvl72', 8, {
      parallelism: par(1, 8, 8),
      precision: { ...FP8_DS, experts: { weights: 'nvfp4', compute: 'fp4' } },
      workload: { promptTokens: 2000, outputTokens: 2000, concurrentRequests: 8 * 4096 },
      serving: { stack: stack('vllm', null), dualMicroBatch: false },
    }),
  }),
  add({
    id: 'vllm-dsr1-gb300-ep2-prefill',
    source: [
      GB300_VLLM(
        'Summary: with 2x GB300 GPUs, DeepSeek-R1 (NVFP4 + EP2) 22476 TGS (ISL=2K, OSL=1, batch=256) in a prefill-only scenario',
      ),
      GB300_VLLM(
        'Benchmark Setup: vllm bench serve --dataset-name random --num-prompts 1000 --max-concurrency $MAX_CONCURRENCY --ignore-eos; prefill throughput = Total token throughput; vLLM v0.14.1; EP2 = -dp=2 --enable-expert-parallel',
      ),
    ],
    description:
      'DeepSeek-R1 NVFP4 prefill on 2 × GB300 (vLLM, DP2 + EP2), 2K prompts at concurrency 256: tokens/s per GPU',
    metric: 'inputTokensPerSecondPerDevice',
    scale: 2049 / 2048,
    unit: 'total tokens/s per GPU',
    published: 22_476,
    benchmark: closed(256, 1000),
    assumptions:
      'Published: nvidia/DeepSeek-R1-0528-NVFP4 on 2 × GB300 of a GB300 NVL72, vLLM v0.14.1 (CUDA 13.0, VLLM_USE_FLASHINFER_MOE_FP4=1), -dp=2 --enable-expert-parallel, vllm bench serve with random prompts, 1,000 prompts at concurrency 256, output length 1 (prefill only), the "Total token throughput" per GPU. Modelled: NVFP4 weights with FP4 matmuls throughout (the checkpoint’s attention formats not read), BF16 dispatch and combine, one prompt at a time per request; scale 2,049/2,048 turns input tokens/s into input + output tokens/s. Not stated: the exact prompt length ("2K": 2,048 assumed), --max-num-batched-tokens for EP2 (32,768 is given for TP2), the KV-cache format (BF16 assumed).',
    plan: inf('v-vllm-dsr1-gb300-ep2-prefill', 'vLLM DeepSeek-R1 GB300 prefill', 'deepseek-v3', 'gb300-nvl72', 2, {
      parallelism: par(1, 2, 2),
      precision: { weights: 'nvfp4', compute: 'fp4', kvCache: 'bf16' },
      workload: { promptTokens: 2048, outputTokens: 1, concurrentRequests: 256 },
      serving: { stack: stack('vllm', '0.14.1') },
    }),
  }),
  ...appleCases(),
  ...cudaCases(),
  ...sparkCases(),
  ...snapdragonCases(),
];
