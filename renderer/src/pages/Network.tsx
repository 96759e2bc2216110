import { useMemo, useState } from 'react';
import {
  buildTopology,
  DEFAULT_UNIT_COSTS,
  SCALE_UP_DOMAINS,
  TOPOLOGIES,
  type ScaleUpDomainKind,
  type TopologyKind,
} from '@shared/network/topology';
import { formatBytesPerS, formatUsd } from '@shared/units';
import type { PageProps } from './registry';

const LABEL: Record<TopologyKind, string> = {
  ft2: 'FT2',
  ft3: 'FT3',
  mpft: 'MPFT',
  mrft: 'MRFT',
  sf: 'Slim Fly',
  df: 'Dragonfly',
};

export function NetworkPage(_props: PageProps) {
  const [radix, setRadix] = useState(64);
  const [planes, setPlanes] = useState(8);
  const [endpoints, setEndpoints] = useState('');
  const [switchUSD, setSwitchUSD] = useState<number>(DEFAULT_UNIT_COSTS.switchUSD);
  const [linkUSD, setLinkUSD] = useState<number>(DEFAULT_UNIT_COSTS.linkUSD);
  const [scaleUp, setScaleUp] = useState<ScaleUpDomainKind | ''>('');
  const n = endpoints.trim() === '' ? undefined : Number(endpoints);
  const bad =
    n !== undefined && (!Number.isInteger(n) || n < 1)
      ? `Endpoints: "${endpoints}" is not a positive whole number`
      : null;
  const rows = useMemo(
    () =>
      TOPOLOGIES.map((kind) => {
        try {
          const r = buildTopology({
            kind,
            radix,
            planes,
            ...(n !== undefined && !bad ? { endpoints: n } : {}),
            switchUSD,
            linkUSD,
            ...(scaleUp ? { scaleUp } : {}),
          });
          return { kind, r, fitsAll: n === undefined || r.maxEndpoints >= n };
        } catch (e) {
          return { kind, error: (e as Error).message };
        }
      }),
    [radix, planes, n, bad, switchUSD, linkUSD, scaleUp],
  );
  return (
    <section className="page">
      <h1>Network</h1>
      <p className="muted">
        Size a scale-out fabric. With radix 64, 8 planes and no endpoint count this reproduces Table 3 of the Insights
        paper. Unit costs: {DEFAULT_UNIT_COSTS.source}.
      </p>
      <div className="fields" style={{ maxWidth: 900 }}>
        <div className="field">
          <label htmlFor="net-radix">Switch radix (ports)</label>
          <input
            id="net-radix"
            type="number"
            min={4}
            step={2}
            value={radix}
            onChange={(e) => setRadix(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="net-planes">MPFT planes</label>
          <input
            id="net-planes"
            type="number"
            min={1}
            value={planes}
            onChange={(e) => setPlanes(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="net-endpoints">Endpoints (GPUs) — empty = maximum</label>
          <input
            id="net-endpoints"
            inputMode="numeric"
            value={endpoints}
            aria-invalid={bad ? 'true' : undefined}
            onChange={(e) => setEndpoints(e.target.value)}
          />
          {bad && <span className="error">{bad}</span>}
        </div>
        <div className="field">
          <label htmlFor="net-switch">Switch cost (USD)</label>
          <input
            id="net-switch"
            type="number"
            min={0}
            value={switchUSD}
            onChange={(e) => setSwitchUSD(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="net-link">Link cost (USD per inter-switch link)</label>
          <input
            id="net-link"
            type="number"
            min={0}
            value={linkUSD}
            onChange={(e) => setLinkUSD(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="net-scaleup">Scale-up domain under each group of NICs</label>
          <select
            id="net-scaleup"
            value={scaleUp}
            onChange={(e) => setScaleUp(e.target.value as ScaleUpDomainKind | '')}
          >
            <option value="">none (one device per endpoint)</option>
            {Object.entries(SCALE_UP_DOMAINS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <table className="data" data-testid="network-table">
        <thead>
          <tr>
            <th>Metric</th>
            {rows.map((x) => (
              <th key={x.kind} className="num">
                {LABEL[x.kind]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['Endpoints', (r) => r.endpoints.toLocaleString('en-US')],
              ['Max endpoints', (r) => r.maxEndpoints.toLocaleString('en-US')],
              ['Switches', (r) => r.switches.toLocaleString('en-US')],
              ['Links', (r) => r.links.toLocaleString('en-US')],
              ['Transceivers', (r) => r.transceivers.toLocaleString('en-US')],
              ['Cost', (r) => formatUsd(r.costUSD)],
              ['Cost per endpoint', (r) => formatUsd(r.costPerEndpointUSD)],
              ['Devices reached', (r) => r.devices.toLocaleString('en-US')],
              ['Scale-up domains', (r) => r.scaleUpDomains.toLocaleString('en-US')],
              ['Network cost per device', (r) => formatUsd(r.costPerDeviceUSD)],
              ['Bisection (per direction)', (r) => formatBytesPerS(r.bisectionBytesPerS)],
              ['Diameter (switch hops)', (r) => String(r.diameterHops)],
            ] as Array<[string, (r: ReturnType<typeof buildTopology>) => string]>
          ).map(([label, f]) => (
            <tr key={label}>
              <th>{label}</th>
              {rows.map((x) => (
                <td key={x.kind} className="num">
                  {'r' in x && x.r ? f(x.r) : <span className="error">{'error' in x ? x.error : ''}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
