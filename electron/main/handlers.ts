/**
 * IPC handlers as plain functions. Each takes its dependencies (dialog, file system, PDF printer)
 * as arguments, validates the renderer's payload with the contract's zod schemas, and returns a
 * result object instead of throwing across the bridge. `index.ts` wires them to ipcMain; unit
 * tests call them with fakes.
 */
import { type z } from 'zod';
import {
  ExportPdfRequest,
  MAX_FILE_BYTES,
  OpenExternalRequest,
  OpenFileRequest,
  SaveFileRequest,
  type OpenExternalResult,
  type OpenResult,
  type SaveResult,
} from '../../shared/ipc/contract';
import { externalUrlProblem } from '../../shared/ipc/external-links';
import { registryHosts } from './external-links';

export interface DialogPort {
  showSaveDialog(opts: {
    defaultPath: string;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  showOpenDialog(opts: {
    filters: Array<{ name: string; extensions: string[] }>;
    properties: Array<'openFile'>;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface FsPort {
  /** Writes atomically (node-fs.ts: a temporary file in the same folder, fsync, rename). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  readFile(path: string): Promise<string>;
  /** Size, and whether the path is a regular file (not a pipe, a device or a folder), before reading. */
  fileInfo(path: string): Promise<{ size: number; regular: boolean }>;
}

export interface ShellPort {
  openExternal(url: string): Promise<void>;
}

export interface PdfPort {
  printToPdf(pageSize: 'A4' | 'Letter'): Promise<Uint8Array>;
}

function describeZodError(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

export async function handleSaveFile(payload: unknown, dialog: DialogPort, fs: FsPort): Promise<SaveResult> {
  const parsed = SaveFileRequest.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'error', message: describeZodError(parsed.error) };
  const { suggestedName, contents, filters, encoding } = parsed.data;
  const res = await dialog.showSaveDialog({ defaultPath: suggestedName, filters });
  if (res.canceled || !res.filePath) return { ok: false, reason: 'cancelled' };
  try {
    await fs.writeFile(
      res.filePath,
      encoding === 'base64' ? Uint8Array.from(Buffer.from(contents, 'base64')) : contents,
    );
    return { ok: true, path: res.filePath };
  } catch (e) {
    return { ok: false, reason: 'error', message: `Could not write ${res.filePath}: ${(e as Error).message}` };
  }
}

export async function handleOpenFile(payload: unknown, dialog: DialogPort, fs: FsPort): Promise<OpenResult> {
  const parsed = OpenFileRequest.safeParse(payload ?? {});
  if (!parsed.success) return { ok: false, reason: 'error', message: describeZodError(parsed.error) };
  const res = await dialog.showOpenDialog({ filters: parsed.data.filters, properties: ['openFile'] });
  const path = res.filePaths[0];
  if (res.canceled || !path) return { ok: false, reason: 'cancelled' };
  try {
    const { size, regular } = await fs.fileInfo(path);
    if (!regular) return { ok: false, reason: 'error', message: `${baseName(path)} is not a regular file.` };
    if (size > MAX_FILE_BYTES) {
      return {
        ok: false,
        reason: 'error',
        message: `${baseName(path)} is ${size} bytes; the limit is ${MAX_FILE_BYTES}.`,
      };
    }
    return { ok: true, name: baseName(path), contents: await fs.readFile(path) };
  } catch (e) {
    return { ok: false, reason: 'error', message: `Could not read ${path}: ${(e as Error).message}` };
  }
}

export async function handleExportPdf(
  payload: unknown,
  dialog: DialogPort,
  fs: FsPort,
  pdf: PdfPort,
): Promise<SaveResult> {
  const parsed = ExportPdfRequest.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'error', message: describeZodError(parsed.error) };
  const res = await dialog.showSaveDialog({
    defaultPath: parsed.data.suggestedName,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (res.canceled || !res.filePath) return { ok: false, reason: 'cancelled' };
  try {
    const bytes = await pdf.printToPdf(parsed.data.pageSize);
    await fs.writeFile(res.filePath, bytes);
    return { ok: true, path: res.filePath };
  } catch (e) {
    return { ok: false, reason: 'error', message: `Could not export the PDF: ${(e as Error).message}` };
  }
}

/**
 * Opens a cited document in the system browser: the payload is validated, and only an https
 * address on a host the sources registry links to leaves the app; any other is refused with the
 * reason, for the page to show the address instead.
 */
export async function handleOpenExternal(
  payload: unknown,
  shell: ShellPort,
  hosts: ReadonlySet<string> = registryHosts(),
): Promise<OpenExternalResult> {
  const parsed = OpenExternalRequest.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'refused', message: describeZodError(parsed.error) };
  const problem = externalUrlProblem(parsed.data.url, hosts);
  if (problem) return { ok: false, reason: 'refused', message: `Not opened: ${problem}.` };
  try {
    await shell.openExternal(parsed.data.url);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: 'error', message: `Could not open the browser: ${(e as Error).message}` };
  }
}
