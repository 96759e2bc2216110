import { useMemo, useState } from 'react';
import {
  buildTopology,
  DEFAULT_UNIT_COSTS,
  SCALE_UP_DOMAINS,
  TOPOLOGIES,
  type ScaleUpDomainKind,
  type TopologyKind,
} from '@shared/network/topology';
import { TOPOLOGY_NAMES } from '@shared/schema/cluster';
import { formatBytesPerS, formatUsd } from '@shared/units';
import type { PageProps } from './registry';

type Topology = ReturnType<typeof buildTopology>;

/** The table's rows: a label and how to read it from a built topology. */
const ROWS: Array<[string, (r: Topology) => string]> = [
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
];

interface Inputs {
  radix: number;
  planes: number;
  endpoints: string;
  switchUSD: number;
  linkUSD: number;
  scaleUp: ScaleUpDomainKind | '';
}

type Column = { kind: TopologyKind; r: Topology; fitsAll: boolean } | { kind: TopologyKind; error: string };

/** Every topology built for the inputs (or why it cannot be), and the endpoint field's problem. */
function useTopologies(v: Inputs): { rows: Column[]; bad: string | null } {
  const n = v.endpoints.trim() === '' ? undefined : Number(v.endpoints);
  const bad =
    n !== undefined && (!Number.isInteger(n) || n < 1)
      ? `Endpoints: "${v.endpoints}" is not a positive whole number`
      : null;
  const rows = useMemo(
    () =>
      TOPOLOGIES.map((kind): Column => {
        try {
          const r = buildTopology({
            kind,
            radix: v.radix,
            planes: v.planes,
            ...(n !== undefined && !bad ? { endpoints: n } : {}),
            switchUSD: v.switchUSD,
            linkUSD: v.linkUSD,
            ...(v.scaleUp ? { scaleUp: v.scaleUp } : {}),
          });
          return { kind, r, fitsAll: n === undefined || r.maxEndpoints >= n };
        } catch (e) {
          return { kind, error: (e as Error).message };
        }
      }),
    [v.radix, v.planes, n, bad, v.switchUSD, v.linkUSD, v.scaleUp],
  );
  return { rows, bad };
}

function NumberInput(p: {
  id: string;
  label: string;
  value: number;
  min: number;
  step?: number;
  set: (n: number) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <input
        id={p.id}
        type="number"
        min={p.min}
        step={p.step}
        value={p.value}
        onChange={(e) => p.set(Number(e.target.value))}
      />
    </div>
  );
}

function NetworkInputs({ v, set, bad }: { v: Inputs; set: (p: Partial<Inputs>) => void; bad: string | null }) {
  return (
    <div className="fields" style={{ maxWidth: 900, marginBottom: 16 }}>
      <NumberInput
        id="net-radix"
        label="Switch radix (ports)"
        value={v.radix}
        min={4}
        step={2}
        set={(radix) => set({ radix })}
      />
      <NumberInput
        id="net-planes"
        label="Planes (multi-plane fat-tree)"
        value={v.planes}
        min={1}
        set={(planes) => set({ planes })}
      />
      <div className="field">
        <label htmlFor="net-endpoints">Endpoints (GPUs) — empty = maximum</label>
        <input
          id="net-endpoints"
          inputMode="numeric"
          value={v.endpoints}
          aria-invalid={bad ? 'true' : undefined}
          onChange={(e) => set({ endpoints: e.target.value })}
        />
        {bad && <span className="error">{bad}</span>}
      </div>
      <NumberInput
        id="net-switch"
        label="Switch cost (USD)"
        value={v.switchUSD}
        min={0}
        set={(switchUSD) => set({ switchUSD })}
      />
      <NumberInput
        id="net-link"
        label="Link cost (USD per inter-switch link)"
        value={v.linkUSD}
        min={0}
        set={(linkUSD) => set({ linkUSD })}
      />
      <div className="field span-2">
        <label htmlFor="net-scaleup">Scale-up domain under each group of NICs</label>
        <select
          id="net-scaleup"
          value={v.scaleUp}
          onChange={(e) => set({ scaleUp: e.target.value as ScaleUpDomainKind | '' })}
        >
          <option value="">none (one device per endpoint)</option>
          {Object.entries(SCALE_UP_DOMAINS).map(([k, d]) => (
            <option key={k} value={k}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function NetworkTable({ rows }: { rows: Column[] }) {
  return (
    <table className="data" data-testid="network-table">
      <thead>
        <tr>
          <th>Metric</th>
          {rows.map((x) => (
            <th key={x.kind} className="num">
              {TOPOLOGY_NAMES[x.kind]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([label, f]) => (
          <tr key={label}>
            <th>{label}</th>
            {rows.map((x) => (
              <td key={x.kind} className="num">
                {'r' in x ? f(x.r) : <span className="error">{x.error}</span>}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NetworkPage(_props: PageProps) {
  const [v, setV] = useState<Inputs>({
    radix: 64,
    planes: 8,
    endpoints: '',
    switchUSD: DEFAULT_UNIT_COSTS.switchUSD,
    linkUSD: DEFAULT_UNIT_COSTS.linkUSD,
    scaleUp: '',
  });
  const { rows, bad } = useTopologies(v);
  return (
    <section className="page">
      <h1>Network</h1>
      <p className="muted">
        Size a scale-out fabric. With radix 64, 8 planes and no endpoint count this reproduces Table 3 of the Insights
        paper. Unit costs: {DEFAULT_UNIT_COSTS.source}.
      </p>
      <NetworkInputs v={v} set={(p) => setV((x) => ({ ...x, ...p }))} bad={bad} />
      <NetworkTable rows={rows} />
    </section>
  );
}
