import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Plan } from '@shared/schema/plan';
import { usePlatform } from '../app/platform-context';
import { CostChart } from '../charts/CostChart';
import { KvChart } from '../charts/KvChart';
import { MemoryChart, type MemoryRow } from '../charts/MemoryChart';
import { SweepChart } from '../charts/SweepChart';
import { comparisonColor } from '../charts/colors';
import { RlBreakdownChart } from '../charts/RlTimeline';
import { CompareInputs, CompareTable, compareRows } from '../compare/CompareTable';
import { compareCsv } from '../compare/csv';
import { EmptyState, Page, TableWrap } from '../components/layout';
import type { StoredPlan } from '../db/db';
import { db } from '../db/db';
import { readPlanRecords } from '../db/records';
import { writeSetting } from '../db/writes';
import { evaluate } from '../engine/client';
import type { EvaluateResponse } from '../engine/protocol';
import { kvSeries } from '../plans/Results';
import { planMetrics } from '@shared/sizing/metrics';
import type { PageProps } from './registry';

/** The pair the empty state offers: the same model on two generations of hardware. */
const EXAMPLE_PAIR = ['deepseek-v3-hgx-h800-ep144', 'deepseek-v3-gb200-nvl72'];

/** The plans ticked for comparison (two to four), kept in the settings. */
function useSelection(plans: StoredPlan[]) {
  const saved = useLiveQuery(() => db.settings.get('compare.selection'), []);
  const [selected, setSelected] = useState<string[] | null>(null);
  useEffect(() => {
    if (selected === null && saved !== undefined)
      setSelected(Array.isArray(saved?.value) ? (saved.value as string[]) : []);
  }, [saved, selected]);
  const sel = (selected ?? []).filter((id) => plans.some((p) => p.id === id));
  const store = (next: string[]): void => {
    setSelected(next);
    void writeSetting('compare.selection', next);
  };
  const toggle = (id: string): void => {
    const cur = selected ?? [];
    store(cur.includes(id) ? cur.filter((x) => x !== id) : cur.length >= 4 ? cur : [...cur, id]);
  };
  return { sel, toggle, store };
}

/** Each chosen plan evaluated (with its batch sweep), again when one of them changes. */
function useResults(chosen: Plan[]): Record<string, EvaluateResponse> {
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
  return results;
}

function Picker({ plans, sel, toggle }: { plans: StoredPlan[]; sel: string[]; toggle: (id: string) => void }) {
  return (
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
  );
}

function memoryRow(p: Plan, r: EvaluateResponse | undefined): MemoryRow[] {
  if (!r || !r.ok || r.kind === 'rl') return []; // RL plans: memory per phase, in their own chart
  const m = r.result.memory;
  const base = {
    name: p.name,
    weights: m.weights,
    activations: m.activations,
    reserve: m.reserve,
    capacity: m.capacity,
  };
  return [
    r.kind === 'inference'
      ? { ...base, kvCache: r.result.memory.kvCache }
      : { ...base, kvCache: 0, gradients: r.result.memory.gradients, optimizer: r.result.memory.optimizer },
  ];
}

function CompareCharts({ chosen, results }: { chosen: Plan[]; results: Record<string, EvaluateResponse> }) {
  const ok = chosen.map((p, i) => ({ p, i, r: results[p.id] })).filter((x) => x.r?.ok);
  const rl = ok.flatMap(({ p, r }) => (r?.ok && r.kind === 'rl' ? [{ name: p.name, result: r.result }] : []));
  return (
    <div className="charts">
      <SweepChart
        series={ok.flatMap(({ p, i, r }) =>
          r?.ok && r.kind === 'inference' ? [{ id: p.id, name: p.name, color: comparisonColor(i), data: r.sweep }] : [],
        )}
      />
      <MemoryChart rows={chosen.flatMap((p) => memoryRow(p, results[p.id]))} />
      <CostChart
        rows={ok.flatMap(({ p, i, r }) => {
          const v = r?.ok && r.kind === 'inference' ? planMetrics(p, r.result).usdPerMOutput : null;
          return v === null || v === undefined ? [] : [{ name: p.name, value: v, color: comparisonColor(i) }];
        })}
      />
      <KvChart
        series={chosen.map((p, i) => ({ id: p.id, name: p.name, color: comparisonColor(i), data: kvSeries(p) }))}
      />
      {rl.length > 0 && <RlBreakdownChart rows={rl} />}
    </div>
  );
}

function CompareEmpty({ count, examples, onExamples }: { count: number; examples: boolean; onExamples: () => void }) {
  return (
    <EmptyState
      testId="compare-empty"
      title={count === 1 ? 'Pick one more plan' : 'Pick two plans to compare'}
      actions={
        examples && (
          <button type="button" className="secondary" onClick={onExamples}>
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
  );
}

export function ComparePage(_props: PageProps) {
  const platform = usePlatform();
  const plans = useLiveQuery(async () => (await readPlanRecords()).plans, []) ?? [];
  const { sel, toggle, store } = useSelection(plans);
  const chosen: Plan[] = sel.map((id) => plans.find((p) => p.id === id)!.plan);
  const results = useResults(chosen);
  const rs = chosen.map((p) => results[p.id]);
  const busy = chosen.some((p) => !results[p.id]);
  const examples = EXAMPLE_PAIR.filter((id) => plans.some((p) => p.id === id));
  const exportCsv = (): void =>
    void platform.saveFile('comparison.csv', compareCsv(chosen, compareRows(chosen, rs)), [
      { name: 'CSV', extensions: ['csv'] },
    ]);
  return (
    <Page
      title="Compare"
      actions={
        chosen.length >= 2 && (
          <button
            type="button"
            className="secondary"
            onClick={exportCsv}
            disabled={busy}
            title={busy ? 'Waiting for every plan’s results, so that the file has them all' : undefined}
          >
            Export CSV
          </button>
        )
      }
      lead="Pick two to four plans. The best value in each row is highlighted; deltas are against the first plan picked."
    >
      <Picker plans={plans} sel={sel} toggle={toggle} />
      {chosen.length < 2 ? (
        <CompareEmpty count={chosen.length} examples={examples.length === 2} onExamples={() => store(examples)} />
      ) : (
        <div aria-busy={busy}>
          <TableWrap label="Inputs of the compared plans">
            <CompareInputs plans={chosen} results={rs} />
          </TableWrap>
          <TableWrap label="Comparison table">
            <CompareTable plans={chosen} results={rs} testId="compare-table" />
          </TableWrap>
          <CompareCharts chosen={chosen} results={results} />
        </div>
      )}
    </Page>
  );
}
