/**
 * Opening files from the operating system: a double-clicked .clusterplan.json, .cluster.json or
 * .clustersearch.json reaches the app as a command-line argument (Windows, Linux: on the first
 * launch in process.argv, on a later one through the single-instance lock's 'second-instance'
 * event) or as macOS's 'open-file' event, which may fire before the window exists. Each path is
 * read here, with the checks the open dialog applies (a regular file, at most MAX_FILE_BYTES),
 * and queued; the page takes the queue when it starts and whenever `notify` says a file arrived,
 * and imports each file as if it had been opened from the menu. Plain functions over the FsPort,
 * so a unit test drives them with fakes.
 */
import { isAbsolute, resolve } from 'node:path';
import type { OpenedFile } from '../../shared/ipc/channels';
import { MAX_FILE_BYTES } from '../../shared/ipc/contract';
import type { FsPort } from './handlers';

/** The file kinds the app registers with the operating system (build/electron-builder.yml). */
export const OPENABLE_FILE = /\.(clusterplan|cluster|clustersearch)\.json$/i;

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/** The openable files among command-line arguments (flags, the app's own script and anything else skipped). */
export function openableArgs(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((a) => !a.startsWith('-') && OPENABLE_FILE.test(a))
    .map((a) => (isAbsolute(a) ? a : resolve(cwd, a)));
}

/** Reads one file the way the open dialog does: a regular file within the size limit, as text. */
export async function readOpenedFile(path: string, fs: FsPort): Promise<OpenedFile> {
  const name = baseName(path);
  try {
    const { size, regular } = await fs.fileInfo(path);
    if (!regular) return { ok: false, name, message: `${name} is not a regular file.` };
    if (size > MAX_FILE_BYTES)
      return { ok: false, name, message: `${name} is ${size} bytes; the limit is ${MAX_FILE_BYTES}.` };
    return { ok: true, name, contents: await fs.readFile(path) };
  } catch (e) {
    return { ok: false, name, message: `Could not read ${path}: ${(e as Error).message}` };
  }
}

/** Files waiting for the page, in the order the OS gave them. */
export class OpenedFiles {
  private queue: OpenedFile[] = [];
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fs: FsPort,
    private readonly notify: () => void,
  ) {}

  /** Reads `path` (after any earlier file, so the order holds) and tells the page. */
  add(path: string): Promise<void> {
    const next = this.reading.then(async () => {
      if (!OPENABLE_FILE.test(path)) return;
      this.queue.push(await readOpenedFile(path, this.fs));
      this.notify();
    });
    this.reading = next;
    return next;
  }

  /** Everything queued so far, each file once. */
  take(): OpenedFile[] {
    const out = this.queue;
    this.queue = [];
    return out;
  }
}
