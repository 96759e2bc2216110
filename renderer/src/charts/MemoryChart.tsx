/** Memory per device against capacity: each plan's weights, KV cache, activations and reserve (and a trainer's gradients and optimizer state) stacked, with the capacity line. */
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes, GIGA } from '@shared/units';
import { PART_COLORS, useChartTheme } from './colors';
import { axisStyle, CHART_H, ChartBox, fitLabel, num, TooltipBox, yLabel, type TipProps } from './ChartBox';

export interface MemoryRow {
  name: string;
  weights: number;
  kvCache: number;
  activations: number;
  reserve: number;
  capacity: number;
  gradients?: number;
  optimizer?: number;
}

const MEMORY_PARTS = ['weights', 'gradients', 'optimizer', 'kvCache', 'activations', 'reserve'] as const;
const partLabel = (k: string): string => (k === 'kvCache' ? 'KV cache' : k);

type MemoryDatum = Record<(typeof MEMORY_PARTS)[number], number> & { name: string; full: string; capacity: number };

function MemoryTip({ active, payload }: TipProps<MemoryDatum>) {
  const d = payload?.[0]?.payload;
  if (!active || !d) return null;
  const parts = MEMORY_PARTS.filter((k) => d[k] > 0);
  const total = parts.reduce((a, k) => a + d[k], 0);
  return (
    <TooltipBox
      title={d.full}
      rows={[
        ...parts.map((k): [string, string] => [partLabel(k), `${num(d[k])} GB`]),
        ['total', `${num(total)} GB`],
        ['capacity', formatBytes(d.capacity)],
      ]}
    />
  );
}

export function MemoryChart({ rows }: { rows: MemoryRow[] }) {
  const t = useChartTheme();
  const cap = Math.max(...rows.map((r) => r.capacity));
  const data: MemoryDatum[] = rows.map((r) => ({
    name: r.name,
    full: r.name,
    capacity: r.capacity,
    weights: r.weights / GIGA,
    kvCache: r.kvCache / GIGA,
    activations: r.activations / GIGA,
    reserve: r.reserve / GIGA,
    gradients: (r.gradients ?? 0) / GIGA,
    optimizer: (r.optimizer ?? 0) / GIGA,
  }));
  const parts = MEMORY_PARTS.filter((k) => data.some((d) => d[k] > 0));
  return (
    <ChartBox
      title="Memory per device against capacity"
      testId="chart-memory"
      legend={[
        ...parts.map((k) => ({ label: partLabel(k), color: PART_COLORS[k], kind: 'box' as const })),
        { label: `capacity ${formatBytes(cap)}`, color: t.bad, kind: 'line', dash: '6 3' },
      ]}
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
          <YAxis tickFormatter={num} label={yLabel(t, 'GB per device (10⁹ bytes)')} {...axisStyle(t)} />
          <Tooltip content={<MemoryTip />} cursor={{ fill: t.grid, fillOpacity: 0.4 }} />
          {parts.map((k) => (
            <Bar key={k} dataKey={k} stackId="m" fill={PART_COLORS[k]} name={partLabel(k)} isAnimationActive={false} />
          ))}
          <ReferenceLine
            y={cap / GIGA}
            stroke={t.bad}
            strokeWidth={1.5}
            strokeDasharray="6 3"
            ifOverflow="extendDomain"
          />
        </BarChart>
      )}
    </ChartBox>
  );
}
