/**
 * The plans behind the Models page's TTFT/TPOT-versus-context curve: a model with sparse attention
 * beside its dense twin (the same architecture without it: a preset when one matches, e.g.
 * DeepSeek-V3 for DeepSeek-V3.2, else the model with sparseAttention removed), on a reference
 * deployment (an example plan of either model, the largest by default, else 8 H100s), at contexts from 2K to the model's
 * maximum. Each point is one plan: a prompt of c tokens (its TTFT) and two output tokens (the
 * decode step at context c).
 */
import type { ModelArchitecture } from '@shared/schema/model';
import type { InferencePlan, Plan } from '@shared/schema/plan';
import { migratePlanObject } from '@shared/schema/migrations';

const CONTEXTS = [2048, 8192, 16_384, 32_768, 65_536, 131_072];

const sameShape = (a: ModelArchitecture, b: ModelArchitecture): boolean =>
  JSON.stringify([a.hiddenSize, a.numLayers, a.attention, a.ffn, a.moe, a.vocabSize]) ===
  JSON.stringify([b.hiddenSize, b.numLayers, b.attention, b.ffn, b.moe, b.vocabSize]);

/** The dense twin of a sparse-attention model: a preset of the same shape without it, or the model without it. */
export function denseTwin(
  m: ModelArchitecture,
  presets: ModelArchitecture[],
): { model: ModelArchitecture; preset: boolean } {
  const p = presets.find((x) => x.id !== m.id && !x.sparseAttention && sameShape(x, m));
  if (p) return { model: p, preset: true };
  const { sparseAttention: _s, ...rest } = m;
  return { model: { ...rest, id: `${m.id}-dense`, name: `${m.name} without sparse attention` }, preset: false };
}

export interface CurveSeries {
  model: ModelArchitecture;
  /** The model travels inline in the plan when it is not a preset. */
  inline: boolean;
}

export interface CurveSpec {
  series: CurveSeries[];
  contexts: number[];
  base: InferencePlan;
  /** Example plans of either model the curve can run on (the page offers them). */
  candidates: InferencePlan[];
}

function fallbackPlan(m: ModelArchitecture): InferencePlan {
  return migratePlanObject({
    schemaVersion: 1,
    id: `curve-${m.id}`,
    name: `${m.name} on one H100`,
    kind: 'inference',
    modelId: m.id,
    systemId: 'hgx-h100',
    devices: 8,
    inference: {
      parallelism: { tp: 8, pp: 1, dp: 1, ep: 1 },
      precision: { weights: 'fp8', compute: 'fp8' },
      workload: { promptTokens: 2048, outputTokens: 2, concurrentRequests: 8 },
    },
    prices: { mode: 'hourly', usdPerDeviceHour: 2 },
  }) as InferencePlan;
}

export function curveSpec(
  m: ModelArchitecture,
  models: ModelArchitecture[],
  plans: Plan[],
  baseId?: string,
): CurveSpec | null {
  if (!m.sparseAttention) return null;
  const twin = denseTwin(m, models);
  const ids = new Set([m.id, twin.model.id]);
  const candidates = plans
    .filter((p): p is InferencePlan => p.kind === 'inference' && ids.has(p.modelId))
    .sort((a, b) => b.devices - a.devices);
  const base = candidates.find((p) => p.id === baseId) ?? candidates[0] ?? fallbackPlan(m);
  return {
    candidates,
    series: [
      { model: m, inline: !models.some((x) => x.id === m.id) },
      { model: twin.model, inline: !twin.preset },
    ],
    contexts: CONTEXTS.filter((c) => c <= m.maxContextTokens),
    base,
  };
}

/** The plan of one point: the base deployment with this model at this context. */
export function curvePlan(spec: CurveSpec, s: CurveSeries, context: number): InferencePlan {
  const b = spec.base;
  return {
    ...b,
    id: `curve-${s.model.id}-${context}`,
    name: `${s.model.name} at ${context} tokens`,
    modelId: s.model.id,
    model: s.inline ? s.model : undefined,
    inference: {
      ...b.inference,
      workload: { ...b.inference.workload, promptTokens: context, outputTokens: 2, prefixCacheHitRate: 0 },
      serving: { ...b.inference.serving, disaggregation: null },
    },
    devices: b.inference.parallelism.tp * b.inference.parallelism.pp * b.inference.parallelism.dp,
  };
}
