/**
 * What the renderer may ask of its host. Two implementations: the Electron preload bridge
 * (`electron.ts`) and the plain browser (`web.ts`, used by `npm run web` and the e2e tests).
 * Renderer code talks only to this interface and never imports `electron`.
 */
import type { MenuCommand, OpenedFile, OpenResult, SaveResult } from '@shared/ipc/channels';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Platform {
  readonly kind: 'electron' | 'web';
  /** Saves text, or binary given as base64 with encoding 'base64'. */
  saveFile(
    suggestedName: string,
    contents: string,
    filters?: FileFilter[],
    encoding?: 'utf8' | 'base64',
  ): Promise<SaveResult>;
  openFile(filters?: FileFilter[]): Promise<OpenResult>;
  /** Prints the current view to PDF: a save dialog in Electron, the print dialog in a browser. */
  exportPdf(suggestedName: string, pageSize?: 'A4' | 'Letter'): Promise<SaveResult>;
  /** Subscribes to application-menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (cmd: MenuCommand) => void): () => void;
  /**
   * Opens a cited document's https link in the user's browser, never inside the app, when its host
   * is one the sources registry links to; otherwise says why it was not opened.
   */
  openExternal(url: string): Promise<{ opened: true } | { opened: false; reason: string }>;
  /**
   * Files the operating system asked the app to open (a double-clicked .clusterplan.json, a file
   * given to a second launch): the listener gets each batch; returns the unsubscribe function.
   */
  onOpenedFiles(listener: (files: OpenedFile[]) => void): () => void;
  describe(): Promise<string>;
}
