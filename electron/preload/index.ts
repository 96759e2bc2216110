/**
 * The preload bridge: one named function per capability, nothing generic. The object satisfies
 * `ElectronBridge`, the shape the renderer's Electron platform adapter consumes; it never hands
 * the raw IPC event to the page, and listeners return their unsubscribe function. It imports only
 * `electron` and the dependency-free channel module: a sandboxed preload cannot load packages.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  Channels,
  isMenuCommand,
  type AppInfo,
  type ElectronBridge,
  type OpenedFile,
  type OpenExternalResult,
  type OpenResult,
  type SaveResult,
} from '../../shared/ipc/channels';

const bridge = {
  saveFile: (req) => ipcRenderer.invoke(Channels.saveFile, req) as Promise<SaveResult>,
  openFile: (req) => ipcRenderer.invoke(Channels.openFile, req) as Promise<OpenResult>,
  exportPdf: (req) => ipcRenderer.invoke(Channels.exportPdf, req) as Promise<SaveResult>,
  appInfo: () => ipcRenderer.invoke(Channels.appInfo) as Promise<AppInfo>,
  openExternal: (req) => ipcRenderer.invoke(Channels.openExternal, req) as Promise<OpenExternalResult>,
  onMenuCommand: (listener) => {
    const wrapped = (_e: unknown, cmd: unknown): void => {
      if (isMenuCommand(cmd)) listener(cmd);
    };
    ipcRenderer.on(Channels.menuCommand, wrapped);
    return () => {
      ipcRenderer.removeListener(Channels.menuCommand, wrapped);
    };
  },
  takeOpenedFiles: () => ipcRenderer.invoke(Channels.takeOpenedFiles) as Promise<OpenedFile[]>,
  onFileOpened: (listener) => {
    const wrapped = (): void => listener();
    ipcRenderer.on(Channels.fileOpened, wrapped);
    return () => {
      ipcRenderer.removeListener(Channels.fileOpened, wrapped);
    };
  },
} satisfies ElectronBridge;

contextBridge.exposeInMainWorld('clusterPlanner', bridge);
