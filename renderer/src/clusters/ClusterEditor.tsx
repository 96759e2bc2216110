import { useState } from 'react';
import { sourceRegistry } from '@presets/sources';
import { sourceText } from '@shared/sources/registry';
import { Cluster, type Figure } from '@shared/schema/cluster';
import { TOPOLOGIES } from '@shared/network/topology';
import { TOPOLOGY_NAMES } from '@shared/schema/cluster';
import type { Catalog } from '@shared/plan/context';
import { getPath, setPath } from '../plans/paths';

interface NumField {
  path: string;
  label: string;
  unit: string;
  help: string;
  /** A sourced figure: editing it makes it the user's own. */
  figure?: boolean;
}

const GROUPS: Array<{ title: string; fields: NumField[] }> = [
  {
    title: 'Nodes',
    fields: [
      { path: 'node.count', label: 'Node count', unit: 'nodes', help: 'System units: an HGX node, an NVL72 rack.' },
      {
        path: 'node.unitUSD',
        label: 'Price per node',
        unit: 'USD',
        help: 'Empty = the system preset price.',
        figure: true,
      },
      {
        path: 'node.unitW',
        label: 'Power per node',
        unit: 'W',
        help: 'Nameplate; empty = the system preset.',
        figure: true,
      },
    ],
  },
  {
    title: 'Scale-out fabric (per plane)',
    fields: [
      {
        path: 'fabric.planes',
        label: 'Planes',
        unit: 'planes',
        help: "Each node's NICs split evenly over the planes.",
      },
      { path: 'fabric.radix', label: 'Switch radix', unit: 'ports', help: 'Ports per switch (even).' },
      { path: 'fabric.oversubscription', label: 'Oversubscription', unit: ': 1', help: '1 = full bisection.' },
      { path: 'fabric.nicsPerNode', label: 'NICs per node', unit: 'NICs', help: 'All planes together.' },
      { path: 'fabric.nicGbps', label: 'NIC speed', unit: 'Gb/s', help: 'Line rate of one NIC port.' },
      { path: 'fabric.switchUSD', label: 'Switch price', unit: 'USD', help: 'Per switch.', figure: true },
      { path: 'fabric.switchW', label: 'Switch power', unit: 'W', help: 'Per switch.', figure: true },
      {
        path: 'fabric.cableUSD',
        label: 'Cable price',
        unit: 'USD',
        help: 'Per cable (with optics where priced together).',
        figure: true,
      },
    ],
  },
  {
    title: 'Facility',
    fields: [
      { path: 'facility.rackBudgetKW', label: 'Rack power budget', unit: 'kW', help: 'IT power one rack can take.' },
      { path: 'facility.pue', label: 'PUE', unit: '×', help: 'Facility power ÷ IT power.' },
      { path: 'facility.usdPerKWh', label: 'Electricity', unit: '$/kWh', help: 'Price of one kWh.' },
      {
        path: 'facility.averagePowerFraction',
        label: 'Average load',
        unit: 'of nameplate',
        help: 'Share of nameplate drawn on average.',
      },
      {
        path: 'facility.supportFractionPerYear',
        label: 'Support per year',
        unit: 'of capex',
        help: 'Support and maintenance.',
      },
      { path: 'facility.amortisationYears', label: 'Amortisation', unit: 'years', help: 'Period the TCO covers.' },
    ],
  },
];

const MINE = (value: number | null): Figure => ({ value, source: 'your figure', user: true });

/** The cluster form: every change is validated by the schema; a refused value stays in its field with the message. */
export function ClusterEditor({
  cluster,
  catalog,
  onChange,
}: {
  cluster: Cluster;
  catalog: Catalog;
  onChange: (c: Cluster) => void;
}) {
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (path: string, value: unknown, shown?: string): void => {
    const next = setPath(cluster, path, value);
    const r = Cluster.safeParse(next);
    if (shown !== undefined) setRaw((m) => ({ ...m, [path]: shown }));
    if (!r.success) {
      const msg = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      setErrors((e) => ({ ...e, [path]: msg }));
      return;
    }
    setErrors((e) => {
      const { [path]: _drop, ...rest } = e;
      return rest;
    });
    setRaw((m) => {
      const { [path]: _drop, ...rest } = m;
      return rest;
    });
    onChange(r.data);
  };
  const numeric = (f: NumField) => {
    const cur = getPath(cluster, f.figure ? `${f.path}.value` : f.path) as number | null | undefined;
    const fig = f.figure ? (getPath(cluster, f.path) as Figure | undefined) : undefined;
    const shown = raw[f.path] ?? (cur === null || cur === undefined ? '' : String(cur));
    return (
      <div className="field" key={f.path}>
        <label htmlFor={`cl-${f.path}`} title={f.help}>
          {f.label} <span className="unit">({f.unit})</span>
        </label>
        <input
          id={`cl-${f.path}`}
          data-field={f.path}
          inputMode="decimal"
          value={shown}
          placeholder={f.figure ? 'preset / unknown' : ''}
          aria-invalid={errors[f.path] ? 'true' : undefined}
          onChange={(e) => {
            const t = e.target.value.trim();
            if (f.figure) {
              if (t === '')
                return set(
                  f.path,
                  f.path.startsWith('node.') ? undefined : { value: null, source: 'unknown: no figure entered' },
                  '',
                );
              const n = Number(t);
              if (!Number.isFinite(n)) return setErrors((x) => ({ ...x, [f.path]: `${f.label} must be a number` }));
              return set(f.path, MINE(n), e.target.value);
            }
            const n = Number(t);
            if (t === '' || !Number.isFinite(n)) {
              setRaw((m) => ({ ...m, [f.path]: e.target.value }));
              return setErrors((x) => ({ ...x, [f.path]: `${f.label} must be a number` }));
            }
            set(f.path, n, e.target.value);
          }}
        />
        {fig && (
          <span className="unit source" title={fig.note}>
            {fig.user ? 'your figure' : sourceText(fig.source, sourceRegistry())}
            {fig.unverified ? ' (unverified)' : ''}
          </span>
        )}
        {errors[f.path] && (
          <span className="error" role="alert">
            {errors[f.path]}
          </span>
        )}
      </div>
    );
  };
  return (
    <form className="plan-editor" aria-label="Cluster editor" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Cluster</legend>
        <div className="fields">
          <div className="field">
            <label htmlFor="cl-name">Name</label>
            <input
              id="cl-name"
              data-field="name"
              value={cluster.name}
              maxLength={200}
              onChange={(e) => set('name', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="cl-system" title="Any system preset or one of your systems (Hardware page).">
              Node type
            </label>
            <select
              id="cl-system"
              data-field="node.systemId"
              value={cluster.node.systemId}
              onChange={(e) => set('node.systemId', e.target.value)}
            >
              {catalog.systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.user ? ' (mine)' : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cl-topology">Topology</label>
            <select
              id="cl-topology"
              data-field="fabric.topology"
              value={cluster.fabric.topology}
              onChange={(e) => set('fabric.topology', e.target.value)}
            >
              {TOPOLOGIES.map((t) => (
                <option key={t} value={t}>
                  {TOPOLOGY_NAMES[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cl-colo">Colocation</label>
            <select
              id="cl-colo"
              data-field="facility.colocation.mode"
              value={cluster.facility.colocation.mode}
              onChange={(e) =>
                set(
                  'facility.colocation',
                  e.target.value === 'none'
                    ? { mode: 'none' }
                    : { mode: e.target.value, usd: 0, source: 'your figure' },
                )
              }
            >
              <option value="none">none (own building)</option>
              <option value="per-kw-month">$ per kW-month</option>
              <option value="per-rack-month">$ per rack-month</option>
            </select>
          </div>
          {cluster.facility.colocation.mode !== 'none' &&
            numeric({
              path: 'facility.colocation.usd',
              label: 'Colocation price',
              unit: 'USD',
              help: 'Per kW-month or per rack-month.',
            })}
        </div>
      </fieldset>
      {GROUPS.map((g) => (
        <fieldset key={g.title}>
          <legend>{g.title}</legend>
          <div className="fields">{g.fields.map(numeric)}</div>
        </fieldset>
      ))}
    </form>
  );
}
