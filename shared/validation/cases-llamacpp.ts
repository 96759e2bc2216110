/**
 * Published llama.cpp measurements on laptops and workstations: Apple M-series (Metal), consumer
 * CUDA cards, DGX Spark and a Snapdragon X Elite laptop (CPU), prompt processing and token
 * generation.
 */
import type { Citation } from '../source';
import { cite, inf, type ValidationCase } from './case';
import { add, closed, par, stack } from './cases-helpers';

// --- llama.cpp on laptops and workstations --------------------------------------------------------

export const APPLE = (at: string): Citation => cite('llamacpp-discussion-4167', `Summary table (LLaMA 7B v2), ${at}`);
export const CUDA = (at: string): Citation => cite('llamacpp-discussion-15013', `Scoreboard (Llama 2 7B Q4_0), ${at}`);
export const SPARK = (at: string): Citation => cite('llamacpp-benches-dgx-spark', at);

export type GgufFormat = 'gguf-q4_0' | 'gguf-q8_0' | 'fp16';
export const FORMAT_LABEL: Record<GgufFormat, string> = { 'gguf-q4_0': 'Q4_0', 'gguf-q8_0': 'Q8_0', fp16: 'F16' };

export interface LlamaBench {
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

export function llamaBench(b: LlamaBench): ValidationCase {
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

export const APPLE_CHIPS = [
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

export const appleCases = (): ValidationCase[] =>
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

export const CUDA_GPUS = [
  { slug: 'rtx4090', gpu: 'RTX 4090', systemId: 'consumer-4090-box', build: '2241453', pp: 11992.7, tg: 186.21 },
  { slug: 'rtx3090', gpu: 'RTX 3090', systemId: 'desktop-rtx-3090-2x', build: 'c76b420', pp: 5174.69, tg: 158.16 },
  { slug: 'rtx5090', gpu: 'RTX 5090', systemId: 'workstation-rtx-5090', build: '8cf6b42', pp: 14073.41, tg: 290.02 },
] as const;

export const cudaCases = (): ValidationCase[] =>
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

export const SPARK_STATED =
  'build 2f68ce7cf (6918), CUDA backend on the DGX Spark’s GB10, all layers on the GPU, n_ubatch 2048, flash attention on, mmap off';
export const sparkCases = (): ValidationCase[] => [
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
export const XELITE_PR = 'llamacpp-pr-7191';
export const snapdragonCases = (): ValidationCase[] => [
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
