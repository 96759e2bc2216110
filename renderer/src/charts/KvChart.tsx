/** KV cache per sequence vs context length (log scale), one line per plan. */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { memo } from 'react';
import { SERIES_DASH, useChartTheme } from './colors';
import { axisStyle, CHART_H, ChartBox, num, TooltipBox, xLabel, yLabel, type Series, type TipProps } from './ChartBox';

type KvDatum = { context: number; gb: number; series?: string };

function KvTip({ active, payload }: TipProps<KvDatum>) {
  const d = payload?.[0]?.payload;
  if (!active || !d) return null;
  return (
    <TooltipBox
      title={d.series ?? 'KV cache'}
      rows={[
        ['context', `${d.context.toLocaleString('en-US')} tokens`],
        ['KV cache per sequence', `${num(d.gb)} GB`],
      ]}
    />
  );
}

export const KvChart = memo(function KvChart({
  series,
}: {
  series: Array<Series<Array<{ context: number; gb: number }>>>;
}) {
  const t = useChartTheme();
  return (
    <ChartBox
      title="KV cache per sequence vs context length"
      testId="chart-kv"
      legend={series.map((s, i) => ({
        label: s.name,
        color: s.color,
        kind: 'line' as const,
        dash: SERIES_DASH[i % 4],
      }))}
    >
      {(width) => (
        <LineChart width={width} height={CHART_H} margin={{ top: 8, right: 16, bottom: 24, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={t.grid} />
          <XAxis
            type="number"
            dataKey="context"
            scale="log"
            domain={['auto', 'auto']}
            tickFormatter={num}
            label={xLabel(t, 'context (tokens, log scale)')}
            {...axisStyle(t)}
          />
          <YAxis
            type="number"
            dataKey="gb"
            tickFormatter={num}
            label={yLabel(t, 'GB per sequence')}
            {...axisStyle(t)}
          />
          <Tooltip content={<KvTip />} cursor={{ stroke: t.muted, strokeDasharray: '3 3' }} />
          {series.map((s, i) => (
            <Line
              key={s.id}
              data={s.data.map((d) => ({ ...d, series: s.name }))}
              dataKey="gb"
              name={s.name}
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={SERIES_DASH[i % 4]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ChartBox>
  );
});
