/**
 * The pages, each loaded when first needed: the first window loads the shell and one page, not
 * every page's code (charts, the report, the validation cases). main.tsx loads the first page
 * before React renders, so it shows without a "Loading…" step (React holds a revealed Suspense
 * fallback for 300 ms); `preloadPages` fetches the rest once the browser is idle, so moving between
 * pages does not wait on the network either. A page not loaded yet suspends (Suspense in App.tsx).
 */
import { use, type ComponentType } from 'react';
import type { MenuCommand } from '@shared/ipc/channels';
import type { Route } from '../app/router';

export interface CommandHandlers {
  /** A page registers what a menu command does while it is shown; returns the unregister. */
  register(cmd: MenuCommand, fn: () => void | Promise<void>): () => void;
}

export interface PageProps {
  route: Route;
  commands: CommandHandlers;
}

type PageName =
  | 'start'
  | 'plans'
  | 'compare'
  | 'hardware'
  | 'models'
  | 'network'
  | 'clusters'
  | 'cluster-report'
  | 'validation'
  | 'sources'
  | 'report'
  | 'print'
  | 'sizing'
  | 'sizing-report';

type Loader = () => Promise<Record<string, unknown>>;

/** Each page: the module that holds it and the name it is exported under. */
const MODULES: Record<PageName, [Loader, string]> = {
  start: [() => import('./Start'), 'StartPage'],
  plans: [() => import('./Plans'), 'PlansPage'],
  compare: [() => import('./Compare'), 'ComparePage'],
  hardware: [() => import('./Hardware'), 'HardwarePage'],
  models: [() => import('./Models'), 'ModelsPage'],
  network: [() => import('./Network'), 'NetworkPage'],
  clusters: [() => import('./Clusters'), 'ClustersPage'],
  'cluster-report': [() => import('./Clusters'), 'ClusterReportPage'],
  validation: [() => import('./Validation'), 'ValidationPage'],
  sources: [() => import('./Sources'), 'SourcesPage'],
  report: [() => import('./Report'), 'ReportPage'],
  print: [() => import('./Report'), 'PrintPage'],
  sizing: [() => import('./Sizing'), 'SizingPage'],
  'sizing-report': [() => import('./Sizing'), 'SizingReportPage'],
};

/** A page component that renders at once when its module is loaded, and suspends until it is otherwise. */
export type PageComponent = ComponentType<PageProps> & { load: () => Promise<unknown> };

function lazyPage([load, name]: [Loader, string]): PageComponent {
  let loaded: ComponentType<PageProps> | null = null;
  let pending: Promise<ComponentType<PageProps>> | null = null;
  const get = (): Promise<ComponentType<PageProps>> =>
    (pending ??= load().then((m) => (loaded = m[name] as ComponentType<PageProps>)));
  function LazyPage(props: PageProps) {
    const C = loaded ?? use(get());
    return <C {...props} />;
  }
  return Object.assign(LazyPage, { load: get });
}

export const PAGES = Object.fromEntries(Object.entries(MODULES).map(([k, m]) => [k, lazyPage(m)])) as Record<
  PageName,
  PageComponent
>;

/** Starts loading a page's code (the first page, before React renders it). */
export function preloadPage(name: string): Promise<unknown> {
  const p = PAGES[name as PageName];
  return p ? p.load().catch(() => undefined) : Promise.resolve();
}

/**
 * Loads every page's code a while after the first page is shown, when the browser is idle (not
 * while the first page's results are computed), so later navigation does not wait for it.
 */
export function preloadPages(): void {
  const all = (): void => Object.keys(PAGES).forEach((k) => void preloadPage(k));
  setTimeout(() => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(all, { timeout: 3000 });
    else all();
  }, 1500);
}
