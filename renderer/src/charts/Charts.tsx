/**
 * Charts (recharts). Every chart has fixed width and height and no animation so it prints into
 * the PDF report exactly as shown; axes carry their units; colours are stable per plan.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useRef } from 'react';
import type { SweepPoint } from '@shared/inference/evaluate';
import { usePlatform } from '../app/platform-context';
import { chartSvgText, slug, svgToPngBase64 } from './export';
import type { Operator } from '@shared/inference/operators';
import { formatBytes, TERA } from '@shared/units';
import { PART_COLORS } from './colors';

export const CHART_W = 520;

/** A plan name short enough for an axis label. */
export const shortName = (name: string, max = 22): string => (name.length > max ? `${name.slice(0, max - 1)}…` : name);
export const CHART_H = 260;

export interface Series<T> {
  id: string;
  name: string;
  color: string;
  data: T;
}

export function ChartBox({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  const platform = usePlatform();
  const ref = useRef<HTMLElement>(null);
  const save = async (kind: 'svg' | 'png'): Promise<void> => {
    const svg = ref.current ? chartSvgText(ref.current) : null;
    if (!svg) return;
    if (kind === 'svg')
      await platform.saveFile(`${slug(title)}.svg`, svg, [{ name: 'SVG image', extensions: ['svg'] }]);
    else
      await platform.saveFile(
        `${slug(title)}.png`,
        await svgToPngBase64(svg),
        [{ name: 'PNG image', extensions: ['png'] }],
        'base64',
      );
  };
  return (
    <figure className="chart-box" data-testid={testId} data-chart-title={title} ref={ref}>
      <div className="chart-head">
        <h3>{title}</h3>
        <span className="no-print chart-actions">
          <button type="button" className="link" onClick={() => void save('svg')} aria-label={`Save “${title}” as SVG`}>
            SVG
          </button>
          <button type="button" className="link" onClick={() => void save('png')} aria-label={`Save “${title}” as PNG`}>
            PNG
          </button>
        </span>
      </div>
      {children}
    </figure>
  );
}

const num = (v: unknown): string =>
  typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : String(v);

export function SweepChart({ series }: { series: Array<Series<SweepPoint[]>> }) {
  return (
    <ChartBox title="Throughput vs TPOT over batch sizes" testId="chart-sweep">
      <LineChart width={CHART_W} height={CHART_H} margin={{ top: 8, right: 16, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="tpotMs"
          name="TPOT"
          unit=" ms"
          tickFormatter={num}
          label={{ value: 'TPOT (ms per output token)', position: 'insideBottom', offset: -14 }}
          domain={['auto', 'auto']}
        />
        <YAxis
          type="number"
          dataKey="outputTokensPerSecondPerDevice"
          name="throughput"
          tickFormatter={num}
          label={{
            value: 'output tokens/s per device',
            angle: -90,
            position: 'insideLeft',
            offset: 0,
            style: { textAnchor: 'middle' },
          }}
        />
        <Tooltip formatter={(v) => num(v)} labelFormatter={(l) => `TPOT ${num(l)} ms`} />
        <Legend verticalAlign="top" height={24} />
        {series.map((s) => (
          <Line
            key={s.id}
            data={s.data}
            name={s.name}
            dataKey="outputTokensPerSecondPerDevice"
            stroke={s.color}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartBox>
  );
}

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

export function MemoryChart({ rows }: { rows: MemoryRow[] }) {
  const cap = Math.max(...rows.map((r) => r.capacity));
  const data = rows.map((r) => ({
    ...r,
    weights: r.weights / 1e9,
    kvCache: r.kvCache / 1e9,
    activations: r.activations / 1e9,
    reserve: r.reserve / 1e9,
    gradients: (r.gradients ?? 0) / 1e9,
    optimizer: (r.optimizer ?? 0) / 1e9,
  }));
  const parts = (['weights', 'gradients', 'optimizer', 'kvCache', 'activations', 'reserve'] as const).filter((k) =>
    data.some((d) => d[k] > 0),
  );
  return (
    <ChartBox title="Memory per device against capacity" testId="chart-memory">
      <BarChart width={CHART_W} height={CHART_H} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        <YAxis
          tickFormatter={num}
          label={{ value: 'GB (10⁹ bytes)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
        />
        <Tooltip formatter={(v) => `${num(v)} GB`} />
        <Legend verticalAlign="top" height={24} />
        {parts.map((k) => (
          <Bar
            key={k}
            dataKey={k}
            stackId="m"
            fill={PART_COLORS[k]}
            name={k === 'kvCache' ? 'KV cache' : k}
            isAnimationActive={false}
          />
        ))}
        <ReferenceLine
          y={cap / 1e9}
          stroke="#c0392b"
          strokeDasharray="6 3"
          label={{ value: `capacity ${formatBytes(cap)}`, position: 'insideTopRight' }}
        />
      </BarChart>
    </ChartBox>
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
  return (
    <ChartBox title={title} testId="chart-breakdown">
      <BarChart width={CHART_W} height={CHART_H} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        <YAxis tickFormatter={num} label={{ value: 'ms', angle: -90, position: 'insideLeft' }} />
        <Tooltip formatter={(v) => `${num(v)} ms`} />
        <Legend verticalAlign="top" height={24} />
        {parts.map((k) => (
          <Bar key={k} dataKey={k} stackId="t" fill={PART_COLORS[k]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartBox>
  );
}

export function RooflineChart({
  ops,
  peakFlops,
  bandwidth,
}: {
  ops: Operator[];
  peakFlops: number;
  bandwidth: number;
}) {
  // Log axes cannot show zero: operators without FLOPs (element-wise traffic) are left off.
  const pts = ops
    .filter((o) => o.time > 0 && o.bytesRead + o.bytesWritten > 0 && o.flops > 0)
    .map((o) => ({
      name: o.name,
      x: Math.min(Math.max(o.intensity, 0.01), 10000),
      y: o.flops / o.time / TERA,
      bound: o.bound,
    }));
  const ridge = peakFlops / Math.max(bandwidth, 1);
  const xs = [0.01, 0.1, 1, 10, ridge, 100, 1000, 10000].filter((x) => x > 0).sort((a, b) => a - b);
  const roof = xs.map((x) => ({ x, y: Math.min(peakFlops, bandwidth * x) / TERA }));
  const ys = [...pts, ...roof].map((p) => p.y).filter((y) => y > 0);
  const yDomain: [number, number] = [
    10 ** Math.floor(Math.log10(Math.min(...ys))),
    10 ** Math.ceil(Math.log10(Math.max(...ys))),
  ];
  return (
    <ChartBox title="Roofline: the plan's operators (decode step)" testId="chart-roofline">
      <ScatterChart width={CHART_W} height={CHART_H} margin={{ top: 8, right: 16, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="x"
          scale="log"
          domain={[0.01, 10000]}
          tickFormatter={num}
          label={{ value: 'arithmetic intensity (FLOP per byte)', position: 'insideBottom', offset: -14 }}
        />
        <YAxis
          type="number"
          dataKey="y"
          scale="log"
          domain={yDomain}
          allowDataOverflow
          tickFormatter={num}
          label={{ value: 'achieved TFLOP/s', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
        />
        <Tooltip formatter={(v) => num(v)} />
        <Legend verticalAlign="top" height={24} />
        <Scatter
          name="achievable roof"
          data={roof}
          line={{ stroke: '#868e96' }}
          fill="#868e96"
          shape={() => <g />}
          isAnimationActive={false}
        />
        <Scatter name="operators" data={pts} fill={PART_COLORS.compute} isAnimationActive={false} />
      </ScatterChart>
    </ChartBox>
  );
}

export function KvChart({ series }: { series: Array<Series<Array<{ context: number; gb: number }>>> }) {
  return (
    <ChartBox title="KV cache per sequence vs context length" testId="chart-kv">
      <LineChart width={CHART_W} height={CHART_H} margin={{ top: 8, right: 16, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="context"
          scale="log"
          domain={['auto', 'auto']}
          tickFormatter={num}
          label={{ value: 'context (tokens)', position: 'insideBottom', offset: -14 }}
        />
        <YAxis
          type="number"
          dataKey="gb"
          tickFormatter={num}
          label={{ value: 'GB per sequence', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
        />
        <Tooltip formatter={(v) => `${num(v)} GB`} />
        <Legend verticalAlign="top" height={24} />
        {series.map((s) => (
          <Line
            key={s.id}
            data={s.data}
            dataKey="gb"
            name={s.name}
            stroke={s.color}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartBox>
  );
}

export function CostChart({ rows }: { rows: Array<{ name: string; value: number; color: string }> }) {
  return (
    <ChartBox title="Cost per million output tokens" testId="chart-cost">
      <BarChart width={CHART_W} height={CHART_H} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        <YAxis
          tickFormatter={num}
          label={{
            value: 'USD per 10⁶ output tokens',
            angle: -90,
            position: 'insideLeft',
            style: { textAnchor: 'middle' },
          }}
        />
        <Tooltip formatter={(v) => `$${num(v)}`} />
        <Bar dataKey="value" name="$ / M output tokens" fill="#2f6fdb" isAnimationActive={false} />
      </BarChart>
    </ChartBox>
  );
}
