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
import { DEFAULT_TARGET_UTILIZATION } from '@shared/schema/sizing';
import { formatRate } from '@shared/units';

export interface FormProps {
  draft: SpecDraft;
  errors: Map<string, string>;
  catalog: Catalog;
  onChange: (d: SpecDraft) => void;
}

export type SetField = (path: string, v: unknown) => void;

type FieldsProps = { draft: SpecDraft; errors: Map<string, string>; set: SetField };

/** Lengths as a histogram of {tokens, weight} bins, edited as JSON (kept as typed while invalid). */
function HistogramField({ path, label, v, errors, set }: FieldsProps & { path: string; label: string; v: unknown }) {
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(v ?? [], null, 0));
  const [jsonErr, setJsonErr] = useState<string | null>(null);
  useFieldReport(`${path}.histogram`, null, jsonErr);
  const histErr = [...errors].filter(([k]) => k.startsWith(`${path}.histogram`)).map(([, m]) => m)[0];
  return (
    <div className="field wide">
      <label htmlFor={id} title='Bins as JSON: [{"tokens": 512, "weight": 3}, …]; weights need not sum to 1.'>
        {label} histogram <span className="unit">(JSON: tokens, weight)</span>
      </label>
      <textarea
        id={id}
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
  );
}

function Lengths(p: FieldsProps & { which: 'prompt' | 'output' }) {
  const { which, set } = p;
  const path = `workload.${which}`;
  const v = getPath(p.draft, path) as Record<string, unknown> | undefined;
  const hist = !!v && 'histogram' in v;
  const id = useId();
  const label = which === 'prompt' ? 'Prompt' : 'Output';
  const mean = Number(v?.['mean'] ?? 1000);
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
            set(
              path,
              e.target.value === 'histogram' ? { histogram: [{ tokens: mean, weight: 1 }] } : { mean: 1000, p90: 2000 },
            )
          }
        >
          <option value="mean-p90">mean + p90</option>
          <option value="histogram">histogram</option>
        </select>
      </div>
      {hist ? (
        <HistogramField {...p} key={`${path}-hist`} path={path} label={label} v={v['histogram']} />
      ) : (
        <>
          <SpecNum
            {...p}
            path={`${path}.mean`}
            label={`${label} mean`}
            unit="tokens"
            help={`Mean ${which} length per request.`}
          />
          <NumField
            path={`${path}.p90`}
            label={`${label} p90`}
            unit="tokens"
            help={`90th-percentile ${which} length (at most 2.27 × the mean for a log-normal); empty = every request has the mean length.`}
            value={v?.['p90']}
            error={p.errors.get(`${path}.p90`)}
            empty="undefined"
            placeholder="= mean"
            onChange={(n) => set(`${path}.p90`, n)}
          />
        </>
      )}
    </div>
  );
}

/** A number field of the spec at `path` (its value and error read from the draft). */
function SpecNum({
  draft,
  errors,
  set,
  path,
  label,
  unit,
  help,
}: FieldsProps & { path: string; label: string; unit: string; help: string }) {
  return (
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
}

const LOAD_DEFAULTS = {
  'arrival-rate': { mode: 'arrival-rate', requestsPerSecond: 10 },
  throughput: { mode: 'throughput', outputTokensPerSecond: 10_000 },
  'concurrent-users': { mode: 'concurrent-users', users: 1000, thinkTimeS: 30 },
} as const;

/** The load's fields by mode: path, label, unit, meaning. */
const LOAD_FIELDS: Record<keyof typeof LOAD_DEFAULTS, Array<[string, string, string, string]>> = {
  'arrival-rate': [
    [
      'workload.load.requestsPerSecond',
      'Arrival rate',
      'requests/s',
      'Requests arriving per second at peak (Poisson arrivals).',
    ],
  ],
  throughput: [
    [
      'workload.load.outputTokensPerSecond',
      'Output throughput',
      'tokens/s',
      'Output tokens per second the whole deployment must produce.',
    ],
  ],
  'concurrent-users': [
    [
      'workload.load.users',
      'Concurrent users',
      'users',
      'Users active at once; each sends a request, reads the answer, thinks, and sends the next.',
    ],
    [
      'workload.load.thinkTimeS',
      'Think time',
      's',
      'Seconds between receiving an answer and sending the next request.',
    ],
  ],
};

/** What the think time does to the load: each user sends one request per (think time + latency). */
function ThinkTimeEffect({ load }: { load: SpecDraft['workload']['load'] }) {
  if (load.mode !== 'concurrent-users') return null;
  const users = Number(load.users);
  const think = Number(load.thinkTimeS ?? 30);
  if (!(users > 0) || !(think >= 0)) return null;
  const most = think > 0 ? `at most ${formatRate(users / think, 'requests/s')} (were answers instant)` : '';
  return (
    <p className="muted field-note" data-testid="think-time-effect">
      {users.toLocaleString('en-US')} users, each sending a request every {think} s plus the time the answer takes:{' '}
      {most || 'as fast as answers come back'}; the answer shows the rate at its latency.
    </p>
  );
}

function Workload({ draft, errors, set }: FieldsProps) {
  const load = draft.workload.load;
  const id = useId();
  const mode = load.mode as keyof typeof LOAD_DEFAULTS;
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
        {(LOAD_FIELDS[mode] ?? []).map(([path, label, unit, help]) => (
          <SpecNum
            key={path}
            draft={draft}
            errors={errors}
            set={set}
            path={path}
            label={label}
            unit={unit}
            help={help}
          />
        ))}
        <SpecNum
          draft={draft}
          errors={errors}
          set={set}
          path="workload.prefixCacheHitRate"
          label="Prefix-cache hits"
          unit="fraction 0–0.99"
          help="Share of prompt tokens whose KV cache is already there (shared system prompts, multi-turn chats): they are not prefilled again."
        />
      </div>
      <ThinkTimeEffect load={load} />
      <Lengths draft={draft} errors={errors} set={set} which="prompt" />
      <Lengths draft={draft} errors={errors} set={set} which="output" />
    </fieldset>
  );
}

const IMAGE_DEFAULT = { perRequest: 1, widthPx: 1920, heightPx: 1080 };
const IMAGE_FIELDS: Array<[string, string, string, string]> = [
  ['workload.images.perRequest', 'Images per request', 'images', 'Images sent with each request.'],
  ['workload.images.widthPx', 'Image width', 'px', 'Width of each image before the processor resizes and tiles it.'],
  ['workload.images.heightPx', 'Image height', 'px', 'Height of each image before the processor resizes and tiles it.'],
];

/** A vision-language model's images per request: its tower runs in prefill and their tokens join each prompt. */
function ImagesFields({ draft, errors, set, vision }: FieldsProps & { vision: boolean }) {
  const images = (draft.workload as { images?: unknown }).images;
  const id = useId();
  if (!vision && images === undefined) return null;
  return (
    <fieldset>
      <legend>Images</legend>
      <div className="field checks">
        <input
          id={id}
          type="checkbox"
          data-field="workload.images"
          checked={images !== undefined}
          onChange={(e) => set('workload.images', e.target.checked ? IMAGE_DEFAULT : undefined)}
        />
        <label htmlFor={id} title="The model's vision tower encodes them in prefill; their tokens join every prompt.">
          Images in each request
        </label>
      </div>
      {images !== undefined && (
        <div className="fields">
          {IMAGE_FIELDS.map(([path, label, unit, help]) => (
            <SpecNum key={path} {...{ draft, errors, set, path, label, unit, help }} />
          ))}
        </div>
      )}
    </fieldset>
  );
}

function SelectField({
  id,
  path,
  label,
  unit,
  help,
  value,
  options,
  onChange,
}: {
  id: string;
  path: string;
  label: string;
  unit: string;
  help: string;
  value: string;
  options: Array<[string, string]>;
  onChange: (v: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id} title={help}>
        {label} <span className="unit">({unit})</span>
      </label>
      <select id={id} data-field={path} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The decode objective, switched between TPOT and tokens/s per user (converted, so nothing is lost). */
function decodeObjective(slo: SpecDraft['slo'], kind: string): SpecDraft['slo'] {
  return kind === 'rate'
    ? { ...slo, tpotMs: undefined, outputTokensPerSecondPerUser: slo.tpotMs ? Math.round(1000 / slo.tpotMs) : 20 }
    : {
        ...slo,
        outputTokensPerSecondPerUser: undefined,
        tpotMs: slo.outputTokensPerSecondPerUser ? Math.round(1000 / slo.outputTokensPerSecondPerUser) : 50,
      };
}

/** The decode objective: its kind (TPOT or tokens/s per user) and its value in that kind. */
function DecodeObjective({ draft, errors, set, id }: FieldsProps & { id: string }) {
  const slo = draft.slo;
  const byRate = slo.tpotMs === undefined && slo.outputTokensPerSecondPerUser !== undefined;
  const f = { draft, errors, set };
  return (
    <>
      <SelectField
        id={`${id}-t`}
        path="slo.tpotKind"
        label="Decode objective"
        unit="as"
        help="Give the decode objective as time per output token, or as output tokens per second each user sees."
        value={byRate ? 'rate' : 'tpot'}
        options={[
          ['tpot', 'TPOT (ms per token)'],
          ['rate', 'tokens/s per user'],
        ]}
        onChange={(v) => set('slo', decodeObjective(slo, v))}
      />
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
        <SpecNum
          {...f}
          path="slo.tpotMs"
          label="TPOT"
          unit="ms"
          help="Mean time per output token of a request, at the load."
        />
      )}
    </>
  );
}

function Slos({ draft, errors, set }: FieldsProps) {
  const slo = draft.slo;
  const id = useId();
  const f = { draft, errors, set };
  return (
    <fieldset>
      <legend>Service-level objectives</legend>
      <div className="fields">
        <SpecNum
          {...f}
          path="slo.ttftMs"
          label="TTFT"
          unit="ms"
          help="Time to first token, queueing included, at the percentile below."
        />
        <SelectField
          id={`${id}-p`}
          path="slo.ttftPercentile"
          label="TTFT percentile"
          unit="of requests"
          help="The share of requests that must meet the TTFT objective."
          value={slo.ttftPercentile ?? 'p90'}
          options={['p50', 'p90', 'p95', 'p99'].map((p) => [p, p])}
          onChange={(v) => set('slo.ttftPercentile', v)}
        />
        <DecodeObjective {...f} id={id} />
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
        <NumField
          path="slo.targetUtilization"
          label="Target utilisation"
          unit="fraction 0–1"
          help={`Headroom: each copy is sized to carry at most this share of the most it can within the objectives (1 = no headroom). Empty = ${DEFAULT_TARGET_UTILIZATION}.`}
          value={slo.targetUtilization}
          error={errors.get('slo.targetUtilization')}
          empty="undefined"
          placeholder={String(DEFAULT_TARGET_UTILIZATION)}
          onChange={(v) => set('slo.targetUtilization', v)}
        />
        <SelectField
          id={`${id}-at`}
          path="slo.sizeAt"
          label="Size at"
          unit="error band"
          help="The engine's estimate, or the pessimistic edge of its error band: each candidate's decode steps and prompt prefills taken as slow as 90% of the validation cases of its class measured, so the answer holds if the engine is that far off."
          value={slo.sizeAt ?? 'estimate'}
          options={[
            ['estimate', 'the estimate'],
            ['pessimistic', 'pessimistic edge'],
          ]}
          onChange={(v) => set('slo.sizeAt', v)}
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
      <ImagesFields draft={draft} errors={errors} set={set} vision={!!(draft.model ?? model)?.vision} />
      <Slos draft={draft} errors={errors} set={set} />
      <Constraints {...p} set={set} />
    </form>
  );
}
