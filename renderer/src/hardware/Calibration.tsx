import { useLiveQuery } from 'dexie-react-hooks';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { calibrationPresets, presetCatalog } from '@presets/load';
import { curvesFromProfile, parseProfile, type CalibrationProfile, type Curve } from '@shared/calibration/profile';
import type { Accelerator } from '@shared/schema/hardware';
import { curvesFor } from '@shared/plan/context';
import { formatBytes } from '@shared/units';
import { useStatus, type StatusApi } from '../app/status';
import { ChartBox, CHART_H } from '../charts/ChartBox';
import { PALETTE, useChartTheme } from '../charts/colors';
import { readUserPresets } from '../db/presets';
import { putUserPreset } from '../db/writes';

const pts = (c: Curve) => c.map(([x, y]) => ({ x, y: y * 100 }));

function CurveChart({
  title,
  curve,
  xLabel,
  flat,
  fmt,
}: {
  title: string;
  curve: Curve;
  xLabel: string;
  flat: number;
  fmt: (x: number) => string;
}) {
  const t = useChartTheme();
  const axis = { tick: { fill: t.muted, fontSize: 11 }, axisLine: { stroke: t.muted }, tickLine: { stroke: t.muted } };
  return (
    <ChartBox
      title={title}
      testId="chart-calibration"
      legend={[
        { label: 'measured', color: PALETTE[0], kind: 'line' },
        { label: `flat default ${Math.round(flat * 100)}%`, color: PALETTE[1], kind: 'line', dash: '5 3' },
      ]}
    >
      {(width) => (
        <LineChart width={width} height={CHART_H - 20} margin={{ top: 8, right: 16, bottom: 28, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={t.grid} />
          <XAxis
            type="number"
            dataKey="x"
            scale="log"
            domain={['auto', 'auto']}
            tickFormatter={fmt}
            label={{ value: xLabel, position: 'insideBottom', offset: -14, fill: t.text }}
            {...axis}
          />
          <YAxis
            type="number"
            domain={[0, 100]}
            label={{
              value: '% of datasheet peak',
              angle: -90,
              position: 'insideLeft',
              fill: t.text,
              style: { textAnchor: 'middle' },
            }}
            {...axis}
          />
          <Tooltip
            formatter={(v) => `${Number(v).toFixed(1)}%`}
            labelFormatter={(l) => fmt(Number(l))}
            contentStyle={{ background: t.panel, color: t.text, borderColor: t.muted }}
          />
          <Line data={pts(curve)} dataKey="y" name="measured" stroke={PALETTE[0]} isAnimationActive={false} />
          <ReferenceLine y={flat * 100} stroke={PALETTE[1]} strokeDasharray="5 3" />
        </LineChart>
      )}
    </ChartBox>
  );
}

/**
 * Stores a profile file as a user preset (a journalled write, retried if the database refuses it:
 * db/writes.ts) when it parses and names a hardware preset; says what happened either way.
 */
async function importProfile(f: File, status: StatusApi): Promise<void> {
  try {
    const p = parseProfile(JSON.parse(await f.text()), f.name);
    if (!presetCatalog().accelerators.some((x) => x.id === p.acceleratorId))
      throw new Error(`${f.name}: acceleratorId: "${p.acceleratorId}" is not a hardware preset`);
    const ok = await putUserPreset({
      id: `calibration-${p.id}`,
      kind: 'calibration',
      name: p.id,
      data: p,
      createdAt: new Date().toISOString(),
    });
    if (ok)
      status.show({
        kind: 'success',
        text: `Imported profile ${p.id}: plans on ${p.acceleratorId} now use its curves`,
      });
  } catch (err) {
    status.show({ kind: 'error', text: (err as Error).message });
  }
}

/** Measured vs datasheet for one accelerator, and import of a profile made with calibration/kit.py. */
export function CalibrationPanel({ a }: { a: Accelerator }) {
  const status = useStatus();
  const user = useLiveQuery(async () => (await readUserPresets(['calibration'])).presets, []) ?? [];
  const userProfiles: CalibrationProfile[] = user.flatMap((u) => {
    try {
      return [parseProfile(u.data, u.name)];
    } catch {
      return [];
    }
  });
  const catalog = presetCatalog();
  const own =
    userProfiles.find((p) => p.acceleratorId === a.id) ?? calibrationPresets().find((p) => p.acceleratorId === a.id);
  const curves = own ? curvesFromProfile(own, a) : curvesFor(a, catalog);
  return (
    <div className="card" data-testid="calibration-panel">
      <h3>Calibration</h3>
      {curves ? (
        <>
          <p className="muted">{curves.source}</p>
          <CurveChart
            title="GEMM compute efficiency vs tokens (M)"
            curve={curves.gemmCompute}
            xLabel="M (tokens)"
            flat={a.efficiency.compute.value}
            fmt={(x) => String(Math.round(x))}
          />
          <CurveChart
            title="GEMM memory efficiency vs bytes moved"
            curve={curves.gemmMemory}
            xLabel="bytes"
            flat={a.efficiency.memoryBandwidth.value}
            fmt={(x) => formatBytes(x)}
          />
          <CurveChart
            title="Decode attention bandwidth efficiency vs KV bytes"
            curve={curves.attnDecodeMemory}
            xLabel="KV bytes"
            flat={a.efficiency.memoryBandwidth.value}
            fmt={(x) => formatBytes(x)}
          />
        </>
      ) : (
        <p className="muted">No measured profile for this device class: plans use the flat defaults above.</p>
      )}
      <label>
        Import a profile (made with <code>python3 calibration/kit.py --out profile.json</code>):{' '}
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Import calibration profile"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importProfile(f, status);
          }}
        />
      </label>
    </div>
  );
}
