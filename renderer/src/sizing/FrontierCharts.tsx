/**
 * The two Pareto frontiers of a search (recharts, fixed size, no animation, units on the axes):
 * output tokens/s per device vs tokens/s per user (more of both is better), and $ per million
 * output tokens vs TPOT (less of both). Points are coloured by system; the answer (the cheapest
 * deployment meeting the SLOs, at its load) is a diamond in the theme's text colour, the SLO a dashed line. Hover a
 * point for its configuration; click to open it as a plan; Shift-click to select it for Compare.
 */
import { CartesianGrid, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { FrontierPoint } from '@shared/sizing/summary';
import { formatTick } from '@shared/units';
import { axisStyle, CHART_H, ChartBox } from '../charts/ChartBox';
import { useChartTheme } from '../charts/colors';
import { configText, systemColor, systemName } from './describe';
import type { Prepared } from './useSearch';

export interface Marker {
  x: number;
  y: number;
  label: string;
}

interface ChartProps {
  kind: 'interactivity' | 'cost';
  points: FrontierPoint[];
  prepared: Prepared | null;
  selected: ReadonlySet<string>;
  answer: Marker | null;
  /** SLO line: y = tokens/s per user target (interactivity), x = TPOT target (cost). */
  slo: number | null;
  onOpen?: ((p: FrontierPoint) => void) | undefined;
  onToggle?: ((p: FrontierPoint) => void) | undefined;
}

export const pointKey = (p: FrontierPoint): string => `${p.id}@${p.batch}`;

const num = (v: unknown): string => (typeof v === 'number' ? formatTick(v) : String(v));

const TEXT = {
  interactivity: {
    title: 'Frontier: output tokens/s per device vs per user',
    x: 'output tokens/s per user (interactivity)',
    y: 'output tokens/s per device',
    xs: (p: FrontierPoint) => `${num(p.y)} tok/s per user`,
    ys: (p: FrontierPoint) => `${num(p.x)} tok/s per device`,
  },
  cost: {
    title: 'Frontier: $ per million output tokens vs TPOT',
    x: 'TPOT (ms per output token)',
    y: '$/M output tokens, all devices',
    xs: (p: FrontierPoint) => `TPOT ${num(p.x)} ms`,
    ys: (p: FrontierPoint) => `$${num(p.y)} per M output tokens`,
  },
} as const;

type Datum = { x: number; y: number; point: FrontierPoint };

/** The points in chart coordinates (interactivity: per user across, per device up, as published) and the y axis. */
function frontierData(p: ChartProps) {
  const xy = (q: FrontierPoint) => (p.kind === 'interactivity' ? { x: q.y, y: q.x } : { x: q.x, y: q.y });
  const data: Datum[] = p.points.map((q) => ({ ...xy(q), point: q }));
  // $ per M tokens spans orders of magnitude between the smallest batches and the largest: log axis.
  const ys = data.map((d) => d.y).filter((y) => y > 0);
  const logY = p.kind === 'cost' && ys.length > 1;
  const yDomain: [number, number] | ['auto', 'auto'] = logY
    ? [10 ** Math.floor(Math.log10(Math.min(...ys))), 10 ** Math.ceil(Math.log10(Math.max(...ys)))]
    : ['auto', 'auto'];
  return { data, line: [...data].sort((a, b) => a.x - b.x), logY, yDomain };
}

const nameOf = (p: ChartProps, sid: string): string => (p.prepared ? systemName(p.prepared.sc, sid) : sid);

function FrontierTip(p: ChartProps & { active?: boolean; payload?: Array<{ payload?: unknown }> }) {
  const d = p.payload?.[0]?.payload as { point?: FrontierPoint; label?: string } | undefined;
  if (!p.active || !d) return null;
  if (!d.point) return <div className="chart-tip">{d.label}</div>;
  const q = d.point;
  const c = p.prepared?.byId.get(q.id);
  const t = TEXT[p.kind];
  return (
    <div className="chart-tip" data-testid="frontier-tip">
      <strong>{c && p.prepared ? configText(p.prepared.sc, c) : q.id}</strong>
      <div>
        batch {q.batch} per copy · {t.xs(q)} · {t.ys(q)}
      </div>
      <div className="muted">Click: open as a plan · Shift-click: select for Compare</div>
    </div>
  );
}

/** One point: a circle reachable by keyboard (Enter opens it as a plan, Space selects it for Compare). */
function pointShape(p: ChartProps, color: string, ring: string) {
  const t = TEXT[p.kind];
  return function PointShape(props: { cx?: number; cy?: number; payload?: { point: FrontierPoint } }) {
    const q = props.payload?.point;
    if (!q || props.cx === undefined || props.cy === undefined) return <g />;
    const sel = p.selected.has(pointKey(q));
    return (
      <circle
        cx={props.cx}
        cy={props.cy}
        r={sel ? 6 : 4}
        fill={color}
        stroke={sel ? ring : 'none'}
        strokeWidth={2}
        style={{ cursor: p.onOpen ? 'pointer' : undefined }}
        data-testid="frontier-point"
        data-key={pointKey(q)}
        data-selected={sel ? 'true' : 'false'}
        className="frontier-point"
        tabIndex={p.onOpen ? 0 : undefined}
        role={p.onOpen ? 'button' : undefined}
        aria-label={`${nameOf(p, q.systemId)}, batch ${q.batch}: ${t.xs(q)}, ${t.ys(q)}${sel ? ' (selected)' : ''}`}
        aria-pressed={p.onToggle ? sel : undefined}
        onClick={(e) => (e.shiftKey ? p.onToggle?.(q) : p.onOpen?.(q))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') p.onOpen?.(q);
          else if (e.key === ' ') p.onToggle?.(q);
          else return;
          e.preventDefault();
        }}
      />
    );
  };
}

function FrontierLegend({ p, systems, color }: { p: ChartProps; systems: string[]; color: (s: string) => string }) {
  return (
    <span className="chart-legend frontier-legend">
      {systems.map((sid) => (
        <span key={sid}>
          <span className="swatch" style={{ background: color(sid) }} />
          {nameOf(p, sid)}{' '}
        </span>
      ))}
      {p.answer && <span data-testid="frontier-answer-legend">◆ {p.answer.label}</span>}
    </span>
  );
}

/** The y axis title, turned to read upwards along the axis. */
const yLabel = (value: string, fill: string) => ({
  value,
  angle: -90,
  position: 'insideLeft' as const,
  style: { textAnchor: 'middle' as const },
  fill,
});

export function FrontierChart(p: ChartProps) {
  const t = TEXT[p.kind];
  const theme = useChartTheme();
  const { data, line, logY, yDomain } = frontierData(p);
  const systems = [...new Set(p.points.map((q) => q.systemId))];
  const color = (sid: string): string => (p.prepared ? systemColor(p.prepared.sc, sid) : '#2f6fdb');
  return (
    <ChartBox
      title={t.title}
      testId={`frontier-${p.kind}`}
      note={<FrontierLegend p={p} systems={systems} color={color} />}
    >
      {(w: number) => (
        <ScatterChart width={w} height={CHART_H + 40} margin={{ top: 18, right: 16, bottom: 28, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.grid} />
          <XAxis
            type="number"
            dataKey="x"
            domain={['auto', 'auto']}
            tickFormatter={num}
            label={{ value: t.x, position: 'insideBottom', offset: -14, fill: theme.muted }}
            {...axisStyle(theme)}
          />
          <YAxis
            type="number"
            dataKey="y"
            scale={logY ? 'log' : 'auto'}
            domain={yDomain}
            allowDataOverflow={logY}
            tickFormatter={num}
            label={yLabel(t.y, theme.muted)}
            {...axisStyle(theme)}
          />
          <Tooltip isAnimationActive={false} content={<FrontierTip {...p} />} />
          {p.slo !== null && (
            <ReferenceLine
              x={p.slo}
              stroke={theme.bad}
              strokeDasharray="6 3"
              // Above the plot, where no point can cover it.
              label={{ value: 'TPOT objective', position: 'top', fontSize: 11, fill: theme.muted }}
            />
          )}
          <Scatter
            data={line}
            line={{ stroke: theme.grid }}
            shape={() => <g />}
            isAnimationActive={false}
            legendType="none"
          />
          {systems.map((sid) => (
            <Scatter
              key={sid}
              name={nameOf(p, sid)}
              data={data.filter((d) => d.point.systemId === sid)}
              fill={color(sid)}
              isAnimationActive={false}
              shape={pointShape(p, color(sid), theme.text)}
            />
          ))}
          {p.answer && (
            // The answer: a diamond in the theme's text colour (black on light, near-white on dark).
            <Scatter
              name="answer"
              data={[p.answer]}
              fill={theme.text}
              stroke={theme.panel}
              shape="diamond"
              isAnimationActive={false}
              legendType="diamond"
            />
          )}
        </ScatterChart>
      )}
    </ChartBox>
  );
}
