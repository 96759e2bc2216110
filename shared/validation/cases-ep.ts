/**
 * Validation cases: large expert-parallel serving of DeepSeek-V3/R1 (DeepSeek's own system,
 * RTP-LLM, SGLang on H100 and GB200, CloudMatrix384) and CPU expert offload (KTransformers).
 * Settings are the published ones; what the source does not state is named in `assumptions`.
 */
import type { Citation } from '../source';
import { cite, inf, type ValidationCase } from './case';

const DAY6_DECODE = cite('deepseek-day6-inference', 'Statistics: ~14.8k output tokens/s per H800 node during decoding');
const DAY6_SPEED = cite('deepseek-day6-inference', 'Statistics: average output speed 20-22 tokens/s');
const DAY6_PREFILL = cite(
  'deepseek-day6-inference',
  'Statistics: ~73.7k input tokens/s per H800 node during prefilling (including cache hits); 56.3% cache hits',
);
const RTP = (at: string): Citation => cite('rtp-llm-deepseek-replay', at);
const LMSYS = (at: string): Citation => cite('lmsys-large-scale-ep-2025', at);
const GB200 = (at: string): Citation => cite('lmsys-gb200-part2-2025', at);
const CM384 = (at: string): Citation => cite('cloudmatrix384-serving', at);
const KT = (at: string): Citation => cite('ktransformers-deepseek-tutorial', at);
const MTP_ACCEPT = cite('deepseek-v3-report', '§5.4.3: acceptance rate of the second-token (MTP) prediction 85-90%');

type Fabric = 'ib' | 'roce';

/**
 * Redundant experts beside DeepSeek-V3's 256 routed ones: the fewest that make EP divide them all
 * (DeepSeek places 32 for EP144: 288 = 2 × 144; the other deployments do not all state theirs).
 */
const redundant = (ep: number): number => Math.ceil(256 / ep) * ep - 256;
const FP8_DS = { weights: 'fp8', compute: 'fp8', kvCache: 'bf16', dispatch: 'fp8', combine: 'bf16' };

const dsDecode = (devices: number, perDevice: number, fabric: Fabric) =>
  ({
    parallelism: { tp: 1, pp: 1, dp: devices, ep: devices },
    precision: FP8_DS,
    workload: {
      promptTokens: 3000,
      outputTokens: 4000,
      concurrentRequests: devices * perDevice,
      prefixCacheHitRate: 0.563,
    },
    serving: { dualMicroBatch: true },
    moe: { redundantExperts: redundant(devices) },
    network: { fabric },
  }) as Record<string, unknown>;

const dsPrefill = (devices: number, prompt: number, hit: number, fabric: Fabric, perDevice = 1) =>
  ({
    parallelism: { tp: 1, pp: 1, dp: devices, ep: devices },
    precision: FP8_DS,
    workload: {
      promptTokens: prompt,
      outputTokens: 1,
      concurrentRequests: devices * perDevice,
      prefixCacheHitRate: hit,
    },
    serving: { dualMicroBatch: true },
    moe: { redundantExperts: redundant(devices) },
    network: { fabric },
  }) as Record<string, unknown>;

/** RTP-LLM decode instance: EP144 on 18 nodes, 13,200 requests, 4K in / 2K out, MTP, no CUDA graph. */
const rtpDecode = () =>
  ({
    ...dsDecode(144, 1, 'roce'),
    workload: { promptTokens: 4000, outputTokens: 2000, concurrentRequests: 13_200 },
    serving: { dualMicroBatch: true, speculative: { draftTokens: 1, acceptanceRate: 0.85 } },
    stepOverheadS: 0.0035,
  }) as Record<string, unknown>;
const RTP_DECODE_ASSUMPTIONS =
  "Published layout: decode instance of 18 nodes, EP144 (128 experts + 16 redundant), DP attention, RoCE, no CUDA graph, micro-batch overlap; 13,200 concurrent requests (91.7 per GPU), 4K input / 2K output (mean context 5,000). MTP is in use (the report blames part of its host overhead on the MTP path) but its acceptance is not published: one draft token at 85% (DeepSeek-V3 report, 85-90%). Step overhead 3.5 ms = the report's ~1.5 ms host time between steps + ~2 ms kernel-launch overhead. Not stated: prefix-cache hits (none assumed), EPLB placement (engine default imbalance).";

const gb200Decode = (lowPrecision: boolean) =>
  ({
    parallelism: { tp: 1, pp: 1, dp: 48, ep: 48 },
    precision: lowPrecision
      ? { weights: 'nvfp4', compute: 'fp4', kvCache: 'fp8', dispatch: 'fp8', combine: 'bf16' }
      : FP8_DS,
    workload: { promptTokens: 2000, outputTokens: 100, concurrentRequests: 48 * (lowPrecision ? 1408 : 4096) },
    serving: { dualMicroBatch: false },
    moe: { redundantExperts: redundant(48) },
  }) as Record<string, unknown>;

export const EP_VALIDATION_CASES: ValidationCase[] = [
  {
    id: 'deepseek-day6-decode',
    split: 'fit',
    source: DAY6_DECODE,
    description: 'DeepSeek-V3/R1 decode throughput per H800 node (EP144, DP attention, dual micro-batch)',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'output tokens/s per node',
    published: 14_800,
    assumptions:
      'Published: EP144 over 18 nodes, FP8 matmuls and dispatch, BF16 attention and combine, 56.3% prefix-cache hits, mean KV length 4,989. 88 sequences per GPU (not stated; matches the reported 20-22 tokens/s per request at 14.8k per node); mean context 5,000; no MTP (not stated). A 24-hour production average under diurnal load, not a saturated throughput.',
    plan: inf('v-ds-decode', 'DeepSeek decode, Day 6', 'deepseek-v3', 'hgx-h800', 144, dsDecode(144, 88, 'ib')),
  },
  {
    id: 'deepseek-day6-decode-speed',
    split: 'fit',
    source: DAY6_SPEED,
    description: 'DeepSeek-V3/R1 average output speed per request',
    metric: 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: 'tokens/s per request',
    published: 21,
    assumptions: 'Same decode plan as above; the published range is 20-22, its midpoint is used.',
    plan: inf('v-ds-decode-2', 'DeepSeek decode speed', 'deepseek-v3', 'hgx-h800', 144, dsDecode(144, 88, 'ib')),
  },
  {
    id: 'deepseek-day6-prefill',
    split: 'fit',
    source: DAY6_PREFILL,
    description: 'DeepSeek-V3/R1 prefill input tokens/s per H800 node, including 56.3% cache hits (EP32)',
    metric: 'inputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'input tokens/s per node',
    published: 73_700,
    assumptions:
      'Published: prefill unit of 4 nodes (EP32), dual micro-batch, 56.3% of input tokens hit the on-disk cache. Prompt 4,989 tokens (the average KV length; the prompt distribution is not published).',
    plan: inf(
      'v-ds-prefill',
      'DeepSeek prefill, Day 6',
      'deepseek-v3',
      'hgx-h800',
      32,
      dsPrefill(32, 4989, 0.563, 'ib'),
    ),
  },
  {
    id: 'rtp-llm-decode',
    split: 'fit',
    source: [
      RTP('Test results, Decode: 13,200 concurrent requests at the 20 TPS/user SLA, 1,850 TPS per GPU'),
      MTP_ACCEPT,
    ],
    description: 'RTP-LLM decode tokens/s per H800 at 13,200 concurrent requests (EP144, 4K in / 2K out)',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 1,
    unit: 'output tokens/s per GPU',
    published: 1_850,
    assumptions: RTP_DECODE_ASSUMPTIONS,
    plan: inf('v-rtp-decode', 'RTP-LLM decode', 'deepseek-v3', 'hgx-h800', 144, rtpDecode()),
  },
  {
    id: 'rtp-llm-decode-speed',
    split: 'fit',
    source: [RTP('Test results, Decode: 20 TPS per user at 13,200 concurrent requests (the SLA bound)'), MTP_ACCEPT],
    description: 'RTP-LLM output speed per request at 13,200 concurrent requests',
    metric: 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: 'tokens/s per request',
    published: 20,
    assumptions: `Same plan as the row above. ${RTP_DECODE_ASSUMPTIONS}`,
    plan: inf('v-rtp-decode-2', 'RTP-LLM decode speed', 'deepseek-v3', 'hgx-h800', 144, rtpDecode()),
  },
  {
    id: 'rtp-llm-prefill',
    split: 'fit',
    source: RTP(
      'Overview: prefill 42.6K TPS per H800 node (4K input, TTFT ≤ 1.6 s); Test results, Prefill: two 4K requests per GPU in 1.5 s',
    ),
    description: 'RTP-LLM prefill throughput per H800 node, 4K input (EP32)',
    metric: 'inputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'input tokens/s per node',
    published: 42_600,
    assumptions:
      'Published: prefill instance of 4 nodes (EP32), TP1 DP=EP=32, RoCE, no prefix cache simulated, micro-batch overlap; two 4,000-token requests per GPU at once (2 × 4,000 ÷ 1.5 s = 5,333 tokens/s per GPU).',
    plan: inf('v-rtp-prefill', 'RTP-LLM prefill', 'deepseek-v3', 'hgx-h800', 32, dsPrefill(32, 4000, 0, 'roce', 2)),
  },
  {
    id: 'sglang-96xh100-decode',
    split: 'fit',
    source: LMSYS(
      'Profile results, decode table: SGLang (default) batch 256, KV length 2,000, 9 nodes, 22,282 tokens/s per node',
    ),
    description: 'SGLang decode output tokens/s per H100 node, 2,000-token inputs (EP72)',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'output tokens/s per node',
    published: 22_282,
    assumptions:
      "Published: 9 nodes (EP72), batch 256 per GPU, KV length 2,000, DP attention, DeepEP low-latency, two-batch overlap, FP8 DeepGEMM, no MTP, InfiniBand. Output length 100 (the blog's EPLB case study; not stated for this run), so the mean context is 2,050.",
    plan: inf('v-sglang-decode', 'SGLang decode', 'deepseek-v3', 'hgx-h100', 72, {
      ...dsDecode(72, 256, 'ib'),
      workload: { promptTokens: 2000, outputTokens: 100, concurrentRequests: 72 * 256 },
    }),
  },
  {
    id: 'sglang-96xh100-prefill',
    split: 'fit',
    source: LMSYS('Evaluation: prefill on 4 nodes (EP32), 54,543 tokens/s per node at 2K prompts'),
    description: 'SGLang prefill input tokens/s per H100 node, 2K prompts (EP32)',
    metric: 'inputTokensPerSecondPerDevice',
    scale: 8,
    unit: 'input tokens/s per node',
    published: 54_543,
    assumptions:
      'Published: 4 nodes (EP32), DeepEP normal kernels, two-batch overlap, DeepGEMM, no prefix cache. Prompt 2,000 tokens ("2K"); tokens per device per step not stated for this run (the engine prefills chunks of ≥ 8,192 tokens). The headline 52.3k per node is a different run.',
    plan: inf('v-sglang-prefill', 'SGLang prefill', 'deepseek-v3', 'hgx-h100', 32, dsPrefill(32, 2000, 0, 'ib')),
  },
  {
    id: 'lmsys-gb200-decode-fp4',
    split: 'fit',
    source: GB200(
      'Experiments: 13,386 output tokens/s per GPU (FP8 attention, NVFP4 MoE), 48 decode ranks, 2,000-token inputs',
    ),
    description: 'SGLang decode on GB200 NVL72, FP8 KV + NVFP4 MoE, tokens/s per GPU (EP48)',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 1,
    unit: 'output tokens/s per GPU',
    published: 13_386,
    assumptions:
      'Published: 48 decode ranks in one NVLink domain (EP48, DP attention), FP8 KV cache and attention, NVFP4 MoE and output projection, NVFP4 token dispatch, fine-grained combine/down-GEMM overlap instead of two-batch overlap, no MTP; batch 1,408 for 2K inputs (taken per rank). Modelled: all weights NVFP4 (the engine has one weight format), dispatch at FP8 (no NVFP4 dispatch format: twice the published traffic), no overlap; output 100 tokens as in the H100 blog.',
    plan: inf('v-gb200-decode-fp4', 'SGLang GB200 decode (FP4)', 'deepseek-v3', 'gb200-nvl72', 48, gb200Decode(true)),
  },
  {
    id: 'lmsys-gb200-decode-fp8',
    split: 'fit',
    source: GB200('Experiments: 9,087 output tokens/s per GPU with BF16 attention and FP8 MoE'),
    description: 'SGLang decode on GB200 NVL72, BF16 KV + FP8 MoE, tokens/s per GPU (EP48)',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 1,
    unit: 'output tokens/s per GPU',
    published: 9_087,
    batchUpToMemory: true,
    assumptions:
      'Published: 48 decode ranks (EP48, DP attention), BF16 attention/KV, FP8 MoE, batch chosen to fill the KV cache (value not given for this precision): evaluated at the largest batch that fits. No overlap modelled (fine-grained overlap in the source); output 100 tokens.',
    plan: inf('v-gb200-decode-fp8', 'SGLang GB200 decode (FP8)', 'deepseek-v3', 'gb200-nvl72', 48, gb200Decode(false)),
  },
  {
    id: 'cloudmatrix-decode',
    split: 'fit',
    source: CM384('Abstract: decode 1,943 tokens/s per NPU at TPOT < 50 ms, EP320'),
    description: 'DeepSeek-R1 decode tokens/s per Ascend 910C at TPOT < 50 ms',
    metric: 'outputTokensPerSecondPerDevice',
    scale: 1,
    unit: 'output tokens/s per NPU',
    published: 1_943,
    assumptions:
      '"Per NPU" is per 910C package (the paper counts 384 NPUs in 48 nodes of 8, each NPU two dies), the unit of the ascend-910c preset. Published (abstract): EP320, INT8 quantisation, micro-batch pipelining, MTP. Assumed (evaluation section not checked): EP320 = one rank per die = 160 packages, 96 sequences per NPU, context 4K, one MTP draft at 70% acceptance, INT8 matmuls at the BF16 rate (no INT8 figure for the 910C).',
    plan: inf('v-cm-decode', 'CloudMatrix decode', 'deepseek-v3', 'cloudmatrix-384', 160, {
      parallelism: { tp: 1, pp: 1, dp: 160, ep: 160 },
      precision: { weights: 'int8', compute: 'int8', kvCache: 'int8', dispatch: 'fp8', combine: 'bf16' },
      workload: { promptTokens: 4000, outputTokens: 1000, concurrentRequests: 160 * 96 },
      serving: { dualMicroBatch: true, speculative: { draftTokens: 1, acceptanceRate: 0.7 } },
      moe: { redundantExperts: redundant(160) },
    }),
  },
  {
    id: 'cloudmatrix-prefill',
    split: 'fit',
    source: CM384('Abstract: prefill 6,688 tokens/s per NPU'),
    description: 'DeepSeek-R1 prefill tokens/s per Ascend 910C',
    metric: 'prefillTokensPerSecondPerDevice',
    scale: 1,
    unit: 'prefill tokens/s per NPU',
    published: 6_688,
    assumptions:
      'Per 910C package as above. Assumed (evaluation section not checked): EP over 16 NPUs inside the unified-bus domain, INT8 at the BF16 rate, 4K prompts, micro-batch overlap.',
    plan: inf('v-cm-prefill', 'CloudMatrix prefill', 'deepseek-v3', 'cloudmatrix-384', 16, {
      parallelism: { tp: 1, pp: 1, dp: 16, ep: 16 },
      precision: { weights: 'int8', compute: 'int8', kvCache: 'int8', dispatch: 'fp8', combine: 'bf16' },
      workload: { promptTokens: 4000, outputTokens: 1, concurrentRequests: 16 },
      serving: { dualMicroBatch: true },
    }),
  },
  {
    id: 'ktransformers-decode-2s',
    split: 'fit',
    source: KT('V0.2 Benchmark Results (500-token prompt): dual socket, 8 experts, decode 12.208 tokens/s'),
    description: 'DeepSeek-V3 Q4_K_M decode on 2 × Xeon Gold 6454S + RTX 4090D, experts on the CPU',
    metric: 'outputTokensPerSecondPerRequest',
    scale: 1,
    unit: 'tokens/s',
    published: 12.208,
    assumptions:
      'Published: KTransformers V0.2, DeepSeek-V3 Q4_K_M, 8 routed experts per token (the "6 experts" rows change the model and are not used), 2 × Xeon Gold 6454S (32 cores each, 8 × DDR5-4800 per socket, experts copied to both NUMA nodes), RTX 4090D, 500-token prompt, one session. Output length not stated (200 assumed).',
    plan: inf('v-kt-decode', 'KTransformers decode', 'deepseek-v3', 'ktransformers-server', 1, {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'gguf-q4_k_m', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: 500, outputTokens: 200, concurrentRequests: 1 },
      serving: { expertOffload: true },
    }),
  },
  {
    id: 'ktransformers-prefill-2s',
    split: 'fit',
    source: KT('V0.2 Benchmark Results (500-token prompt): dual socket, 8 experts, prefill 82.94 tokens/s'),
    description: 'DeepSeek-V3 Q4_K_M prefill on the same box (two sockets, V0.2 without AMX)',
    metric: 'singlePromptTokensPerSecond',
    scale: 1,
    unit: 'prompt tokens/s',
    published: 82.94,
    assumptions:
      'Published: as the row above, 8 experts, 500-token prompt; prefill speed of one prompt = prompt tokens ÷ its time to first token.',
    plan: inf('v-kt-prefill', 'KTransformers prefill', 'deepseek-v3', 'ktransformers-server', 1, {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'gguf-q4_k_m', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: 500, outputTokens: 1, concurrentRequests: 1 },
      serving: { expertOffload: true },
    }),
  },
];
