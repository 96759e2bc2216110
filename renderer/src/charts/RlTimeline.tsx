/**
 * Charts of RL plans, recharts with fixed sizes and no animation like the other charts (ChartBox.tsx):
 * - the timeline of one step per pool (generation and its tail, switch, log-probs, reward,
 *   training, sync, idle) as stacked horizontal bars;
 * - the generation curve: sequences decoding per replica as the step's responses finish;
 * - memory per device in each phase against capacity;
 * - step time over the rollout/training split;
 * - the phase breakdown of several plans (Compare).
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RlResult } from '@shared/rl/evaluate';
import type { SplitRow } from '@shared/rl/split';
import { formatBytes, formatTick, GIGA } from '@shared/units';
import { ChartBox, CHART_H, shortName } from './ChartBox';

export const PHASE_COLORS = {
  generation: '#2f6fdb',
  tail: '#91b4f2',
  switch: '#f59f00',
  logprobs: '#0c8599',
  reward: '#5c940d',
  training: '#c2255c',
  sync: '#9c36b5',
  idle: '#dee2e6',
} as const;
type PhaseKey = keyof typeof PHASE_COLORS;
const PHASE_LABEL: Record<PhaseKey, string> = {
  generation: 'generation',
  tail: 'generation tail',
  switch: 'engine switch',
  logprobs: 'log-probs',
  reward: 'reward',
  training: 'training',
  sync: 'weight sync',
  idle: 'idle',
};
const POOL_LABEL = { all: 'all devices', rollout: 'rollout pool', training: 'training pool' } as const;

/** Lines a legend of n entries takes at about `perRow` entries per line. */
const legendRows = (n: number, perRow: number): number => Math.max(1, Math.ceil(n / perRow));

const num = (v: unknown): string => (typeof v === 'number' ? formatTick(v) : String(v));

/** Per-pool segment lists, the generation split into its bulk and its tail. */
export function timelineRows(r: RlResult): Array<{ name: string; parts: Array<[PhaseKey, number]> }> {
  const pools = [...new Set(r.timeline.map((s) => s.pool))];
  const tail = r.rollout.mode === 'synchronous' ? r.rollout.gen.tailS : 0;
  return pools.map((pool) => {
    const parts: Array<[PhaseKey, number]> = [];
    for (const s of r.timeline.filter((x) => x.pool === pool).sort((a, b) => a.start - b.start)) {
      const d = s.end - s.start;
      if (s.phase === 'generation' && tail > 0 && tail < d) parts.push(['generation', d - tail], ['tail', tail]);
      else parts.push([s.phase, d]);
    }
    return { name: POOL_LABEL[pool], parts };
  });
}

export function RlTimelineChart({ result }: { result: RlResult }) {
  const rows = timelineRows(result);
  const n = Math.max(...rows.map((r) => r.parts.length));
  const data = rows.map((r) => {
    const o: Record<string, number | string> = { name: r.name };
    r.parts.forEach(([p, d], i) => {
      o[`s${i}`] = d;
      o[`p${i}`] = p;
    });
    return o;
  });
  const present = [...new Set(rows.flatMap((r) => r.parts.map((p) => p[0])))];
  return (
    <ChartBox title="One RL step, per pool" testId="chart-rl-timeline">
      {(w: number) => (
        <BarChart
          width={w}
          height={Math.max(140, 70 + rows.length * 48) + legendRows(present.length, 4) * 18}
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 24, left: 16 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            tickFormatter={num}
            label={{ value: 'seconds into the step', position: 'insideBottom', offset: -12 }}
          />
          <YAxis type="category" dataKey="name" width={92} />
          <Tooltip
            formatter={(v, key, item) => {
              const i = String(key).slice(1);
              const phase = (item.payload as Record<string, string>)[`p${i}`] as PhaseKey | undefined;
              return [`${num(v)} s`, phase ? PHASE_LABEL[phase] : ''];
            }}
          />
          <Legend
            verticalAlign="top"
            height={legendRows(present.length, 4) * 18 + 6}
            content={() => (
              <ul className="recharts-default-legend" style={{ margin: 0, padding: 0, textAlign: 'center' }}>
                {present.map((p) => (
                  <li key={p} style={{ display: 'inline-block', marginRight: 10 }}>
                    <span
                      style={{
                        display: 'inline-block',
                        width: 10,
                        height: 10,
                        background: PHASE_COLORS[p],
                        marginRight: 4,
                      }}
                    />
                    {PHASE_LABEL[p]}
                  </li>
                ))}
              </ul>
            )}
          />
          {Array.from({ length: n }, (_, i) => (
            <Bar key={i} dataKey={`s${i}`} stackId="t" isAnimationActive={false}>
              {data.map((d, j) => (
                <Cell key={j} fill={PHASE_COLORS[(d[`p${i}`] as PhaseKey | undefined) ?? 'idle']} />
              ))}
            </Bar>
          ))}
        </BarChart>
      )}
    </ChartBox>
  );
}

export function GenerationCurveChart({ result }: { result: RlResult }) {
  const data = result.rollout.gen.curve.map((p) => ({ seconds: p.seconds, active: p.active }));
  return (
    <ChartBox title="Sequences decoding per rollout replica during generation" testId="chart-rl-generation">
      {(w: number) => (
        <LineChart width={w} height={CHART_H} data={data} margin={{ top: 8, right: 16, bottom: 28, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="seconds"
            tickFormatter={num}
            domain={[0, 'auto']}
            label={{ value: 'seconds of decoding (synchronous)', position: 'insideBottom', offset: -14 }}
          />
          <YAxis
            tickFormatter={num}
            label={{ value: 'sequences', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
          />
          <Tooltip formatter={(v) => num(v)} labelFormatter={(l) => `${num(l)} s`} />
          <Line
            dataKey="active"
            name="expected sequences per replica"
            stroke={PHASE_COLORS.generation}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </ChartBox>
  );
}

const MEM_PARTS = [
  ['rolloutWeights', 'rollout weights', '#2f6fdb'],
  ['kvCache', 'KV cache', '#e8590c'],
  ['rolloutActivations', 'rollout activations', '#74c0fc'],
  ['weights', 'trainer weights', '#1c7ed6'],
  ['gradients', 'gradients', '#9c36b5'],
  ['optimizer', 'optimizer states', '#c2255c'],
  ['activations', 'activations', '#2b8a3e'],
  ['frozenModels', 'reference / reward', '#0c8599'],
  ['critic', 'critic', '#f59f00'],
  ['reserve', 'reserve', '#adb5bd'],
] as const;

export function RlMemoryChart({ result }: { result: RlResult }) {
  const data = result.memory.phases.map((p) => {
    const o: Record<string, number | string> = { name: p.phase === 'logprobs' ? 'log-probs' : p.phase };
    for (const [k] of MEM_PARTS) o[k] = (p.parts[k] ?? 0) / GIGA;
    return o;
  });
  const parts = MEM_PARTS.filter(([k]) => data.some((d) => (d[k] as number) > 0));
  const legend = legendRows(parts.length, 4) * 18 + 6;
  return (
    <ChartBox title="Memory per device in each phase" testId="chart-rl-memory">
      {(w: number) => (
        <BarChart width={w} height={CHART_H + legend} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis
            tickFormatter={num}
            label={{ value: 'GB (10⁹ bytes)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
          />
          <Tooltip formatter={(v) => `${num(v)} GB`} />
          <Legend verticalAlign="top" height={legend} />
          {parts.map(([k, label, color]) => (
            <Bar key={k} dataKey={k} name={label} stackId="m" fill={color} isAnimationActive={false} />
          ))}
          <ReferenceLine
            y={result.memory.capacity / GIGA}
            stroke="#c0392b"
            strokeDasharray="6 3"
            label={{ value: `capacity ${formatBytes(result.memory.capacity)}`, position: 'insideTopRight' }}
          />
        </BarChart>
      )}
    </ChartBox>
  );
}

export function SplitChart({ rows }: { rows: SplitRow[] }) {
  const data = rows.filter((r) => r.stepTimeS !== null);
  return (
    <ChartBox title="Step time over the rollout / training split" testId="chart-rl-split">
      {(w: number) => (
        <LineChart width={w} height={CHART_H} data={data} margin={{ top: 8, right: 16, bottom: 28, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="rolloutDevices"
            domain={['auto', 'auto']}
            tickFormatter={num}
            label={{ value: 'rollout devices (the rest train)', position: 'insideBottom', offset: -14 }}
          />
          <YAxis tickFormatter={num} label={{ value: 's', angle: -90, position: 'insideLeft' }} />
          <Tooltip formatter={(v) => `${num(v)} s`} labelFormatter={(l) => `${l} rollout devices`} />
          <Legend verticalAlign="top" height={24} />
          <Line dataKey="stepTimeS" name="step" stroke="#212529" isAnimationActive={false} />
          <Line
            dataKey="generationS"
            name="generation"
            stroke={PHASE_COLORS.generation}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="trainerS"
            name="log-probs + reward + training"
            stroke={PHASE_COLORS.training}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </ChartBox>
  );
}

const BREAKDOWN = ['generation', 'logprobs', 'reward', 'training', 'sync', 'idle'] as const;

export function RlBreakdownChart({ rows }: { rows: Array<{ name: string; result: RlResult }> }) {
  const data = rows.map((r) => ({ name: shortName(r.name), ...r.result.breakdownS }));
  return (
    <ChartBox title="RL step time by phase" testId="chart-rl-breakdown">
      {(w: number) => (
        <BarChart width={w} height={CHART_H} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis tickFormatter={num} label={{ value: 's', angle: -90, position: 'insideLeft' }} />
          <Tooltip formatter={(v) => `${num(v)} s`} />
          <Legend verticalAlign="top" height={24} />
          {BREAKDOWN.map((k) => (
            <Bar
              key={k}
              dataKey={k}
              name={PHASE_LABEL[k]}
              stackId="t"
              fill={PHASE_COLORS[k]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ChartBox>
  );
}
