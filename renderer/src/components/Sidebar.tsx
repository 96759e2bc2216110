import type { KeyboardEvent } from 'react';
import type { Route } from '../app/router';
import { href } from '../app/router';

const ITEMS: Array<{ page: Route['page']; label: string; path: string; hint: string }> = [
  { page: 'start', label: 'Start here', path: '/start', hint: 'What Cluster Planner does, with an example of each' },
  {
    page: 'sizing',
    label: 'Size a deployment',
    path: '/sizing',
    hint: 'From a workload and its SLOs to the cheapest deployment',
  },
  { page: 'plans', label: 'Plans', path: '/plans', hint: 'Evaluate inference, training and RL plans' },
  { page: 'compare', label: 'Compare', path: '/compare', hint: 'Two to four plans side by side' },
  { page: 'hardware', label: 'Hardware', path: '/hardware', hint: 'Accelerators and systems' },
  { page: 'models', label: 'Models', path: '/models', hint: 'Model architectures' },
  { page: 'network', label: 'Network', path: '/network', hint: 'Cluster topologies and cost' },
  {
    page: 'clusters',
    label: 'Clusters',
    path: '/clusters',
    hint: 'Bill of materials, power, racks and TCO of a cluster',
  },
  { page: 'validation', label: 'Validation', path: '/validation', hint: 'Predicted vs published' },
  { page: 'sources', label: 'Sources', path: '/sources', hint: 'Every document the numbers come from' },
];

/** Up/Down (and Home/End) move between the sidebar's links; Tab still walks them in order. */
function arrowKeys(e: KeyboardEvent<HTMLElement>): void {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  const links = [...e.currentTarget.querySelectorAll('a')];
  const i = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (i < 0) return;
  e.preventDefault();
  const next =
    e.key === 'Home'
      ? 0
      : e.key === 'End'
        ? links.length - 1
        : (i + (e.key === 'ArrowDown' ? 1 : -1) + links.length) % links.length;
  links[next]?.focus();
}

export function Sidebar({ route }: { route: Route }) {
  return (
    <nav className="sidebar" aria-label="Main" onKeyDown={arrowKeys}>
      <div className="brand">
        <span className="logo" aria-hidden>
          ◈
        </span>
        Cluster Planner
      </div>
      <ul>
        {ITEMS.map((it) => (
          <li key={it.page}>
            <a
              href={href(it.path)}
              title={it.hint}
              aria-current={route.page === it.page ? 'page' : undefined}
              className={route.page === it.page ? 'active' : ''}
            >
              {it.label}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        <a href={href('/about')}>About</a>
      </div>
    </nav>
  );
}
