import type { StoredPlan } from '../db/db';
import { href } from '../app/router';
import { planColor } from '../charts/colors';

interface Props {
  plans: StoredPlan[];
  currentId: string | undefined;
  onNew: (kind: 'inference' | 'training' | 'rl') => void;
  onDuplicate: (id: string) => void;
  onRename: (id: string) => void;
  onDelete: (id: string) => void;
  onExportWorkspace: () => void;
}

export function PlanList({ plans, currentId, onNew, onDuplicate, onRename, onDelete, onExportWorkspace }: Props) {
  return (
    <aside className="plan-list" aria-label="Plans">
      <div className="row">
        <button type="button" onClick={() => onNew('inference')} title="New inference plan (Ctrl+N)">
          New inference plan
        </button>
        <button type="button" className="secondary" onClick={() => onNew('training')}>
          New training plan
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => onNew('rl')}
          title="A reinforcement-learning run (GRPO/PPO)"
        >
          New RL plan
        </button>
      </div>
      <div className="row">
        <button
          type="button"
          className="link"
          onClick={onExportWorkspace}
          title="Every plan and user preset in one file"
        >
          Export workspace
        </button>
        <span className="muted" style={{ fontSize: 11 }}>
          Open (Ctrl+O) or drop a plan or workspace file on the window to import it.
        </span>
      </div>
      <ul data-testid="plan-list">
        {plans.map((p) => (
          <li key={p.id} className={p.id === currentId ? 'current' : ''}>
            <span className="swatch" style={{ background: planColor(p.id) }} aria-hidden />
            <a href={href(`/plans/${encodeURIComponent(p.id)}`)} aria-current={p.id === currentId ? 'page' : undefined}>
              {p.plan.name}
            </a>
            <span className="badge">{p.plan.kind}</span>
            {p.example && <span className="badge">example</span>}
            {p.id === currentId && (
              <span className="actions">
                <button type="button" className="link" onClick={() => onRename(p.id)}>
                  Rename
                </button>
                <button type="button" className="link" onClick={() => onDuplicate(p.id)}>
                  Duplicate
                </button>
                <button type="button" className="link danger" onClick={() => onDelete(p.id)}>
                  Delete
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
