/** What the Plans page shows with no plan open: a first-run invitation, a pointer to the examples, or a damaged record. */
import { href } from '../app/router';
import { EmptyState } from '../components/layout';
import type { StoredPlan } from '../db/db';
import type { DamagedRecord } from '../db/records';
import type { PlanKind } from './usePlanCommands';

/** The example the empty state points to (seeded from presets/plans on first run). */
const EXAMPLE_PLAN = 'deepseek-v3-hgx-h800-ep144';

export function NoPlans({ onCreate }: { onCreate: (k: PlanKind) => void }) {
  return (
    <EmptyState
      testId="empty-state"
      title="No plans yet"
      actions={
        <>
          <button type="button" onClick={() => onCreate('inference')}>
            New inference plan
          </button>
          <button type="button" className="secondary" onClick={() => onCreate('training')}>
            New training plan
          </button>
          <a href={href('/start')}>See what Cluster Planner does</a>
        </>
      }
    >
      <p>
        A plan is a model on some hardware with a workload: Cluster Planner predicts its speed, memory and cost, and
        shows the math. Create one (Ctrl+N), open a .clusterplan.json file (Ctrl+O), or import a model’s config.json on
        the Models page.
      </p>
    </EmptyState>
  );
}

export function PickPlan({ stored }: { stored: StoredPlan[] }) {
  return (
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
        The list on the left holds your plans and the examples, which reproduce published deployments (DeepSeek-V3 on
        H800, Llama on H100, a 4090 with experts offloaded). Change any field and the results follow as you type.
      </p>
    </EmptyState>
  );
}

export function DamagedPlan({ record, onExport }: { record: DamagedRecord; onExport: () => void }) {
  return (
    <div className="empty-state" data-testid="damaged-record" role="alert">
      <p>
        <strong>This plan’s stored record is damaged</strong> and cannot be opened: {record.problem}. The rest of your
        plans work; export this record to keep it or to send it for repair.
      </p>
      <button type="button" onClick={onExport}>
        Export the damaged record
      </button>
    </div>
  );
}
