/**
 * Window and session hardening, in one place: each item of Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security, "Checklist: Security
 * Recommendations") that applies to this app, as plain functions over small ports so unit tests
 * reach them with fakes (test/unit/electron-security.test.ts names each item):
 * - web preferences (written out in index.ts, where scanners look for them): context isolation,
 *   sandbox, no Node in renderers or workers, web security, no insecure content, no experimental or
 *   Blink features, no <webview>, no drag-to-navigate;
 * - the session: every permission request and check refused, the CSP header on every response,
 *   and every request that is not the app itself cancelled (no remote content, ever);
 * - each WebContents: navigation, redirects, frames navigating away, <webview> and new windows
 *   denied; https links on a host the sources registry links to handed to the OS browser,
 *   nothing else (shared/ipc/external-links.ts);
 * - IPC: a message is handled only when it comes from the app's own top-level page.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { externalUrlProblem } from '../../shared/ipc/external-links';
import { registryHosts } from './external-links';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy as a `<meta http-equiv>` in renderer/index.html, which is what applies when the
 * packaged renderer loads from file:// (no response headers there). `frame-ancestors` is ignored
 * in a meta tag, so it is left out of it; a unit test keeps index.html equal to this.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

/** Only https URLs leave the app, without credentials, and only to the system browser (see also the host allow-list). */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Where the app's own pages come from: the bundled renderer folder, or the dev server. */
export interface AppOrigin {
  /** Absolute path of out/renderer (the packaged renderer). */
  rendererDir: string;
  /** ELECTRON_RENDERER_URL in development; undefined in the packaged app. */
  devServerUrl?: string | undefined;
}

/** A file:// URL inside the renderer folder (no `..` escape, percent-encoded or not). */
export function isRendererFile(raw: string, rendererDir: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'file:') return false;
    const rel = relative(resolve(rendererDir), resolve(fileURLToPath(url)));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  } catch {
    return false;
  }
}

/** The app's own pages: the bundled renderer files, or the dev server in development. */
export function isAppUrl(raw: string, origin: AppOrigin): boolean {
  if (isRendererFile(raw, origin.rendererDir)) return true;
  if (!origin.devServerUrl) return false;
  try {
    return new URL(raw).origin === new URL(origin.devServerUrl).origin;
  } catch {
    return false;
  }
}

/**
 * What the session lets through: the app's files (or dev server), data: and blob: URLs the page
 * made itself, and devtools. Everything else — any http(s) host, ws:, ftp:, other files — is
 * cancelled before it leaves the machine.
 */
export function isAllowedRequest(raw: string, origin: AppOrigin): boolean {
  if (isAppUrl(raw, origin)) return true;
  try {
    const p = new URL(raw).protocol;
    if (p === 'data:' || p === 'blob:' || p === 'devtools:') return true;
    if (origin.devServerUrl && p === 'ws:') return new URL(raw).host === new URL(origin.devServerUrl).host;
    return false;
  } catch {
    return false;
  }
}

// ---- ports: the parts of Electron's Session and WebContents this module uses ------------------

type Callback<T> = (v: T) => void;
export interface SessionPort {
  setPermissionRequestHandler(h: (wc: unknown, permission: string, cb: Callback<boolean>) => void): void;
  setPermissionCheckHandler(h: (...args: unknown[]) => boolean): void;
  setDevicePermissionHandler?(h: (...args: unknown[]) => boolean): void;
  webRequest: {
    onBeforeRequest(h: (d: { url: string }, cb: Callback<{ cancel?: boolean }>) => void): void;
    onHeadersReceived(
      h: (
        d: { url: string; responseHeaders?: Record<string, string[] | string> },
        cb: Callback<{ responseHeaders?: Record<string, string[] | string> }>,
      ) => void,
    ): void;
  };
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContentsPort {
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(event: 'will-navigate' | 'will-frame-navigate', l: (e: PreventableEvent, url: string) => void): void;
  on(event: 'will-redirect', l: (e: PreventableEvent, url: string) => void): void;
  on(event: 'will-attach-webview', l: (e: PreventableEvent) => void): void;
  getURL(): string;
}

/** Refuses every permission, sets the CSP header on every response, cancels requests that are not the app. */
export function hardenSession(session: SessionPort, origin: AppOrigin, onBlocked?: (url: string) => void): void {
  session.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  session.webRequest.onBeforeRequest((details, cb) => {
    const ok = isAllowedRequest(details.url, origin);
    if (!ok) onBlocked?.(details.url);
    cb(ok ? {} : { cancel: true });
  });
  // The policy is written out (not CONTENT_SECURITY_POLICY) so static scanners (electronegativity)
  // can read and evaluate it; a unit test keeps the two equal.
  session.webRequest.onHeadersReceived((details, cb) => {
    cb({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
}

/**
 * Denies new windows (a safe https link goes to the OS browser instead), navigation away from the
 * app's page, redirects, frames navigating away and <webview>. In-page (hash) navigation does not
 * raise will-navigate, so the app's router is unaffected.
 */
export function hardenWebContents(
  wc: WebContentsPort,
  origin: AppOrigin,
  openExternal: (url: string) => void,
  hosts: ReadonlySet<string> = registryHosts(),
): void {
  wc.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url) && externalUrlProblem(url, hosts) === null) openExternal(url);
    return { action: 'deny' };
  });
  const stayOnPage = (e: PreventableEvent, url: string): void => {
    if (!isAppUrl(url, origin) || url.split('#')[0] !== wc.getURL().split('#')[0]) e.preventDefault();
  };
  wc.on('will-navigate', stayOnPage);
  wc.on('will-frame-navigate', stayOnPage);
  wc.on('will-redirect', (e) => e.preventDefault());
  wc.on('will-attach-webview', (e) => e.preventDefault());
}

/** An IPC message is answered only when its sender is the app's own top-level page. */
export function isTrustedSender(
  frame: { url: string; parent?: unknown } | null | undefined,
  origin: AppOrigin,
): boolean {
  if (!frame || (frame.parent !== null && frame.parent !== undefined)) return false;
  return isAppUrl(frame.url, origin);
}

/**
 * The Electron major this release is built and tested with. Electron supports only the latest
 * three stable majors (https://www.electronjs.org/docs/latest/tutorial/electron-timelines), so
 * staying current means upgrading with them: raise this with every upgrade. A unit test checks
 * that package.json and the installed Electron are not older; checking for a newer release needs
 * the network (`npm outdated electron`) and is part of the release routine (README).
 */
export const MIN_ELECTRON_MAJOR = 45;

export interface IpcEventLike {
  senderFrame?: { url: string; parent?: unknown } | null;
}

/** Wraps an ipcMain.handle listener: messages from anything but the app's own page are refused. */
export function guardIpc<E extends IpcEventLike, R>(
  origin: AppOrigin,
  handler: (event: E, payload: unknown) => R,
): (event: E, payload: unknown) => R {
  return (event, payload) => {
    if (!isTrustedSender(event.senderFrame, origin))
      throw new Error(`IPC refused: the sender ${event.senderFrame?.url ?? '(unknown)'} is not the app's page`);
    return handler(event, payload);
  };
}
