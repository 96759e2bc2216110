/**
 * Electron main process: one window, the menu, IPC wiring. Kept thin: the logic lives in
 * `handlers.ts`, `menu.ts`, `window-state.ts`, `security.ts`, `environment.ts` (development vs
 * packaged, the single-instance lock) and `open-files.ts` (files the OS asks to open), which unit
 * tests reach without Electron.
 *
 * The packaged renderer is always loaded from `file://…/out/renderer/index.html`. IndexedDB is
 * keyed by origin, so this choice is permanent: changing it would strand users' databases.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, screen, session, shell } from 'electron';
import { Channels, type AppInfo, type MenuCommand } from '../../shared/ipc/channels';
import { handleExportPdf, handleOpenExternal, handleOpenFile, handleSaveFile, type DialogPort } from './handlers';
import { writeFileAtomic } from './atomic-write';
import { bringToFront, claimSingleInstance, devToolsAllowed, userDataOverride, type RunMode } from './environment';
import { nodeFs } from './node-fs';
import { openableArgs, OpenedFiles } from './open-files';
import { buildMenuTemplate } from './menu';
import { guardIpc, hardenSession, hardenWebContents, type AppOrigin } from './security';
import { clampToDisplays, parseWindowState, type WindowState } from './window-state';

const here = dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const origin: AppOrigin = { rendererDir: join(here, '../renderer'), devServerUrl };

const mode: RunMode = { packaged: app.isPackaged, devServerUrl };

// Every renderer sandboxed, whatever its web preferences say (checklist item 4).
app.enableSandbox();

// Before the single-instance lock, which is held per user-data folder.
const userData = userDataOverride(process.env, mode);
if (userData) app.setPath('userData', userData);

let win: BrowserWindow | undefined;
const opened = new OpenedFiles(nodeFs, () => win?.webContents.send(Channels.fileOpened));

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
  void writeFileAtomic(stateFile(), JSON.stringify(state)).catch(() => undefined);
}

function createWindow(): BrowserWindow {
  const state = loadWindowState();
  const win = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Cluster Planner',
    backgroundColor: '#1b1d22',
    // Electron security checklist items 2–4, 6, 8–11 (test/unit/electron-security.test.ts), written
    // out here, where electronegativity looks for them.
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: devToolsAllowed(mode),
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(win));

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(join(origin.rendererDir, 'index.html'));
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
  // Every channel answers only the app's own page (checklist item 17); payloads are schema-checked in handlers.ts.
  ipcMain.handle(
    Channels.saveFile,
    guardIpc(origin, (_e, payload) => handleSaveFile(payload, dialogPort, nodeFs)),
  );
  ipcMain.handle(
    Channels.openFile,
    guardIpc(origin, (_e, payload) => handleOpenFile(payload, dialogPort, nodeFs)),
  );
  ipcMain.handle(
    Channels.exportPdf,
    guardIpc(origin, (e: Electron.IpcMainInvokeEvent, payload) =>
      handleExportPdf(payload, dialogPort, nodeFs, {
        printToPdf: async (pageSize) =>
          e.sender.printToPDF({
            pageSize,
            printBackground: true,
            preferCSSPageSize: true,
            generateDocumentOutline: true,
          }),
      }),
    ),
  );
  ipcMain.handle(
    Channels.appInfo,
    guardIpc(origin, (): AppInfo => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
    })),
  );
  ipcMain.handle(
    Channels.openExternal,
    guardIpc(origin, (_e, payload) => handleOpenExternal(payload, { openExternal: (url) => shell.openExternal(url) })),
  );
  ipcMain.handle(
    Channels.takeOpenedFiles,
    guardIpc(origin, () => opened.take()),
  );
}

function start(): void {
  // Every WebContents the app ever creates (the window, devtools, anything else) is hardened.
  app.on('web-contents-created', (_e, wc) => hardenWebContents(wc, origin, (url) => void shell.openExternal(url)));
  // macOS hands a double-clicked file to the running app, possibly before it is ready.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    void opened.add(path);
    bringToFront(win);
  });
  void app.whenReady().then(() => {
    app.setName('Cluster Planner');
    hardenSession(session.defaultSession, origin, (url) => console.warn(`Blocked a request to ${url}`));
    win = createWindow();
    win.on('closed', () => (win = undefined));
    registerIpc(() => win);
    const send = (cmd: MenuCommand): void => win?.webContents.send(Channels.menuCommand, cmd);
    const template = buildMenuTemplate(send, process.platform, 'Cluster Planner', { devTools: devToolsAllowed(mode) });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    for (const p of openableArgs(process.argv, process.cwd())) void opened.add(p);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) win = createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

// One instance per user: a second launch gives its files to this one, which comes to the front.
if (
  claimSingleInstance(app, (argv, cwd) => {
    bringToFront(win);
    for (const p of openableArgs(argv, cwd)) void opened.add(p);
  })
)
  start();
