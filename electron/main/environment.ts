/**
 * What differs between development (electron-vite dev, an unpackaged `out/main` run as the tests
 * launch it) and the packaged app, decided in one place:
 * - CLUSTER_PLANNER_USER_DATA moves the user-data folder only in development and tests: a packaged
 *   build ignores it, so an environment variable cannot point the user's app at another database;
 * - DevTools exist only in development (no menu item, and the windows refuse to open them).
 * Also the single-instance lock: a second launch hands its arguments (a file to open) to the
 * first instance, which comes to the front, and quits; two instances never share one database.
 */
export interface RunMode {
  /** app.isPackaged */
  packaged: boolean;
  /** ELECTRON_RENDERER_URL (the dev server) when set. */
  devServerUrl?: string | undefined;
}

export const isDevelopment = (m: RunMode): boolean => !m.packaged || !!m.devServerUrl;

/** The user-data folder to use instead of Electron's, or null. */
export function userDataOverride(env: Readonly<Record<string, string | undefined>>, m: RunMode): string | null {
  const dir = env['CLUSTER_PLANNER_USER_DATA'];
  return dir && isDevelopment(m) ? dir : null;
}

export const devToolsAllowed = (m: RunMode): boolean => isDevelopment(m);

export interface InstanceAppPort {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (e: unknown, argv: string[], cwd: string) => void): void;
}

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Takes the single-instance lock. Without it (another instance runs) the app quits and false is
 * returned; with it, a later launch's arguments go to `onSecond`.
 */
export function claimSingleInstance(app: InstanceAppPort, onSecond: (argv: string[], cwd: string) => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_e, argv, cwd) => onSecond(argv, cwd));
  return true;
}

/** Brings a window to the front (restored if minimised). */
export function bringToFront(win: FocusableWindow | undefined): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
