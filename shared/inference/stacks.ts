/**
 * What a serving stack changes in a step besides its kernels (kernels/select.ts picks those):
 * - stepOverheadS: host time per engine step that the GPU waits for — scheduling, sampling and
 *   output processing not hidden behind the previous step. All three stacks run decode under CUDA
 *   graphs and schedule the next step while the current one runs (TensorRT-LLM's overlap
 *   scheduler, SGLang's overlap scheduler, vLLM V1's asynchronous scheduling), so what remains is
 *   small and is fitted on the fit part of the validation cases (docs/validation.md,
 *   scripts/fit-stacks.ts) — never on a held-out case; 'generic' takes the same value.
 * - elementwiseLaunchS: the fixed time of each element-wise kernel (norms, activation, RoPE,
 *   residual adds) on top of its bytes ÷ bandwidth — AIConfigurator's systems files state 3 µs
 *   ("mem_empirical_constant_latency", an observation, aiconfig-h100-sxm).
 * - elementwiseKernelsPerLayer: fused add+norm twice, the activation and RoPE.
 */
import type { ServingStack } from '../schema/plan';

export interface StackBehaviour {
  label: string;
  stepOverheadS: number;
  elementwiseLaunchS: number;
  elementwiseKernelsPerLayer: number;
  source: string;
}

const LAUNCH = 3e-6;
/**
 * Host time per step not hidden behind the GPU, fitted by scripts/fit-stacks.ts on the fit cases of
 * the three measured stacks pooled (15 cases; median |error| 11.9% at 0 µs → 3.7% at 800 µs); the
 * stacks have too few fit cases each to fit apart, and 'generic' takes the same value.
 */
const STEP_OVERHEAD_S = 8e-4;

export const STACKS: Record<ServingStack['name'], StackBehaviour> = {
  generic: {
    label: 'generic (no particular serving stack)',
    stepOverheadS: STEP_OVERHEAD_S,
    elementwiseLaunchS: LAUNCH,
    elementwiseKernelsPerLayer: 4,
    source:
      'per-step host time fitted on the fit cases of the three measured stacks (0.8 ms, docs/validation.md); 3 µs per element-wise kernel (aiconfig-h100-sxm mem_empirical_constant_latency)',
  },
  trtllm: {
    label: 'TensorRT-LLM',
    stepOverheadS: STEP_OVERHEAD_S,
    elementwiseLaunchS: LAUNCH,
    elementwiseKernelsPerLayer: 4,
    source:
      'per-step host time fitted on the fit cases (docs/validation.md); 3 µs per element-wise kernel (aiconfig-h100-sxm)',
  },
  sglang: {
    label: 'SGLang',
    stepOverheadS: STEP_OVERHEAD_S,
    elementwiseLaunchS: LAUNCH,
    elementwiseKernelsPerLayer: 4,
    source:
      'per-step host time fitted on the fit cases (docs/validation.md); 3 µs per element-wise kernel (aiconfig-h100-sxm)',
  },
  vllm: {
    label: 'vLLM',
    stepOverheadS: STEP_OVERHEAD_S,
    elementwiseLaunchS: LAUNCH,
    elementwiseKernelsPerLayer: 4,
    source:
      'per-step host time fitted on the fit cases (docs/validation.md); 3 µs per element-wise kernel (aiconfig-h100-sxm)',
  },
};
