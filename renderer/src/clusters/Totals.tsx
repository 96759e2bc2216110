import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClusterReport } from '@shared/cluster/compute';
import { clusterHeadline } from '@shared/cluster/metrics';
import { MEGA } from '@shared/units';
import { ChartBox, CHART_H } from '../charts/ChartBox';

/** Headline numbers of a cluster, as cards (the CLI prints the same figures). */
export function ClusterTotals({ r }: { r: ClusterReport }) {
  return (
    <div className="cards" data-testid="cluster-totals">
      {clusterHeadline(r).map((f) => (
        <div className="card" key={f.id} data-testid={`cluster-card-${f.id}`} title={f.detail}>
          <div className="label">{f.label}</div>
          <div className="value">{f.value}</div>
          <div className="sub">{f.sub}</div>
        </div>
      ))}
    </div>
  );
}

const COLORS = { compute: '#2f6fdb', network: '#9c36b5', facility: '#2b8a3e', power: '#e8590c', support: '#868e96' };

/** Where the money goes (capex and opex over the period, M$) and where the watts go (kW). */
export function ClusterBreakdown({ r }: { r: ClusterReport }) {
  const t = r.tco;
  const years = r.cluster.facility.amortisationYears;
  const cost = [
    {
      name: 'capex',
      compute: t.capexByCategory.compute / MEGA,
      network: t.capexByCategory.network / MEGA,
      facility: t.capexByCategory.facility / MEGA,
    },
    {
      name: `opex × ${years} y`,
      power: (t.powerUSDPerYear * years) / MEGA,
      facility: (t.colocationUSDPerYear * years) / MEGA,
      support: (t.supportUSDPerYear * years) / MEGA,
    },
  ];
  const nodeW = r.bom
    .filter((l) => l.placement === 'node')
    .reduce((s, l) => s + (l.unitW.included || l.unitW.value === null ? 0 : l.unitW.value * l.quantity), 0);
  const power = [
    { name: 'IT', compute: nodeW / 1000, network: r.power.networkW / 1000 },
    {
      name: 'facility',
      compute: (nodeW * r.cluster.facility.pue) / 1000,
      network: (r.power.networkW * r.cluster.facility.pue) / 1000,
    },
  ];
  return (
    <div className="charts">
      <ChartBox title="Cost breakdown (M$)" testId="chart-cluster-cost">
        {(w: number) => (
          <BarChart width={w} height={CHART_H} data={cost} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis label={{ value: 'M$', angle: -90, position: 'insideLeft' }} />
            <Tooltip formatter={(v) => `$${Number(v).toFixed(2)}M`} />
            <Legend verticalAlign="top" height={24} />
            {(['compute', 'network', 'facility', 'power', 'support'] as const).map((k) => (
              <Bar key={k} dataKey={k} stackId="c" fill={COLORS[k]} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ChartBox>
      <ChartBox title="Power breakdown (kW)" testId="chart-cluster-power">
        {(w: number) => (
          <BarChart width={w} height={CHART_H} data={power} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis label={{ value: 'kW', angle: -90, position: 'insideLeft' }} />
            <Tooltip formatter={(v) => `${Number(v).toFixed(1)} kW`} />
            <Legend verticalAlign="top" height={24} />
            {(['compute', 'network'] as const).map((k) => (
              <Bar key={k} dataKey={k} stackId="p" fill={COLORS[k]} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ChartBox>
    </div>
  );
}
