import { useState } from 'react';
import { sourceRegistry } from '@presets/sources';
import { sourceText } from '@shared/sources/registry';
import { findNode } from '@shared/cluster/compute';
import { formatUsd } from '@shared/units';
import { Cluster, type Figure } from '@shared/schema/cluster';
import { TOPOLOGIES } from '@shared/network/topology';
import { TOPOLOGY_NAMES } from '@shared/schema/cluster';
import type { Catalog } from '@shared/plan/context';
import { withNodeType } from '@shared/cluster/edit';
import { getPath, setPath } from '../plans/paths';
import { SystemOptions } from '../components/SystemOptions';

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
        help: 'Empty = the node type’s price (the price book’s, else the system preset’s).',
        figure: true,
      },
      {
        path: 'node.unitW',
        label: 'Power per node',
        unit: 'W',
        help: 'Nameplate; empty = the node type’s (the system preset).',
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

type Form = ReturnType<typeof useClusterForm>;

/** Every change is validated by the schema; a refused value stays in its field with the message. */
function useClusterForm(cluster: Cluster, onChange: (c: Cluster) => void) {
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const drop = (m: Record<string, string>, path: string) => {
    const { [path]: _drop, ...rest } = m;
    return rest;
  };
  const set = (path: string, value: unknown, shown?: string): void => {
    const r = Cluster.safeParse(setPath(cluster, path, value));
    if (shown !== undefined) setRaw((m) => ({ ...m, [path]: shown }));
    if (!r.success) {
      const msg = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      setErrors((e) => ({ ...e, [path]: msg }));
      return;
    }
    setErrors((e) => drop(e, path));
    setRaw((m) => drop(m, path));
    onChange(r.data);
  };
  const refuse = (path: string, message: string, shown?: string): void => {
    if (shown !== undefined) setRaw((m) => ({ ...m, [path]: shown }));
    setErrors((x) => ({ ...x, [path]: message }));
  };
  return { raw, errors, set, refuse };
}

/** What the node type gives when the cluster does not: "HGX H100 (8 × H100 SXM): $285k". */
function nodeDefault(f: NumField, catalog: Catalog, cluster: Cluster): string | null {
  if (!f.path.startsWith('node.unit')) return null;
  try {
    const { system } = findNode(cluster, catalog);
    const v = f.path === 'node.unitUSD' ? system.purchaseUSD.value : system.powerW.value;
    if (v === null) return `${system.name}: unknown`;
    return `${system.name}: ${f.path === 'node.unitUSD' ? formatUsd(v) : `${v.toLocaleString('en-US')} W`}`;
  } catch {
    return null;
  }
}

function figureText(fig: Figure): string {
  return `${fig.user ? 'your figure' : sourceText(fig.source, sourceRegistry())}${fig.unverified ? ' (unverified)' : ''}`;
}

function NumericInput(p: { f: NumField; cluster: Cluster; catalog: Catalog; form: Form }) {
  const { f, cluster, form } = p;
  const cur = getPath(cluster, f.figure ? `${f.path}.value` : f.path) as number | null | undefined;
  const fig = f.figure ? (getPath(cluster, f.path) as Figure | undefined) : undefined;
  const shown = form.raw[f.path] ?? (cur === null || cur === undefined ? '' : String(cur));
  const fallback = nodeDefault(f, p.catalog, cluster);
  const onText = (text: string): void => {
    const t = text.trim();
    if (f.figure && t === '') {
      const empty = f.path.startsWith('node.') ? undefined : { value: null, source: 'unknown: no figure entered' };
      return form.set(f.path, empty, '');
    }
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) return form.refuse(f.path, `${f.label} must be a number`, text);
    form.set(f.path, f.figure ? MINE(n) : n, text);
  };
  return (
    <div className="field">
      <label htmlFor={`cl-${f.path}`} title={f.help}>
        {f.label} <span className="unit">({f.unit})</span>
      </label>
      <input
        id={`cl-${f.path}`}
        data-field={f.path}
        inputMode="decimal"
        value={shown}
        placeholder={fallback ?? (f.figure ? 'unknown' : '')}
        aria-invalid={form.errors[f.path] ? 'true' : undefined}
        onChange={(e) => onText(e.target.value)}
      />
      {fig && (
        <span className="unit source" title={fig.note} data-testid={`figure-source-${f.path}`}>
          {fallback && <span className="badge warn">{fig.user ? 'edited' : 'the cluster’s own'}</span>}{' '}
          {figureText(fig)}
          {fallback && (
            <button type="button" className="link" onClick={() => form.set(f.path, undefined, '')}>
              use the node type’s
            </button>
          )}
        </span>
      )}
      {!fig && fallback && <span className="unit source">from the node type</span>}
      {form.errors[f.path] && (
        <span className="error" role="alert">
          {form.errors[f.path]}
        </span>
      )}
    </div>
  );
}

/** How the building is paid for, and its price when it is rented. */
function ColocationFields({ cluster, catalog, form }: { cluster: Cluster; catalog: Catalog; form: Form }) {
  const colo = cluster.facility.colocation.mode;
  return (
    <>
      <div className="field wide">
        <label htmlFor="cl-colo">Colocation</label>
        <select
          id="cl-colo"
          data-field="facility.colocation.mode"
          value={colo}
          onChange={(e) =>
            form.set(
              'facility.colocation',
              e.target.value === 'none' ? { mode: 'none' } : { mode: e.target.value, usd: 0, source: 'your figure' },
            )
          }
        >
          <option value="none">none: own building</option>
          <option value="per-kw-month">$ per kW-month</option>
          <option value="per-rack-month">$ per rack-month</option>
        </select>
      </div>
      {colo !== 'none' && (
        <NumericInput
          f={{
            path: 'facility.colocation.usd',
            label: 'Colocation price',
            unit: 'USD',
            help: 'Per kW-month or per rack-month.',
          }}
          cluster={cluster}
          catalog={catalog}
          form={form}
        />
      )}
    </>
  );
}

function ClusterBasics({
  cluster,
  catalog,
  form,
  onChange,
}: {
  cluster: Cluster;
  catalog: Catalog;
  form: Form;
  onChange: (c: Cluster) => void;
}) {
  return (
    <fieldset>
      <legend>Cluster</legend>
      <div className="fields">
        <div className="field wide">
          <label htmlFor="cl-name">Name</label>
          <input
            id="cl-name"
            data-field="name"
            value={cluster.name}
            maxLength={200}
            onChange={(e) => form.set('name', e.target.value)}
          />
        </div>
        <div className="field wide">
          <label
            htmlFor="cl-system"
            title="Any system preset or one of your systems (Hardware page). Its price, power and height follow."
          >
            Node type
          </label>
          <select
            id="cl-system"
            data-field="node.systemId"
            value={cluster.node.systemId}
            onChange={(e) => onChange(withNodeType(cluster, e.target.value))}
          >
            <SystemOptions systems={catalog.systems} />
          </select>
        </div>
        <div className="field wide">
          <label htmlFor="cl-topology">Topology</label>
          <select
            id="cl-topology"
            data-field="fabric.topology"
            value={cluster.fabric.topology}
            onChange={(e) => form.set('fabric.topology', e.target.value)}
          >
            {TOPOLOGIES.map((t) => (
              <option key={t} value={t}>
                {TOPOLOGY_NAMES[t]}
              </option>
            ))}
          </select>
        </div>
        <ColocationFields cluster={cluster} catalog={catalog} form={form} />
      </div>
    </fieldset>
  );
}

/** The cluster form: its basics, then the node, fabric and facility figures. */
export function ClusterEditor({
  cluster,
  catalog,
  onChange,
}: {
  cluster: Cluster;
  catalog: Catalog;
  onChange: (c: Cluster) => void;
}) {
  const form = useClusterForm(cluster, onChange);
  return (
    <form className="plan-editor" aria-label="Cluster editor" onSubmit={(e) => e.preventDefault()}>
      <ClusterBasics cluster={cluster} catalog={catalog} form={form} onChange={onChange} />
      {GROUPS.map((g) => (
        <fieldset key={g.title}>
          <legend>{g.title}</legend>
          <div className="fields">
            {g.fields.map((f) => (
              <NumericInput key={f.path} f={f} cluster={cluster} catalog={catalog} form={form} />
            ))}
          </div>
        </fieldset>
      ))}
    </form>
  );
}
