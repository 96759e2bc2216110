/**
 * The main process's file system port (FsPort, handlers.ts) on Node: writes are atomic
 * (atomic-write.ts), reads say what the path is before reading it, so a named pipe or a device
 * picked in the dialog is refused instead of hanging the read, and a file's byte-order mark is
 * dropped (the browser build's File.text() drops it too).
 */
import { promises as fsp } from 'node:fs';
import { withoutBom } from '../../shared/schema/tree';
import { writeFileAtomic } from './atomic-write';
import type { FsPort } from './handlers';

export const nodeFs: FsPort = {
  writeFile: (p, d) => writeFileAtomic(p, d),
  readFile: async (p) => withoutBom(await fsp.readFile(p, 'utf8')),
  fileInfo: async (p) => {
    const s = await fsp.stat(p);
    return { size: s.size, regular: s.isFile() };
  },
};
