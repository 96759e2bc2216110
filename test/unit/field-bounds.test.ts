// Form fields check typed numbers against the bounds of the schema a file is checked against: the
// bounds are read from the zod schema by path, so the form and the file format cannot drift apart.
import { describe, expect, it } from 'vitest';
import { boundsProblem, numberBounds, schemaAt } from '../../shared/schema/bounds';
import { Plan } from '../../shared/schema/plan';
import { SizingSpec } from '../../shared/schema/sizing';
import {
  COMMON_FIELDS,
  COMPONENT_FIELDS,
  DISAGG_FIELDS,
  INFERENCE_GROUPS,
  KV_TRANSFER_FIELD,
  PREFILL_FIELDS,
  PRICE_FIELD,
  RATE_FIELD,
  SPEC_FIELDS,
  TRAINING_GROUPS,
} from '../../renderer/src/plans/fields';
import { RL_GROUPS } from '../../renderer/src/plans/rl-fields';
import { planBounds } from '../../renderer/src/plans/bounds';

const planFields = [
  ...COMMON_FIELDS.fields,
  ...[...INFERENCE_GROUPS, ...TRAINING_GROUPS, ...RL_GROUPS].flatMap((g) => g.fields),
  PRICE_FIELD,
  RATE_FIELD,
  ...SPEC_FIELDS,
  ...DISAGG_FIELDS,
  ...PREFILL_FIELDS,
  KV_TRANSFER_FIELD,
  ...COMPONENT_FIELDS.attention,
  ...COMPONENT_FIELDS.experts,
];

describe('field bounds from the schema', () => {
  it('every number field of the plan editor has a number in the plan schema at its path', () => {
    const numbers = planFields.filter((f) => f.kind.type === 'number');
    expect(numbers.length).toBeGreaterThan(40);
    for (const f of numbers) expect(planBounds(f.path), f.path).not.toBeNull();
    for (const f of planFields) expect(schemaAt(Plan, f.path), f.path).not.toBeNull();
  });

  it('reads whole numbers, inclusive and exclusive limits, through unions, defaults and nullables', () => {
    expect(planBounds('inference.parallelism.tp')).toEqual({ int: true, min: 1, max: 4096 });
    expect(planBounds('rl.training.parallelism.cp')).toEqual({ int: true, min: 1, max: 4096 });
    expect(planBounds('powerFractionOfTdp')).toEqual({ int: false, gt: 0, max: 1.5 });
    expect(planBounds('prices.usdPerDeviceHour')).toEqual({ int: false, min: 0, max: 1e6 });
    expect(planBounds('inference.workload.prefixCacheHitRate')).toEqual({ int: false, min: 0, max: 1 });
    expect(numberBounds(SizingSpec, 'constraints.maxDevices')).toEqual({ int: true, min: 1, max: 1 << 20 });
    expect(numberBounds(SizingSpec, 'constraints.usdPerDeviceHour.hgx-h100')).toEqual({ int: false, gt: 0, max: 1e6 });
    expect(numberBounds(SizingSpec, 'workload.load.users')).toMatchObject({ gt: 0 });
    expect(numberBounds(SizingSpec, 'workload.prompt.mean')).not.toBeNull();
    expect(planBounds('inference.parallelism.replicas')).toEqual({ int: true, min: 1, max: 65536 });
    expect(planBounds('inference.serving.scheduler.maxBatchedTokens')).toEqual({ int: true, min: 1, max: 1 << 22 });
    expect(planBounds('inference.serving.disaggregation.prefill.tp')).toEqual({ int: true, min: 1, max: 4096 });
    expect(planBounds('inference.serving.disaggregation.kvTransferBytesPerS')).toEqual({
      int: false,
      gt: 0,
      max: 1e15,
    });
    expect(planBounds('inference.precision.weights')).toBeNull();
    expect(planBounds('no.such.path')).toBeNull();
  });

  it('names the field in the message for a value outside', () => {
    const tp = planBounds('inference.parallelism.tp')!;
    expect(boundsProblem(tp, 'TP', 1.5)).toBe('TP must be a whole number');
    expect(boundsProblem(tp, 'TP', 0)).toBe('TP must be at least 1');
    expect(boundsProblem(tp, 'TP', 5000)).toBe('TP must be at most 4096');
    expect(boundsProblem(tp, 'TP', 8)).toBeNull();
    expect(boundsProblem(planBounds('powerFractionOfTdp')!, 'Power', 0)).toBe('Power must be > 0');
  });
});
