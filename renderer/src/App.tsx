import { Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MenuCommand } from '@shared/ipc/channels';
import { PlatformContext } from './app/platform-context';
import { navigate, useRoute, type Route } from './app/router';
import { useShortcuts } from './app/shortcuts';
import { StatusProvider, useStatus, type StatusApi } from './app/status';
import { Crash } from './components/Crash';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { About } from './pages/About';
import { NotFound } from './pages/NotFound';
import { PAGES, preloadPages, type CommandHandlers } from './pages/registry';
import type { Platform } from './platform';
import { MAX_OPEN_BYTES } from './platform/web';
import { onWriteState, replayPendingWrites, retryPendingWrites } from './db/writes';

function Page({ route, commands }: { route: Route; commands: CommandHandlers }): ReactNode {
  switch (route.page) {
    case 'about':
      return <About />;
    case 'crash':
      return <Crash />;
    case 'not-found':
      return <NotFound path={route.path} />;
    default: {
      const P = PAGES[route.page];
      return <P route={route} commands={commands} />;
    }
  }
}

/** Shown while a page's code loads; the app says "loading" meanwhile (tests and the bench wait for "ready"). */
function PageLoading({ onLoading }: { onLoading: (loading: boolean) => void }) {
  useLayoutEffect(() => {
    onLoading(true);
    return () => onLoading(false);
  }, [onLoading]);
  return (
    <p className="muted page-loading" role="status">
      Loading…
    </p>
  );
}

/** The skip link moves focus to the main pane (a plain #main link would change the hash route). */
function skipToMain(e: React.MouseEvent): void {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

/**
 * One-shot writes (settings, user presets: db/writes.ts): what a reload or crash left is applied at
 * start-up; a failed write says so in the status bar, with Retry now, until it succeeds.
 */
function useWriteQueueStatus(status: StatusApi): void {
  const statusRef = useRef(status);
  statusRef.current = status;
  useEffect(() => {
    const off = onWriteState((s) => {
      if (s.failed)
        statusRef.current.show({
          kind: 'error',
          text: `Not saved: ${s.failed}. ${s.pending} change(s) are kept in this browser's crash journal and saved as soon as the database accepts them; retrying.`,
          action: { label: 'Retry now', run: () => void retryPendingWrites() },
        });
      else if (s.keptOther)
        statusRef.current.show({
          kind: 'info',
          text: `The preset was also changed in another window: both versions are kept (the other as “${s.keptOther}”).`,
        });
    });
    void replayPendingWrites();
    return off;
  }, []);
}

/** Menu commands and their shortcuts: a page registers what a command does while it is shown. */
function useMenuCommands(platform: Platform, status: StatusApi): CommandHandlers {
  const handlers = useRef<Partial<Record<MenuCommand, () => void | Promise<void>>>>({});
  const commands = useMemo<CommandHandlers>(
    () => ({
      register(cmd, fn) {
        handlers.current[cmd] = fn;
        return () => {
          if (handlers.current[cmd] === fn) delete handlers.current[cmd];
        };
      },
    }),
    [],
  );
  const run = useCallback(
    (cmd: MenuCommand) => {
      const fn = handlers.current[cmd];
      if (fn) {
        void Promise.resolve(fn()).catch((e: unknown) => status.show({ kind: 'error', text: String(e) }));
        return;
      }
      if (cmd === 'about') navigate('/about');
      else if (cmd === 'new-plan') navigate('/plans/new');
      else if (cmd === 'export-pdf') void platform.exportPdf('cluster-planner.pdf');
      else status.show({ kind: 'info', text: 'Open a plan first: Save As works on the plan being edited.' });
    },
    [platform, status],
  );
  useEffect(() => platform.onMenuCommand(run), [platform, run]);

  // The status API changes with every message: a ref keeps the import and the OS-file subscription stable.
  const statusRef = useRef(status);
  statusRef.current = status;
  /** Imports a file's text (dropped, or opened from the OS) and shows what came in. */
  const openText = useCallback(
    (name: string, text: string): Promise<void> => openImportedText(name, text, statusRef.current),
    [],
  );
  // Files the operating system asked to open (double-click, a second launch): one after another.
  useEffect(
    () =>
      platform.onOpenedFiles((files) => {
        void files.reduce<Promise<void>>(
          (prev, f) =>
            prev.then(() =>
              f.ok
                ? openText(f.name, f.contents)
                : statusRef.current.show({ kind: 'error', text: `${f.message} Nothing was changed.` }),
            ),
          Promise.resolve(),
        );
      }),
    [platform, openText],
  );
  useShortcuts(platform.kind === 'web', run);
  return commands;
}

/**
 * Imports a file's text (dropped, or opened from the OS: a plan, cluster, sizing spec or workspace),
 * opens what came in and says so; the importer loads on first use.
 */
function openImportedText(name: string, text: string, status: StatusApi): Promise<void> {
  return import('./plans/import')
    .then((m) => m.importAnyText(name, text))
    .then((r) => {
      if (r.planId) navigate(`/plans/${r.planId}`);
      else if (r.clusterId) navigate(`/clusters/${r.clusterId}`);
      else if (r.sizingId) navigate(`/sizing/${r.sizingId}`);
      status.show({ kind: 'success', text: r.message });
    })
    .catch((err: unknown) =>
      status.show({ kind: 'error', text: `${name}: ${(err as Error).message}. Nothing was changed.` }),
    );
}

/** A file dropped on the window is imported (plan, cluster, sizing spec or workspace) and opened. */
function useFileDrop(status: StatusApi) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: React.DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    if (file.size > MAX_OPEN_BYTES)
      return status.show({
        kind: 'error',
        text: `${file.name} is ${file.size} bytes; the limit is ${MAX_OPEN_BYTES}. Nothing was changed.`,
      });
    void file.text().then((t) => openImportedText(file.name, t, status));
  };
  const onDragOver = (e: React.DragEvent): void => {
    if (e.dataTransfer.types.includes('Files')) {
      e.preventDefault();
      setDragging(true);
    }
  };
  return { dragging, onDrop, onDragOver, onDragLeave: () => setDragging(false) };
}

const pageKeyOf = (route: Route): string =>
  `${route.page}:${'planId' in route ? (route.planId ?? '') : 'clusterId' in route ? (route.clusterId ?? '') : 'specId' in route ? (route.specId ?? '') : ''}`;

function Frame({ platform }: { platform: Platform }) {
  const route = useRoute();
  const status = useStatus();
  const [label, setLabel] = useState('');
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    void platform.describe().then(setLabel);
  }, [platform]);
  const commands = useMenuCommands(platform, status);
  useWriteQueueStatus(status);
  const drop = useFileDrop(status);
  // A new page starts at its top (the main pane is one scroller shared by every page), and the
  // status bar drops what it said about the page before.
  useEffect(() => {
    document.getElementById('main')?.scrollTo(0, 0);
  }, [route.page]);
  const { leftPage } = status;
  useEffect(() => leftPage(window.location.hash), [route, leftPage]);
  // Once the first page is on screen, the other pages' code loads in the background.
  const preloaded = useRef(false);
  useEffect(() => {
    if (loading || preloaded.current) return;
    preloaded.current = true;
    preloadPages();
  }, [loading]);
  return (
    <div
      className={`app${drop.dragging ? ' dragging' : ''}`}
      data-app-state={loading ? 'loading' : 'ready'}
      data-platform={platform.kind}
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop}
    >
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to the page
      </a>
      <Sidebar route={route} />
      {/* Focusable, so a keyboard user can scroll a page that has no control in it (axe: scrollable-region-focusable). */}
      <main className="main" id="main" tabIndex={0} data-route={window.location.hash}>
        <ErrorBoundary resetKey={pageKeyOf(route)}>
          <Suspense fallback={<PageLoading onLoading={setLoading} />}>
            <Page route={route} commands={commands} />
          </Suspense>
        </ErrorBoundary>
      </main>
      <StatusBar platformLabel={label} engineState="ready" />
    </div>
  );
}

export function App({ platform }: { platform: Platform }) {
  return (
    <PlatformContext.Provider value={platform}>
      <StatusProvider>
        <Frame platform={platform} />
      </StatusProvider>
    </PlatformContext.Provider>
  );
}
