import type { StoredPlan } from '../db/db';
import { href } from '../app/router';
import type { DamagedRecord } from '../db/records';
import { planColor } from '../charts/colors';
import { DamagedList } from '../components/DamagedRecords';

interface Props {
  plans: StoredPlan[];
  currentId: string | undefined;
  onNew: (kind: 'inference' | 'training' | 'rl') => void;
  onExportWorkspace: () => void;
  /** Narrow windows fold the list behind a button (styles.css); `open` unfolds it. */
  open: boolean;
  onToggle: () => void;
  /** Records that could not be read (older or foreign version, damaged): shown with an export button. */
  damaged?: DamagedRecord[];
  onExportDamaged?: (d: DamagedRecord) => void;
}

/** Shown on laptop widths only (styles.css), where the list folds away while a plan is open. */
export function PlanListToggle({ open, count, onToggle }: { open: boolean; count: number; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="secondary plan-list-toggle"
      aria-expanded={open}
      aria-controls="plan-list-body"
      onClick={onToggle}
      data-testid="plan-list-toggle"
    >
      {open ? 'Hide the plan list' : `All plans (${count})`}
    </button>
  );
}

/** The stored plans, one line each (long names end in "…" with the full name as a tooltip). */
export function PlanList({
  plans,
  currentId,
  onNew,
  onExportWorkspace,
  open,
  onToggle,
  damaged = [],
  onExportDamaged,
}: Props) {
  return (
    <aside className={`plan-list${open ? ' open' : ''}`} aria-label="Plans">
      <div className="plan-list-body" id="plan-list-body">
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
        <ul data-testid="plan-list">
          {plans.map((p) => (
            <li key={p.id} className={p.id === currentId ? 'current' : ''}>
              <span className="swatch" style={{ background: planColor(p.id) }} aria-hidden="true" />
              <a
                href={href(`/plans/${encodeURIComponent(p.id)}`)}
                aria-current={p.id === currentId ? 'page' : undefined}
                className="ellipsis"
                title={p.plan.name}
                onClick={() => open && onToggle()}
              >
                {p.plan.name}
              </a>
              <span className="meta">
                {p.plan.kind}
                {p.example ? ' · example' : ''}
              </span>
            </li>
          ))}
        </ul>
        {damaged.length > 0 && (
          <DamagedList
            records={damaged}
            intro={`${damaged.length} damaged record${damaged.length > 1 ? 's' : ''}: written by another version or damaged on disk; they cannot be opened, nothing else is affected.`}
            onExport={(d) => onExportDamaged?.(d)}
          />
        )}
        <div className="row">
          <button
            type="button"
            className="link"
            onClick={onExportWorkspace}
            title="Back up every plan and user preset to one file; open or drop it to restore"
          >
            Export workspace (backup)
          </button>
        </div>
        <p className="muted" style={{ fontSize: 11, margin: '2px 0 0' }}>
          Open a plan or workspace file with Ctrl+O, or drop it on the window.
        </p>
      </div>
    </aside>
  );
}
