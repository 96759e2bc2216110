/**
 * The training forward pass, built by the same operator builders as inference (attention.ts,
 * mla.ts, ffn.ts, moe.ts, step-ops.ts): one sequence of S tokens on one device holding the whole
 * model (TP = PP = EP = 1), causal attention over S (MLA in its non-absorbed form), the LM head on
 * every token. Summing the operators' FLOPs gives the model FLOPs per token by class:
 *   matmul = Σ GEMM and grouped-GEMM FLOPs ÷ S,   attention = Σ attention-core FLOPs ÷ S
 *   (sparse attention's indexer scores and NSA's compression count as attention),
 * which agree with the convention of model/flops.ts (2 × active matmul parameters + causal
 * attention; Insights Table 2) — the router's bias and shared-expert gate, which flops.ts counts as
 * matmul parameters, are the only difference (2 FLOPs per such parameter per token: up to 3 × 10⁻⁵
 * of the total, for Qwen3.5's shared-expert gate; the operator test accounts for it exactly).
 * Training = forward + backward = 3 × forward; recomputation adds one more forward (full) or the
 * attention core (selective).
 */
import { compileFamily } from '../inference/family';
import { operatorsOf, OpTable, type Operator } from '../inference/operators';
import { buildStep, newShape } from '../inference/step';
import type { PlanContext } from '../plan/context';
import type { InferenceSettings, TrainingSettings } from '../schema/plan';

/**
 * Inference settings that make the builders describe a training forward at the training precision
 * (BF16 weights, no serving features). Training itself times one device's share (the defaults); the
 * RL log-prob passes pass the trainer's layout, load imbalance, fabric and memory reserve.
 */
export function forwardSettings(
  precision: TrainingSettings['precision'],
  over: {
    parallelism?: InferenceSettings['parallelism'];
    loadImbalance?: number;
    fabric?: InferenceSettings['network']['fabric'];
    runtimeReserveFraction?: number;
  } = {},
): InferenceSettings {
  return {
    parallelism: over.parallelism ?? { tp: 1, pp: 1, dp: 1, ep: 1, replicas: 1 },
    precision: { weights: 'bf16', compute: precision, kvCache: 'bf16', dispatch: 'bf16', combine: 'bf16' },
    workload: { promptTokens: 1, outputTokens: 1, concurrentRequests: 1, prefixCacheHitRate: 0 },
    serving: {
      stack: { name: 'generic', version: null },
      disaggregation: null,
      dualMicroBatch: false,
      speculative: null,
      kvOffload: false,
      expertOffload: false,
      mlaAbsorbed: false,
      runtimeReserveFraction: over.runtimeReserveFraction ?? 0,
      commSmFraction: 0,
    },
    moe: { loadImbalance: over.loadImbalance ?? 1, redundantExperts: 0 },
    network: { epTier: 'auto', includeLatency: true, fabric: over.fabric ?? 'ib' },
    stepOverheadS: 0,
  };
}
const SETTINGS = { bf16: forwardSettings('bf16'), fp8: forwardSettings('fp8') };

export interface ForwardFlops {
  /** FLOPs per token of one forward pass, by class. */
  matmulPerToken: number;
  attentionPerToken: number;
  /** Routed-expert FLOPs per token (the share that load imbalance slows). */
  routedPerToken: number;
  totalPerToken: number;
  /** The forward pass of one sequence, as operator records. */
  operators: Operator[];
}

const ATTENTION_CORE = new Set(['attn.core.full', 'attn.core.sliding', 'attn.linear.core', 'attn.sparse.index']);

export function trainingForward(ctx: PlanContext, precision: TrainingSettings['precision'], seq: number): ForwardFlops {
  // FLOPs only: the flat family (measured MoE curves replace the router GEMM by a timed routing path).
  const f = compileFamily({ ...ctx, curves: null, kernels: null }, SETTINGS[precision]);
  const x = newShape();
  x.n = x.nb = x.context = seq;
  x.decode = false;
  x.everyTokenHead = true;
  const T = new OpTable(true);
  buildStep(f, x, T);
  const operators = operatorsOf(T, f.notes).filter((o) => o.kind !== 'collective' && o.block !== 'overhead');
  let matmul = 0;
  let attention = 0;
  let routed = 0;
  for (const o of operators) {
    const flops = o.flops * o.layers;
    if (ATTENTION_CORE.has(o.id)) attention += flops;
    else if (o.kind === 'gemm' || o.kind === 'grouped-gemm') matmul += flops;
    if (o.id === 'moe.routed') routed += flops;
  }
  return {
    matmulPerToken: matmul / seq,
    attentionPerToken: attention / seq,
    routedPerToken: routed / seq,
    totalPerToken: (matmul + attention) / seq,
    operators,
  };
}
