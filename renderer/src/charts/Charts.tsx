/**
 * Charts (recharts). Each chart takes the width its box gets (measured, so it reflows from a laptop
 * to a wide screen and prints at the width of the page), draws without animation, carries units on
 * both axes, and keeps its legend outside the plot (an HTML list above it), so a legend never
 * covers data. Tooltips show the configuration behind a point. Colours come from colors.ts and
 * follow the OS theme; a plan keeps its colour everywhere and a second series is also dashed.
 *
 * A new chart: `<ChartBox title legend={[…]}>{(width) => <LineChart width={width} height={CHART_H}>…}</ChartBox>`,
 * axis props from `axisStyle(useChartTheme())` with the unit in the axis label, a `<Tooltip content={…}>`
 * that returns a `TooltipBox` naming what produced the point, and colours from colors.ts.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { memo, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Operator } from '@shared/inference/operators';
import { formatBytes, formatBytesPerS, formatFlopPerS, formatTick, GIGA, MILLI, TERA } from '@shared/units';
import { usePlatform } from '../app/platform-context';
import { chartSvgText, slug, svgToPngBase64 } from './export';
import { PART_COLORS, SERIES_DASH, useChartTheme, type ChartTheme } from './colors';
import { layoutSweep, sweepPointRows, type SweepPointView } from './sweep';

/** The default (and widest) chart width; charts shrink to their box below it. */
export const CHART_W = 720;
export const CHART_H = 250;
const MIN_W = 260;

/** A plan name short enough for an axis label. */
export const shortName = (name: string, max = 22): string => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

export interface Series<T> {
  id: string;
  name: string;
  color: string;
  data: T;
}

export interface LegendItem {
  label: string;
  color: string;
  /** line: a stroke (dash gives its pattern); box: a filled square; dot / ring: a point marker. */
  kind: 'line' | 'box' | 'dot' | 'ring';
  dash?: string;
}

function LegendMark({ item }: { item: LegendItem }) {
  return (
    <svg width="18" height="10" aria-hidden="true">
      {item.kind === 'line' && (
        <line x1="1" y1="5" x2="17" y2="5" stroke={item.color} strokeWidth="2.5" strokeDasharray={item.dash} />
      )}
      {item.kind === 'box' && <rect x="4" y="0" width="10" height="10" rx="2" fill={item.color} />}
      {item.kind === 'dot' && <circle cx="9" cy="5" r="4" fill={item.color} />}
      {item.kind === 'ring' && <circle cx="9" cy="5" r="3.5" fill="none" stroke={item.color} strokeWidth="1.8" />}
    </svg>
  );
}

export function ChartLegend({ items }: { items: LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend" data-testid="chart-legend">
      {items.map((it) => (
        <li key={`${it.kind}:${it.label}`} title={it.label}>
          <LegendMark item={it} />
          <span className="ellipsis">{it.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** A tooltip box: a title and label/value rows. */
export function TooltipBox({ title, rows }: { title: string; rows: Array<[string, string]> }) {
  return (
    <div className="chart-tooltip" data-testid="chart-tooltip">
      <div className="tt-title">{title}</div>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChartBox({
  title,
  children,
  testId,
  legend = [],
  note,
}: {
  title: string;
  /** The plot, drawn for the width the box leaves (measured with a ResizeObserver). */
  children: ReactNode | ((width: number) => ReactNode);
  testId?: string;
  legend?: LegendItem[];
  note?: ReactNode;
}) {
  const platform = usePlatform();
  const ref = useRef<HTMLElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(CHART_W);
  useLayoutEffect(() => {
    const el = plot.current;
    if (!el) return;
    const measure = (): void => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(Math.max(MIN_W, Math.min(CHART_W, w)));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
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
      <figcaption className="chart-head">
        <h3>{title}</h3>
        <span className="no-print chart-actions">
          <button type="button" className="link" onClick={() => void save('svg')} aria-label={`Save “${title}” as SVG`}>
            SVG
          </button>
          <button type="button" className="link" onClick={() => void save('png')} aria-label={`Save “${title}” as PNG`}>
            PNG
          </button>
        </span>
      </figcaption>
      <ChartLegend items={legend} />
      <div className="chart-plot" ref={plot}>
        {typeof children === 'function' ? children(width) : children}
      </div>
      {note && <div className="chart-note">{note}</div>}
    </figure>
  );
}

const num = (v: unknown): string => (typeof v === 'number' ? formatTick(v) : String(v));

/** Axis props in the theme's colours; the label sits outside the ticks. */
export function axisStyle(t: ChartTheme) {
  return {
    tick: { fill: t.muted, fontSize: 11 },
    axisLine: { stroke: t.muted },
    tickLine: { stroke: t.muted },
  };
}
const xLabel = (t: ChartTheme, value: string) => ({
  value,
  position: 'insideBottom' as const,
  offset: -14,
  fill: t.text,
  fontSize: 12,
});
const yLabel = (t: ChartTheme, value: string) => ({
  value,
  angle: -90,
  position: 'insideLeft' as const,
  fill: t.text,
  fontSize: 12,
  style: { textAnchor: 'middle' as const },
});

/** A category label that fits `px` pixels (about 6.5 px per character at 11 px). */
const fitLabel = (name: string, px: number): string => shortName(name, Math.max(6, Math.floor(px / 6.5)));

interface TipProps<T> {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: T; name?: unknown; value?: unknown; color?: string }>;
}

// ---- Output throughput vs TPOT over batch sizes ------------------------------------------------------

type SweepDatum = SweepPointView & { series: string };

function SweepTip({ active, payload }: TipProps<SweepDatum>) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return <TooltipBox title={p.series} rows={sweepPointRows(p)} />;
}

/** A sweep point: filled where dual micro-batch was applied (or the engine does not say), hollow where not. */
function sweepDot(color: string, panel: string, faded = false) {
  function Dot(props: { cx?: number; cy?: number; payload?: SweepDatum }) {
    const { cx, cy, payload } = props;
    if (cx === undefined || cy === undefined) return <g />;
    const hollow = faded || payload?.dualMicroBatch === false;
    return (
      <g>
        <circle cx={cx} cy={cy} r={8} fill="transparent" />
        <circle
          cx={cx}
          cy={cy}
          r={hollow ? 2.6 : 2.8}
          fill={hollow ? panel : color}
          stroke={color}
          strokeWidth={1.4}
          opacity={faded ? 0.7 : 1}
        />
      </g>
    );
  }
  return Dot;
}

type LaidSweep = { s: Series<SweepPointView[]>; l: ReturnType<typeof layoutSweep> };
type SweepCurrent = { tpotS: number; outputTokensPerSecondPerDevice: number; batch: number };

function sweepLegend(laid: LaidSweep[], t: ChartTheme, current: SweepCurrent | undefined): LegendItem[] {
  const single = laid.length === 1;
  const switches = single ? (laid[0]?.l.switches ?? []) : [];
  const anyDmb = laid.some((x) => x.l.hasDualMicroBatch);
  return [
    ...laid.map(({ s }, i) => ({ label: s.name, color: s.color, kind: 'line' as const, dash: SERIES_DASH[i % 4] })),
    ...(anyDmb
      ? [
          { label: 'dual micro-batch applied where it helps (filled)', color: t.text, kind: 'dot' as const },
          { label: 'not applied (hollow)', color: t.text, kind: 'ring' as const },
        ]
      : []),
    ...(laid.some((x) => x.l.overflow.length > 0)
      ? [{ label: 'does not fit in memory', color: t.muted, kind: 'line' as const, dash: '2 4' }]
      : []),
    ...(switches.length ? [{ label: 'regime switch', color: t.bad, kind: 'ring' as const }] : []),
    ...(single && current
      ? [{ label: `this plan (batch ${current.batch})`, color: t.text, kind: 'ring' as const }]
      : []),
  ];
}

/** Each series as a line of dots: the batches that fit, then (dashed, hollow) those that do not. */
function sweepSeries(laid: LaidSweep[], t: ChartTheme) {
  return laid.flatMap(({ s, l }, i) => {
    const tag = (pts: SweepPointView[]): SweepDatum[] => pts.map((p) => ({ ...p, series: s.name }));
    const out = [
      <Scatter
        key={`${s.id}:fit`}
        name={s.name}
        data={tag(l.fitting)}
        line={{ stroke: s.color, strokeWidth: 2, strokeDasharray: SERIES_DASH[i % 4] }}
        shape={sweepDot(s.color, t.panel)}
        isAnimationActive={false}
      />,
    ];
    if (l.overflow.length)
      out.push(
        <Scatter
          key={`${s.id}:over`}
          name={`${s.name} (does not fit)`}
          data={tag(l.overflow)}
          line={{ stroke: s.color, strokeWidth: 1.5, strokeDasharray: '2 4', strokeOpacity: 0.7 }}
          shape={sweepDot(s.color, t.panel, true)}
          isAnimationActive={false}
        />,
      );
    return out;
  });
}

export function SweepChart({
  series,
  current,
}: {
  series: Array<Series<SweepPointView[]>>;
  /** The plan's own operating point, marked on a single-plan chart. */
  current?: SweepCurrent;
}) {
  const t = useChartTheme();
  const laid = series.map((s) => ({ s, l: layoutSweep(s.data) }));
  const single = series.length === 1;
  const switches = single ? (laid[0]?.l.switches ?? []) : [];
  const note =
    switches.length > 0 ? (
      <span data-testid="sweep-switches">
        Regime switches: {switches.map((s) => `batch ${s.at.batch.toLocaleString('en-US')}: ${s.label}`).join(' · ')}
      </span>
    ) : null;
  return (
    <ChartBox
      title="Output throughput vs TPOT over batch sizes"
      testId="chart-sweep"
      legend={sweepLegend(laid, t, current)}
      note={note}
    >
      {(width) => (
        <ScatterChart width={width} height={CHART_H} margin={{ top: 8, right: 16, bottom: 24, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={t.grid} />
          <XAxis
            type="number"
            dataKey={(p: SweepPointView) => p.tpotS / MILLI}
            name="TPOT"
            tickFormatter={num}
            domain={['auto', 'auto']}
            label={xLabel(t, 'TPOT (ms per output token)')}
            {...axisStyle(t)}
          />
          <YAxis
            type="number"
            dataKey="outputTokensPerSecondPerDevice"
            name="output throughput"
            tickFormatter={num}
            label={yLabel(t, 'output tokens/s per device')}
            {...axisStyle(t)}
          />
          <Tooltip content={<SweepTip />} cursor={{ stroke: t.muted, strokeDasharray: '3 3' }} />
          {sweepSeries(laid, t)}
          {switches.map((sw) => (
            <ReferenceDot
              key={`sw${sw.at.batch}`}
              x={sw.at.tpotS / MILLI}
              y={sw.at.outputTokensPerSecondPerDevice}
              r={6}
              fill="none"
              stroke={t.bad}
              strokeWidth={2}
            />
          ))}
          {single && current && (
            <ReferenceDot
              x={current.tpotS / MILLI}
              y={current.outputTokensPerSecondPerDevice}
              r={7}
              fill="none"
              stroke={t.text}
              strokeWidth={2}
            />
          )}
        </ScatterChart>
      )}
    </ChartBox>
  );
}

// ---- Memory per device -----------------------------------------------------------------------

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

// ---- Time by component ----------------------------------------------------------------------

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

// ---- Roofline -------------------------------------------------------------------------------

interface RoofDatum {
  name: string;
  x: number;
  y: number;
  bound: string;
  timeUs: number;
  flops: number;
  bytes: number;
}

function RoofTip({ active, payload }: TipProps<RoofDatum>) {
  const d = payload?.[0]?.payload;
  if (!active || !d || !d.name) return null;
  return (
    <TooltipBox
      title={d.name}
      rows={[
        ['arithmetic intensity', `${num(d.x)} FLOP/byte`],
        ['achieved', `${num(d.y)} TFLOP/s`],
        ['time per step', `${num(d.timeUs)} µs`],
        ['FLOPs', num(d.flops)],
        ['bytes moved', formatBytes(d.bytes)],
        ['bound by', d.bound],
      ]}
    />
  );
}

/** Powers of ten from lo to hi, the ticks of a log axis. */
const decades = ([lo, hi]: [number, number]): number[] => {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
};

/** The roofline's points: each operator's achieved rate at its intensity, and the roof itself. */
function rooflineData(ops: Operator[], peakFlops: number, bandwidth: number) {
  // Log axes cannot show zero: operators without FLOPs (element-wise traffic) are left off.
  const pts: RoofDatum[] = ops
    .filter((o) => o.time > 0 && o.bytesRead + o.bytesWritten > 0 && o.flops > 0)
    .map((o) => ({
      name: o.name,
      x: Math.min(Math.max(o.intensity ?? 0.01, 0.01), 10000),
      y: o.flops / o.time / TERA,
      bound: o.bound,
      timeUs: o.time * 1e6,
      flops: o.flops,
      bytes: o.bytesRead + o.bytesWritten,
    }));
  const ridge = peakFlops / Math.max(bandwidth, 1);
  const xs = [0.01, 0.1, 1, 10, ridge, 100, 1000, 10000].filter((x) => x > 0).sort((a, b) => a - b);
  const roof = xs.map((x) => ({ x, y: Math.min(peakFlops, bandwidth * x) / TERA }));
  const ys = [...pts, ...roof].map((p) => p.y).filter((y) => y > 0);
  const yDomain: [number, number] = [
    10 ** Math.floor(Math.log10(Math.min(...ys))),
    10 ** Math.ceil(Math.log10(Math.max(...ys))),
  ];
  return {
    memBound: pts.filter((p) => p.bound === 'memory'),
    otherBound: pts.filter((p) => p.bound !== 'memory'),
    roof,
    yDomain,
  };
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
  const t = useChartTheme();
  const { memBound, otherBound, roof, yDomain } = rooflineData(ops, peakFlops, bandwidth);
  const legend: LegendItem[] = [
    {
      label: `achievable roof (${formatFlopPerS(peakFlops)}, ${formatBytesPerS(bandwidth)})`,
      color: t.roof,
      kind: 'line',
    },
    { label: 'memory-bound operator', color: PART_COLORS.memory, kind: 'dot' },
    { label: 'compute- or other-bound operator', color: PART_COLORS.compute, kind: 'dot' },
  ];
  return (
    <ChartBox title="Roofline: the plan's operators (decode step)" testId="chart-roofline" legend={legend}>
      {(width) => (
        <ScatterChart width={width} height={CHART_H} margin={{ top: 8, right: 16, bottom: 24, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={t.grid} />
          <XAxis
            type="number"
            dataKey="x"
            scale="log"
            domain={[0.01, 10000]}
            ticks={[0.01, 0.1, 1, 10, 100, 1000, 10000]}
            tickFormatter={num}
            label={xLabel(t, 'arithmetic intensity (FLOP per byte)')}
            {...axisStyle(t)}
          />
          <YAxis
            type="number"
            dataKey="y"
            scale="log"
            domain={yDomain}
            ticks={decades(yDomain)}
            allowDataOverflow
            tickFormatter={num}
            label={yLabel(t, 'achieved TFLOP/s')}
            {...axisStyle(t)}
          />
          <Tooltip content={<RoofTip />} cursor={{ stroke: t.muted, strokeDasharray: '3 3' }} />
          <Scatter
            name="achievable roof"
            data={roof}
            line={{ stroke: t.roof, strokeWidth: 2 }}
            fill={t.roof}
            shape={() => <g />}
            isAnimationActive={false}
          />
          <Scatter name="memory-bound" data={memBound} fill={PART_COLORS.memory} isAnimationActive={false} />
          <Scatter name="other" data={otherBound} fill={PART_COLORS.compute} isAnimationActive={false} />
        </ScatterChart>
      )}
    </ChartBox>
  );
}

// ---- KV cache per sequence -------------------------------------------------------------------

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

// ---- Cost per million output tokens ----------------------------------------------------------

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
