/** Time by component: a step's milliseconds (seconds for a long training step) stacked by part, one bar per row. */
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { PART_COLORS, useChartTheme } from './colors';
import { axisStyle, CHART_H, ChartBox, num, TooltipBox, yLabel, type TipProps } from './ChartBox';

function BreakdownTip({
  active,
  payload,
  parts,
  unit,
}: TipProps<Record<string, number | string>> & { parts: string[]; unit: string }) {
  const d = payload?.[0]?.payload;
  if (!active || !d) return null;
  const vals = parts.map((k) => [k, Number(d[k] ?? 0)] as const);
  const total = vals.reduce((a, [, v]) => a + v, 0);
  return (
    <TooltipBox
      title={String(d['name'])}
      rows={[
        ...vals.map(([k, v]): [string, string] => [
          k,
          `${num(v)} ${unit} (${total ? ((v / total) * 100).toFixed(0) : 0}%)`,
        ]),
        ['total', `${num(total)} ${unit}`],
      ]}
    />
  );
}

export function BreakdownChart({
  rows,
  title,
  parts,
}: {
  rows: Array<Record<string, number | string>>;
  title: string;
  parts: Array<keyof typeof PART_COLORS>;
}) {
  const t = useChartTheme();
  // Rows come in milliseconds; a training step of many seconds reads better in seconds.
  const max = Math.max(...rows.map((r) => parts.reduce((a, k) => a + Number(r[k] ?? 0), 0)));
  const inSeconds = max >= 10_000;
  const data = inSeconds
    ? rows.map((r) => ({ ...r, ...Object.fromEntries(parts.map((k) => [k, Number(r[k] ?? 0) / 1000])) }))
    : rows;
  const unit = inSeconds ? 's' : 'ms';
  return (
    <ChartBox
      title={title}
      testId="chart-breakdown"
      legend={parts.map((k) => ({ label: k, color: PART_COLORS[k], kind: 'box' as const }))}
    >
      {(width) => (
        <BarChart width={width} height={CHART_H} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={t.grid} />
          <XAxis dataKey="name" {...axisStyle(t)} />
          <YAxis tickFormatter={num} label={yLabel(t, inSeconds ? 'seconds' : 'milliseconds')} {...axisStyle(t)} />
          <Tooltip content={<BreakdownTip parts={parts} unit={unit} />} cursor={{ fill: t.grid, fillOpacity: 0.4 }} />
          {parts.map((k) => (
            <Bar key={k} dataKey={k} stackId="t" fill={PART_COLORS[k]} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ChartBox>
  );
}
