import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Plan } from '@shared/schema/plan';
import { CostChart, KvChart, MemoryChart, SweepChart } from '../charts/Charts';
import { EmptyState, Page, TableWrap } from '../components/layout';
import { comparisonColor } from '../charts/colors';
import { RlBreakdownChart } from '../charts/RlTimeline';
import { db } from '../db/db';
import { readPlanRecords } from '../db/records';
import { writeSetting } from '../db/writes';
import { evaluate } from '../engine/client';
import type { EvaluateResponse } from '../engine/protocol';
import { CompareTable, compareRows } from '../compare/CompareTable';
import { kvSeries } from '../plans/Results';
import { usePlatform } from '../app/platform-context';
import { compareCsv } from '../compare/csv';
import type { PageProps } from './registry';

/** The pair the empty state offers: the same model on two generations of hardware. */
const EXAMPLE_PAIR = ['deepseek-v3-hgx-h800-ep144', 'deepseek-v3-gb200-nvl72'];

export function ComparePage(_props: PageProps) {
  const platform = usePlatform();
  const plans = useLiveQuery(async () => (await readPlanRecords()).plans, []) ?? [];
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
    void writeSetting('compare.selection', next);
  };
  const rs = chosen.map((p) => results[p.id]);
  const rows = compareRows(rs);

  const examples = EXAMPLE_PAIR.filter((id) => plans.some((p) => p.id === id));
  const pickExamples = (): void => {
    setSelected(examples);
    void writeSetting('compare.selection', examples);
  };
  const busy = chosen.length >= 2 && chosen.some((p) => !results[p.id]);

  return (
    <Page
      title="Compare"
      actions={
        chosen.length >= 2 && (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void platform.saveFile('comparison.csv', compareCsv(chosen, rows), [{ name: 'CSV', extensions: ['csv'] }])
            }
          >
            Export CSV
          </button>
        )
      }
      lead="Pick two to four plans. The best value in each row is highlighted; deltas are against the first plan picked."
    >
      <fieldset className="compare-fieldset">
        <legend>Plans to compare ({sel.length} of at most 4)</legend>
        <ul className="compare-picker" data-testid="compare-picker">
          {plans.map((p) => (
            <li key={p.id}>
              <label title={p.plan.name}>
                <input
                  type="checkbox"
                  checked={sel.includes(p.id)}
                  onChange={() => toggle(p.id)}
                  disabled={!sel.includes(p.id) && sel.length >= 4}
                />
                <span
                  className="swatch"
                  style={{ background: sel.includes(p.id) ? comparisonColor(sel.indexOf(p.id)) : 'transparent' }}
                  aria-hidden="true"
                />
                <span className="ellipsis">{p.plan.name}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {chosen.length < 2 ? (
        <EmptyState
          testId="compare-empty"
          title={chosen.length === 1 ? 'Pick one more plan' : 'Pick two plans to compare'}
          actions={
            examples.length === 2 && (
              <button type="button" className="secondary" onClick={pickExamples}>
                Compare DeepSeek-V3 on H800 with GB200 NVL72
              </button>
            )
          }
        >
          <p>
            Tick two to four plans above: the table puts every result side by side, with the best value in each row
            highlighted, and the charts overlay the plans. Plans are made on the Plans page.
          </p>
        </EmptyState>
      ) : (
        <div aria-busy={busy}>
          <TableWrap label="Comparison table">
            <CompareTable plans={chosen} results={rs} testId="compare-table" />
          </TableWrap>
          <div className="charts">
            <SweepChart
              series={chosen.flatMap((p, i) => {
                const r = results[p.id];
                return r && r.ok && r.kind === 'inference'
                  ? [{ id: p.id, name: p.name, color: comparisonColor(i), data: r.sweep }]
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
                        name: p.name,
                        weights: m.weights,
                        kvCache: r.result.memory.kvCache,
                        activations: m.activations,
                        reserve: m.reserve,
                        capacity: m.capacity,
                      }
                    : {
                        name: p.name,
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
              rows={chosen.flatMap((p, i) => {
                const r = results[p.id];
                const v = r && r.ok && r.kind === 'inference' ? r.result.costPerMillionOutputTokensUSD : null;
                return v === null ? [] : [{ name: p.name, value: v, color: comparisonColor(i) }];
              })}
            />
            <KvChart
              series={chosen.map((p, i) => ({ id: p.id, name: p.name, color: comparisonColor(i), data: kvSeries(p) }))}
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
        </div>
      )}
    </Page>
  );
}
