import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Plan } from '@shared/schema/plan';
import { href, navigate } from '../app/router';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { Autosave, type SaveState } from '../db/autosave';
import { sameEdit } from '../db/journal';
import { useFlushOnLeave } from '../db/useDurableRecord';
import { duplicatePlan, listRevisions, newId, restorePlan, savePlan, trashPlan } from '../db/plans';
import { damagedRecordFile, readPlanRecord, readPlanRecords, type DamagedRecord } from '../db/records';
import { useEvaluated } from '../engine/client';
import { newInferencePlan, newRlPlan, newTrainingPlan } from '../plans/defaults';
import { exportWorkspace, importAnyText, PLAN_FILE_FILTER, planFileName, serialisePlan } from '../plans/import';
import { PlanEditor } from '../plans/PlanEditor';
import { PlanList, PlanListToggle } from '../plans/PlanList';
import { Results } from '../plans/Results';
import { EmptyState } from '../components/layout';
import type { PageProps } from './registry';

const time = (ms: number | string): string => new Date(ms).toLocaleTimeString();
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
  const records = useLiveQuery(readPlanRecords, []);
  const stored = records?.plans;
  const [draft, setDraft] = useState<Plan | null>(null);
  const [damagedOpen, setDamagedOpen] = useState<DamagedRecord | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('saved');

  // The status API object changes with every message: keep it in a ref so the autosave's events
  // (and the effects that depend on them) stay stable and never reload the plan mid-edit.
  const statusRef = useRef(status);
  statusRef.current = status;
  const autosave = useMemo(
    () =>
      new Autosave({
        state(state, detail) {
          setSaveState(state);
          if (state === 'failed')
            statusRef.current.show({
              kind: 'error',
              text: `Not saved: ${detail}. Your edit is kept in this browser's crash journal and saved as soon as the database accepts it; retrying.`,
              action: { label: 'Retry now', run: () => void autosave.flush() },
            });
          else if (state === 'saved' && detail) statusRef.current.show({ kind: 'success', text: `Saved (${detail}).` });
        },
        conflict({ plan, theirs, theirsSavedAt }) {
          statusRef.current.show({
            kind: 'info',
            text: `“${plan.name}” was also changed in another window (saved ${time(theirsSavedAt)}). Both versions are kept: yours is current, the other is in History.`,
            action: {
              label: 'Open the other as a copy',
              run: () =>
                void duplicatePlan(plan.id, theirs, '(other window)').then((id) => id && navigate(`/plans/${id}`)),
            },
          });
        },
        recovered({ plan, at, asCurrent, fromOtherWindow }) {
          const where = fromOtherWindow ? 'another window' : 'this window';
          statusRef.current.show(
            asCurrent
              ? { kind: 'info', text: `Recovered an unsaved edit of “${plan.name}” from ${where} (${time(at)}).` }
              : {
                  kind: 'info',
                  text: `An unsaved edit of “${plan.name}” from ${where} (${time(at)}) predates a newer version: it is kept in History.`,
                  action: {
                    label: 'Open it as a copy',
                    run: () =>
                      void duplicatePlan(plan.id, plan, '(recovered)').then((id) => id && navigate(`/plans/${id}`)),
                  },
                },
          );
        },
        journalFailed() {
          statusRef.current.show({
            kind: 'error',
            text: 'Could not write the crash journal (browser storage is full or off): an edit can be lost if this window closes before it is saved.',
          });
        },
      }),
    [],
  );
  const flush = useCallback(() => void autosave.flush(), [autosave]);

  // Load the plan named in the address, recovering journalled edits (reload, crash, failed writes).
  useEffect(() => {
    flush();
    setDamagedOpen(null);
    if (!planId || planId === 'new') {
      setDraft(null);
      return;
    }
    let live = true;
    void readPlanRecord(planId).then(async (c) => {
      if (!live) return;
      if (!c || (c.ok && c.stored.trashedAt)) return setDraft(null);
      if (!c.ok) {
        setDraft(null);
        return setDamagedOpen(c.damaged);
      }
      const plan = await autosave.recover(c.stored);
      if (live) setDraft(plan);
    });
    return () => {
      live = false;
    };
  }, [planId, flush, autosave]);

  // Another window saved this plan: show its version unless an edit here is on its way (that save
  // detects the conflict and keeps both). Our own saves carry the base autosave knows.
  const current = useLiveQuery(async () => (planId && planId !== 'new' ? readPlanRecord(planId) : undefined), [planId]);
  useEffect(() => {
    if (!current?.ok || !draft || current.stored.id !== draft.id || current.stored.trashedAt) return;
    const s = current.stored;
    const base = autosave.base(s.id);
    // Saves stamp strictly increasing times (plans.ts), so an older result is a stale query: skip it.
    if (base === undefined || (base !== null && s.updatedAt <= base) || autosave.hasPending(s.id)) return;
    autosave.setBase(s.id, s.updatedAt);
    if (sameEdit(s.plan, draft)) return;
    setDraft(s.plan);
    statusRef.current.show({
      kind: 'info',
      text: `“${s.plan.name}” was changed in another window (${time(s.updatedAt)}): showing that version. The one shown before is in History.`,
    });
  }, [current, draft, autosave]);

  // Flush pending edits when the window hides, loses focus or goes away.
  useFlushOnLeave(flush);

  const edit = useCallback(
    (next: Plan) => {
      setDraft(next);
      autosave.edit(next);
    },
    [autosave],
  );

  const exportDamaged = useCallback(
    async (d: DamagedRecord) => {
      const f = damagedRecordFile(d);
      const r = await platform.saveFile(f.name, f.text, [{ name: 'JSON', extensions: ['json'] }]);
      if (r.ok) statusRef.current.show({ kind: 'success', text: `Exported the damaged record “${d.id}” to ${r.path}` });
      else if (r.reason === 'error') statusRef.current.show({ kind: 'error', text: r.message ?? 'Could not export' });
    },
    [platform],
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
          else if (done.sizingId) navigate(`/sizing/${done.sizingId}`);
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
  const shown = evaluated && draft && evaluated.plan.id === draft.id ? evaluated : null;
  const res = shown?.res ?? null;
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
            <span className={saveState === 'failed' ? 'error' : 'muted'}>
              {saveState === 'saved'
                ? 'Saved'
                : saveState === 'pending'
                  ? 'Saving…'
                  : 'Not saved: kept in the crash journal, retrying'}{' '}
              · {draft.kind} plan
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
          onExportWorkspace={() => {
            flush();
            void exportWorkspace().then(async (w) => {
              const r = await platform.saveFile(
                `cluster-planner-workspace-${new Date().toISOString().slice(0, 10)}.json`,
                w.text,
                [{ name: 'Cluster Planner workspace', extensions: ['json'] }],
              );
              const left = w.damaged
                ? ` ${w.damaged} record(s) are not in it (damaged ones: export them one by one; sizing drafts that do not validate yet stay in the app).`
                : '';
              if (r.ok) status.show({ kind: 'success', text: `Backed up ${w.plans} plans to ${r.path}.${left}` });
              else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not save' });
            });
          }}
          damaged={records?.damaged ?? []}
          onExportDamaged={(d) => void exportDamaged(d)}
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
          {damagedOpen && (
            <div className="empty-state" data-testid="damaged-record" role="alert">
              <p>
                <strong>This plan’s stored record is damaged</strong> and cannot be opened: {damagedOpen.problem}. The
                rest of your plans work; export this record to keep it or to send it for repair.
              </p>
              <button type="button" onClick={() => void exportDamaged(damagedOpen)}>
                Export the damaged record
              </button>
            </div>
          )}
          {draft && (
            <div className="split plan-split">
              <PlanEditor key={draft.id} plan={draft} issues={issues} onChange={edit} />
              <section className="results-col" aria-label="Results" aria-busy={res === null}>
                <Results plan={shown?.plan ?? draft} res={res} />
              </section>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
