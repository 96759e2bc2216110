/**
 * Hash routing (`#/plans/abc`): works from file:// in Electron and from any static server. Routes
 * are data; `matchRoute` is pure so it is easy to test.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'start' }
  | { page: 'plans'; planId?: string | undefined }
  | { page: 'sizing'; specId?: string | undefined }
  | { page: 'sizing-report'; specId: string }
  | { page: 'compare' }
  | { page: 'hardware'; id?: string | undefined }
  | { page: 'models'; id?: string | undefined }
  | { page: 'network' }
  | { page: 'clusters'; clusterId?: string | undefined }
  | { page: 'cluster-report'; clusterId: string }
  | { page: 'validation' }
  | { page: 'sources'; id?: string | undefined }
  | { page: 'about' }
  | { page: 'report'; planId: string }
  | { page: 'print'; data: string }
  | { page: 'crash' }
  | { page: 'not-found'; path: string };

export function matchRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, arg] = parts;
  switch (head) {
    case undefined: // an empty address (the app's first window) opens "Start here"
    case 'start':
      return { page: 'start' };
    case 'plans':
      return { page: 'plans', planId: arg };
    case 'sizing':
      return { page: 'sizing', specId: arg };
    case 'sizing-report':
      return arg ? { page: 'sizing-report', specId: arg } : { page: 'not-found', path };
    case 'compare':
      return { page: 'compare' };
    case 'hardware':
      return { page: 'hardware', id: arg };
    case 'models':
      return { page: 'models', id: arg };
    case 'network':
      return { page: 'network' };
    case 'clusters':
      return { page: 'clusters', clusterId: arg };
    case 'cluster-report':
      return arg ? { page: 'cluster-report', clusterId: arg } : { page: 'not-found', path };
    case 'validation':
      return { page: 'validation' };
    case 'sources':
      return { page: 'sources', id: arg };
    case 'about':
      return { page: 'about' };
    case 'report':
      return arg ? { page: 'report', planId: arg } : { page: 'not-found', path };
    case 'print':
      return arg ? { page: 'print', data: arg } : { page: 'not-found', path };
    case '__crash':
      return { page: 'crash' };
    default:
      return { page: 'not-found', path };
  }
}

export const href = (path: string): string => `#${path}`;

export function navigate(path: string): void {
  window.location.hash = path;
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => matchRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(matchRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
