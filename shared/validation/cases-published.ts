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
import { cite, inf, type ValidationCase } from './case';
import { add, closed, FP8_DS, par, stack } from './cases-helpers';
import { minLatency, trtCell, TRT_CELLS } from './cases-trtllm';
import { DSTACK_RUNS, dstackCases, gpustackCases, nimCases, wmxCases } from './cases-serving';
import { appleCases, cudaCases, snapdragonCases, sparkCases } from './cases-llamacpp';

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
  // Added 2026-12-07 (later): the same table beyond what the KV cache holds (requests queue).
  ...nimCases(5000, 500, 100, 7996.25, 92.91),
  ...nimCases(5000, 500, 150, 34794.22, 92.86),
  ...nimCases(5000, 500, 200, 61680.22, 93.06),
  ...nimCases(5000, 500, 250, 88605.32, 93.2),
  // Added 2026-12-08: a vLLM concurrency sweep of a small model on one L4 (medians only).
  ...wmxCases(1, 27.0, 5.1),
  ...wmxCases(2, 37.8, 5.2),
  ...wmxCases(4, 50.1, 5.3),
  ...wmxCases(8, 60.9, 5.5),
  ...wmxCases(16, 103.8, 6.0),
  ...wmxCases(32, 135.3, 7.1),
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
