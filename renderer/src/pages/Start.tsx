/**
 * "Start here" (#/start, and the page an empty address opens): the three things Cluster Planner
 * does, each with a worked example the engine evaluates live (no number on this page is typed in),
 * then the reference pages and the plans edited last. START_ITEMS is data: point an item at a new
 * page (the sizing page) by changing its `open`.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { findPlan } from '@presets/load';
import type { Plan } from '@shared/schema/plan';
import { formatMetric } from '@shared/metrics';
import { resultMetrics } from '@shared/rl/metrics';
import { href, navigate } from '../app/router';
import { useStatus } from '../app/status';
import { Ellipsis, Page } from '../components/layout';
import { db } from '../db/db';
import { savePlan } from '../db/plans';
import { readPlanRecords } from '../db/records';
import { writeSetting } from '../db/writes';
import { evaluate } from '../engine/client';
import type { EvaluateResponse } from '../engine/protocol';
import type { PageProps } from './registry';

export interface StartItem {
  id: string;
  title: string;
  what: string;
  /** The example plans (preset ids) this item shows: one plan, or two for a comparison. */
  examples: string[];
  /** What the example is, when it is not a plan (e.g. the sizing page's example specs). */
  exampleText?: string;
  /** What the main button does: open a page, or open the example (plan or comparison). */
  open: { label: string; href?: string };
}

export const START_ITEMS: StartItem[] = [
  {
    id: 'size',
    title: 'Size a deployment',
    what: 'Give a model, a workload (request rate, prompt and output lengths) and latency targets: get the cheapest system, layout, precision and batch that meet them, the cost and latency frontiers, and why every other option fails.',
    examples: [],
    exampleText:
      'DeepSeek-V3 at 50 ms per output token, Llama 3.1 70B chat, long-context RAG, two RTX 4090s (example specs on the page).',
    open: { label: 'Open the sizing page', href: '/sizing' },
  },
  {
    id: 'serve',
    title: 'Evaluate a deployment',
    what: 'Pick a model, the hardware and a workload: get time to first token, time per output token, throughput, memory per device and cost per million tokens, each with the formula behind it.',
    examples: ['deepseek-v3-hgx-h800-ep144'],
    open: { label: 'Open this example' },
  },
  {
    id: 'compare',
    title: 'Compare options side by side',
    what: 'Put two to four plans next to each other: the best value in each row is highlighted, with deltas and overlaid charts, and the comparison exports as CSV or a PDF report.',
    examples: ['deepseek-v3-hgx-h800-ep144', 'deepseek-v3-gb200-nvl72'],
    open: { label: 'Compare these two' },
  },
  {
    id: 'train',
    title: 'Plan a training run',
    what: 'Step time, model FLOPs utilisation, memory per device, time and cost to train, from the parallel layout (TP, PP, DP, EP, ZeRO) and the network.',
    examples: ['deepseek-v3-train-2048-h800'],
    open: { label: 'Open this example' },
  },
  {
    id: 'rl',
    title: 'Plan a reinforcement-learning run',
    what: 'GRPO, PPO or DAPO on one cluster: rollout generation with its long tail, log-prob passes, training and weight sync, colocated or split into rollout and training pools, with the split that balances them.',
    examples: ['qwen2.5-7b-grpo-8xh100'],
    open: { label: 'Open this example' },
  },
  {
    id: 'cluster',
    title: 'Plan a cluster',
    what: 'Nodes, racks, the scale-out fabric and its switches: a bill of materials, IT and facility power, floor space, capex and the cost of ownership per device-hour, with a diagram and a PDF report.',
    examples: [],
    exampleText: 'DeepSeek’s 2,048 × H800 multi-plane fat-tree, 1,024 × H200 rail-optimised, 8 × GB200 NVL72 racks.',
    open: { label: 'Open the clusters page', href: '/clusters' },
  },
];

/** Puts an example plan back if the user deleted it, so "open the example" always works. */
async function ensureExample(id: string): Promise<void> {
  const have = await db.plans.get(id);
  if (have && !have.trashedAt) return;
  const preset = findPlan(id);
  if (!preset) throw new Error(`The example plan “${id}” is not among the presets`);
  await savePlan(preset);
}

function headline(plan: Plan, r: EvaluateResponse | undefined): string {
  if (!r) return 'evaluating…';
  if (!r.ok) return r.message;
  const m = resultMetrics(plan, r);
  const devices = `${plan.devices.toLocaleString('en-US')} devices`;
  if (r.kind === 'inference') {
    const cost = m.usdPerMOutput;
    return `TPOT ${formatMetric('tpot', m.tpot)} · ${formatMetric('outputPerDevice', m.outputPerDevice)} output per device${cost == null ? '' : ` · ${formatMetric('usdPerMOutput', cost)} per million output tokens`}`;
  }
  if (r.kind === 'rl') return `step ${formatMetric('rlStepTime', m.rlStepTime)} · ${devices}`;
  return `step ${formatMetric('stepTime', m.stepTime)} · MFU ${formatMetric('mfu', m.mfu)} · ${devices}`;
}

function useExampleResults(): Record<string, EvaluateResponse> {
  const [res, setRes] = useState<Record<string, EvaluateResponse>>({});
  useEffect(() => {
    let live = true;
    const ids = [...new Set(START_ITEMS.flatMap((i) => i.examples))];
    const plans = ids.flatMap((id) => {
      const p = findPlan(id);
      return p ? [p] : [];
    });
    void Promise.all(plans.map((p) => evaluate(p, false))).then((rs) => {
      if (live) setRes(Object.fromEntries(rs.map((r, i) => [plans[i]!.id, r])));
    });
    return () => {
      live = false;
    };
  }, []);
  return res;
}

function StartCard({
  item,
  n,
  results,
  onOpen,
}: {
  item: StartItem;
  n: number;
  results: Record<string, EvaluateResponse>;
  onOpen: () => void;
}) {
  return (
    <article className="card start-item" data-testid={`start-${item.id}`}>
      <h2>
        {n + 1}. {item.title}
      </h2>
      <p>{item.what}</p>
      <div className="example">
        <strong>Example: </strong>
        {item.exampleText}
        {item.examples.map((id, k) => {
          const p = findPlan(id);
          if (!p) return null;
          return (
            <div key={id}>
              {k > 0 && <span className="muted">vs </span>}
              <Ellipsis inline text={p.name} />
              <div className="figures" data-testid="start-figures" aria-busy={!results[id]}>
                {headline(p, results[id])}
              </div>
            </div>
          );
        })}
      </div>
      <div className="row">
        <button type="button" onClick={onOpen}>
          {item.open.label}
        </button>
      </div>
    </article>
  );
}

/** The reference pages, one line each. */
const REFERENCE: Array<[path: string, label: string, what: string]> = [
  [
    '/hardware',
    'Hardware',
    'accelerators and systems, every number with its source and an “unverified” badge where a value is doubtful.',
  ],
  ['/models', 'Models', 'parameters, KV cache and FLOPs per token; import a Hugging Face config.json.'],
  ['/network', 'Network', 'size a scale-out fabric (fat-trees, multi-plane, Slim Fly, Dragonfly) and its cost.'],
  ['/validation', 'Validation', 'how far to trust the engine, predicted against published measurements.'],
];

function RecentPlans() {
  // Through the checked reader: a record without updatedAt is still listed, a damaged one is left out.
  const recent = useLiveQuery(async () => (await readPlanRecords()).plans) ?? [];
  if (recent.length === 0) return null;
  return (
    <>
      <h2>Recent plans</h2>
      <ul className="start-more" data-testid="start-recent">
        {recent.slice(0, 5).map((p) => (
          <li key={p.id}>
            <a href={href(`/plans/${encodeURIComponent(p.id)}`)} className="ellipsis" title={p.plan.name}>
              {p.plan.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function StartPage(_props: PageProps) {
  const status = useStatus();
  const results = useExampleResults();
  const open = async (item: StartItem): Promise<void> => {
    if (item.open.href) return navigate(item.open.href);
    try {
      for (const id of item.examples) await ensureExample(id);
      if (item.examples.length > 1) {
        await writeSetting('compare.selection', item.examples);
        navigate('/compare');
      } else navigate(`/plans/${item.examples[0]}`);
    } catch (e) {
      status.show({ kind: 'error', text: (e as Error).message });
    }
  };
  return (
    <Page
      title="Start here"
      testId="start-page"
      lead="Cluster Planner tells you what a large-language-model deployment will cost and how fast it will run, before anyone buys a GPU. Every number shows its formula, its inputs and where they come from."
    >
      <div className="grid-auto" style={{ ['--min' as string]: '270px' }}>
        {START_ITEMS.map((item, n) => (
          <StartCard key={item.id} item={item} n={n} results={results} onOpen={() => void open(item)} />
        ))}
      </div>
      <h2>Reference</h2>
      <ul className="start-more">
        {REFERENCE.map(([path, label, what]) => (
          <li key={path}>
            <a href={href(path)}>{label}</a>: {what}
          </li>
        ))}
      </ul>
      <RecentPlans />
    </Page>
  );
}
