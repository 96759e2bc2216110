/**
 * The roofline of a plan's decode step: each operator's achieved TFLOP/s at its arithmetic intensity
 * (log axes), memory-bound and other operators apart, under the device's achievable roof.
 */
import { CartesianGrid, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Operator } from '@shared/inference/operators';
import { formatBytes, formatBytesPerS, formatFlopPerS, TERA } from '@shared/units';
import { PART_COLORS, useChartTheme } from './colors';
import {
  axisStyle,
  CHART_H,
  ChartBox,
  num,
  TooltipBox,
  xLabel,
  yLabel,
  type LegendItem,
  type TipProps,
} from './ChartBox';

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
