/**
 * The sizing-spec form: model, workload (load, prompt and output lengths, prefix-cache hits),
 * SLOs and constraints (systems with $/device-hour overrides, device and budget caps, precisions,
 * strategies). Every field has its unit and a tooltip; a value the schema refuses is kept as typed
 * and its message names the field.
 */
import { useId, useState } from 'react';
import { presetCatalog } from '@presets/load';
import type { Catalog } from '@shared/plan/context';
import { NUMERIC_FORMATS } from '@shared/precision';
import { getPath, setPath } from '../plans/paths';
import type { SpecDraft } from './draft';
import { NumField } from './NumField';

interface Props {
  draft: SpecDraft;
  errors: Map<string, string>;
  catalog: Catalog;
  onChange: (d: SpecDraft) => void;
}

type Set = (path: string, v: unknown) => void;

const COMPUTE = ['bf16', 'fp8', 'fp4', 'int8'] as const;
const KV = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;

function Checks<T extends string>(p: {
  path: string;
  label: string;
  help: string;
  options: readonly T[];
  value: readonly unknown[];
  error?: string | undefined;
  onChange: (v: unknown[]) => void;
}) {
  const extra = p.value.filter((v) => typeof v !== 'string'); // e.g. a 6-bit KV format from a file
  return (
    <div className="field checks" data-field={p.path} title={p.help}>
      <span className="label-text">{p.label}</span>
      <div>
        {p.options.map((o) => (
          <label key={o} className="check">
            <input
              type="checkbox"
              checked={p.value.includes(o)}
              onChange={(e) => p.onChange(e.target.checked ? [...p.value, o] : p.value.filter((v) => v !== o))}
            />
            {o.toUpperCase()}
          </label>
        ))}
        {extra.map((x) => (
          <span key={JSON.stringify(x)} className="badge">
            {JSON.stringify(x)} (from the file)
          </span>
        ))}
      </div>
      {p.error && (
        <span className="error" role="alert" data-error-for={p.path}>
          {p.error}
        </span>
      )}
    </div>
  );
}

function Toggle(p: { path: string; label: string; help: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="check" title={p.help}>
      <input type="checkbox" data-field={p.path} checked={p.checked} onChange={(e) => p.onChange(e.target.checked)} />
      {p.label}
    </label>
  );
}

/** A length distribution: mean and p90 (log-normal), or a histogram as JSON. */
function Lengths({
  draft,
  errors,
  set,
  which,
}: {
  draft: SpecDraft;
  errors: Map<string, string>;
  set: Set;
  which: 'prompt' | 'output';
}) {
  const path = `workload.${which}`;
  const v = getPath(draft, path) as Record<string, unknown> | undefined;
  const hist = !!v && 'histogram' in v;
  const [text, setText] = useState(() => JSON.stringify(hist ? v['histogram'] : [], null, 0));
  const [jsonErr, setJsonErr] = useState<string | null>(null);
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
            min={1}
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
            min={1}
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

function Workload({ draft, errors, set }: { draft: SpecDraft; errors: Map<string, string>; set: Set }) {
  const load = draft.workload.load;
  const id = useId();
  const n = (
    path: string,
    label: string,
    unit: string,
    help: string,
    extra: Partial<Parameters<typeof NumField>[0]> = {},
  ) => (
    <NumField
      path={path}
      label={label}
      unit={unit}
      help={help}
      value={getPath(draft, path)}
      error={errors.get(path)}
      onChange={(v) => set(path, v)}
      {...extra}
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
            { min: 0 },
          )}
        {load.mode === 'throughput' &&
          n(
            'workload.load.outputTokensPerSecond',
            'Output throughput',
            'tokens/s',
            'Output tokens per second the whole deployment must produce.',
            { min: 0 },
          )}
        {load.mode === 'concurrent-users' && (
          <>
            {n(
              'workload.load.users',
              'Concurrent users',
              'users',
              'Users active at once; each sends a request, reads the answer, thinks, and sends the next.',
              { min: 0 },
            )}
            {n(
              'workload.load.thinkTimeS',
              'Think time',
              's',
              'Seconds between receiving an answer and sending the next request.',
              { min: 0 },
            )}
          </>
        )}
        {n(
          'workload.prefixCacheHitRate',
          'Prefix-cache hits',
          'fraction 0–0.99',
          'Share of prompt tokens whose KV cache is already there (shared system prompts, multi-turn chats): they are not prefilled again.',
          { min: 0, max: 0.99 },
        )}
      </div>
      <Lengths draft={draft} errors={errors} set={set} which="prompt" />
      <Lengths draft={draft} errors={errors} set={set} which="output" />
    </fieldset>
  );
}

function Slos({ draft, errors, set }: { draft: SpecDraft; errors: Map<string, string>; set: Set }) {
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
          min={0}
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
            min={0}
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
            min={0}
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
          min={0}
          onChange={(v) => set('slo.e2eMs', v)}
        />
      </div>
    </fieldset>
  );
}

function Systems({ draft, errors, catalog, onChange }: Props) {
  const chosen = draft.constraints.systems;
  const prices = draft.constraints.usdPerDeviceHour ?? {};
  const presetIds = new Set(presetCatalog().systems.map((s) => s.id));
  const setSystems = (systems: string[]): void => {
    const kept = Object.fromEntries(Object.entries(prices).filter(([k]) => systems.includes(k)));
    onChange({ ...draft, constraints: { ...draft.constraints, systems, usdPerDeviceHour: kept } });
  };
  const setPrice = (id: string, v: number | null | undefined): void => {
    const next = { ...prices };
    if (v === undefined || v === null) delete next[id];
    else next[id] = v;
    onChange({ ...draft, constraints: { ...draft.constraints, usdPerDeviceHour: next } });
  };
  const missing = chosen.filter((id) => !catalog.systems.some((s) => s.id === id));
  return (
    <div className="systems" data-field="constraints.systems">
      <div
        className="label-text"
        title="The systems the search may use: presets, and your own systems from the Hardware page."
      >
        Systems to consider <span className="unit">($ per device-hour: empty = the device preset's price)</span>
      </div>
      {errors.get('constraints.systems') && (
        <span className="error" role="alert" data-error-for="constraints.systems">
          {errors.get('constraints.systems')}
        </span>
      )}
      {missing.map((id) => (
        <p key={id} className="error" role="alert">
          constraints.systems: “{id}” is not a system preset or one of yours
          <button type="button" className="link" onClick={() => setSystems(chosen.filter((x) => x !== id))}>
            remove
          </button>
        </p>
      ))}
      <table className="data compact">
        <tbody>
          {catalog.systems.map((s) => {
            const acc = catalog.accelerators.find((a) => a.id === s.acceleratorId);
            const on = chosen.includes(s.id);
            return (
              <tr key={s.id} data-system={s.id}>
                <td>
                  <label className="check">
                    <input
                      type="checkbox"
                      aria-label={`Consider ${s.name}`}
                      checked={on}
                      onChange={(e) =>
                        setSystems(e.target.checked ? [...chosen, s.id] : chosen.filter((x) => x !== s.id))
                      }
                    />
                    {s.name}
                  </label>{' '}
                  {!presetIds.has(s.id) && <span className="badge">yours</span>}
                </td>
                <td className="price">
                  {on && (
                    <NumField
                      path={`constraints.usdPerDeviceHour.${s.id}`}
                      label={`$/device-hour, ${s.id}`}
                      unit="USD"
                      help={`Your price per device-hour for ${s.name}; empty = the ${acc?.name ?? 'device'} preset's ${acc?.price.hourlyUSD.value == null ? '(none: results get no $)' : `$${acc.price.hourlyUSD.value}/h`}.`}
                      value={prices[s.id]}
                      error={errors.get(`constraints.usdPerDeviceHour.${s.id}`)}
                      empty="undefined"
                      placeholder={acc?.price.hourlyUSD.value == null ? 'no price' : `${acc.price.hourlyUSD.value}`}
                      min={0}
                      onChange={(v) => setPrice(s.id, v)}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Constraints(p: Props & { set: Set }) {
  const { draft, errors, set } = p;
  const c = draft.constraints;
  const pr = c.precisions ?? { weights: ['bf16', 'fp8'], compute: ['bf16', 'fp8'], kvCache: ['bf16'] };
  const st = c.strategies ?? {};
  const [ratios, setRatios] = useState((st.disaggregationRatios ?? [0.5, 1, 2]).join(', '));
  const [ratioErr, setRatioErr] = useState<string | null>(null);
  const rErr = ratioErr ?? [...errors].find(([k]) => k.startsWith('constraints.strategies.disaggregationRatios'))?.[1];
  const toggle = (key: string, label: string, help: string, dflt: boolean) => (
    <Toggle
      path={`constraints.strategies.${key}`}
      label={label}
      help={help}
      checked={
        (st as Record<string, unknown>)[key] === undefined ? dflt : Boolean((st as Record<string, unknown>)[key])
      }
      onChange={(v) => set(`constraints.strategies.${key}`, v)}
    />
  );
  return (
    <fieldset>
      <legend>Constraints</legend>
      <Systems {...p} />
      <div className="fields">
        <NumField
          path="constraints.maxDevices"
          label="Maximum devices"
          unit="devices"
          help="The most accelerators the whole deployment (every copy) may use."
          value={c.maxDevices}
          error={errors.get('constraints.maxDevices')}
          int
          min={1}
          onChange={(v) => set('constraints.maxDevices', v)}
        />
        <NumField
          path="constraints.budget.usdPerHour"
          label="Budget per hour"
          unit="$/h"
          help="Most the deployment may cost per hour (devices × $/device-hour). Empty = no limit."
          value={c.budget?.usdPerHour}
          error={errors.get('constraints.budget.usdPerHour')}
          empty="null"
          placeholder="no limit"
          min={0}
          onChange={(v) => set('constraints.budget.usdPerHour', v)}
        />
        <NumField
          path="constraints.budget.capexUSD"
          label="Budget to buy"
          unit="$"
          help="Most the devices may cost to buy (devices × the preset's purchase price). Empty = no limit."
          value={c.budget?.capexUSD}
          error={errors.get('constraints.budget.capexUSD')}
          empty="null"
          placeholder="no limit"
          min={0}
          onChange={(v) => set('constraints.budget.capexUSD', v)}
        />
      </div>
      <Checks
        path="constraints.precisions.weights"
        label="Weight formats"
        help="Storage formats of the weights the search may use (never wider than the compute format)."
        options={NUMERIC_FORMATS}
        value={pr.weights ?? []}
        error={errors.get('constraints.precisions.weights')}
        onChange={(v) => set('constraints.precisions', { ...pr, weights: v })}
      />
      <Checks
        path="constraints.precisions.compute"
        label="Compute formats"
        help="Tensor-core rates the matmuls may run at (only those the device has)."
        options={COMPUTE}
        value={pr.compute ?? []}
        error={errors.get('constraints.precisions.compute')}
        onChange={(v) => set('constraints.precisions', { ...pr, compute: v })}
      />
      <Checks
        path="constraints.precisions.kvCache"
        label="KV-cache formats"
        help="Element formats of the KV cache the search may use."
        options={KV}
        value={pr.kvCache ?? []}
        error={errors.get('constraints.precisions.kvCache')}
        onChange={(v) => set('constraints.precisions', { ...pr, kvCache: v })}
      />
      <div className="field checks" title="Parallelism and serving strategies the search may try.">
        <span className="label-text">Strategies</span>
        <div>
          {toggle('tp', 'TP', 'Tensor parallelism inside the scale-up domain.', true)}
          {toggle('pp', 'PP', 'Pipeline parallelism (2, 4 or 8 stages).', false)}
          {toggle('ep', 'EP', 'Expert parallelism for MoE models.', true)}
          {toggle(
            'dpAttention',
            'DP attention',
            'DeepSeek-style data-parallel attention replicas inside one copy, experts over EP.',
            true,
          )}
          {toggle(
            'disaggregation',
            'Prefill/decode disaggregation',
            'Separate prefill and decode pools, at the ratios below.',
            false,
          )}
          {toggle(
            'speculative',
            'Speculative decoding',
            'MTP or draft-model speculation with the draft tokens and acceptance below.',
            false,
          )}
          {toggle('kvOffload', 'KV offload', 'Keep part of the KV cache in host memory.', false)}
        </div>
      </div>
      <div className="fields">
        <div className="field">
          <label
            htmlFor="sizing-ratios"
            title="Prefill devices ÷ decode devices tried when disaggregation is allowed (comma-separated, up to 12)."
          >
            Prefill:decode ratios <span className="unit">(prefill ÷ decode devices)</span>
          </label>
          <input
            id="sizing-ratios"
            data-field="constraints.strategies.disaggregationRatios"
            value={ratios}
            aria-invalid={rErr ? 'true' : undefined}
            onChange={(e) => {
              setRatios(e.target.value);
              const parts = e.target.value.split(/[,\s]+/).filter(Boolean);
              const nums = parts.map(Number);
              if (nums.some((x) => !Number.isFinite(x)))
                return setRatioErr(
                  `constraints.strategies.disaggregationRatios: "${e.target.value}" is not a list of numbers`,
                );
              setRatioErr(null);
              set('constraints.strategies.disaggregationRatios', nums);
            }}
          />
          {rErr && (
            <span className="error" role="alert" data-error-for="constraints.strategies.disaggregationRatios">
              {rErr}
            </span>
          )}
        </div>
        <NumField
          path="constraints.strategies.speculativeDraftTokens"
          label="Draft tokens"
          unit="tokens per step"
          help="Tokens proposed per decode step when speculative decoding is tried (MTP: 1)."
          value={st.speculativeDraftTokens ?? 1}
          error={errors.get('constraints.strategies.speculativeDraftTokens')}
          int
          min={1}
          max={16}
          onChange={(v) => set('constraints.strategies.speculativeDraftTokens', v)}
        />
        <NumField
          path="constraints.strategies.speculativeAcceptance"
          label="Acceptance"
          unit="fraction per draft"
          help="Probability each draft token is accepted (DeepSeek-V3 reports 0.85–0.9 for MTP)."
          value={st.speculativeAcceptance ?? 0.8}
          error={errors.get('constraints.strategies.speculativeAcceptance')}
          min={0}
          max={1}
          onChange={(v) => set('constraints.strategies.speculativeAcceptance', v)}
        />
      </div>
    </fieldset>
  );
}

export function SpecForm(p: Props) {
  const { draft, errors, catalog, onChange } = p;
  const set: Set = (path, v) => onChange(setPath(draft, path, v));
  const model = catalog.models.find((m) => m.id === draft.modelId);
  return (
    <form className="sizing-form" aria-label="Sizing spec" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Spec</legend>
        <div className="fields">
          <div className="field">
            <label htmlFor="sizing-name">Name</label>
            <input
              id="sizing-name"
              data-field="name"
              value={draft.name}
              maxLength={200}
              onChange={(e) => set('name', e.target.value)}
            />
            {errors.get('name') && (
              <span className="error" role="alert">
                name: {errors.get('name')}
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
