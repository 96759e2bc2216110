/**
 * Electron main process: one window, the menu, IPC wiring. Kept thin: the logic lives in
 * `handlers.ts`, `menu.ts`, `window-state.ts` and `security.ts`, which unit tests reach without
 * Electron.
 *
 * The packaged renderer is always loaded from `file://…/out/renderer/index.html`. IndexedDB is
 * keyed by origin, so this choice is permanent: changing it would strand users' databases.
 */
import { promises as fsp, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, screen, session, shell } from 'electron';
import { Channels, type AppInfo, type MenuCommand } from '../../shared/ipc/channels';
import {
  handleExportPdf,
  handleOpenExternal,
  handleOpenFile,
  handleSaveFile,
  type DialogPort,
  type FsPort,
} from './handlers';
import { buildMenuTemplate } from './menu';
import { CONTENT_SECURITY_POLICY, isAppUrl, isSafeExternalUrl, secureWebPreferences } from './security';
import { clampToDisplays, parseWindowState, type WindowState } from './window-state';

const here = dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];

if (process.env['CLUSTER_PLANNER_USER_DATA']) app.setPath('userData', process.env['CLUSTER_PLANNER_USER_DATA']);

const stateFile = (): string => join(app.getPath('userData'), 'window-state.json');

function loadWindowState(): WindowState {
  let raw: string | undefined;
  try {
    raw = readFileSync(stateFile(), 'utf8');
  } catch {
    raw = undefined;
  }
  return clampToDisplays(
    parseWindowState(raw),
    screen.getAllDisplays().map((d) => d.workArea),
  );
}

function saveWindowState(win: BrowserWindow): void {
  const b = win.getNormalBounds();
  const state: WindowState = { ...b, maximized: win.isMaximized() };
  void fsp.writeFile(stateFile(), JSON.stringify(state)).catch(() => undefined);
}

const nodeFs: FsPort = {
  writeFile: (p, d) => fsp.writeFile(p, d),
  readFile: (p) => fsp.readFile(p, 'utf8'),
  fileSize: async (p) => (await fsp.stat(p)).size,
};

function createWindow(): BrowserWindow {
  const state = loadWindowState();
  const win = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Cluster Planner',
    backgroundColor: '#1b1d22',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(win));

  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url, devServerUrl) || url !== win.webContents.getURL()) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
}

function registerIpc(getWin: () => BrowserWindow | undefined): void {
  const dialogPort: DialogPort = {
    showSaveDialog: (o) => {
      const w = getWin();
      return w ? dialog.showSaveDialog(w, o) : dialog.showSaveDialog(o);
    },
    showOpenDialog: (o) => {
      const w = getWin();
      return w ? dialog.showOpenDialog(w, o) : dialog.showOpenDialog(o);
    },
  };
  ipcMain.handle(Channels.saveFile, (_e, payload: unknown) => handleSaveFile(payload, dialogPort, nodeFs));
  ipcMain.handle(Channels.openFile, (_e, payload: unknown) => handleOpenFile(payload, dialogPort, nodeFs));
  ipcMain.handle(Channels.exportPdf, (e, payload: unknown) =>
    handleExportPdf(payload, dialogPort, nodeFs, {
      printToPdf: async (pageSize) =>
        e.sender.printToPDF({
          pageSize,
          printBackground: true,
          preferCSSPageSize: true,
          generateDocumentOutline: true,
        }),
    }),
  );
  ipcMain.handle(Channels.openExternal, (_e, payload: unknown) =>
    handleOpenExternal(payload, { openExternal: (url) => shell.openExternal(url) }),
  );
  ipcMain.handle(Channels.appInfo, (): AppInfo => ({
    name: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
  }));
}

void app.whenReady().then(() => {
  app.setName('Cluster Planner');
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  let win: BrowserWindow | undefined = createWindow();
  win.on('closed', () => (win = undefined));
  registerIpc(() => win);
  const send = (cmd: MenuCommand): void => win?.webContents.send(Channels.menuCommand, cmd);
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, process.platform, 'Cluster Planner')));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
