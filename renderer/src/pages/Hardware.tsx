import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { acceleratorPresets, systemPresets } from '@presets/load';
import { presetChecked } from '@presets/sources';
import { PRECISIONS, type Accelerator, type Sourced } from '@shared/schema/hardware';
import { formatBytes, formatBytesPerS, formatFlopPerS } from '@shared/units';
import { useStatus } from '../app/status';
import { Cite, SourceList } from '../components/Cite';
import { CalibrationPanel } from '../hardware/Calibration';
import { KernelProfiles } from '../calibration-import/KernelProfiles';
import { hasUnverified, isStale, passesFreshness } from '../hardware/freshness';
import { UserPresets } from '../hardware/UserPresets';
import { PriceBookEditor } from '../hardware/PriceBook';
import { DamagedRecords } from '../components/DamagedRecords';
import { readUserPresets } from '../db/presets';
import { putUserPreset } from '../db/writes';
import type { PageProps } from './registry';

/** A number with its citation on hover (and "unverified" / "assumption" badges). */
function V({ s, f }: { s: Sourced; f: (n: number) => string }) {
  return (
    <Cite source={s.source} note={s.note} unverified={s.unverified} assumption={s.assumption}>
      {s.value === null ? <span className="muted">unknown</span> : f(s.value)}
    </Cite>
  );
}

function Checked({ on }: { on: string | undefined }) {
  const stale = isStale(on, new Date());
  return (
    <span
      className={`checked-date ${stale ? 'badge warn' : 'muted'}`}
      title="oldest checked date of the documents cited"
    >
      {on ?? 'never checked'}
    </span>
  );
}

/** Back to the preset-file format (scale-up quoted per direction), so a copy validates and edits like a file. */
function toFile(a: Accelerator, id: string): Record<string, unknown> {
  const { scaleUpFabric, scaleUpBandwidthBytesPerS, ...rest } = a;
  return {
    ...rest,
    id,
    name: `${a.name} (my copy)`,
    user: true,
    version: 1,
    scaleUp: {
      fabric: scaleUpFabric,
      bandwidthBytesPerS: { ...scaleUpBandwidthBytesPerS, direction: 'unidirectional' },
    },
  };
}

function Detail({ a }: { a: Accelerator }) {
  const status = useStatus();
  const rows: Array<[string, Sourced, (n: number) => string]> = [
    ...PRECISIONS.map((p): [string, Sourced, (n: number) => string] => [
      `Peak ${p.toUpperCase()} (dense)`,
      a.peakFlopsPerS[p],
      formatFlopPerS,
    ]),
    ['Memory', a.memoryBytes, formatBytes],
    ['Memory bandwidth', a.memoryBandwidthBytesPerS, formatBytesPerS],
    [`Scale-up (${a.scaleUpFabric}), per direction`, a.scaleUpBandwidthBytesPerS, formatBytesPerS],
    ['Scale-out per device, per direction', a.scaleOutBandwidthBytesPerS, formatBytesPerS],
    ['TDP', a.tdpW, (w) => `${w} W`],
    ['Purchase price', a.price.purchaseUSD, (x) => `$${x.toLocaleString('en-US')}`],
    ['Rental price', a.price.hourlyUSD, (x) => `$${x.toFixed(2)} per hour`],
  ];
  return (
    <div className="card" data-testid="hardware-detail">
      <h2>{a.name}</h2>
      <p data-testid="hardware-checked">
        Sources checked on <strong>{presetChecked(a) ?? 'never'}</strong> (the oldest document this preset cites) ·{' '}
        <a href="#/sources">all sources</a>
      </p>
      <table className="data">
        <tbody>
          {rows.map(([label, s, f]) => (
            <tr key={label}>
              <th>{label}</th>
              <td className="num">
                <V s={s} f={f} />
              </td>
              <td className="muted">
                <SourceList source={s.source} />
                {s.note ? ` — ${s.note}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Achievable-efficiency defaults (beside the peaks, never inside them)</h3>
      <ul>
        {Object.entries(a.efficiency).map(([k, e]) => (
          <li key={k}>
            {k}: {e.value} — <span className="muted">{e.justification}</span>{' '}
            {e.source !== undefined && (
              <span className="muted">
                (<SourceList source={e.source} />)
              </span>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          const id = `${a.id}-custom-${Date.now().toString(36)}`;
          void putUserPreset({
            id,
            kind: 'hardware',
            name: `${a.name} (my copy)`,
            data: toFile(a, id),
            createdAt: new Date().toISOString(),
          }).then(
            (ok) =>
              ok &&
              status.show({ kind: 'success', text: `Copied ${a.name} into your presets as “${a.name} (my copy)”` }),
          );
        }}
      >
        Copy into my presets
      </button>
    </div>
  );
}

type Freshness = Map<string, { checkedOn: string | undefined; unverified: boolean }>;

interface Filter {
  q: string;
  cls: string;
  unverifiedOnly: boolean;
  staleOnly: boolean;
}

/** The accelerator list filtered by text, class and how fresh its sources are. */
function useAcceleratorFilter(all: readonly Accelerator[]) {
  const [f, setF] = useState<Filter>({ q: '', cls: 'all', unverifiedOnly: false, staleOnly: false });
  const fresh: Freshness = useMemo(
    () => new Map(all.map((a) => [a.id, { checkedOn: presetChecked(a), unverified: hasUnverified(a) }])),
    [all],
  );
  const list = useMemo(() => {
    const now = new Date();
    return all.filter(
      (a) =>
        (f.cls === 'all' || a.deviceClass === f.cls) &&
        `${a.name} ${a.vendor} ${a.id}`.toLowerCase().includes(f.q.toLowerCase()) &&
        passesFreshness(fresh.get(a.id)!, f, now),
    );
  }, [all, f, fresh]);
  const set = (patch: Partial<Filter>): void => setF((x) => ({ ...x, ...patch }));
  return { filter: f, set, fresh, list };
}

function HardwareFilters({ f, set, count }: { f: Filter; set: (p: Partial<Filter>) => void; count: number }) {
  return (
    <div className="toolbar">
      <input
        type="search"
        placeholder="Search accelerators…"
        aria-label="Search accelerators"
        value={f.q}
        onChange={(e) => set({ q: e.target.value })}
      />
      <select aria-label="Device class" value={f.cls} onChange={(e) => set({ cls: e.target.value })}>
        {['all', 'datacenter-gpu', 'consumer-gpu', 'npu', 'tpu', 'cpu', 'apple-soc'].map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
      <label>
        <input type="checkbox" checked={f.unverifiedOnly} onChange={(e) => set({ unverifiedOnly: e.target.checked })} />{' '}
        with unverified values
      </label>
      <label>
        <input type="checkbox" checked={f.staleOnly} onChange={(e) => set({ staleOnly: e.target.checked })} /> checked
        more than 12 months ago
      </label>
      <span className="muted" data-testid="hardware-count">
        {count} accelerators · {systemPresets().length} systems
      </span>
    </div>
  );
}

function AcceleratorTable({ list, fresh, f }: { list: readonly Accelerator[]; fresh: Freshness; f: Filter }) {
  return (
    <table className="data" data-testid="hardware-table">
      <thead>
        <tr>
          <th>Accelerator</th>
          <th className="num">BF16 dense</th>
          <th className="num">Memory</th>
          <th className="num">Bandwidth</th>
          <th>Checked</th>
        </tr>
      </thead>
      <tbody>
        {list.map((a) => (
          <tr key={a.id}>
            <td>
              <a href={`#/hardware/${a.id}`}>{a.name}</a>
            </td>
            <td className="num">
              <V s={a.peakFlopsPerS.bf16} f={formatFlopPerS} />
            </td>
            <td className="num">
              <V s={a.memoryBytes} f={formatBytes} />
            </td>
            <td className="num">
              <V s={a.memoryBandwidthBytesPerS} f={formatBytesPerS} />
            </td>
            <td>
              <Checked on={fresh.get(a.id)?.checkedOn} />
              {fresh.get(a.id)?.unverified && <span className="badge warn"> unverified</span>}
            </td>
          </tr>
        ))}
        {list.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              Nothing matches “{f.q}”{f.unverifiedOnly || f.staleOnly ? ' with these filters' : ''}.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function SystemsTable() {
  const status = useStatus();
  const copy = (s: ReturnType<typeof systemPresets>[number]): void => {
    const id = `${s.id}-custom-${Date.now().toString(36)}`;
    void putUserPreset({
      id,
      kind: 'system',
      name: `${s.name} (my copy)`,
      data: { ...s, id, name: `${s.name} (my copy)`, user: true, version: 1 },
      createdAt: new Date().toISOString(),
    }).then((ok) => ok && status.show({ kind: 'success', text: `Copied ${s.name} into your presets` }));
  };
  return (
    <table className="data">
      <tbody>
        {systemPresets().map((s) => (
          <tr key={s.id} data-testid={`system-${s.id}`}>
            <td>
              <Cite source={s.source}>{s.name}</Cite>
            </td>
            <td className="num">{s.devicesPerNode * s.nodesPerSystem} devices</td>
            <td className="num">scale-up {s.scaleUpDomainDevices}</td>
            <td className="num">
              <V s={s.purchaseUSD} f={(x) => `$${x.toLocaleString('en-US')}`} />
            </td>
            <td>
              <Checked on={presetChecked(s)} />
            </td>
            <td>
              <button
                type="button"
                className="link"
                title="A copy you can edit (e.g. point acceleratorId at your accelerator copy); plans and clusters can use it"
                onClick={() => copy(s)}
              >
                Copy
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HardwarePage({ route }: PageProps) {
  const all = acceleratorPresets();
  const { filter, set, fresh, list } = useAcceleratorFilter(all);
  // Checked records: a damaged one is listed with Export instead of reaching the editor or the engine.
  const checked = useLiveQuery(() => readUserPresets(), []);
  const mine = checked?.presets.filter((p) => p.kind === 'hardware' || p.kind === 'system') ?? [];
  const selected = route.page === 'hardware' && route.id ? all.find((a) => a.id === route.id) : undefined;
  return (
    <section className="page">
      <h1>Hardware</h1>
      <HardwareFilters f={filter} set={set} count={list.length} />
      <div className="split">
        <AcceleratorTable list={list} fresh={fresh} f={filter} />
        <div>
          {selected ? (
            <>
              <Detail a={selected} />
              <CalibrationPanel a={selected} />
            </>
          ) : (
            <div className="empty-state">Pick an accelerator to see every number with its source.</div>
          )}
          <UserPresets presets={mine} />
          <KernelProfiles />
          <DamagedRecords records={checked?.damaged ?? []} noun="preset" />
          <h2>Systems</h2>
          <SystemsTable />
        </div>
      </div>
      <PriceBookEditor />
    </section>
  );
}
