/**
 * Validation cases of the sparse-attention, diffusion, vision and BLT architectures (added 2026-12-07 or later, so each
 * takes its split from `splitOf(id)`, docs/validation.md):
 * - DeepSeek Sparse Attention: the serving cost per million tokens by token position of
 *   DeepSeek-V3.1-Terminus (the deepseek-v3 architecture) and DeepSeek-V3.2-Exp (deepseek-v3.2) on
 *   H800 at 2 USD per GPU-hour, V3.2-Exp report Figure 3, prefill and decode;
 * - diffusion LMs: LLaDA-8B's latency per sample on one A100 80GB with its plain sampler and with
 *   Fast-dLLM's parallel decoding and dual cache (Fast-dLLM, Figure 1(c));
 * - vision encoders: Qwen2.5-VL-7B's time to first token for one 1080p image on an H100 (vLLM).
 * What a source does not state is written in `assumptions`.
 */
import type { Citation } from '../source';
import { cite, inf, type ValidationCase } from './case';
import { splitOf } from './split';

type Case = Omit<ValidationCase, 'split'>;
const add = (c: Case): ValidationCase => ({ ...c, split: splitOf(c.id) });

// --- DeepSeek Sparse Attention: cost by token position (V3.2-Exp report, Figure 3) --------------

const FIG3 = (at: string): Citation => cite('deepseek-v32-exp-report', `Figure 3 (H800, 2 USD per GPU hour): ${at}`);
const DAY6_UNITS = cite(
  'deepseek-day6-inference',
  'prefill units of 4 nodes (EP32, DP32 attention); decode units of 18 nodes (EP144, DP144 attention); FP8 matmuls and dispatch, BF16 combine, dual micro-batch',
);
const MODEL_NAME: Record<string, string> = {
  'deepseek-v3': 'DeepSeek-V3.1-Terminus',
  'deepseek-v3.2': 'DeepSeek-V3.2-Exp',
};
/** Prompt tokens computed at each position: one 1,024-token chunk after `position` cached tokens. */
const CHUNK = 1024;

interface CostPoint {
  modelId: 'deepseek-v3' | 'deepseek-v3.2';
  phase: 'prefill' | 'decode';
  /** Token position (K tokens) and the figure's value there. */
  k: number;
  usd: number;
  /** Where the value sits on the figure's polyline. */
  read: string;
}

const DEEPSEEK_PRECISION = { weights: 'fp8', compute: 'fp8', kvCache: 'bf16', dispatch: 'fp8', combine: 'bf16' };

function dsaCostCase(p: CostPoint): ValidationCase {
  const pos = p.k * 1024;
  const name = MODEL_NAME[p.modelId]!;
  const id = `dsa-cost-${p.modelId.replace('.', '')}-${p.phase}-${p.k}k`;
  const prefill = p.phase === 'prefill';
  const description = `${name} ${p.phase} cost per million tokens at token position ${p.k}K on H800 (DeepSeek's deployment)`;
  const common =
    'Published: costs estimated from benchmarking the service deployed on H800 GPUs at 2 USD per GPU hour (the figure reads per token position; short prefills use a masked MHA mode). ' +
    'Not stated: the deployment, batch and kernels behind the figure. Assumed: DeepSeek’s production units of Day 6 (FP8 matmuls and dispatch, BF16 combine and KV cache, dual micro-batch, 0.5 ms per-step host time), the same for both models; the V3.1-Terminus architecture is DeepSeek-V3’s.';
  const assumptions = prefill
    ? `${common} Modelled: a prefill unit of 32 H800 (EP32, DP32), prompts of ${pos + CHUNK} tokens whose first ${pos} come from the prefix cache, so each computed token sits at positions ${pos}–${pos + CHUNK}; the cost per computed prompt token (the engine’s cost per input token counts cached tokens, hence the scale ${(pos + CHUNK) / CHUNK}).`
    : `${common} Modelled: a decode unit of 144 H800 (EP144, DP144) at Day 6’s load (88 sequences per GPU, as the example plan), every sequence at context ${pos}; the figure is read as a per-token cost at that context, not limited by KV-cache capacity, so the batch is not reduced to what fits.`;
  return add({
    id,
    source: [
      FIG3(
        `(${prefill ? 'a' : 'b'}) ${prefill ? 'Prefilling' : 'Decoding'}, ${name} at ${p.k}K: ${p.usd} USD per million tokens (${p.read})`,
      ),
      DAY6_UNITS,
    ],
    description,
    metric: prefill ? 'costPerMillionInputTokensUSD' : 'costPerMillionOutputTokensUSD',
    scale: prefill ? (pos + CHUNK) / CHUNK : 1,
    unit: 'USD per million tokens',
    published: p.usd,
    assumptions,
    plan: inf(
      `v-${id}`,
      description,
      p.modelId,
      'hgx-h800',
      prefill ? 32 : 144,
      {
        parallelism: prefill ? { tp: 1, pp: 1, dp: 32, ep: 32 } : { tp: 1, pp: 1, dp: 144, ep: 144 },
        precision: DEEPSEEK_PRECISION,
        workload: prefill
          ? {
              promptTokens: pos + CHUNK,
              outputTokens: 1,
              concurrentRequests: 32,
              prefixCacheHitRate: pos / (pos + CHUNK),
            }
          : { promptTokens: pos, outputTokens: 2, concurrentRequests: 144 * 88 },
        serving: { dualMicroBatch: true },
        // 256 routed + 32 redundant experts over EP144 (two per GPU), as Day 6's decode units place them.
        ...(prefill ? {} : { moe: { redundantExperts: 32 } }),
        stepOverheadS: 0.0005,
      },
      { prices: { mode: 'hourly', usdPerDeviceHour: 2 } },
    ),
  });
}

const DSA_POINTS: CostPoint[] = [
  { modelId: 'deepseek-v3', phase: 'prefill', k: 128, usd: 0.6658, read: 'polyline vertex' },
  { modelId: 'deepseek-v3.2', phase: 'prefill', k: 128, usd: 0.1871, read: 'polyline vertex' },
  { modelId: 'deepseek-v3', phase: 'prefill', k: 32, usd: 0.206, read: 'linear between the vertices at 0K and 128K' },
  {
    modelId: 'deepseek-v3.2',
    phase: 'prefill',
    k: 32,
    usd: 0.118,
    read: 'linear between the vertices at 6.59K and 128K',
  },
  { modelId: 'deepseek-v3', phase: 'decode', k: 128, usd: 2.1543, read: 'polyline vertex' },
  { modelId: 'deepseek-v3.2', phase: 'decode', k: 128, usd: 0.2491, read: 'polyline vertex' },
  { modelId: 'deepseek-v3', phase: 'decode', k: 32, usd: 0.591, read: 'linear between the vertices at 0K and 128K' },
  {
    modelId: 'deepseek-v3.2',
    phase: 'decode',
    k: 32,
    usd: 0.17,
    read: 'linear between the vertices at 2.06K and 101.61K',
  },
];

// --- Diffusion LMs: LLaDA-8B on one A100 (Fast-dLLM, Figure 1(c)) --------------------------------

const FAST_DLLM = (at: string): Citation => cite('fast-dllm-paper', at);
const FAST_DLLM_SETUP = FAST_DLLM(
  '§4.1: all experiments on an NVIDIA A100 80GB GPU, batch size 1, no inference speed-up framework; PrefixCache block size 32',
);
/** GSM8K 8-shot prompt tokens: not stated; eight worked examples of about 120 tokens and the question. */
const GSM8K_8SHOT = 1000;

interface DllmPoint {
  id: string;
  at: string;
  description: string;
  published: number;
  sampler: { blockTokens: number; stepsPerBlock: number; cache: 'none' | 'prefix' | 'dual' };
  stated: string;
}

function dllmCase(p: DllmPoint): ValidationCase {
  return add({
    id: p.id,
    source: [FAST_DLLM(p.at), FAST_DLLM_SETUP],
    description: p.description,
    metric: 'requestLatencyMs',
    scale: 1e-3,
    unit: 's per sample',
    published: p.published,
    assumptions: `Published: LLaDA-8B-Instruct, GSM8K 8-shot, generation length 1,024, one A100 80GB, batch 1, no serving framework (Hugging Face code); ${p.stated}. Not stated: the prompt length (${GSM8K_8SHOT} tokens assumed for eight worked examples and the question), the A100's form factor (SXM assumed: one GPU of the hgx-a100 preset), the software's per-step host time (the generic stack's). Modelled: every step a bidirectional forward over prompt + answer (or, with a cache, over the tokens it recomputes), the LM head on every computed token; BF16 weights and matmuls.`,
    plan: inf(`v-${p.id}`, p.description, 'llada-8b', 'hgx-a100', 1, {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: GSM8K_8SHOT, outputTokens: 1024, concurrentRequests: 1 },
      serving: { stack: { name: 'generic', version: null } },
      diffusion: p.sampler,
    }),
  });
}

const DLLM_POINTS: DllmPoint[] = [
  {
    id: 'fast-dllm-llada-1024-baseline-latency',
    at: 'Figure 1(c): LLaDA, 1,024 steps, 0.26 s per step, latency per sample 266 s',
    description: 'LLaDA-8B, 1,024 tokens by its plain sampler (one token per step) on one A100: latency per sample',
    published: 266,
    sampler: { blockTokens: 32, stepsPerBlock: 32, cache: 'none' },
    stated:
      "LLaDA's sampler with one token unmasked per step (1,024 steps), every step a full forward; blocks of 32 (the paper's default block size: the cost does not depend on it without a cache)",
  },
  {
    id: 'fast-dllm-llada-1024-dualcache-latency',
    at: 'Figure 1(c): + parallel decoding + DualCache, about 140 steps, 0.09 s per step, latency per sample 12 s',
    description:
      'LLaDA-8B, 1,024 tokens with Fast-dLLM (parallel decoding, dual cache) on one A100: latency per sample',
    published: 12,
    sampler: { blockTokens: 32, stepsPerBlock: 140 / 32, cache: 'dual' },
    stated:
      'Fast-dLLM with confidence-threshold parallel decoding (threshold 0.9) and the dual cache, about 140 steps in all (4.4 per block of 32, as the mean), a full forward refreshing the cache at each block',
  },
];

// --- Vision encoders: Qwen2.5-VL-7B, one 1080p image on an H100 (vLLM) ----------------------------

const VLLM_ENCODE = (at: string): Citation => cite('vllm-issue-41267', at);

const VISION_CASES: ValidationCase[] = [
  add({
    id: 'vllm-qwen25vl-7b-1080p-ttft',
    source: [
      VLLM_ENCODE('sample trace: gen_ai.latency.time_to_first_token 0.293 seconds, gen_ai.usage.prompt_tokens 2718'),
      VLLM_ENCODE('issue description: Qwen2.5-VL-7B, H100 80GB, vLLM v0.19.1, a single 1080p image, max_tokens 1'),
    ],
    description: 'Qwen2.5-VL-7B, one 1080p image and its text on one H100 (vLLM): time to first token',
    metric: 'ttftMs',
    scale: 1,
    unit: 'ms',
    published: 293,
    assumptions:
      'Published: Qwen2.5-VL-7B on one H100 80GB, vLLM v0.19.1, one request with one 1920 × 1080 image, max_tokens 1, 2,718 prompt tokens (2,691 image tokens by the processor’s resize and 27 of text, as modelled), TTFT 0.293 s of which 0.126 s in model prefill (the author infers the rest, 0.167 s, as encoder time). Modelled: BF16 weights and matmuls, the vision tower (32 layers over 10,764 patches, full attention in 4 of them) and the 2,718-token prefill in one step. Not modelled: the image’s preprocessing on the host (resize, normalisation), scheduling and detokenisation, which the published TTFT includes. Not stated: the H100 form factor (SXM assumed: one GPU of hgx-h100).',
    plan: inf('v-vllm-qwen25vl-7b-1080p-ttft', 'Qwen2.5-VL-7B 1080p TTFT', 'qwen2.5-vl-7b', 'hgx-h100', 1, {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      workload: {
        promptTokens: 27,
        outputTokens: 1,
        concurrentRequests: 1,
        images: { perRequest: 1, widthPx: 1920, heightPx: 1080 },
      },
      serving: { stack: { name: 'vllm', version: '0.19.1' } },
    }),
  }),
];

export const ARCHITECTURE_VALIDATION_CASES: ValidationCase[] = [
  ...DSA_POINTS.map(dsaCostCase),
  ...DLLM_POINTS.map(dllmCase),
  ...VISION_CASES,
];
