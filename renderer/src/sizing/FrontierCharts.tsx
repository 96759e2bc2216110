/**
 * The two Pareto frontiers of a search (recharts, fixed size, no animation, units on the axes):
 * output tokens/s per device vs tokens/s per user (more of both is better), and $ per million
 * output tokens vs TPOT (less of both). Points are coloured by system; the answer (the cheapest
 * deployment meeting the SLOs, at its load) is a black diamond, the SLO a dashed line. Hover a
 * point for its configuration; click to open it as a plan; Shift-click to select it for Compare.
 */
import { CartesianGrid, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { FrontierPoint } from '@shared/sizing/summary';
import { CHART_H, ChartBox } from '../charts/Charts';
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

const num = (v: unknown): string =>
  typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : String(v);

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

export function FrontierChart(p: ChartProps) {
  const t = TEXT[p.kind];
  // Interactivity is plotted with tokens/s per user across and per device up, as published.
  const xy = (q: FrontierPoint) => (p.kind === 'interactivity' ? { x: q.y, y: q.x } : { x: q.x, y: q.y });
  const data = p.points.map((q) => ({ ...xy(q), point: q }));
  const systems = [...new Set(p.points.map((q) => q.systemId))];
  const line = [...data].sort((a, b) => a.x - b.x);
  const color = (sid: string): string => (p.prepared ? systemColor(p.prepared.sc, sid) : '#2f6fdb');
  // $ per M tokens spans orders of magnitude between the smallest batches and the largest: log axis.
  const ys = data.map((d) => d.y).filter((y) => y > 0);
  const logY = p.kind === 'cost' && ys.length > 1;
  const yDomain: [number, number] | ['auto', 'auto'] = logY
    ? [10 ** Math.floor(Math.log10(Math.min(...ys))), 10 ** Math.ceil(Math.log10(Math.max(...ys)))]
    : ['auto', 'auto'];
  return (
    <ChartBox
      title={t.title}
      testId={`frontier-${p.kind}`}
      note={
        <span className="chart-legend frontier-legend">
          {systems.map((sid) => (
            <span key={sid}>
              <span className="swatch" style={{ background: color(sid) }} />
              {p.prepared ? systemName(p.prepared.sc, sid) : sid}{' '}
            </span>
          ))}
          {p.answer && <span>◆ {p.answer.label}</span>}
        </span>
      }
    >
      {(w: number) => (
        <ScatterChart width={w} height={CHART_H + 40} margin={{ top: 18, right: 16, bottom: 28, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            domain={['auto', 'auto']}
            tickFormatter={num}
            label={{ value: t.x, position: 'insideBottom', offset: -14 }}
          />
          <YAxis
            type="number"
            dataKey="y"
            scale={logY ? 'log' : 'auto'}
            domain={yDomain}
            allowDataOverflow={logY}
            tickFormatter={num}
            label={{ value: t.y, angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
          />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => {
              const d = payload?.[0]?.payload as { point?: FrontierPoint; label?: string } | undefined;
              if (!active || !d) return null;
              if (!d.point) return <div className="chart-tip">{d.label}</div>;
              const q = d.point;
              const c = p.prepared?.byId.get(q.id);
              return (
                <div className="chart-tip" data-testid="frontier-tip">
                  <strong>{c && p.prepared ? configText(p.prepared.sc, c) : q.id}</strong>
                  <div>
                    batch {q.batch} per copy · {t.xs(q)} · {t.ys(q)}
                  </div>
                  <div className="muted">Click: open as a plan · Shift-click: select for Compare</div>
                </div>
              );
            }}
          />
          {p.slo !== null && (
            <ReferenceLine
              x={p.slo}
              stroke="#c0392b"
              strokeDasharray="6 3"
              // Above the plot, where no point can cover it.
              label={{ value: 'TPOT objective', position: 'top', fontSize: 11 }}
            />
          )}
          <Scatter
            data={line}
            line={{ stroke: '#adb5bd' }}
            shape={() => <g />}
            isAnimationActive={false}
            legendType="none"
          />
          {systems.map((sid) => (
            <Scatter
              key={sid}
              name={p.prepared ? systemName(p.prepared.sc, sid) : sid}
              data={data.filter((d) => d.point.systemId === sid)}
              fill={color(sid)}
              isAnimationActive={false}
              shape={(props: { cx?: number; cy?: number; payload?: { point: FrontierPoint } }) => {
                const q = props.payload?.point;
                if (!q || props.cx === undefined || props.cy === undefined) return <g />;
                const sel = p.selected.has(pointKey(q));
                return (
                  <circle
                    cx={props.cx}
                    cy={props.cy}
                    r={sel ? 6 : 4}
                    fill={color(sid)}
                    stroke={sel ? '#000' : 'none'}
                    strokeWidth={2}
                    style={{ cursor: p.onOpen ? 'pointer' : undefined }}
                    data-testid="frontier-point"
                    data-key={pointKey(q)}
                    data-selected={sel ? 'true' : 'false'}
                    className="frontier-point"
                    // Keyboard: Tab to a point, Enter opens it as a plan, Space selects it for Compare.
                    tabIndex={p.onOpen ? 0 : undefined}
                    role={p.onOpen ? 'button' : undefined}
                    aria-label={`${p.prepared ? systemName(p.prepared.sc, q.systemId) : q.systemId}, batch ${q.batch}: ${t.xs(q)}, ${t.ys(q)}${sel ? ' (selected)' : ''}`}
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
              }}
            />
          ))}
          {p.answer && (
            <Scatter
              name="answer"
              data={[p.answer]}
              fill="#000"
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
