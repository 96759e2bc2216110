import { useMemo, useState, type ReactNode } from 'react';
import { presetCatalog } from '@presets/load';
import { Plan } from '@shared/schema/plan';
import type { PlanIssue } from '@shared/plan/context';
import { autoPlanLayout, isLayoutPath, rebalancePlan } from '@shared/sizing/layout';
import { useCatalog } from '../clusters/catalog';
import { PlanClusterField } from '../clusters/PlanClusterField';
import { Field } from './Field';
import {
  COMMON_FIELDS,
  INFERENCE_GROUPS,
  PRICE_FIELD,
  RATE_FIELD,
  resolveField,
  TRAINING_GROUPS,
  type FieldDef,
} from './fields';
import { getPath, setPath, unsetPath } from './paths';
import { ServingOptions } from './ServingOptions';
import { RL_GROUPS } from './rl-fields';
import { RlEditor } from './RlEditor';
import { ArchitectureFields } from './ArchitectureFields';
import { SystemOptions } from '../components/SystemOptions';

interface Props {
  plan: Plan;
  issues: PlanIssue[];
  onChange: (next: Plan) => void;
}

/** zod errors for a candidate plan, by dotted path. */
export function schemaErrors(candidate: unknown): Map<string, string> {
  const r = Plan.safeParse(candidate);
  const out = new Map<string, string>();
  if (!r.success) for (const i of r.error.issues) out.set(i.path.join('.'), i.message);
  return out;
}

type Catalog = ReturnType<typeof presetCatalog>;

/**
 * Edits as the editor applies them: a layout field moves the rest of its layout (shared/sizing/
 * layout.ts) so a plan stays valid; a value the schema refuses stays in its field with the message
 * and the last valid plan stays saved.
 */
function usePlanEdit(plan: Plan, onChange: (p: Plan) => void, catalog: Catalog) {
  const [rejected, setRejected] = useState<Map<string, string>>(new Map());
  const model = plan.model ?? catalog.models.find((m) => m.id === plan.modelId);
  const set = (path: string, value: unknown, resets: FieldDef['resets'] = []): void => {
    let next = value === undefined ? unsetPath(plan, path) : setPath(plan, path, value);
    for (const [p, v] of resets) next = setPath(next, p, v);
    const errs = schemaErrors(next);
    setRejected(errs);
    if (errs.size > 0) return;
    const parsed = Plan.parse(next);
    const balanced = model && isLayoutPath(path) ? Plan.safeParse(rebalancePlan(parsed, path, model)) : null;
    onChange(balanced?.success ? balanced.data : parsed);
  };
  const auto = (): void => {
    const system = catalog.systems.find((s) => s.id === plan.systemId);
    if (!model || !system) return;
    const next = Plan.safeParse(autoPlanLayout(plan, model, system));
    if (next.success) onChange(next.data);
  };
  return { rejected, set, auto };
}

function PlanBasics(p: {
  plan: Plan;
  catalog: Catalog;
  set: (path: string, value: unknown) => void;
  onChange: (next: Plan) => void;
  field: (def: FieldDef) => ReactNode;
  modelIssue: string | undefined;
}) {
  const { plan, catalog, set } = p;
  const sys = catalog.systems.find((s) => s.id === plan.systemId);
  return (
    <fieldset>
      <legend>Plan</legend>
      <div className="fields">
        <div className="field wide">
          <label htmlFor="plan-name">Name</label>
          <input
            id="plan-name"
            data-field="name"
            value={plan.name}
            maxLength={200}
            onChange={(e) => set('name', e.target.value)}
          />
        </div>
        <div className="field wide">
          <label htmlFor="plan-model" title="The model architecture (presets, or a model imported on the Models page).">
            Model
          </label>
          <select
            id="plan-model"
            data-field="modelId"
            value={plan.modelId}
            onChange={(e) => p.onChange({ ...plan, modelId: e.target.value, model: undefined })}
          >
            {plan.model && <option value={plan.modelId}>{plan.model.name} (imported)</option>}
            {catalog.models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field wide">
          <label htmlFor="plan-system" title="The hardware system: devices per node, scale-up domain, NICs.">
            System
          </label>
          <select
            id="plan-system"
            data-field="systemId"
            value={plan.systemId}
            title={sys?.name}
            onChange={(e) => set('systemId', e.target.value)}
          >
            <SystemOptions systems={catalog.systems} />
          </select>
          {sys && (
            <span className="unit">
              {sys.shortName ? `${sys.name} · ` : ''}
              {sys.scaleUpDomainDevices}-device {sys.scaleUpFabric} domain
            </span>
          )}
        </div>
        <PlanClusterField plan={plan} catalog={catalog} onChange={p.onChange} />
        {COMMON_FIELDS.fields.map(p.field)}
        {plan.prices.mode === 'hourly' && p.field(PRICE_FIELD)}
        {plan.prices.mode === 'hourly' && p.field(RATE_FIELD)}
      </div>
      {p.modelIssue && <p className="error">{p.modelIssue}</p>}
    </fieldset>
  );
}

export function PlanEditor({ plan, issues, onChange }: Props) {
  const catalog = useCatalog() ?? presetCatalog(); // presets + the user's systems and clusters
  const groups = plan.kind === 'inference' ? INFERENCE_GROUPS : plan.kind === 'rl' ? RL_GROUPS : TRAINING_GROUPS;
  const issueByField = useMemo(() => new Map(issues.map((i) => [i.field, i.message])), [issues]);
  const { rejected, set, auto } = usePlanEdit(plan, onChange, catalog);
  const field = (raw: FieldDef) => {
    const def = resolveField(raw, plan, catalog);
    return (
      def && (
        <Field
          key={def.path}
          def={def}
          value={getPath(plan, def.path)}
          error={rejected.get(def.path) ?? issueByField.get(def.path)}
          onChange={(v) => set(def.path, v, def.resets)}
        />
      )
    );
  };
  return (
    <form className="plan-editor" onSubmit={(e) => e.preventDefault()} aria-label="Plan editor">
      <PlanBasics
        plan={plan}
        catalog={catalog}
        set={set}
        onChange={onChange}
        field={field}
        modelIssue={issueByField.get('modelId')}
      />
      <div className="toolbar layout-toolbar">
        <button
          type="button"
          className="secondary"
          data-testid="auto-layout"
          title="A valid TP, PP, DP and EP for the model and system over the plan's devices (experts over every device for MoE models, TP within the scale-up domain for dense ones). Editing one layout field moves the others so the layout stays valid."
          onClick={auto}
        >
          Auto layout
        </button>
      </div>
      {groups.map((g) => (
        <fieldset key={g.title}>
          <legend>{g.title}</legend>
          <div className="fields">{g.fields.map(field)}</div>
        </fieldset>
      ))}
      <ArchitectureFields
        plan={plan}
        model={plan.model ?? catalog.models.find((m) => m.id === plan.modelId)}
        field={field}
        set={set}
      />
      {plan.kind === 'rl' && (
        <RlEditor plan={plan} models={catalog.models} field={field} set={set} onChange={onChange} />
      )}
      {plan.kind === 'inference' && (
        <ServingOptions plan={plan} catalog={catalog} set={set} onChange={onChange} field={field} />
      )}
    </form>
  );
}
