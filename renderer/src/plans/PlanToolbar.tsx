/** The open plan's toolbar: save state, history, rename, duplicate, delete, report. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Plan } from '@shared/schema/plan';
import { navigate } from '../app/router';
import type { SaveState } from '../db/autosave';
import { duplicatePlan, listRevisions } from '../db/plans';

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

const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  pending: 'Saving…',
  failed: 'Not saved: kept in the crash journal, retrying',
};

export function PlanToolbar({
  draft,
  saveState,
  onEdit,
  onDelete,
}: {
  draft: Plan;
  saveState: SaveState;
  onEdit: (p: Plan) => void;
  onDelete: (id: string) => void;
}) {
  return (
    <div className="page-actions plan-toolbar no-print" data-save-state={saveState}>
      <span className={saveState === 'failed' ? 'error' : 'muted'}>
        {SAVE_TEXT[saveState]} · {draft.kind} plan
      </span>
      <History planId={draft.id} onRestore={(p) => onEdit({ ...p, id: draft.id })} />
      <span className="plan-actions" role="group" aria-label={`Actions on “${draft.name}”`}>
        <button type="button" className="link" onClick={() => document.getElementById('plan-name')?.focus()}>
          Rename
        </button>
        <button
          type="button"
          className="link"
          onClick={() => void duplicatePlan(draft.id).then((nid) => nid && navigate(`/plans/${nid}`))}
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
  );
}
