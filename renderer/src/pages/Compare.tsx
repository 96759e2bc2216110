import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Plan } from '@shared/plan/schema';
import { CostChart, KvChart, MemoryChart, SweepChart, shortName } from '../charts/Charts';
import { RlBreakdownChart } from '../charts/RlTimeline';
import { planColor } from '../charts/colors';
import { db } from '../db/db';
import { evaluate } from '../engine/client';
import type { EvaluateResponse } from '../engine/protocol';
import { CompareTable, compareRows } from '../compare/CompareTable';
import { kvSeries } from '../plans/Results';
import { usePlatform } from '../app/platform-context';
import { compareCsv } from '../compare/csv';
import type { PageProps } from './registry';

export function ComparePage(_props: PageProps) {
  const platform = usePlatform();
  const plans =
    useLiveQuery(
      async () => (await db.plans.orderBy('updatedAt').reverse().toArray()).filter((p) => !p.trashedAt),
      [],
    ) ?? [];
  const saved = useLiveQuery(() => db.settings.get('compare.selection'), []);
  const [selected, setSelected] = useState<string[] | null>(null);
  useEffect(() => {
    if (selected === null && saved !== undefined)
      setSelected(Array.isArray(saved?.value) ? (saved.value as string[]) : []);
  }, [saved, selected]);
  const sel = (selected ?? []).filter((id) => plans.some((p) => p.id === id));
  const chosen: Plan[] = sel.map((id) => plans.find((p) => p.id === id)!.plan);
  const [results, setResults] = useState<Record<string, EvaluateResponse>>({});
  const key = chosen.map((p) => `${p.id}@${p.updatedAt ?? ''}`).join('|');
  useEffect(() => {
    let live = true;
    void Promise.all(chosen.map((p) => evaluate(p, true))).then((rs) => {
      if (live) setResults(Object.fromEntries(rs.map((r, i) => [chosen[i]!.id, r])));
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const toggle = (id: string): void => {
    const cur = selected ?? [];
    const next = cur.includes(id) ? cur.filter((x) => x !== id) : cur.length >= 4 ? cur : [...cur, id];
    setSelected(next);
    void db.settings.put({ key: 'compare.selection', value: next });
  };
  const rs = chosen.map((p) => results[p.id]);
  const rows = compareRows(rs);

  return (
    <section className="page">
      <h1>Compare</h1>
      <p className="muted">
        Pick two to four plans. The best value in each row is highlighted; deltas are against the first plan.
      </p>
      <ul className="compare-picker" data-testid="compare-picker">
        {plans.map((p) => (
          <li key={p.id}>
            <label>
              <input
                type="checkbox"
                checked={sel.includes(p.id)}
                onChange={() => toggle(p.id)}
                disabled={!sel.includes(p.id) && sel.length >= 4}
              />{' '}
              <span className="swatch" style={{ background: planColor(p.id) }} /> {p.plan.name}
            </label>
          </li>
        ))}
      </ul>
      {chosen.length < 2 ? (
        <div className="empty-state" data-testid="compare-empty">
          Select at least two plans to compare them side by side.
        </div>
      ) : (
        <>
          <div className="toolbar">
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void platform.saveFile('comparison.csv', compareCsv(chosen, rows), [
                  { name: 'CSV', extensions: ['csv'] },
                ])
              }
            >
              Export CSV
            </button>
          </div>
          <CompareTable plans={chosen} results={rs} testId="compare-table" />
          <div className="charts">
            <SweepChart
              series={chosen.flatMap((p) => {
                const r = results[p.id];
                return r && r.ok && r.kind === 'inference'
                  ? [{ id: p.id, name: p.name, color: planColor(p.id), data: r.sweep }]
                  : [];
              })}
            />
            <MemoryChart
              rows={chosen.flatMap((p) => {
                const r = results[p.id];
                if (!r || !r.ok || r.kind === 'rl') return []; // RL plans: memory per phase, below
                const m = r.result.memory;
                return [
                  r.kind === 'inference'
                    ? {
                        name: shortName(p.name),
                        weights: m.weights,
                        kvCache: r.result.memory.kvCache,
                        activations: m.activations,
                        reserve: m.reserve,
                        capacity: m.capacity,
                      }
                    : {
                        name: shortName(p.name),
                        weights: m.weights,
                        gradients: r.result.memory.gradients,
                        optimizer: r.result.memory.optimizer,
                        kvCache: 0,
                        activations: m.activations,
                        reserve: m.reserve,
                        capacity: m.capacity,
                      },
                ];
              })}
            />
            <CostChart
              rows={chosen.flatMap((p) => {
                const r = results[p.id];
                const v = r && r.ok && r.kind === 'inference' ? r.result.costPerMillionOutputTokensUSD : null;
                return v === null ? [] : [{ name: shortName(p.name), value: v, color: planColor(p.id) }];
              })}
            />
            <KvChart
              series={chosen.map((p) => ({ id: p.id, name: p.name, color: planColor(p.id), data: kvSeries(p) }))}
            />
            {chosen.some((p) => {
              const r = results[p.id];
              return r?.ok === true && r.kind === 'rl';
            }) && (
              <RlBreakdownChart
                rows={chosen.flatMap((p) => {
                  const r = results[p.id];
                  return r && r.ok && r.kind === 'rl' ? [{ name: p.name, result: r.result }] : [];
                })}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
