// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), one
// test per item that applies, against the real main-process modules: electron/main/index.ts and
// the preload run here on a fake `electron` module that records what they ask of Electron (the
// Electron binary is not needed), and the pure helpers in security.ts and handlers.ts.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { handleOpenFile, handleSaveFile, type DialogPort, type FsPort } from '../../electron/main/handlers';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedRequest,
  isRendererFile,
  isSafeExternalUrl,
  META_CONTENT_SECURITY_POLICY,
  MIN_ELECTRON_MAJOR,
} from '../../electron/main/security';
import { Channels } from '../../shared/ipc/channels';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Listener>();
  const ipc = new Map<string, Listener>();
  const exposed = new Map<string, unknown>();
  const invoked: Array<[string, unknown]> = [];
  const rendererListeners = new Map<string, Listener>();
  const opened: string[] = [];
  class FakeWebContents {
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    listeners = new Map<string, Listener[]>();
    url = '';
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
      this.openHandler = h;
    }
    on(ev: string, l: Listener): void {
      this.listeners.set(ev, [...(this.listeners.get(ev) ?? []), l]);
    }
    getURL(): string {
      return this.url;
    }
    send(): void {}
    /** Emits an event the way Electron does; returns whether a listener prevented the default. */
    emit(ev: string, ...args: unknown[]): boolean {
      let prevented = false;
      const e = { preventDefault: () => (prevented = true) };
      for (const l of this.listeners.get(ev) ?? []) l(e, ...args);
      return prevented;
    }
  }
  class FakeWindow {
    static all: FakeWindow[] = [];
    static getAllWindows(): FakeWindow[] {
      return FakeWindow.all;
    }
    webContents = new FakeWebContents();
    loaded = '';
    constructor(readonly options: Record<string, unknown>) {
      FakeWindow.all.push(this);
      appListeners.get('web-contents-created')?.({}, this.webContents);
    }
    loadFile(p: string): Promise<void> {
      this.loaded = p;
      this.webContents.url = String(new URL(`file://${p}`));
      return Promise.resolve();
    }
    loadURL(u: string): Promise<void> {
      this.loaded = u;
      return Promise.resolve();
    }
    once(): void {}
    on(): void {}
    maximize(): void {}
    show(): void {}
    isMaximized(): boolean {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1200, height: 800 };
    }
  }
  const session = {
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    devicePermission: null as null | Listener,
    beforeRequest: null as null | Listener,
    headersReceived: null as null | Listener,
    setPermissionRequestHandler(h: Listener) {
      this.permissionRequest = h;
    },
    setPermissionCheckHandler(h: Listener) {
      this.permissionCheck = h;
    },
    setDevicePermissionHandler(h: Listener) {
      this.devicePermission = h;
    },
    webRequest: {
      onBeforeRequest: (h: Listener) => (session.beforeRequest = h),
      onHeadersReceived: (h: Listener) => (session.headersReceived = h),
    },
  };
  let sandboxEnabled = false;
  const paths: Array<[string, string]> = [];
  const menus: unknown[] = [];
  const electron = {
    app: {
      // The packaged app: what users run (development-only features must be off).
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      enableSandbox: () => (sandboxEnabled = true),
      setPath: (k: string, v: string) => void paths.push([k, v]),
      getPath: () => '/nonexistent-user-data',
      whenReady: () => Promise.resolve(),
      setName: () => undefined,
      getName: () => 'Cluster Planner',
      getVersion: () => '0.1.0',
      on: (ev: string, l: Listener) => appListeners.set(ev, l),
      quit: () => undefined,
    },
    BrowserWindow: FakeWindow,
    Menu: { setApplicationMenu: (m: unknown) => void menus.push(m), buildFromTemplate: (t: unknown) => t },
    dialog: {
      showSaveDialog: async () => ({ canceled: true }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    ipcMain: { handle: (ch: string, fn: Listener) => ipc.set(ch, fn) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: session },
    shell: { openExternal: async (u: string) => void opened.push(u) },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) },
    ipcRenderer: {
      invoke: async (ch: string, payload: unknown) => void invoked.push([ch, payload]),
      on: (ch: string, l: Listener) => rendererListeners.set(ch, l),
      removeListener: (ch: string) => rendererListeners.delete(ch),
    },
  };
  return {
    electron,
    FakeWindow,
    session,
    appListeners,
    ipc,
    exposed,
    invoked,
    rendererListeners,
    opened,
    paths,
    menus,
    sandbox: () => sandboxEnabled,
  };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

let win: InstanceType<typeof fake.FakeWindow>;
let appPage: string;
let rendererDir: string;

beforeAll(async () => {
  process.env['CLUSTER_PLANNER_USER_DATA'] = '/tmp/somewhere-else';
  await import('../../electron/main/index');
  delete process.env['CLUSTER_PLANNER_USER_DATA'];
  await new Promise((r) => setTimeout(r, 0));
  win = fake.FakeWindow.all[0]!;
  rendererDir = resolve('electron/renderer');
  appPage = String(pathToFileURL(join(rendererDir, 'index.html')));
  await import('../../electron/preload/index');
});

const prefs = (): Record<string, unknown> => win.options['webPreferences'] as Record<string, unknown>;
const trusted = { senderFrame: { url: '', parent: null } };

describe('Electron security checklist', () => {
  it('1. only secure content: the window loads the bundled file, and the session cancels every other request', () => {
    expect(win.loaded).toBe(join(rendererDir, 'index.html'));
    const before = fake.session.beforeRequest!;
    const verdict = (url: string): boolean => {
      let cancel = false;
      before({ url }, (r: { cancel?: boolean }) => (cancel = !!r.cancel));
      return !cancel;
    };
    expect(verdict(appPage)).toBe(true);
    expect(verdict(String(pathToFileURL(join(rendererDir, 'assets/index.js'))))).toBe(true);
    expect(verdict('data:image/png;base64,AAAA')).toBe(true);
    for (const url of [
      'https://example.com/x.js',
      'http://127.0.0.1:8080/',
      'wss://example.com',
      'ftp://example.com',
      'file:///etc/passwd',
      String(pathToFileURL(join(rendererDir, '../main/index.js'))),
      `${appPage.replace('/index.html', '')}/%2e%2e/main/index.js`,
    ])
      expect(verdict(url), url).toBe(false);
  });
  it('2. no Node.js integration in the page, its workers or subframes', () => {
    expect(prefs()).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });
  it('3. context isolation is on', () => expect(prefs()['contextIsolation']).toBe(true));
  it('4. every renderer is sandboxed (app.enableSandbox and the window preference)', () => {
    expect(fake.sandbox()).toBe(true);
    expect(prefs()['sandbox']).toBe(true);
  });
  it('5. every permission request and check is refused', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | null = null;
      fake.session.permissionRequest!({}, p, (g: boolean) => (granted = g));
      expect(granted, p).toBe(false);
      expect(fake.session.permissionCheck!({}, p, 'file://')).toBe(false);
    }
    expect(fake.session.devicePermission!({})).toBe(false);
  });
  it('6. web security is not disabled', () => expect(prefs()['webSecurity']).toBe(true));
  it('7. a strict CSP on every response and in index.html for file:// loads', () => {
    let headers: Record<string, string[]> = {};
    fake.session.headersReceived!(
      { url: appPage, responseHeaders: { 'X-Other': ['1'] } },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['X-Other']).toEqual(['1']);
    for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'"])
      expect(CONTENT_SECURITY_POLICY).toContain(d);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
  });
  it('8. insecure content is not allowed', () => expect(prefs()['allowRunningInsecureContent']).toBe(false));
  it('9. experimental features are off', () => expect(prefs()['experimentalFeatures']).toBe(false));
  it('10. no enableBlinkFeatures (and middle-click new windows, Auxclick, disabled)', () => {
    expect(prefs()).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs()['disableBlinkFeatures']).toBe('Auxclick');
  });
  it('11–12. <webview> is disabled and every attach is refused', () => {
    expect(prefs()['webviewTag']).toBe(false);
    expect(win.webContents.emit('will-attach-webview', {}, {})).toBe(true);
  });
  it('13. navigation away from the app page, redirects and frame navigation are refused', () => {
    expect(win.webContents.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win.webContents.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(win.webContents.emit('will-navigate', String(pathToFileURL(join(rendererDir, 'other.html'))))).toBe(true);
    expect(win.webContents.emit('will-navigate', `${appPage}#/plans`)).toBe(false);
    expect(win.webContents.emit('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(win.webContents.emit('will-redirect', appPage)).toBe(true);
    expect(prefs()['navigateOnDragDrop']).toBe(false);
  });
  it('14. new windows are denied', () => {
    for (const url of ['https://arxiv.org/abs/2505.09343', 'http://x.example', 'file:///etc/passwd', appPage])
      expect(win.webContents.openHandler!({ url })).toEqual({ action: 'deny' });
  });
  it('15. shell.openExternal gets only checked https links on hosts the sources registry links to', () => {
    fake.opened.length = 0;
    for (const url of [
      'https://arxiv.org/abs/2505.09343',
      'https://example.com/a-host-no-source-cites',
      'http://x.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.com/',
    ])
      win.webContents.openHandler!({ url });
    expect(fake.opened).toEqual(['https://arxiv.org/abs/2505.09343']);
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['http', 'ftp', 'file', 'javascript', 'data'] }),
        (u) => !isSafeExternalUrl(u),
      ),
      { seed: 15, numRuns: 200 },
    );
  });
  it('16. Electron is current: package.json and the installed version are at least the tested major', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
    expect(Number(/\d+/.exec(pkg.devDependencies['electron']!)![0])).toBeGreaterThanOrEqual(MIN_ELECTRON_MAJOR);
    const installed = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string };
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(MIN_ELECTRON_MAJOR);
  });
  it('17. every IPC channel validates its sender and schema-checks its payload', async () => {
    expect([...fake.ipc.keys()].sort()).toEqual(
      [
        Channels.saveFile,
        Channels.openFile,
        Channels.exportPdf,
        Channels.appInfo,
        Channels.openExternal,
        Channels.takeOpenedFiles,
      ].sort(),
    );
    for (const [ch, handler] of fake.ipc) {
      for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: appPage, parent: {} }, null])
        expect(() => handler({ senderFrame: frame }, {}), `${ch} from ${frame?.url}`).toThrow(/IPC refused/);
    }
    trusted.senderFrame.url = appPage;
    const r = (await fake.ipc.get(Channels.saveFile)!(trusted, { suggestedName: '../x', contents: '' })) as {
      message: string;
    };
    expect(r.message).toMatch(/suggestedName/);
    expect(await fake.ipc.get(Channels.appInfo)!(trusted, undefined)).toMatchObject({ name: 'Cluster Planner' });
    for (const bad of [{ url: 'file:///etc/passwd' }, { url: 'https://user:pw@example.org/' }, { link: 'x' }, 'x'])
      expect(await fake.ipc.get(Channels.openExternal)!(trusted, bad), JSON.stringify(bad)).toMatchObject({
        ok: false,
        reason: 'refused',
      });
  });
  it('18. file:// is used (IndexedDB is keyed by origin) but only the renderer folder is reachable', () => {
    expect(isRendererFile(appPage, rendererDir)).toBe(true);
    expect(isRendererFile(String(pathToFileURL(join(rendererDir, '..', 'preload', 'index.cjs'))), rendererDir)).toBe(
      false,
    );
    expect(isAllowedRequest('file:///home/user/.ssh/id_rsa', { rendererDir })).toBe(false);
  });
  it('19. fuses: no ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect; asar only and integrity-checked', () => {
    const yml = readFileSync('build/electron-builder.yml', 'utf8');
    const block = /^electronFuses:\n((?: {2}.+\n)+)/m.exec(yml)?.[1] ?? '';
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'onlyLoadAppFromAsar: true',
      'enableEmbeddedAsarIntegrityValidation: true',
      'enableCookieEncryption: true',
    ])
      expect(block).toContain(`  ${line}\n`);
  });
  it('20. the preload exposes only named functions: no ipcRenderer, no events, no Electron APIs', async () => {
    expect([...fake.exposed.keys()]).toEqual(['clusterPlanner']);
    const bridge = fake.exposed.get('clusterPlanner') as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(bridge).sort()).toEqual([
      'appInfo',
      'exportPdf',
      'onFileOpened',
      'onMenuCommand',
      'openExternal',
      'openFile',
      'saveFile',
      'takeOpenedFiles',
    ]);
    for (const v of Object.values(bridge)) expect(typeof v).toBe('function');
    await bridge['saveFile']!({ suggestedName: 'a.json', contents: '{}' });
    expect(fake.invoked.at(-1)).toEqual([Channels.saveFile, { suggestedName: 'a.json', contents: '{}' }]);
    const got: unknown[] = [];
    const off = bridge['onMenuCommand']!((c: unknown) => got.push(c)) as () => void;
    const l = fake.rendererListeners.get(Channels.menuCommand)!;
    l({ sender: 'the raw event' }, 'open');
    l({}, 'rm -rf /');
    expect(got).toEqual(['open']);
    off();
    expect(fake.rendererListeners.has(Channels.menuCommand)).toBe(false);
  });
});

describe('the packaged app', () => {
  it('has no DevTools: no menu item, and the window refuses to open them', () => {
    expect(prefs()['devTools']).toBe(false);
    const menu = JSON.stringify(fake.menus.at(-1));
    expect(menu).toContain('"role":"reload"');
    expect(menu).not.toContain('toggleDevTools');
  });
  it('ignores CLUSTER_PLANNER_USER_DATA (only development and tests may move the user data)', () => {
    expect(fake.paths.filter(([k]) => k === 'userData')).toEqual([]);
  });
  it('listens for files the OS opens (macOS open-file) and for a second launch', () => {
    expect(fake.appListeners.has('open-file')).toBe(true);
    expect(fake.appListeners.has('second-instance')).toBe(true);
  });
});

describe('save and open touch only the path the user picked in the dialog', () => {
  it('whatever the payload holds, writes go to the dialog’s path and reads come from it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            suggestedName: fc.oneof(fc.string(), fc.constantFrom('/etc/passwd', '..\\\\x', 'a.json')),
            contents: fc.string(),
            path: fc.constantFrom('/etc/passwd', '/tmp/x', 'C:\\\\Windows\\\\x'),
            filePath: fc.string(),
            defaultPath: fc.string(),
          },
          { requiredKeys: [] },
        ),
        async (payload) => {
          const written: string[] = [];
          const read: string[] = [];
          const asked: string[] = [];
          const dialog: DialogPort = {
            showSaveDialog: async (o) => (
              asked.push(o.defaultPath),
              { canceled: false, filePath: '/picked/by/user.json' }
            ),
            showOpenDialog: async () => ({ canceled: false, filePaths: ['/picked/by/user.json'] }),
          };
          const fs: FsPort = {
            writeFile: async (p) => void written.push(p),
            readFile: async (p) => (read.push(p), '{}'),
            fileInfo: async (p) => (read.push(p), { size: 2, regular: true }),
          };
          await handleSaveFile(payload, dialog, fs);
          await handleOpenFile(payload, dialog, fs);
          expect(written.every((p) => p === '/picked/by/user.json')).toBe(true);
          expect(read.every((p) => p === '/picked/by/user.json')).toBe(true);
          // The suggested name reaches the dialog only as a bare file name.
          expect(asked.every((n) => !/[\\/]/.test(n))).toBe(true);
        },
      ),
      { seed: 18, numRuns: 300 },
    );
  });
});
