/**
 * Atomic file writes, for every file the desktop app and the CLI write (plan, cluster, sizing
 * spec and workspace files, CSV, SVG/PNG charts, PDF reports, the window state): the data goes
 * to a temporary file in the same folder (so the rename cannot cross file systems), is flushed to
 * the disk (fsync), and then renamed over the target, which POSIX and Windows (MoveFileEx with
 * REPLACE_EXISTING, what Node's rename uses) make atomic. A crash, a kill or a full disk at any
 * point leaves either the old file or the new one, never a truncated mix; a failed write removes
 * its temporary file and leaves the old file as it was. The folder is fsynced after the rename
 * where the platform allows, so the rename itself survives a power cut. Plain Node (no Electron):
 * the main process (node-fs.ts) and the CLI (cli/commands/report.ts) both use it.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Bytes per write call (the data is written in chunks of this size). */
  chunkBytes?: number;
  /**
   * Called after each chunk reaches the temporary file, with the bytes written so far: tests stop
   * the process here to check that a write killed half-way leaves the old file intact.
   */
  afterChunk?: (written: number, total: number) => void | Promise<void>;
}

/** The temporary file a write of `path` uses: hidden, in the same folder, unique per write. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** The mode the written file should have: the existing file's, so a save keeps its permissions. */
async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await fsp.stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

async function syncFolder(dir: string): Promise<void> {
  let h: FileHandle | undefined;
  try {
    h = await fsp.open(dir, 'r');
    await h.sync();
  } catch {
    // Windows cannot open a folder for fsync; the rename is still atomic there.
  } finally {
    await h?.close().catch(() => undefined);
  }
}

/** Writes `data` to `path` atomically (see the module comment). */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  opts: AtomicWriteOptions = {},
): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tmp = tempPathFor(path);
  const mode = await modeOf(path);
  const h = await fsp.open(tmp, 'wx', mode ?? 0o666);
  try {
    const chunk = opts.chunkBytes ?? 1 << 20;
    for (let at = 0; at < bytes.length; at += chunk) {
      const end = Math.min(bytes.length, at + chunk);
      let off = at;
      while (off < end) off += (await h.write(bytes, off, end - off, off)).bytesWritten;
      await opts.afterChunk?.(end, bytes.length);
    }
    await h.sync();
    await h.close();
    if (mode !== undefined) await fsp.chmod(tmp, mode).catch(() => undefined);
    await fsp.rename(tmp, path);
  } catch (e) {
    await h.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncFolder(dirname(path));
}
