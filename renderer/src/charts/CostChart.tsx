/** Cost per million output tokens: one bar per plan, in the plan's colour. */
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartTheme } from './colors';
import { axisStyle, CHART_H, ChartBox, fitLabel, num, TooltipBox, yLabel, type TipProps } from './ChartBox';

type CostDatum = { name: string; full: string; value: number; color: string };

function CostTip({ active, payload }: TipProps<CostDatum>) {
  const d = payload?.[0]?.payload;
  if (!active || !d) return null;
  return <TooltipBox title={d.full} rows={[['cost per 10⁶ output tokens', `$${num(d.value)}`]]} />;
}

export function CostChart({ rows }: { rows: Array<{ name: string; value: number; color: string }> }) {
  const t = useChartTheme();
  const data: CostDatum[] = rows.map((r) => ({ ...r, full: r.name }));
  return (
    <ChartBox
      title="Cost per million output tokens"
      testId="chart-cost"
      legend={rows.map((r) => ({ label: r.name, color: r.color, kind: 'box' as const }))}
    >
      {(width) => (
        <BarChart width={width} height={CHART_H} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={t.grid} />
          <XAxis
            dataKey="name"
            interval={0}
            tickFormatter={(n: string) => fitLabel(n, (width - 80) / Math.max(1, rows.length))}
            {...axisStyle(t)}
          />
          <YAxis tickFormatter={num} label={yLabel(t, 'USD per 10⁶ output tokens')} {...axisStyle(t)} />
          <Tooltip content={<CostTip />} cursor={{ fill: t.grid, fillOpacity: 0.4 }} />
          <Bar dataKey="value" name="$ / M output tokens" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.full} fill={d.color} />
            ))}
          </Bar>
        </BarChart>
      )}
    </ChartBox>
  );
}
