/**
 * The memory a serving stack keeps out of its KV cache, by default and as a plan sets it
 * (`serving.runtimeReserveFraction`; null = the stack's default).
 *
 * - vLLM: the model executor gets gpu_memory_utilization of the whole device, 0.9 through 0.19 and
 *   0.92 from 0.22 (vllm-cache-config; aic-vllm-backend lists 0.9 at 0.14.0 and 0.19.0, 0.92 at
 *   0.22.0, 0.24 and 0.25.x). 0.20 and 0.21 were not read: they keep 0.9. The reserve is 1 − that,
 *   of the device, beside the activation peak.
 * - TensorRT-LLM: the KV cache gets free_gpu_memory_fraction 0.9 of the memory free after the weights
 *   and the profiling forward (trtllm-kv-cache-config); the reserve is 0.1 of that free memory.
 * - SGLang: weights and KV pool get mem_fraction_static of the device, computed at start-up
 *   (sglang-mem-fraction-static; the terms as aic-sglang-backend mirrors server_args.py at 0.5.16):
 *   (capacity − reserved) ÷ capacity with reserved, in MiB, 512 + 1.5 × chunked_prefill_size +
 *   tp·pp ÷ 8 × 1,024 + 2 × the CUDA-graph batch (+ 3 × batch × dp, and 1.5 × batch × dp more above a
 *   batch of 300, under DP attention), at least 10 GiB on a device of more than 60 GiB. The chunk and the graph batch are tiered by memory and TP. Its DeepEP all-to-all
 *   reserve is not modelled. The activations live inside that reserve. Releases before 0.5.16 keep
 *   the generic 10% of the device (their heuristic differed and was not sourced by release).
 * - generic: 10% of the device.
 * A plan's explicit fraction is of the device, or of the free memory for TensorRT-LLM.
 */
import { compareVersions } from '../kernels/version';
import type { InferenceSettings } from '../schema/plan';
import type { Citation } from '../source';
import type { Layout } from './step';

/** The documents behind the defaults (the Sources page lists them under this module). */
export const MEMORY_RESERVE_SOURCES: readonly Citation[] = (
  [
    ['vllm-cache-config', 'gpu_memory_utilization: the share of GPU memory for the model executor'],
    ['aic-vllm-backend', 'vLLM gpu_memory_utilization 0.9 at 0.14.0 and 0.19.0; 0.92 at 0.22.0, 0.24, 0.25.x'],
    ['trtllm-kv-cache-config', 'free_gpu_memory_fraction: 0.9 of the memory free after loading, for KV'],
    ['sglang-mem-fraction-static', 'unset, mem_fraction_static = (GPU memory − reserved memory) ÷ GPU memory'],
    ['aic-sglang-backend', 'derive_sglang_mem_fraction_static: the reserve’s terms at SGLang 0.5.16'],
    ['vllm-pr-5158-memory-utilization', 'the same 0.9: of the device in vLLM, of what loading leaves in TRT-LLM'],
  ] as const
).map(([doc, at]) => ({ doc, at }));

type Stack = InferenceSettings['serving']['stack'];
const MIB = 2 ** 20;

/** How a plan's reserve is computed: a fraction of the device or of the free memory, or SGLang's start-up rule. */
export type ReserveRule =
  /** `activationsInside`: the activation peak lives inside the reserve (SGLang), not beside it (vLLM). */
  | { kind: 'device'; fraction: number; activationsInside?: boolean; source: string }
  | { kind: 'free'; fraction: number; source: string }
  | { kind: 'sglang'; source: string };

/** vLLM's default gpu_memory_utilization for a release (null = the newest). */
function vllmMemoryUtilization(version: string | null): number {
  return version === null || compareVersions(version, '0.22.0') >= 0 ? 0.92 : 0.9;
}

export function reserveRule(stack: Stack, planFraction: number | null): ReserveRule {
  if (stack.name === 'trtllm') {
    const f = planFraction ?? 0.1;
    return {
      kind: 'free',
      fraction: f,
      source: `TensorRT-LLM: the KV cache gets ${+(1 - f).toFixed(3)} of the memory left after weights and the activation peak (free_gpu_memory_fraction)`,
    };
  }
  if (planFraction !== null)
    return { kind: 'device', fraction: planFraction, source: 'the plan’s share of the device' };
  if (stack.name === 'vllm') {
    const u = vllmMemoryUtilization(stack.version);
    return {
      kind: 'device',
      fraction: +(1 - u).toFixed(3),
      source: `vLLM ${stack.version ?? '(newest)'}: gpu_memory_utilization ${u} of the device`,
    };
  }
  if (stack.name === 'sglang' && (stack.version === null || compareVersions(stack.version, '0.5.16') >= 0))
    return {
      kind: 'sglang',
      source: `SGLang ${stack.version ?? '(newest)'}: mem_fraction_static computed at start-up`,
    };
  return { kind: 'device', fraction: 0.1, source: 'the generic 10% of the device' };
}

/** SGLang's reserved memory (bytes, activations included) on a device of `capacity` bytes. */
function sglangReservedBytes(capacity: number, tp: number, pp: number, dp: number): number {
  const mb = capacity / MIB;
  const [chunk, graphBs] =
    mb < 20 * 1024
      ? [2048, 8]
      : mb < 35 * 1024
        ? [2048, tp < 4 ? 24 : 80]
        : mb < 60 * 1024
          ? [4096, tp < 4 ? 32 : 160]
          : mb < 160 * 1024
            ? [8192, tp < 4 ? 256 : 512]
            : [16384, 512];
  let reserved = 512 + 1.5 * chunk + ((tp * pp) / 8) * 1024 + graphBs * 2;
  if (dp > 1) reserved += graphBs * dp * 3 + (graphBs > 300 ? graphBs * dp * 1.5 : 0);
  if (mb > 60 * 1024) reserved = Math.max(reserved, 10 * 1024);
  return reserved * MIB;
}

/** mem_fraction_static as SGLang would compute it (rounded to 3 places, as it does). */
export const sglangMemFractionStatic = (capacity: number, tp: number, pp: number, dp: number): number =>
  Math.round(((capacity - sglangReservedBytes(capacity, tp, pp, dp)) / capacity) * 1000) / 1000;

/** The share of the device a rule keeps out of weights and KV (null for TensorRT-LLM's share of free memory). */
export function deviceShareKept(
  rule: ReserveRule,
  capacity: number,
  lay: Pick<Layout, 'tp' | 'pp' | 'dp'>,
): number | null {
  if (rule.kind === 'free') return null;
  return rule.kind === 'device' ? rule.fraction : 1 - sglangMemFractionStatic(capacity, lay.tp, lay.pp, lay.dp);
}

/**
 * A rule read at one capacity and layout as a plain share of the device (SGLang's start-up rule,
 * activations inside), or the rule itself; for a caller that sizes the pool at another capacity.
 */
export function atCapacity(rule: ReserveRule, capacity: number, lay: Pick<Layout, 'tp' | 'pp' | 'dp'>): ReserveRule {
  if (rule.kind !== 'sglang') return rule;
  const fraction = deviceShareKept(rule, capacity, lay)!;
  return { kind: 'device', fraction, activationsInside: true, source: rule.source };
}

/** The reserve in bytes: `loaded` = capacity − weights − the activation peak, `activationPeak` its last term. */
export function reserveBytes(
  rule: ReserveRule,
  capacity: number,
  loaded: number,
  activationPeak: number,
  lay: Pick<Layout, 'tp' | 'pp' | 'dp'>,
): number {
  if (rule.kind === 'free') return Math.max(0, loaded) * rule.fraction;
  const inside = rule.kind === 'sglang' || rule.activationsInside === true;
  return Math.max(0, deviceShareKept(rule, capacity, lay)! * capacity - (inside ? activationPeak : 0));
}
