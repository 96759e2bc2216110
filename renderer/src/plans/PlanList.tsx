import type { StoredPlan } from '../db/db';
import type { DamagedRecord } from '../db/records';
import { href } from '../app/router';
import { planColor } from '../charts/colors';

interface Props {
  plans: StoredPlan[];
  currentId: string | undefined;
  onNew: (kind: 'inference' | 'training') => void;
  onDuplicate: (id: string) => void;
  onRename: (id: string) => void;
  onDelete: (id: string) => void;
  onExportWorkspace: () => void;
  /** Records that could not be read (older or foreign version, damaged): shown with an export button. */
  damaged?: DamagedRecord[];
  onExportDamaged?: (d: DamagedRecord) => void;
}

export function PlanList({
  plans,
  currentId,
  onNew,
  onDuplicate,
  onRename,
  onDelete,
  onExportWorkspace,
  damaged = [],
  onExportDamaged,
}: Props) {
  return (
    <aside className="plan-list" aria-label="Plans">
      <div className="row">
        <button type="button" onClick={() => onNew('inference')} title="New inference plan (Ctrl+N)">
          New inference plan
        </button>
        <button type="button" className="secondary" onClick={() => onNew('training')}>
          New training plan
        </button>
      </div>
      <div className="row">
        <button
          type="button"
          className="link"
          onClick={onExportWorkspace}
          title="Back up every plan and user preset to one file; open or drop it to restore"
        >
          Export workspace (backup)
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
      {damaged.length > 0 && (
        <div data-testid="damaged-records">
          <p className="muted" style={{ fontSize: 11 }}>
            {damaged.length} damaged record{damaged.length > 1 ? 's' : ''}: written by another version or damaged on
            disk; they cannot be opened, nothing else is affected.
          </p>
          <ul>
            {damaged.map((d) => (
              <li key={d.id} title={d.problem}>
                <span>{d.id}</span> <span className="badge">damaged</span>{' '}
                <button type="button" className="link" onClick={() => onExportDamaged?.(d)}>
                  Export
                </button>
                <div className="muted" style={{ fontSize: 11 }}>
                  {d.problem}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  );
}
