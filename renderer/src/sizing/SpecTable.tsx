/** The spec as a table (report and print): every input with its unit. */
import { sourceRegistry } from '@presets/sources';
import { sourceText } from '@shared/sources/registry';
import type { Catalog } from '@shared/plan/context';
import { kvFormatLabel } from '@shared/precision';
import type { LengthDistribution } from '@shared/schema/distribution';
import type { SizingSpec } from '@shared/schema/sizing';

const lengths = (d: LengthDistribution): string =>
  'histogram' in d
    ? `histogram: ${d.histogram.map((b) => `${b.tokens} tokens × ${b.weight}`).join(', ')}`
    : `mean ${d.mean} tokens${d.p90 === undefined ? ' (every request)' : `, p90 ${d.p90} tokens (log-normal)`}`;

type Constraints = SizingSpec['constraints'];

const loadText = (l: SizingSpec['workload']['load']): string =>
  l.mode === 'arrival-rate'
    ? `${l.requestsPerSecond} requests/s (Poisson arrivals)`
    : l.mode === 'throughput'
      ? `${l.outputTokensPerSecond} output tokens/s in all`
      : `${l.users} concurrent users, ${l.thinkTimeS} s think time`;

const systemsText = (c: Constraints, catalog: Catalog): string =>
  c.systems
    .map((id) => {
      const s = catalog.systems.find((x) => x.id === id);
      const p = c.usdPerDeviceHour[id];
      return `${s?.name ?? id}${p === undefined ? '' : ` at $${p}/device-hour (yours)`}${s?.source ? ` (${sourceText(s.source, sourceRegistry())})` : ''}`;
    })
    .join('; ');

const strategiesText = (st: Constraints['strategies']): string =>
  [
    st.tp && 'TP',
    st.pp && 'PP',
    st.ep && 'EP',
    st.dpAttention && 'DP attention',
    st.disaggregation && `disaggregation at prefill:decode ${st.disaggregationRatios.join(', ')}`,
    st.speculative &&
      `speculative decoding (${st.speculativeDraftTokens} draft, ${st.speculativeAcceptance} acceptance)`,
    st.kvOffload && 'KV offload',
  ]
    .filter(Boolean)
    .join(', ');

export function SpecTable({ spec, catalog }: { spec: SizingSpec; catalog: Catalog }) {
  const model = spec.model ?? catalog.models.find((m) => m.id === spec.modelId);
  const c = spec.constraints;
  const rows: Array<[string, string]> = [
    ['Model', `${model?.name ?? spec.modelId}${model ? ` — ${sourceText(model.source, sourceRegistry())}` : ''}`],
    ['Load', loadText(spec.workload.load)],
    ['Prompt length', lengths(spec.workload.prompt)],
    ['Output length', lengths(spec.workload.output)],
    ['Prefix-cache hit rate', `${spec.workload.prefixCacheHitRate}`],
    ['TTFT objective', `${spec.slo.ttftMs} ms at ${spec.slo.ttftPercentile}`],
    [
      'Decode objective',
      spec.slo.tpotMs !== undefined
        ? `TPOT ${spec.slo.tpotMs} ms (mean per request)`
        : `${spec.slo.outputTokensPerSecondPerUser} output tokens/s per user`,
    ],
    ['End-to-end objective', spec.slo.e2eMs === undefined ? 'none' : `${spec.slo.e2eMs} ms`],
    ['Systems', systemsText(c, catalog)],
    ['Maximum devices', `${c.maxDevices}`],
    [
      'Prices',
      `your $/device-hour where given, else the price book’s ${c.rentalTerm === 'committed' ? 'committed-term' : 'on-demand'} rate`,
    ],
    [
      'Budget',
      `${c.budget.usdPerHour === null ? 'no hourly limit' : `$${c.budget.usdPerHour}/h`}; ${c.budget.capexUSD === null ? 'no purchase limit' : `$${c.budget.capexUSD} to buy`}`,
    ],
    [
      'Precisions',
      `weights ${c.precisions.weights.map((x) => x.toUpperCase()).join(', ')}; compute ${c.precisions.compute.map((x) => x.toUpperCase()).join(', ')}; KV ${c.precisions.kvCache.map(kvFormatLabel).join(', ')}`,
    ],
    ['Strategies', strategiesText(c.strategies)],
  ];
  return (
    <table className="data" data-testid="spec-table">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
        {spec.notes && (
          <tr>
            <th>Notes</th>
            <td>{spec.notes}</td>
          </tr>
        )}
        {spec.source && (
          <tr>
            <th>Source</th>
            <td>{sourceText(spec.source, sourceRegistry())}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
