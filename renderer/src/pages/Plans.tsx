import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Plan } from '@shared/schema/plan';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { readPlanRecords } from '../db/records';
import { useEvaluated } from '../engine/client';
import { PlanEditor } from '../plans/PlanEditor';
import { DamagedPlan, NoPlans, PickPlan } from '../plans/PlanEmptyStates';
import { PlanList, PlanListToggle } from '../plans/PlanList';
import { PlanToolbar } from '../plans/PlanToolbar';
import { Results } from '../plans/Results';
import {
  backUpWorkspace,
  deletePlan,
  exportDamaged,
  useCreatePlan,
  usePlanMenuCommands,
} from '../plans/usePlanCommands';
import { usePlanDocument } from '../plans/usePlanDocument';
import type { PageProps } from './registry';

/**
 * The open plan: its editor and its results. Results show the plan they were computed from:
 * typing re-renders the editor only, and the results re-render once, when the worker answers.
 */
function PlanSplit({ draft, onEdit }: { draft: Plan; onEdit: (p: Plan) => void }) {
  const evaluated = useEvaluated(draft);
  const shown = evaluated && evaluated.plan.id === draft.id ? evaluated : null;
  const res = shown?.res ?? null;
  const issues = res && res.ok ? res.result.issues : res && !res.ok ? res.issues : [];
  return (
    <div className="split plan-split">
      <PlanEditor key={draft.id} plan={draft} issues={issues} onChange={onEdit} />
      <section className="results-col" aria-label="Results" aria-busy={res === null}>
        <Results plan={shown?.plan ?? draft} res={res} onApply={onEdit} />
      </section>
    </div>
  );
}

export function PlansPage({ route, commands }: PageProps) {
  const platform = usePlatform();
  const status = useStatus();
  const planId = route.page === 'plans' ? route.planId : undefined;
  const records = useLiveQuery(readPlanRecords, []);
  const stored = records?.plans;
  const doc = usePlanDocument(planId);
  const { draft, flush } = doc;
  const create = useCreatePlan(status);
  useEffect(() => {
    if (planId === 'new') void create('inference');
  }, [planId, create]);
  usePlanMenuCommands({ commands, platform, status, draft, flush, create });
  const [listOpen, setListOpen] = useState(false);
  const onDelete = (id: string): void => {
    flush();
    deletePlan(id, stored?.find((p) => p.id === id)?.plan.name ?? id, status);
  };
  return (
    <section className="page plans-page">
      <header className="page-head">
        <h1>Plans</h1>
        {draft && (
          <PlanListToggle open={listOpen} count={stored?.length ?? 0} onToggle={() => setListOpen((o) => !o)} />
        )}
        {draft && <PlanToolbar draft={draft} saveState={doc.saveState} onEdit={doc.edit} onDelete={onDelete} />}
      </header>
      <div className={`plans-layout${draft ? ' has-plan' : ''}`}>
        <PlanList
          onExportWorkspace={() => {
            flush();
            void backUpWorkspace(platform, status);
          }}
          damaged={records?.damaged ?? []}
          onExportDamaged={(d) => void exportDamaged(platform, status, d)}
          plans={stored ?? []}
          currentId={planId}
          onNew={(k) => void create(k)}
          open={listOpen}
          onToggle={() => setListOpen((o) => !o)}
        />
        <div className="plan-main">
          {stored && stored.length === 0 && !draft && <NoPlans onCreate={(k) => void create(k)} />}
          {stored && stored.length > 0 && !draft && <PickPlan stored={stored} />}
          {doc.damaged && (
            <DamagedPlan record={doc.damaged} onExport={() => void exportDamaged(platform, status, doc.damaged!)} />
          )}
          {draft && <PlanSplit draft={draft} onEdit={doc.edit} />}
        </div>
      </div>
    </section>
  );
}
