/**
 * The sizing-spec form: model, workload (load, prompt and output lengths, prefix-cache hits),
 * SLOs and constraints (systems with $/device-hour overrides, device and budget caps, precisions,
 * strategies). Every field has its unit and a tooltip; a value the schema refuses is kept as typed
 * and its message names the field.
 */
import { useId, useState } from 'react';
import { useFieldReport, withLabel } from './field-registry';
import type { Catalog } from '@shared/plan/context';
import { getPath, setPath } from '../plans/paths';
import { Constraints } from './ConstraintsForm';
import type { SpecDraft } from './draft';
import { NumField } from './NumField';

export interface FormProps {
  draft: SpecDraft;
  errors: Map<string, string>;
  catalog: Catalog;
  onChange: (d: SpecDraft) => void;
}

export type SetField = (path: string, v: unknown) => void;

function Lengths({
  draft,
  errors,
  set,
  which,
}: {
  draft: SpecDraft;
  errors: Map<string, string>;
  set: SetField;
  which: 'prompt' | 'output';
}) {
  const path = `workload.${which}`;
  const v = getPath(draft, path) as Record<string, unknown> | undefined;
  const hist = !!v && 'histogram' in v;
  const [text, setText] = useState(() => JSON.stringify(hist ? v['histogram'] : [], null, 0));
  const [jsonErr, setJsonErr] = useState<string | null>(null);
  useFieldReport(`${path}.histogram`, null, hist ? jsonErr : null);
  const id = useId();
  const label = which === 'prompt' ? 'Prompt' : 'Output';
  const histErr = [...errors].filter(([k]) => k.startsWith(`${path}.histogram`)).map(([, m]) => m)[0];
  return (
    <div className="lengths">
      <div className="field">
        <label htmlFor={id} title={`How ${which} lengths are given.`}>
          {label} length <span className="unit">(tokens)</span>
        </label>
        <select
          id={id}
          data-field={`${path}.kind`}
          value={hist ? 'histogram' : 'mean-p90'}
          onChange={(e) =>
            e.target.value === 'histogram'
              ? (setText(JSON.stringify([{ tokens: Number(v?.['mean'] ?? 1000), weight: 1 }])),
                set(path, { histogram: [{ tokens: Number(v?.['mean'] ?? 1000), weight: 1 }] }))
              : set(path, { mean: 1000, p90: 2000 })
          }
        >
          <option value="mean-p90">mean + p90</option>
          <option value="histogram">histogram</option>
        </select>
      </div>
      {hist ? (
        <div className="field wide">
          <label
            htmlFor={`${id}-h`}
            title='Bins as JSON: [{"tokens": 512, "weight": 3}, …]; weights need not sum to 1.'
          >
            {label} histogram <span className="unit">(JSON: tokens, weight)</span>
          </label>
          <textarea
            id={`${id}-h`}
            data-field={`${path}.histogram`}
            rows={3}
            value={text}
            aria-invalid={jsonErr || histErr ? 'true' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              try {
                const parsed: unknown = JSON.parse(e.target.value);
                setJsonErr(null);
                set(path, { histogram: parsed });
              } catch (err) {
                setJsonErr(`${path}.histogram: not valid JSON (${(err as Error).message})`);
              }
            }}
          />
          {(jsonErr ?? histErr) && (
            <span className="error" role="alert" data-error-for={`${path}.histogram`}>
              {jsonErr ?? histErr}
            </span>
          )}
        </div>
      ) : (
        <>
          <NumField
            path={`${path}.mean`}
            label={`${label} mean`}
            unit="tokens"
            help={`Mean ${which} length per request.`}
            value={v?.['mean']}
            error={errors.get(`${path}.mean`)}
            onChange={(n) => set(`${path}.mean`, n)}
          />
          <NumField
            path={`${path}.p90`}
            label={`${label} p90`}
            unit="tokens"
            help={`90th-percentile ${which} length (at most 2.27 × the mean for a log-normal); empty = every request has the mean length.`}
            value={v?.['p90']}
            error={errors.get(`${path}.p90`)}
            empty="undefined"
            placeholder="= mean"
            onChange={(n) => set(`${path}.p90`, n)}
          />
        </>
      )}
    </div>
  );
}

const LOAD_DEFAULTS = {
  'arrival-rate': { mode: 'arrival-rate', requestsPerSecond: 10 },
  throughput: { mode: 'throughput', outputTokensPerSecond: 10_000 },
  'concurrent-users': { mode: 'concurrent-users', users: 1000, thinkTimeS: 30 },
} as const;

function Workload({ draft, errors, set }: { draft: SpecDraft; errors: Map<string, string>; set: SetField }) {
  const load = draft.workload.load;
  const id = useId();
  const n = (path: string, label: string, unit: string, help: string) => (
    <NumField
      path={path}
      label={label}
      unit={unit}
      help={help}
      value={getPath(draft, path)}
      error={errors.get(path)}
      onChange={(v) => set(path, v)}
    />
  );
  return (
    <fieldset>
      <legend>Workload</legend>
      <div className="fields">
        <div className="field">
          <label
            htmlFor={id}
            title="How the load is given: requests per second, an aggregate output rate, or users who think between requests."
          >
            Load given as <span className="unit">(mode)</span>
          </label>
          <select
            id={id}
            data-field="workload.load.mode"
            value={load.mode}
            onChange={(e) => set('workload.load', LOAD_DEFAULTS[e.target.value as keyof typeof LOAD_DEFAULTS])}
          >
            <option value="arrival-rate">arrival rate</option>
            <option value="throughput">aggregate output throughput</option>
            <option value="concurrent-users">concurrent users</option>
          </select>
        </div>
        {load.mode === 'arrival-rate' &&
          n(
            'workload.load.requestsPerSecond',
            'Arrival rate',
            'requests/s',
            'Requests arriving per second at peak (Poisson arrivals).',
          )}
        {load.mode === 'throughput' &&
          n(
            'workload.load.outputTokensPerSecond',
            'Output throughput',
            'tokens/s',
            'Output tokens per second the whole deployment must produce.',
          )}
        {load.mode === 'concurrent-users' && (
          <>
            {n(
              'workload.load.users',
              'Concurrent users',
              'users',
              'Users active at once; each sends a request, reads the answer, thinks, and sends the next.',
            )}
            {n(
              'workload.load.thinkTimeS',
              'Think time',
              's',
              'Seconds between receiving an answer and sending the next request.',
            )}
          </>
        )}
        {n(
          'workload.prefixCacheHitRate',
          'Prefix-cache hits',
          'fraction 0–0.99',
          'Share of prompt tokens whose KV cache is already there (shared system prompts, multi-turn chats): they are not prefilled again.',
        )}
      </div>
      <Lengths draft={draft} errors={errors} set={set} which="prompt" />
      <Lengths draft={draft} errors={errors} set={set} which="output" />
    </fieldset>
  );
}

function Slos({ draft, errors, set }: { draft: SpecDraft; errors: Map<string, string>; set: SetField }) {
  const slo = draft.slo;
  const byRate = slo.tpotMs === undefined && slo.outputTokensPerSecondPerUser !== undefined;
  const id = useId();
  return (
    <fieldset>
      <legend>Service-level objectives</legend>
      <div className="fields">
        <NumField
          path="slo.ttftMs"
          label="TTFT"
          unit="ms"
          help="Time to first token, queueing included, at the percentile below."
          value={slo.ttftMs}
          error={errors.get('slo.ttftMs')}
          onChange={(v) => set('slo.ttftMs', v)}
        />
        <div className="field">
          <label htmlFor={`${id}-p`} title="The share of requests that must meet the TTFT objective.">
            TTFT percentile <span className="unit">(of requests)</span>
          </label>
          <select
            id={`${id}-p`}
            data-field="slo.ttftPercentile"
            value={slo.ttftPercentile ?? 'p90'}
            onChange={(e) => set('slo.ttftPercentile', e.target.value)}
          >
            <option value="p50">p50</option>
            <option value="p90">p90</option>
            <option value="p99">p99</option>
          </select>
        </div>
        <div className="field">
          <label
            htmlFor={`${id}-t`}
            title="Give the decode objective as time per output token, or as output tokens per second each user sees."
          >
            Decode objective <span className="unit">(as)</span>
          </label>
          <select
            id={`${id}-t`}
            data-field="slo.tpotKind"
            value={byRate ? 'rate' : 'tpot'}
            onChange={(e) =>
              set(
                'slo',
                e.target.value === 'rate'
                  ? {
                      ...slo,
                      tpotMs: undefined,
                      outputTokensPerSecondPerUser: slo.tpotMs ? Math.round(1000 / slo.tpotMs) : 20,
                    }
                  : {
                      ...slo,
                      outputTokensPerSecondPerUser: undefined,
                      tpotMs: slo.outputTokensPerSecondPerUser
                        ? Math.round(1000 / slo.outputTokensPerSecondPerUser)
                        : 50,
                    },
              )
            }
          >
            <option value="tpot">TPOT (ms per token)</option>
            <option value="rate">tokens/s per user</option>
          </select>
        </div>
        {byRate ? (
          <NumField
            path="slo.outputTokensPerSecondPerUser"
            label="Output speed per user"
            unit="tokens/s"
            help="Mean output tokens per second each request receives (1 ÷ TPOT)."
            value={slo.outputTokensPerSecondPerUser}
            error={errors.get('slo.outputTokensPerSecondPerUser') ?? errors.get('slo.tpotMs')}
            onChange={(v) => set('slo.outputTokensPerSecondPerUser', v)}
          />
        ) : (
          <NumField
            path="slo.tpotMs"
            label="TPOT"
            unit="ms"
            help="Mean time per output token of a request, at the load."
            value={slo.tpotMs}
            error={errors.get('slo.tpotMs')}
            onChange={(v) => set('slo.tpotMs', v)}
          />
        )}
        <NumField
          path="slo.e2eMs"
          label="End-to-end"
          unit="ms"
          help="Optional: TTFT + mean output × TPOT must stay under this. Empty = no end-to-end objective."
          value={slo.e2eMs}
          error={errors.get('slo.e2eMs')}
          empty="undefined"
          placeholder="none"
          onChange={(v) => set('slo.e2eMs', v)}
        />
      </div>
    </fieldset>
  );
}

export function SpecForm(p: FormProps) {
  const { draft, errors, catalog, onChange } = p;
  const set: SetField = (path, v) => onChange(setPath(draft, path, v));
  const model = catalog.models.find((m) => m.id === draft.modelId);
  useFieldReport('name', 'Name', null);
  useFieldReport('modelId', 'Model', null);
  return (
    <form className="sizing-form" aria-label="Sizing spec" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Spec</legend>
        <div className="fields">
          <div className="field">
            <label
              htmlFor="sizing-name"
              title="Your name for this spec: the list, the report and the file name use it."
            >
              Name
            </label>
            <input
              id="sizing-name"
              data-field="name"
              title="Your name for this spec: the list, the report and the file name use it."
              value={draft.name}
              maxLength={200}
              onChange={(e) => set('name', e.target.value)}
            />
            {errors.get('name') && (
              <span className="error" role="alert" data-error-for="name">
                {withLabel(errors.get('name')!, 'name', 'Name')}
              </span>
            )}
          </div>
          <div className="field">
            <label
              htmlFor="sizing-model"
              title="The model to serve (presets; a spec file may carry its own inline model)."
            >
              Model
            </label>
            <select
              id="sizing-model"
              data-field="modelId"
              value={draft.modelId}
              onChange={(e) => onChange({ ...draft, modelId: e.target.value, model: undefined })}
            >
              {draft.model && <option value={draft.modelId}>{draft.model.name} (in the spec)</option>}
              {!draft.model && !model && <option value={draft.modelId}>{draft.modelId} (unknown)</option>}
              {catalog.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      <Workload draft={draft} errors={errors} set={set} />
      <Slos draft={draft} errors={errors} set={set} />
      <Constraints {...p} set={set} />
    </form>
  );
}
