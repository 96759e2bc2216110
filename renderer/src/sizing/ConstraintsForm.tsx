/** The constraints part of the sizing-spec form: systems and prices, caps, precisions, strategies. */
import { useState } from 'react';
import { useFieldReport } from './field-registry';
import { presetCatalog } from '@presets/load';
import { NUMERIC_FORMATS } from '@shared/precision';
import { RENTAL_TERMS, rentalRate, type RentalTerm, type SystemSpec } from '@shared/schema/hardware';
import type { Catalog } from '@shared/plan/context';
import { pricedAccelerator } from '@shared/schema/prices';
import { NumField } from './NumField';
import type { FormProps, SetField } from './SpecForm';

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

export function Toggle(p: {
  path: string;
  label: string;
  help: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="check" title={p.help}>
      <input type="checkbox" data-field={p.path} checked={p.checked} onChange={(e) => p.onChange(e.target.checked)} />
      {p.label}
    </label>
  );
}

const TERM_LABEL: Record<RentalTerm, string> = { 'on-demand': 'on-demand', committed: 'committed-term' };

/** The rate the search prices a system at: the price book's for it at the term, else the device preset's. */
function searchRate(catalog: Catalog, s: SystemSpec, term: RentalTerm): number | null {
  const device = catalog.accelerators.find((a) => a.id === s.acceleratorId);
  return device ? rentalRate(pricedAccelerator(device, s.id, catalog), term) : null;
}

/** A system's own $/device-hour in the spec; empty stands for the price book's rate at the term. */
function SystemPrice(p: {
  system: { id: string; name: string };
  rate: number | null;
  term: RentalTerm;
  value: number | undefined;
  error: string | undefined;
  onChange: (v: number | null | undefined) => void;
}) {
  const { system: s, rate } = p;
  return (
    <NumField
      path={`constraints.usdPerDeviceHour.${s.id}`}
      label={`$/device-hour, ${s.name}`}
      unit="USD"
      help={`Your price per device-hour for ${s.name}; empty = the price book's ${TERM_LABEL[p.term]} rate for it ${rate === null ? '(none: results get no $)' : `($${rate}/h)`}.`}
      value={p.value}
      error={p.error}
      empty="undefined"
      placeholder={rate === null ? 'no price' : `${rate}`}
      onChange={p.onChange}
    />
  );
}

/** The systems the search may use, each with its price. */
function Systems({ draft, errors, catalog, onChange }: FormProps) {
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
  const term = draft.constraints.rentalTerm ?? 'on-demand';
  return (
    <div className="systems" data-field="constraints.systems">
      <div
        className="label-text"
        title="The systems the search may use: presets, and your own systems from the Hardware page."
      >
        Systems to consider{' '}
        <span className="unit">($ per device-hour: empty = the price book&apos;s {TERM_LABEL[term]} rate)</span>
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
            const rate = searchRate(catalog, s, term);
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
                    <SystemPrice
                      system={s}
                      rate={rate}
                      term={term}
                      value={prices[s.id]}
                      error={errors.get(`constraints.usdPerDeviceHour.${s.id}`)}
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

type ConstraintsProps = FormProps & { set: SetField };

/** Which of the price book's rental rates prices the systems without a price of the spec's own. */
function RentalTermField({ draft, set }: Pick<ConstraintsProps, 'draft' | 'set'>) {
  return (
    <label
      className="field"
      title="The price book's on-demand rate, or its committed (one- to three-year) rate; a system without that rate gets no $ and is ranked by devices."
    >
      <span className="label-text">Rental term</span>
      <select
        data-field="constraints.rentalTerm"
        value={draft.constraints.rentalTerm ?? 'on-demand'}
        onChange={(e) => set('constraints.rentalTerm', e.target.value)}
      >
        {RENTAL_TERMS.map((t) => (
          <option key={t} value={t}>
            {TERM_LABEL[t]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The caps: devices, and the hourly and purchase budgets. */
function Caps({ draft, errors, set }: ConstraintsProps) {
  const c = draft.constraints;
  return (
    <div className="fields">
      <RentalTermField draft={draft} set={set} />
      <NumField
        path="constraints.maxDevices"
        label="Maximum devices"
        unit="devices"
        help="The most accelerators the whole deployment (every copy) may use."
        value={c.maxDevices}
        error={errors.get('constraints.maxDevices')}
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
        onChange={(v) => set('constraints.budget.capexUSD', v)}
      />
    </div>
  );
}

/** The weight, compute and KV-cache formats the search may use. */
function Precisions({ draft, errors, set }: ConstraintsProps) {
  const c = draft.constraints;
  const pr = c.precisions ?? { weights: ['bf16', 'fp8'], compute: ['bf16', 'fp8'], kvCache: ['bf16'] };
  return (
    <>
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
    </>
  );
}

/** The parallelism and serving strategies the search may try, one switch each. */
function Strategies({ draft, set }: ConstraintsProps) {
  const st = draft.constraints.strategies ?? {};
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
    <div className="field checks" title="Parallelism and serving strategies the search may try.">
      <span className="label-text">Strategies</span>
      <div>
        {toggle('tp', 'TP', 'Tensor parallelism inside the scale-up domain.', true)}
        {toggle('pp', 'PP', 'Pipeline parallelism (2, 4 or 8 stages).', false)}
        {toggle('ep', 'EP', 'Expert parallelism for MoE models.', true)}
        {toggle(
          'dpAttention',
          'DP attention',
          'DeepSeek-style data-parallel attention replicas inside one copy: experts over EP, or, with EP off, tensor-parallel over all the copy’s devices (vLLM’s default).',
          true,
        )}
        {toggle(
          'disaggregation',
          'Prefill/decode disaggregation',
          'Separate prefill and decode pools, at the ratios below.',
          false,
        )}
        {toggle(
          'prefillDpAttention',
          'Prefill DP attention',
          "Disaggregated MoE prefill pools also tried as DeepSeek lays prefill out: TP1, attention DP over the pool's devices, experts EP over them.",
          false,
        )}
        {toggle(
          'prefillOnOtherSystems',
          'Prefill on another system',
          'Disaggregated prefill pools also tried on each other system picked above (prefill on one system, decode on another; the KV cache crosses the prefill workers’ links).',
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
  );
}

/** The strategies' figures: prefill:decode ratios (kept as typed while invalid) and the speculation. */
function StrategyFigures({ draft, errors, set }: ConstraintsProps) {
  const st = draft.constraints.strategies ?? {};
  const [ratios, setRatios] = useState((st.disaggregationRatios ?? [0.5, 1, 2]).join(', '));
  const [ratioErr, setRatioErr] = useState<string | null>(null);
  useFieldReport('constraints.strategies.disaggregationRatios', 'Prefill:decode ratios', ratioErr);
  const rErr = ratioErr ?? [...errors].find(([k]) => k.startsWith('constraints.strategies.disaggregationRatios'))?.[1];
  return (
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
              return setRatioErr(`Prefill:decode ratios: "${e.target.value}" is not a list of numbers`);
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
        onChange={(v) => set('constraints.strategies.speculativeDraftTokens', v)}
      />
      <NumField
        path="constraints.strategies.speculativeAcceptance"
        label="Acceptance"
        unit="fraction per draft"
        help="Probability each draft token is accepted (DeepSeek-V3 reports 0.85–0.9 for MTP)."
        value={st.speculativeAcceptance ?? 0.8}
        error={errors.get('constraints.strategies.speculativeAcceptance')}
        onChange={(v) => set('constraints.strategies.speculativeAcceptance', v)}
      />
    </div>
  );
}

export function Constraints(p: ConstraintsProps) {
  return (
    <fieldset>
      <legend>Constraints</legend>
      <Systems {...p} />
      <Caps {...p} />
      <Precisions {...p} />
      <Strategies {...p} />
      <StrategyFigures {...p} />
    </fieldset>
  );
}
