/**
 * The parts of the RL plan editor that are not plain fields: the response-length
 * distribution (mean and p99, or a histogram from the plan file), the other models, placement
 * (colocated or two pools, with its offload switches), asynchrony and speculative decoding.
 */
import type { ReactNode } from 'react';
import type { ModelArchitecture } from '@shared/schema/model';
import type { RlPlan } from '@shared/schema/plan';
import { splitPlan } from '@shared/rl/split';
import type { FieldDef } from './fields';

interface Props {
  plan: RlPlan;
  models: readonly ModelArchitecture[];
  field: (def: FieldDef) => ReactNode;
  set: (path: string, value: unknown) => void;
  onChange: (next: RlPlan) => void;
}

/** Two pools of about half the devices each, layouts rescaled (shared/rl/split.ts); null when none fits. */
function splitInHalf(plan: RlPlan, model: ModelArchitecture | undefined): RlPlan | null {
  if (!model) return null;
  const r = plan.rl.rollout.parallelism;
  const step = r.tp * r.pp;
  for (let d = Math.round(plan.devices / 2 / step) * step; d >= step; d -= step) {
    const p = splitPlan(plan, d, model);
    if (p) return p;
  }
  return null;
}

/** Both engines back on all the plan's devices. */
function colocate(plan: RlPlan): RlPlan {
  const r = plan.rl.rollout.parallelism;
  const t = plan.rl.training.parallelism;
  return {
    ...plan,
    rl: {
      ...plan.rl,
      placement: { mode: 'colocated', trainerOffload: false, rolloutSleep: true },
      rollout: { ...plan.rl.rollout, parallelism: { ...r, dp: Math.max(1, Math.floor(plan.devices / (r.tp * r.pp))) } },
      training: {
        ...plan.rl.training,
        parallelism: { ...t, dp: Math.max(1, Math.floor(plan.devices / (t.tp * t.pp * t.cp))) },
      },
    },
  };
}

const num = (path: string, label: string, unit: string, help: string, nullable = false): FieldDef => ({
  path,
  label,
  unit,
  help,
  kind: { type: 'number' },
  ...(nullable ? { nullable } : {}),
});

function ModelSelect(props: {
  path: string;
  label: string;
  help: string;
  value: string | null;
  none: string;
  models: readonly ModelArchitecture[];
  onChange: (v: string | null) => void;
}) {
  const id = `rl-${props.path.replace(/\./g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id} title={props.help}>
        {props.label} <span className="unit">(model)</span>
      </label>
      <select
        id={id}
        data-field={props.path}
        title={props.help}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">{props.none}</option>
        <option value="policy">policy copy</option>
        {props.models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </div>
  );
}

type SubProps = Pick<Props, 'plan' | 'field'>;

/** The response-length distribution and the reference, critic and reward models. */
function ResponseAndModels({ plan, models, field, set }: SubProps & Pick<Props, 'models' | 'set'>) {
  const rl = plan.rl;
  const resp = rl.workload.response;
  return (
    <fieldset>
      <legend>Response lengths and models</legend>
      <div className="fields">
        {'histogram' in resp ? (
          <p className="muted" data-testid="rl-histogram">
            Response lengths come from a histogram of {resp.histogram.length} bins (edit it in the plan file).
          </p>
        ) : (
          <>
            {field(
              num(
                'rl.workload.response.mean',
                'Mean response',
                'tokens',
                'Mean length the policy generates, before the cap.',
              ),
            )}
            {field(
              num(
                'rl.workload.response.p99',
                'Response p99',
                'tokens',
                '99th percentile of the response length (log-normal between mean and p99). Empty = every response has the mean length.',
                true,
              ),
            )}
          </>
        )}
        <ModelSelect
          path="rl.models.reference"
          label="Reference model"
          help="Frozen model for the KL term; none = no KL term and no reference pass."
          value={rl.models.reference}
          none="none (no KL term)"
          models={models}
          onChange={(v) => set('rl.models.reference', v)}
        />
        <ModelSelect
          path="rl.models.critic"
          label="Critic"
          help="PPO's value model, trained beside the policy; GRPO and DAPO need none."
          value={rl.models.critic}
          none="none"
          models={models}
          onChange={(v) => set('rl.models.critic', v)}
        />
        <ModelSelect
          path="rl.models.reward"
          label="Reward model"
          help="A reward model scores every sample with a forward pass; none = a rule-based reward or verifier."
          value={rl.models.reward}
          none="none (verifier)"
          models={models}
          onChange={(v) => set('rl.models.reward', v)}
        />
      </div>
    </fieldset>
  );
}

/** Colocated (with its offload switches) or two pools (with their sizes). */
function PlacementFields({ plan, models, field, onChange }: SubProps & Pick<Props, 'models' | 'onChange'>) {
  const pl = plan.rl.placement;
  return (
    <>
      <div className="field">
        <label
          htmlFor="rl-placement"
          title="Colocated: the same devices alternate between generation and training. Disaggregated: separate rollout and training pools."
        >
          Placement <span className="unit">(mode)</span>
        </label>
        <select
          id="rl-placement"
          data-field="rl.placement.mode"
          value={pl.mode}
          onChange={(e) => {
            const next =
              e.target.value === 'colocated'
                ? colocate(plan)
                : splitInHalf(plan, plan.model ?? models.find((m) => m.id === plan.modelId));
            if (next) onChange(next);
          }}
        >
          <option value="colocated">colocated</option>
          <option value="disaggregated">disaggregated</option>
        </select>
      </div>
      {pl.mode === 'colocated' ? (
        <>
          {field({
            path: 'rl.placement.trainerOffload',
            label: 'Trainer offload during generation',
            unit: 'on/off',
            help: 'The trainer’s weights and optimizer states go to host memory while the rollout engine generates.',
            kind: { type: 'bool' },
          })}
          {field({
            path: 'rl.placement.rolloutSleep',
            label: 'Rollout engine sleeps during training',
            unit: 'on/off',
            help: 'The rollout engine frees its KV cache and weights while the trainer runs (vLLM sleep mode).',
            kind: { type: 'bool' },
          })}
        </>
      ) : (
        <>
          {field(
            num(
              'rl.placement.rolloutDevices',
              'Rollout devices',
              'devices',
              'Devices that only generate; rollout + training = the plan’s devices.',
            ),
          )}
          {field(
            num(
              'rl.placement.trainingDevices',
              'Training devices',
              'devices',
              'Devices that run the log-prob passes, reward model and training.',
            ),
          )}
        </>
      )}
    </>
  );
}

/** Speculative decoding in the rollout engine, and its acceptance rate when on. */
function SpeculativeFields({ plan, field, set }: SubProps & Pick<Props, 'set'>) {
  const spec = plan.rl.rollout.serving.speculative;
  return (
    <>
      <div className="field">
        <label htmlFor="rl-spec" title="MTP or a draft model proposes tokens that one forward pass verifies.">
          Speculative decoding <span className="unit">(on/off)</span>
        </label>
        <input
          id="rl-spec"
          type="checkbox"
          data-field="rl.rollout.serving.speculative"
          checked={spec !== null}
          onChange={(e) =>
            set('rl.rollout.serving.speculative', e.target.checked ? { draftTokens: 1, acceptanceRate: 0.8 } : null)
          }
        />
      </div>
      {spec !== null &&
        field({
          path: 'rl.rollout.serving.speculative.acceptanceRate',
          label: 'Acceptance rate',
          unit: 'fraction 0–1',
          help: 'Probability each draft token is accepted.',
          kind: { type: 'number', step: 0.05 },
        })}
    </>
  );
}

export function RlEditor({ plan, models, field, set, onChange }: Props) {
  return (
    <>
      <ResponseAndModels plan={plan} models={models} field={field} set={set} />
      <fieldset>
        <legend>Placement and asynchrony</legend>
        <div className="fields">
          <PlacementFields plan={plan} models={models} field={field} onChange={onChange} />
          {field(
            num(
              'rl.asyncSteps',
              'Asynchrony k',
              'steps',
              '0 = on-policy and synchronous; k ≥ 1 = rollouts may lag the trained policy by k steps (needs separate pools).',
            ),
          )}
          <SpeculativeFields plan={plan} field={field} set={set} />
        </div>
      </fieldset>
    </>
  );
}
