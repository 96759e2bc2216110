/**
 * IPC channel names and result shapes, free of any dependency so the sandboxed preload can import
 * them (a sandboxed preload cannot load npm packages). The zod request schemas are in contract.ts.
 */
export const Channels = {
  saveFile: 'file:save',
  openFile: 'file:open',
  exportPdf: 'report:export-pdf',
  appInfo: 'app:info',
  menuCommand: 'menu:command',
  openExternal: 'shell:open-external',
  /** Renderer → main: the files the OS asked to open (argv, open-file, a second launch), taken once. */
  takeOpenedFiles: 'file:take-opened',
  /** Main → renderer: a file was queued to open (no payload: the page takes the queue). */
  fileOpened: 'file:opened',
} as const;

/** Menu commands the main process sends to the renderer. */
export const MENU_COMMANDS = ['new-plan', 'open', 'save-as', 'export-pdf', 'about'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const isMenuCommand = (x: unknown): x is MenuCommand =>
  typeof x === 'string' && (MENU_COMMANDS as readonly string[]).includes(x);

/** A file the operating system asked the app to open, read by the main process (or why it could not be). */
export type OpenedFile = { ok: true; name: string; contents: string } | { ok: false; name: string; message: string };

export type SaveResult = { ok: true; path: string } | { ok: false; reason: 'cancelled' | 'error'; message?: string };
export type OpenResult =
  { ok: true; name: string; contents: string } | { ok: false; reason: 'cancelled' | 'error'; message?: string };

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  electron: string;
  chrome: string;
}

/** Request shapes, mirrored by the zod schemas in contract.ts. */
export interface FileFilter {
  name: string;
  extensions: string[];
}
export interface SaveFileRequestShape {
  suggestedName: string;
  contents: string;
  filters?: FileFilter[];
  encoding?: 'utf8' | 'base64';
}
export interface OpenFileRequestShape {
  filters?: FileFilter[];
}
/** A link to a cited document, opened in the user's browser (https only). */
export interface OpenExternalRequestShape {
  url: string;
}
export type OpenExternalResult = { ok: true } | { ok: false; reason: 'refused' | 'error'; message: string };

export interface ExportPdfRequestShape {
  suggestedName: string;
  pageSize?: 'A4' | 'Letter';
}

/** The object the preload exposes as `window.clusterPlanner`. */
export interface ElectronBridge {
  saveFile(req: SaveFileRequestShape): Promise<SaveResult>;
  openFile(req: OpenFileRequestShape): Promise<OpenResult>;
  exportPdf(req: ExportPdfRequestShape): Promise<SaveResult>;
  appInfo(): Promise<AppInfo>;
  openExternal(req: OpenExternalRequestShape): Promise<OpenExternalResult>;
  onMenuCommand(listener: (cmd: MenuCommand) => void): () => void;
  /** Takes the files queued to open (each once). */
  takeOpenedFiles(): Promise<OpenedFile[]>;
  /** Called when a file is queued to open; returns the unsubscribe function. */
  onFileOpened(listener: () => void): () => void;
}
