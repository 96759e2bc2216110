import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Plan } from '@shared/plan/schema';
import { href, navigate } from '../app/router';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { db } from '../db/db';
import { journalClear, journalRead, journalWrite } from '../db/journal';
import { duplicatePlan, listRevisions, newId, restorePlan, savePlan, trashPlan } from '../db/plans';
import { useEvaluated } from '../engine/client';
import { newInferencePlan, newTrainingPlan } from '../plans/defaults';
import { exportWorkspaceText, importAnyText, PLAN_FILE_FILTER, planFileName, serialisePlan } from '../plans/import';
import { PlanEditor } from '../plans/PlanEditor';
import { PlanList, PlanListToggle } from '../plans/PlanList';
import { Results } from '../plans/Results';
import { EmptyState } from '../components/layout';
import type { PageProps } from './registry';

const AUTOSAVE_MS = 400;
/** The example the empty state points to (seeded from presets/plans on first run). */
const EXAMPLE_PLAN = 'deepseek-v3-hgx-h800-ep144';

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
    async (kind: 'inference' | 'training') => {
      const p = kind === 'inference' ? newInferencePlan(newId()) : newTrainingPlan(newId());
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

  // Results show the plan they were computed from: typing re-renders the editor only, and the
  // results re-render once, when the worker answers.
  const evaluated = useEvaluated(draft);
  const current = evaluated && draft && evaluated.plan.id === draft.id ? evaluated : null;
  const res = current?.res ?? null;
  const issues = res && res.ok ? res.result.issues : res && !res.ok ? res.issues : [];

  const [listOpen, setListOpen] = useState(false);
  const name = draft?.name ?? '';
  const onDelete = (id: string): void => {
    flush();
    const label = stored?.find((p) => p.id === id)?.plan.name ?? id;
    void trashPlan(id).then(() => {
      navigate('/plans');
      status.show({
        kind: 'info',
        text: `Deleted “${label}”`,
        action: { label: 'Undo', run: () => void restorePlan(id).then(() => navigate(`/plans/${id}`)) },
      });
    });
  };

  return (
    <section className="page plans-page">
      <header className="page-head">
        <h1>Plans</h1>
        {draft && (
          <PlanListToggle open={listOpen} count={stored?.length ?? 0} onToggle={() => setListOpen((o) => !o)} />
        )}
        {draft && (
          <div className="page-actions plan-toolbar no-print" data-save-state={saveState}>
            <span className="muted">
              {saveState === 'saved' ? 'Saved' : 'Saving…'} · {draft.kind} plan
            </span>
            <History planId={draft.id} onRestore={(p) => edit({ ...p, id: draft.id })} />
            <span className="plan-actions" role="group" aria-label={`Actions on “${name}”`}>
              <button type="button" className="link" onClick={() => document.getElementById('plan-name')?.focus()}>
                Rename
              </button>
              <button
                type="button"
                className="link"
                onClick={() =>
                  void duplicatePlan(draft.id).then((nid) => {
                    if (nid) navigate(`/plans/${nid}`);
                  })
                }
              >
                Duplicate
              </button>
              <button type="button" className="link danger" onClick={() => onDelete(draft.id)}>
                Delete
              </button>
            </span>
            <button type="button" className="secondary" onClick={() => navigate(`/report/${draft.id}`)}>
              Report / PDF
            </button>
          </div>
        )}
      </header>
      <div className={`plans-layout${draft ? ' has-plan' : ''}`}>
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
          open={listOpen}
          onToggle={() => setListOpen((o) => !o)}
        />
        <div className="plan-main">
          {stored && stored.length === 0 && !draft && (
            <EmptyState
              testId="empty-state"
              title="No plans yet"
              actions={
                <>
                  <button type="button" onClick={() => void create('inference')}>
                    New inference plan
                  </button>
                  <button type="button" className="secondary" onClick={() => void create('training')}>
                    New training plan
                  </button>
                  <a href={href('/start')}>See what Cluster Planner does</a>
                </>
              }
            >
              <p>
                A plan is a model on some hardware with a workload: Cluster Planner predicts its speed, memory and cost,
                and shows the math. Create one (Ctrl+N), open a .clusterplan.json file (Ctrl+O), or import a model’s
                config.json on the Models page.
              </p>
            </EmptyState>
          )}
          {stored && stored.length > 0 && !draft && (
            <EmptyState
              testId="pick-plan"
              title="Pick a plan, or start a new one"
              actions={
                <>
                  {stored.some((p) => p.id === EXAMPLE_PLAN) && (
                    <a className="button-like" href={href(`/plans/${EXAMPLE_PLAN}`)}>
                      Open the DeepSeek-V3 example
                    </a>
                  )}
                  <a href={href('/start')}>What can I do here?</a>
                </>
              }
            >
              <p>
                The list on the left holds your plans and the examples, which reproduce published deployments
                (DeepSeek-V3 on H800, Llama on H100, a 4090 with experts offloaded). Change any field and the results
                follow as you type.
              </p>
            </EmptyState>
          )}
          {draft && (
            <div className="split plan-split">
              <PlanEditor key={draft.id} plan={draft} issues={issues} onChange={edit} />
              <section className="results-col" aria-label="Results" aria-busy={res === null}>
                <Results plan={current?.plan ?? draft} res={res} />
              </section>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
