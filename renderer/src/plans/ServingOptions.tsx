/**
 * The optional parts of an inference plan, each switched on and off: speculative decoding,
 * prefill/decode disaggregation (with the prefill pool's own layout and system, and the KV
 * transfer's bandwidth), and per-component precision (attention, routed experts).
 */
import { Fragment, type ReactNode } from 'react';
import type { Catalog } from '@shared/plan/context';
import { pointFromPlan, prefillLayoutOf } from '@shared/inference/point';
import { Plan, type InferencePlan } from '@shared/schema/plan';
import { fitEp } from '@shared/sizing/layout';
import { SystemOptions } from '../components/SystemOptions';
import {
  COMPONENT_FIELDS,
  DISAGG_FIELDS,
  KV_TRANSFER_FIELD,
  PREFILL_FIELDS,
  SPEC_FIELDS,
  type FieldDef,
} from './fields';

type Set = (path: string, value: unknown) => void;

interface Props {
  plan: InferencePlan;
  catalog: Catalog;
  set: Set;
  onChange: (next: Plan) => void;
  field: (def: FieldDef) => ReactNode;
}

/** A checkbox that switches an optional part of the plan (a nullable or optional object) on or off. */
export function Toggle(props: {
  id: string;
  path: string;
  label: string;
  help: string;
  checked: boolean;
  onToggle: (on: boolean) => void;
  /** On a row of its own, the fields it switches on below it. */
  wide?: boolean;
}) {
  return (
    <div className={props.wide ? 'field wide' : 'field'}>
      <label htmlFor={props.id} title={props.help}>
        {props.label} <span className="unit">(on/off)</span>
      </label>
      <input
        id={props.id}
        type="checkbox"
        data-field={props.path}
        checked={props.checked}
        onChange={(e) => props.onToggle(e.target.checked)}
      />
    </div>
  );
}

/**
 * Disaggregation switched on: decode keeps every device of the plan (its copies become decode
 * workers) and prefill gets an extra pool of half as many; switched off: the decode workers become
 * the plan's engine copies again.
 */
function disaggregated(plan: InferencePlan, on: boolean): InferencePlan {
  const inf = plan.inference;
  const p = inf.parallelism;
  if (!on) {
    const decode = inf.serving.disaggregation?.decodeDevices ?? plan.devices;
    const copies = decode / (p.tp * p.pp * p.dp);
    return {
      ...plan,
      devices: decode,
      inference: {
        ...inf,
        parallelism: { ...p, replicas: Number.isInteger(copies) && copies >= 1 ? copies : 1 },
        serving: { ...inf.serving, disaggregation: null },
      },
    };
  }
  const decode = plan.devices;
  const prefill = Math.max(1, Math.round(decode / 2));
  return {
    ...plan,
    devices: decode + prefill,
    inference: {
      ...inf,
      parallelism: { ...p, replicas: 1 },
      serving: { ...inf.serving, disaggregation: { prefillDevices: prefill, decodeDevices: decode } },
    },
  };
}

/** The prefill pool's layout as the engine lays it out now, as the start of a layout of its own. */
function ownPrefillLayout(plan: InferencePlan, catalog: Catalog) {
  const lay = prefillLayoutOf(pointFromPlan(plan));
  const model = plan.model ?? catalog.models.find((m) => m.id === plan.modelId);
  const ep = model ? fitEp(model, lay.ep, lay.tp * lay.dp, 'inference') : 1;
  return { tp: lay.tp, pp: lay.pp, dp: lay.dp, ep };
}

/** The prefill pool: its own layout and system (switched on and off), and the KV transfer's bandwidth. */
function PrefillPool({ plan, catalog, set, field }: Props) {
  const dis = plan.inference.serving.disaggregation;
  if (!dis) return null;
  const path = 'inference.serving.disaggregation.prefill';
  const own = dis.prefill;
  const sys = catalog.systems.find((s) => s.id === plan.systemId);
  return (
    <>
      <Toggle
        id="prefill-own"
        path={path}
        label="Prefill pool laid out on its own"
        help="The prefill workers' own TP, PP, DP and EP, on the plan's system or another one (heterogeneous disaggregation). Off: prefill runs the decode layout's TP and PP on the plan's system."
        checked={own !== undefined}
        wide
        onToggle={(on) => set(path, on ? ownPrefillLayout(plan, catalog) : undefined)}
      />
      {own && PREFILL_FIELDS.map(field)}
      {own && (
        <div className="field wide">
          <label
            htmlFor="prefill-system"
            title="The system the prefill pool runs on; its devices are the plan's prefill devices."
          >
            Prefill system
          </label>
          <select
            id="prefill-system"
            data-field={`${path}.systemId`}
            value={own.systemId && own.systemId !== plan.systemId ? own.systemId : ''}
            onChange={(e) => set(`${path}.systemId`, e.target.value === '' ? undefined : e.target.value)}
          >
            <option value="">Same as the plan’s ({sys?.shortName ?? sys?.name ?? plan.systemId})</option>
            <SystemOptions systems={catalog.systems.filter((s) => s.id !== plan.systemId)} />
          </select>
        </div>
      )}
      {field(KV_TRANSFER_FIELD)}
    </>
  );
}

/** Speculative decoding and prefill/decode disaggregation, switched on and off. */
function SpeculationAndDisaggregation(p: Props) {
  const { plan, set } = p;
  const dis = plan.inference.serving.disaggregation;
  return (
    <fieldset>
      <legend>Speculative decoding and disaggregation</legend>
      <div className="fields">
        <Toggle
          id="spec-on"
          path="inference.serving.speculative"
          label="MTP / speculative decoding"
          help="MTP or a draft model proposes tokens that one forward pass verifies (DeepSeek-V3: 1 draft, 85-90% acceptance)."
          checked={plan.inference.serving.speculative !== null}
          onToggle={(on) => set('inference.serving.speculative', on ? { draftTokens: 1, acceptanceRate: 0.85 } : null)}
        />
        {plan.inference.serving.speculative !== null && SPEC_FIELDS.map(p.field)}
        <Toggle
          id="dis-on"
          path="inference.serving.disaggregation"
          label="Prefill/decode disaggregation"
          help="Prefill and decode run on separate pools of devices (DeepSeek, SGLang PD disaggregation)."
          checked={dis !== null}
          onToggle={(on) => {
            const next = Plan.safeParse(disaggregated(plan, on));
            if (next.success) p.onChange(next.data);
          }}
        />
        {dis !== null && DISAGG_FIELDS.map(p.field)}
        <PrefillPool {...p} />
      </div>
    </fieldset>
  );
}

/** Attention and routed experts at precisions of their own (FP8 attention beside NVFP4 experts). */
function ComponentPrecision({ plan, set, field }: Props) {
  const pr = plan.inference.precision;
  const parts = [
    [
      'attention',
      'Attention at its own precision',
      'The attention projections’ weights and matmuls at a precision of their own.',
    ],
    [
      'experts',
      'Experts at their own precision',
      'The routed experts’ weights and matmuls at a precision of their own (NVFP4 experts beside FP8 attention).',
    ],
  ] as const;
  return (
    <fieldset>
      <legend>Per-component precision</legend>
      <div className="fields">
        {parts.map(([part, label, help]) => (
          <Fragment key={part}>
            <Toggle
              id={`precision-${part}`}
              path={`inference.precision.${part}`}
              label={label}
              help={`${help} Off: the plan’s weights and matmul precision.`}
              checked={pr[part] !== undefined}
              wide
              onToggle={(on) =>
                set(`inference.precision.${part}`, on ? { weights: pr.weights, compute: pr.compute } : undefined)
              }
            />
            {pr[part] !== undefined && COMPONENT_FIELDS[part].map(field)}
          </Fragment>
        ))}
      </div>
    </fieldset>
  );
}

export function ServingOptions(p: Props) {
  return (
    <>
      <ComponentPrecision {...p} />
      <SpeculationAndDisaggregation {...p} />
    </>
  );
}
