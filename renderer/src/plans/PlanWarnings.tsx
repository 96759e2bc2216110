/** A plan's warnings and notes under its results (errors stop evaluation and are shown instead). */
import type { PlanIssue } from '@shared/plan/context';

export function PlanWarnings({ issues }: { issues: readonly PlanIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="warnings" data-testid="plan-warnings">
      {issues.map((i) => (
        <li key={i.field + i.message} className={i.severity}>
          {i.severity}: {i.message}
        </li>
      ))}
    </ul>
  );
}
