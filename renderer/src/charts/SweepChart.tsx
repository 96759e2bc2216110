/**
 * Output throughput vs TPOT over batch sizes: one line of dots per plan (filled where dual
 * micro-batch was applied, hollow where not), the batches that do not fit dashed, the engine's
 * regime switches ringed, and the plan's own operating point marked (sweep.ts lays the points out).
 */
import { CartesianGrid, ReferenceDot, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { MILLI } from '@shared/units';
import { SERIES_DASH, useChartTheme, type ChartTheme } from './colors';
import { layoutSweep, sweepPointRows, type SweepPointView } from './sweep';
import {
  axisStyle,
  CHART_H,
  ChartBox,
  num,
  TooltipBox,
  xLabel,
  yLabel,
  type LegendItem,
  type Series,
  type TipProps,
} from './ChartBox';

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
