import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { migratePlanObject } from '@shared/schema/migrations';
import type { Plan } from '@shared/schema/plan';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { readPlanRecord } from '../db/records';
import { evaluate, useEvaluation, useUserCalibrations } from '../engine/client';
import type { EvaluateResponse } from '../engine/protocol';
import { planFileName } from '../plans/import';
import { ReportView } from '../report/ReportView';
import type { PageProps } from './registry';

/**
 * The printable plan report (#/report/:id). Electron prints it with printToPDF; the browser
 * build uses the print dialog; the CLI renders #/print/… headless (see PrintPage).
 */
export function ReportPage({ route, commands }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  const id = route.page === 'report' ? route.planId : '';
  const checked = useLiveQuery(async () => (await readPlanRecord(id)) ?? null, [id]);
  const plan = checked?.ok ? checked.stored.plan : null;
  const res = useEvaluation(plan);
  const exportPdf = async (): Promise<void> => {
    if (!plan) return;
    const r = await platform.exportPdf(planFileName(plan).replace(/\.clusterplan\.json$/, '.pdf'));
    if (r.ok)
      status.show({
        kind: 'success',
        text: platform.kind === 'web' ? 'Opened the print dialog: choose “Save as PDF”.' : `Saved ${r.path}`,
      });
    else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not export the PDF' });
  };
  useEffect(() => commands.register('export-pdf', exportPdf));
  if (checked === undefined) return <p className="muted">Loading…</p>;
  if (checked && !checked.ok)
    return (
      <p>
        The stored plan “{id}” is damaged ({checked.damaged.problem}): export it from the Plans list.
      </p>
    );
  if (!plan) return <p>No plan “{id}”.</p>;
  return (
    <>
      <div className="toolbar no-print">
        <a href={`#/plans/${plan.id}`}>← Back to the plan</a>
        <button type="button" onClick={() => void exportPdf()}>
          Export PDF
        </button>
      </div>
      <ReportView plans={[plan]} results={[res]} />
    </>
  );
}

/** Base64url of UTF-8 JSON, as the CLI writes it into #/print/…. */
export function decodePlans(arg: string): Plan[] {
  const b64 = arg.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const raw = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  if (!Array.isArray(raw)) throw new Error('print data must be an array of plans');
  return raw.map((p) => migratePlanObject(p));
}

/** Where the print route's plans come from: inline, or the file the CLI's local server serves. */
async function loadPrintPlans(arg: string): Promise<Plan[]> {
  if (!arg.startsWith('@')) return decodePlans(arg);
  const name = arg.slice(1).replace(/[^a-z0-9-]/gi, '');
  const r = await fetch(`/__report/${name}.json`);
  if (!r.ok) throw new Error(`the plan list /__report/${name}.json is not available (${r.status})`);
  const raw = (await r.json()) as unknown;
  if (!Array.isArray(raw)) throw new Error('print data must be an array of plans');
  return raw.map((p) => migratePlanObject(p));
}

/**
 * #/print/<base64url plans> or #/print/@<name>: a report of plans given inline, or as a file the
 * local server of `cluster-planner report` serves at /__report/<name>.json (long lists).
 */
export function PrintPage({ route }: PageProps) {
  const arg = route.page === 'print' ? route.data : '';
  const [plans, setPlans] = useState<{ ok: true; plans: Plan[] } | { ok: false; message: string } | null>(null);
  useEffect(() => {
    let live = true;
    loadPrintPlans(arg).then(
      (p) => live && setPlans({ ok: true, plans: p }),
      (e: unknown) => live && setPlans({ ok: false, message: (e as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [arg]);
  const cal = useUserCalibrations();
  const [results, setResults] = useState<Array<EvaluateResponse | null>>([]);
  useEffect(() => {
    if (!plans?.ok || cal === undefined) return;
    let live = true;
    void Promise.all(plans.plans.map((p) => evaluate(p, true, cal))).then((r) => live && setResults(r));
    return () => {
      live = false;
    };
  }, [plans, cal]);
  if (!plans) return <p className="muted">Loading…</p>;
  if (!plans.ok)
    return (
      <p className="error" role="alert">
        {plans.message}
      </p>
    );
  return <ReportView plans={plans.plans} results={plans.plans.map((_, i) => results[i] ?? null)} />;
}
