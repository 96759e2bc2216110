/**
 * Validation cases of the architectures added by issue 30 (added 2026-12-07 or later, so each
 * takes its split from `splitOf(id)`, docs/validation.md):
 * - DeepSeek Sparse Attention: the serving cost per million tokens by token position of
 *   DeepSeek-V3.1-Terminus (the deepseek-v3 architecture) and DeepSeek-V3.2-Exp (deepseek-v3.2) on
 *   H800 at 2 USD per GPU-hour, V3.2-Exp report Figure 3, prefill and decode.
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

export const ARCHITECTURE_VALIDATION_CASES: ValidationCase[] = [...DSA_POINTS.map(dsaCostCase)];
