import { architectureGroups } from '../plans/architecture-fields';
import { architectureFacts } from '@shared/model/architecture-facts';
import { useCatalog } from '../clusters/catalog';
import { calibrationPresets, presetCatalog } from '@presets/load';
import { sourceRegistry } from '@presets/sources';
import type { InferencePlan, Plan } from '@shared/schema/plan';
import { bibliography, documentAuthor, documentLink, type SourceDocument } from '@shared/sources/registry';
import { Cite, ExternalLink, SourceList } from '../components/Cite';
import { CompareInputs, CompareTable } from '../compare/CompareTable';
import type { EvaluateResponse } from '../engine/protocol';
import { COMMON_FIELDS, fieldText, INFERENCE_GROUPS, TRAINING_GROUPS } from '../plans/fields';
import { componentPrecisionInput, copiesInput, prefillInput, stackInput } from '../plans/plan-inputs';
import { RL_GROUPS, rlAssumptions } from '../plans/rl-fields';
import { Results } from '../plans/Results';
import { TraceView } from '../components/TraceView';
import { formatBytesPerS, formatFlopPerS, formatUsd } from '@shared/units';

type Catalog = ReturnType<typeof presetCatalog>;

/** The plan's system and accelerator in the catalog it runs against (presets and the user's own). */
function hardwareOf(plan: Plan, catalog: Catalog) {
  const sys = catalog.systems.find((s) => s.id === plan.systemId);
  const acc = sys && catalog.accelerators.find((a) => a.id === sys.acceleratorId);
  return { sys, acc };
}

function HardwareRow({ plan, catalog }: { plan: Plan; catalog: Catalog }) {
  const { sys, acc } = hardwareOf(plan, catalog);
  return (
    <tr>
      <th>Hardware</th>
      <td>
        {sys?.name ?? plan.systemId} (<SourceList source={sys?.source} />
        ); {acc?.name}: BF16{' '}
        <Cite source={acc?.peakFlopsPerS.bf16.source} note={acc?.peakFlopsPerS.bf16.note}>
          {acc?.peakFlopsPerS.bf16.value == null ? 'unknown' : formatFlopPerS(acc.peakFlopsPerS.bf16.value)}
        </Cite>{' '}
        (<SourceList source={acc?.peakFlopsPerS.bf16.source} />
        ), memory bandwidth{' '}
        <Cite source={acc?.memoryBandwidthBytesPerS.source} note={acc?.memoryBandwidthBytesPerS.note}>
          {acc?.memoryBandwidthBytesPerS.value == null
            ? 'unknown'
            : formatBytesPerS(acc.memoryBandwidthBytesPerS.value)}
        </Cite>{' '}
        (<SourceList source={acc?.memoryBandwidthBytesPerS.source} />)
      </td>
    </tr>
  );
}

/** The price the plan was costed at, and where it comes from. */
function priceText(plan: Plan, res: EvaluateResponse | null): string {
  const p = plan.prices;
  if (p.mode === 'ownership')
    return `purchase ${p.purchaseUsdPerDevice === null ? 'at the price book’s price' : `$${p.purchaseUsdPerDevice}`} over ${p.amortisationYears} years, $${p.powerUsdPerKWh}/kWh, PUE ${p.pue}`;
  if (!res?.ok)
    return p.usdPerDeviceHour === null ? 'the device’s price' : `${formatUsd(p.usdPerDeviceHour)} per device-hour`;
  const r = res.resolved;
  return r.usdPerDeviceHour === null
    ? `no price (${r.priceSource})`
    : `${formatUsd(r.usdPerDeviceHour)} per device-hour (${r.priceSource})`;
}

function efficiencyText(plan: Plan, catalog: Catalog): string {
  const { acc } = hardwareOf(plan, catalog);
  const own = (k: string): number | undefined => plan.efficiency[k as 'compute'];
  const factors = acc
    ? Object.entries(acc.efficiency)
        .map(([k, e]) => `${k} ${own(k) ?? e.value}${own(k) !== undefined ? ' (plan)' : ` (${e.justification})`}`)
        .join('; ')
    : '—';
  return `${factors}${plan.useCalibration ? ' Calibration curves are used where the device has a profile.' : ''}`;
}

/** The stack and the kernels that time it, the prefill pool and the components at their own precision. */
function servingAssumptions(
  plan: InferencePlan,
  res: EvaluateResponse | null,
  catalog: Catalog,
): Array<[string, string]> {
  const served = res?.ok && res.kind === 'inference' ? res.result : null;
  const rows: Array<[string, string | null]> = [
    ['Serving stack and kernels', stackInput(plan, served)],
    // Engine copies are a parallelism field; a disaggregated plan's copies are its decode workers.
    ['Decode workers', plan.inference.serving.disaggregation ? copiesInput(plan) : null],
    ['Prefill pool', prefillInput(plan, catalog)],
    ['Per-component precision', componentPrecisionInput(plan)],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null);
}

function Assumptions({ plan, res }: { plan: Plan; res: EvaluateResponse | null }) {
  const catalog = useCatalog() ?? presetCatalog(); // presets + the user's systems
  const cluster = plan.clusterId ? catalog.clusters?.find((c) => c.id === plan.clusterId) : undefined;
  const model = plan.model ?? catalog.models.find((m) => m.id === plan.modelId);
  const groups = [
    COMMON_FIELDS,
    ...(plan.kind === 'inference' ? INFERENCE_GROUPS : plan.kind === 'rl' ? RL_GROUPS : TRAINING_GROUPS),
    ...(plan.kind === 'inference' && model ? architectureGroups(model) : []),
  ];
  const rows: Array<[string, string]> = [
    ...groups.flatMap((g) =>
      g.fields.flatMap((f): Array<[string, string]> => {
        const text = fieldText(f, plan, catalog);
        return text === null ? [] : [[f.label, text]];
      }),
    ),
    ...(plan.kind === 'inference' ? servingAssumptions(plan, res, catalog) : []),
    ...(model
      ? architectureFacts(model).map((f): [string, string] => [f.label, f.note ? `${f.value} (${f.note})` : f.value])
      : []),
    ...(plan.kind === 'rl' ? rlAssumptions(plan) : []),
    ...(plan.clusterId
      ? [
          [
            'Cluster',
            cluster ? `${cluster.name} (${cluster.source ?? 'user cluster'})` : `${plan.clusterId} (not stored here)`,
          ] as [string, string],
        ]
      : []),
    ['Prices', priceText(plan, res)],
    ['Efficiency factors', efficiencyText(plan, catalog)],
  ];
  return (
    <table className="data">
      <tbody>
        <tr>
          <th>Model</th>
          <td>
            {model?.name ?? plan.modelId} — <SourceList source={model?.source} />
          </td>
        </tr>
        <HardwareRow plan={plan} catalog={catalog} />
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Engine defaults documented outside the presets (training MFU ceiling, collective latency). */
const ENGINE_DOCS = {
  training: 'megascale-nsdi2024',
  latency: 'deepseek-insights-isca2025',
  offload: 'ahelpme-epyc9554-llamacpp',
} as const;

/** Every document the plans' numbers came from: model, system, accelerator (peaks and efficiency defaults), plan, calibration. */
export function reportBibliography(plans: readonly Plan[], catalog: Catalog = presetCatalog()): SourceDocument[] {
  const values: unknown[] = [];
  const extra: string[] = [];
  for (const plan of plans) {
    const sys = catalog.systems.find((s) => s.id === plan.systemId);
    const acc = sys && catalog.accelerators.find((a) => a.id === sys.acceleratorId);
    values.push(plan.model ?? catalog.models.find((m) => m.id === plan.modelId), sys, acc, plan.source);
    if (plan.useCalibration && acc) values.push(calibrationPresets().find((p) => p.acceleratorId === acc.id)?.source);
    if (plan.kind === 'training') extra.push(ENGINE_DOCS.training);
    else if (plan.kind === 'rl') {
      // RL: the trainer is the training engine, the rollout the inference engine (α counted).
      extra.push(ENGINE_DOCS.training, ENGINE_DOCS.latency);
      for (const id of Object.values(plan.rl.models))
        if (id && id !== 'policy') values.push(catalog.models.find((m) => m.id === id));
    } else if (plan.inference.network.includeLatency) extra.push(ENGINE_DOCS.latency);
    if (plan.kind === 'inference' && plan.inference.serving.expertOffload) extra.push(ENGINE_DOCS.offload);
  }
  return bibliography(values, sourceRegistry(), extra);
}

function Bibliography({ plans }: { plans: Plan[] }) {
  const docs = reportBibliography(plans, useCatalog() ?? presetCatalog());
  return (
    <section className="bibliography-section" data-testid="report-bibliography">
      <h2>Sources</h2>
      <p className="muted">
        Every document the numbers of this report come from (datasheets, papers, benchmark posts), with the date each
        was last checked against the figures it gives.
      </p>
      <ol className="bibliography">
        {docs.map((d) => {
          const link = documentLink(d);
          return (
            <li key={d.id} data-doc={d.id}>
              {documentAuthor(d)}. “{d.title}”. {d.date}.{' '}
              {link ? <ExternalLink href={link}>{link}</ExternalLink> : d.isbn ? `ISBN ${d.isbn}` : d.path}
              <span className="muted"> Checked {d.checked}.</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The printable report: title block, side-by-side table when several plans, then each plan. */
export function ReportView({
  plans,
  results,
  author,
}: {
  plans: Plan[];
  results: Array<EvaluateResponse | null>;
  author?: string | undefined;
}) {
  return (
    <article className="page report" data-report-ready={results.every((r) => r !== null) ? 'true' : 'false'}>
      <header className="title-block">
        <h1 data-testid="report-title">
          {plans.length > 1 ? `Comparison: ${plans.map((p) => p.name).join(' vs ')}` : plans[0]?.name}
        </h1>
        <p className="muted">
          Cluster Planner report · {new Date().toISOString().slice(0, 10)} ·{' '}
          {author ?? plans[0]?.author ?? 'author not set'}
        </p>
      </header>
      {plans.length > 1 && (
        <>
          <h2>Side by side</h2>
          <CompareInputs plans={plans} results={results} />
          <CompareTable plans={plans} results={results} testId="report-compare" />
        </>
      )}
      {plans.map((p, i) => (
        <section key={p.id} className="report-plan">
          <h2>{p.name}</h2>
          <h3>Assumptions</h3>
          <Assumptions plan={p} res={results[i] ?? null} />
          <h3>Results</h3>
          <Results plan={p} res={results[i] ?? null} print />
        </section>
      ))}
      <section className="appendix" data-testid="report-appendix">
        <h2>Appendix: the math behind each number</h2>
        {plans.map((p, i) => {
          const r = results[i];
          return r && r.ok ? (
            <div key={p.id}>
              <h3>{p.name}</h3>
              <TraceView trace={r.result.trace} allOpen />
            </div>
          ) : null;
        })}
      </section>
      <Bibliography plans={plans} />
    </article>
  );
}
