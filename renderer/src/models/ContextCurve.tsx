/**
 * TTFT and TPOT versus context of a sparse-attention model beside its dense twin (context-curve.ts
 * builds the plans; the engine worker evaluates them). Fixed-size charts and a table, so the PDF
 * prints the same numbers.
 */
import { useEffect, useId, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { modelPresets, planPresets } from '@presets/load';
import type { ModelArchitecture } from '@shared/schema/model';
import { formatSeconds, formatUsd, MILLI } from '@shared/units';
import { ChartBox, CHART_H, axisStyle, TooltipBox } from '../charts/ChartBox';
import { comparisonColor, SERIES_DASH, useChartTheme } from '../charts/colors';
import { evaluate } from '../engine/client';
import { METRICS } from '@shared/metrics';
import { curvePlan, curveSpec } from './context-curve';

interface Point {
  context: number;
  ttftS: number;
  tpotS: number;
  usdPerMOut: number | null;
}
type Curves = Array<{ name: string; points: Point[] }>;

function useCurves(
  m: ModelArchitecture,
  baseId: string | undefined,
): { curves: Curves | null; spec: ReturnType<typeof curveSpec> } {
  const spec = curveSpec(m, modelPresets(), planPresets(), baseId);
  const [curves, setCurves] = useState<Curves | null>(null);
  useEffect(() => {
    if (!spec) return;
    let live = true;
    setCurves(null);
    void Promise.all(
      spec.series.map(async (s) => {
        const points: Point[] = [];
        for (const c of spec.contexts) {
          const r = await evaluate(curvePlan(spec, s, c), false);
          if (r.ok && r.kind === 'inference')
            points.push({
              context: c,
              ttftS: r.result.ttftS,
              tpotS: r.result.tpotS,
              usdPerMOut: r.result.costPerMillionOutputTokensUSD,
            });
        }
        return { name: s.model.name, points };
      }),
    ).then((c) => live && setCurves(c));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [m.id, baseId]);
  return { curves, spec };
}

function CurveChart({ curves, metric, title }: { curves: Curves; metric: 'ttftS' | 'tpotS'; title: string }) {
  const t = useChartTheme();
  return (
    <ChartBox
      title={title}
      testId={`chart-context-${metric}`}
      legend={curves.map((c, i) => ({
        label: c.name,
        color: comparisonColor(i),
        kind: 'line' as const,
        dash: SERIES_DASH[i % 4],
      }))}
    >
      {(width) => (
        <LineChart width={width} height={CHART_H} margin={{ top: 8, right: 16, bottom: 24, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={t.grid} />
          <XAxis type="number" dataKey="context" scale="log" domain={['auto', 'auto']} {...axisStyle(t)} />
          <YAxis type="number" {...axisStyle(t)} />
          <Tooltip
            content={({ active, payload }) => {
              const p = payload?.[0]?.payload as (Point & { name: string }) | undefined;
              if (!active || !p) return null;
              return (
                <TooltipBox
                  title={p.name}
                  rows={[
                    ['context', `${p.context.toLocaleString('en-US')} tokens`],
                    [metric === 'ttftS' ? 'TTFT' : 'TPOT', formatSeconds(p[metric])],
                  ]}
                />
              );
            }}
          />
          {curves.map((c, i) => (
            <Line
              key={c.name}
              data={c.points.map((p) => ({ ...p, name: c.name }))}
              dataKey={(p: Point) => p[metric] / MILLI}
              name={c.name}
              stroke={comparisonColor(i)}
              strokeDasharray={SERIES_DASH[i % 4]}
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ChartBox>
  );
}

/** The curve for a model with sparse attention (nothing for other models). */
export function ContextCurve({ m }: { m: ModelArchitecture }) {
  const [baseId, setBaseId] = useState<string | undefined>(undefined);
  const { curves, spec } = useCurves(m, baseId);
  const pick = useId();
  if (!spec) return null;
  return (
    <section data-testid="context-curve">
      <h3>TTFT and TPOT versus context, beside dense attention</h3>
      {spec.candidates.length > 1 && (
        <p>
          <label htmlFor={pick}>Deployment </label>
          <select id={pick} value={spec.base.id} onChange={(e) => setBaseId(e.target.value)}>
            {spec.candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </p>
      )}
      <p className="muted">
        Deployment: {spec.base.name} (its layout, precision and batch; a prompt of the context’s length, the decode step
        at that context). The y axes are in milliseconds; the x axis is the context in tokens, log scale.
      </p>
      {!curves ? (
        <p className="muted" aria-busy="true">
          Evaluating…
        </p>
      ) : (
        <>
          <CurveChart curves={curves} metric="ttftS" title="TTFT vs context (ms)" />
          <CurveChart curves={curves} metric="tpotS" title="TPOT vs context (ms)" />
          <table className="data" data-testid="context-curve-table">
            <thead>
              <tr>
                <th>Model</th>
                <th className="num">Context</th>
                <th className="num">TTFT</th>
                <th className="num">TPOT</th>
                <th className="num" title={METRICS.decodeUsdPerMOutput.label}>
                  {METRICS.decodeUsdPerMOutput.short}
                </th>
              </tr>
            </thead>
            <tbody>
              {curves.flatMap((c) =>
                c.points.map((p) => (
                  <tr key={`${c.name}-${p.context}`}>
                    <td>{c.name}</td>
                    <td className="num">{p.context.toLocaleString('en-US')}</td>
                    <td className="num">{formatSeconds(p.ttftS)}</td>
                    <td className="num">{formatSeconds(p.tpotS)}</td>
                    <td className="num">{p.usdPerMOut === null ? '—' : formatUsd(p.usdPerMOut)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
