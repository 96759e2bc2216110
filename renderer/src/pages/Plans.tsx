import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Plan } from '@shared/plan/schema';
import { navigate } from '../app/router';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { db } from '../db/db';
import { journalClear, journalRead, journalWrite } from '../db/journal';
import { duplicatePlan, listRevisions, newId, restorePlan, savePlan, trashPlan } from '../db/plans';
import { useEvaluation } from '../engine/client';
import { newInferencePlan, newRlPlan, newTrainingPlan } from '../plans/defaults';
import { exportWorkspaceText, importAnyText, PLAN_FILE_FILTER, planFileName, serialisePlan } from '../plans/import';
import { PlanEditor } from '../plans/PlanEditor';
import { PlanList } from '../plans/PlanList';
import { Results } from '../plans/Results';
import type { PageProps } from './registry';

const AUTOSAVE_MS = 400;

function History({ planId, onRestore }: { planId: string; onRestore: (p: Plan) => void }) {
  const revs = useLiveQuery(() => listRevisions(planId), [planId]) ?? [];
  if (revs.length < 2) return null;
  return (
    <label className="history">
      History{' '}
      <select
        aria-label="Restore a revision"
        value=""
        onChange={(e) => {
          const r = revs.find((x) => String(x.rev) === e.target.value);
          if (r) onRestore(r.plan);
        }}
      >
        <option value="">{revs.length} revisions…</option>
        {revs.map((r) => (
          <option key={r.rev} value={String(r.rev)}>
            {new Date(r.savedAt).toLocaleString()}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PlansPage({ route, commands }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  const planId = route.page === 'plans' ? route.planId : undefined;
  const stored = useLiveQuery(
    async () => (await db.plans.orderBy('updatedAt').reverse().toArray()).filter((p) => !p.trashedAt),
    [],
  );
  const [draft, setDraft] = useState<Plan | null>(null);
  const timer = useRef<number | null>(null);
  const [saveState, setSaveState] = useState<'saved' | 'pending'>('saved');
  const pendingSave = useRef<Plan | null>(null);

  // The status API object changes with every message: keep it in a ref so `flush` (and the effects
  // that depend on it) stay stable and never reload the plan from the database mid-edit.
  const statusRef = useRef(status);
  statusRef.current = status;
  const flush = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const p = pendingSave.current;
    pendingSave.current = null;
    if (p)
      void savePlan(p)
        .then(() => {
          journalClear(p.id, p);
          if (pendingSave.current === null) setSaveState('saved');
        })
        .catch((e: unknown) => statusRef.current.show({ kind: 'error', text: `Could not save: ${String(e)}` }));
  }, []);

  // Load the plan named in the address.
  useEffect(() => {
    flush();
    if (!planId || planId === 'new') {
      setDraft(null);
      return;
    }
    void db.plans.get(planId).then((p) => {
      if (!p || p.trashedAt) return setDraft(null);
      // An edit that never reached the database (reload or crash mid-debounce) wins, and is saved.
      const j = journalRead(planId);
      if (j) {
        setDraft(j);
        pendingSave.current = j;
        flush();
      } else setDraft(p.plan);
    });
  }, [planId, flush]);

  // Flush pending edits when the window goes away.
  useEffect(() => {
    const onHide = (): void => flush();
    window.addEventListener('beforeunload', onHide);
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('beforeunload', onHide);
      window.removeEventListener('pagehide', onHide);
      flush();
    };
  }, [flush]);

  const edit = useCallback(
    (next: Plan) => {
      setDraft(next);
      setSaveState('pending');
      journalWrite(next);
      pendingSave.current = next;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, AUTOSAVE_MS);
    },
    [flush],
  );

  const create = useCallback(
    async (kind: 'inference' | 'training' | 'rl') => {
      const p =
        kind === 'inference'
          ? newInferencePlan(newId())
          : kind === 'rl'
            ? newRlPlan(newId())
            : newTrainingPlan(newId());
      await savePlan(p);
      navigate(`/plans/${p.id}`);
      status.show({ kind: 'success', text: `Created “${p.name}”` });
    },
    [status],
  );

  useEffect(() => {
    if (planId === 'new') void create('inference');
  }, [planId, create]);

  useEffect(() => {
    const offs = [
      commands.register('new-plan', () => create('inference')),
      commands.register('open', async () => {
        const r = await platform.openFile(PLAN_FILE_FILTER);
        if (!r.ok) {
          if (r.reason === 'error')
            statusRef.current.show({ kind: 'error', text: r.message ?? 'Could not open the file' });
          return;
        }
        try {
          const done = await importAnyText(r.name, r.contents);
          if (done.planId) navigate(`/plans/${done.planId}`);
          statusRef.current.show({ kind: 'success', text: done.message });
        } catch (e) {
          statusRef.current.show({ kind: 'error', text: `${r.name}: ${(e as Error).message}. Nothing was changed.` });
        }
      }),
      commands.register('save-as', async () => {
        if (!draft)
          return status.show({ kind: 'info', text: 'Open a plan first: Save As saves the plan being edited.' });
        flush();
        const r = await platform.saveFile(planFileName(draft), serialisePlan(draft), PLAN_FILE_FILTER);
        if (r.ok) status.show({ kind: 'success', text: `Saved ${r.path}` });
        else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not save' });
      }),
      commands.register('export-pdf', async () => {
        if (!draft) return status.show({ kind: 'info', text: 'Open a plan to export its report.' });
        flush();
        navigate(`/report/${draft.id}`);
      }),
    ];
    return () => offs.forEach((f) => f());
  }, [commands, platform, status, draft, create, flush]);

  const res = useEvaluation(draft);
  const issues = res && res.ok ? res.result.issues : res && !res.ok ? res.issues : [];

  return (
    <section className="page plans-page">
      <h1>Plans</h1>
      <div className="plans-layout">
        <PlanList
          onExportWorkspace={() =>
            void exportWorkspaceText().then((t) =>
              platform.saveFile(`cluster-planner-workspace-${new Date().toISOString().slice(0, 10)}.json`, t, [
                { name: 'Cluster Planner workspace', extensions: ['json'] },
              ]),
            )
          }
          plans={stored ?? []}
          currentId={planId}
          onNew={(k) => void create(k)}
          onDuplicate={(id) =>
            void duplicatePlan(id).then((nid) => {
              if (nid) navigate(`/plans/${nid}`);
            })
          }
          onRename={() => document.getElementById('plan-name')?.focus()}
          onDelete={(id) => {
            flush();
            const name = stored?.find((p) => p.id === id)?.plan.name ?? id;
            void trashPlan(id).then(() => {
              navigate('/plans');
              status.show({
                kind: 'info',
                text: `Deleted “${name}”`,
                action: { label: 'Undo', run: () => void restorePlan(id).then(() => navigate(`/plans/${id}`)) },
              });
            });
          }}
        />
        <div className="plan-main">
          {stored && stored.length === 0 && !draft && (
            <div className="empty-state" data-testid="empty-state">
              <p>
                <strong>No plans yet.</strong> A plan is a model on some hardware with a workload: Cluster Planner
                predicts its speed, memory and cost, and shows the math.
              </p>
              <p>
                Start with “New inference plan” (Ctrl+N), open a .clusterplan.json file (Ctrl+O), or import a model’s
                config.json on the Models page.
              </p>
            </div>
          )}
          {stored && stored.length > 0 && !draft && (
            <div className="empty-state" data-testid="pick-plan">
              <p>
                Pick a plan on the left, or create one. The example plans reproduce published deployments (DeepSeek-V3
                on H800, Llama on H100, a 4090 with experts offloaded).
              </p>
            </div>
          )}
          {draft && (
            <>
              <div className="toolbar no-print" data-save-state={saveState}>
                <span className="muted">
                  {saveState === 'saved' ? 'Saved' : 'Saving…'} · {draft.kind} plan
                </span>
                <History planId={draft.id} onRestore={(p) => edit({ ...p, id: draft.id })} />
                <button type="button" className="secondary" onClick={() => navigate(`/report/${draft.id}`)}>
                  Report / PDF
                </button>
              </div>
              <div className="split">
                <PlanEditor key={draft.id} plan={draft} issues={issues} onChange={edit} />
                <Results plan={draft} res={res} />
              </div>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
