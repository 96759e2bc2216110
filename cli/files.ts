/**
 * Reading the files the CLI is given, and writing the ones it makes, without ever hanging or
 * reading more than it needs:
 * - a file argument must be a regular file: a named pipe, a device (/dev/zero), a socket or a
 *   directory is refused at once, before anything is read (opened non-blocking, so a pipe with
 *   no writer cannot stall the open, and checked again on the open descriptor);
 * - its size is checked before reading against one limit for every file argument,
 *   MAX_INPUT_FILE_BYTES (8 MiB, the plan file limit), and only that many bytes are read;
 * - a UTF-8 byte-order mark at the start is dropped;
 * - output files are written atomically (shared/atomic-write in Node form: a temporary file in
 *   the same folder, fsync, rename), so a crash or a full disk never leaves a truncated file
 *   where the old one was.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { withoutBom } from '../shared/schema/tree';
import { CliError } from './format';

/** The largest file any CLI command reads (plans, sizing specs, clusters, profiles, config.json). */
export const MAX_INPUT_FILE_BYTES = 8 * 1024 * 1024;

const KIND: Array<[(s: Stats) => boolean, string]> = [
  [(s) => s.isDirectory(), 'a folder'],
  [(s) => s.isFIFO(), 'a named pipe'],
  [(s) => s.isCharacterDevice() || s.isBlockDevice(), 'a device'],
  [(s) => s.isSocket(), 'a socket'],
];

/** Why `s` is not a file the CLI reads, or null. */
export function notReadable(s: Stats, size = MAX_INPUT_FILE_BYTES): string | null {
  const kind = KIND.find(([is]) => is(s))?.[1];
  if (kind) return `is ${kind}, not a regular file`;
  if (!s.isFile()) return 'is not a regular file';
  if (s.size > size)
    return `is ${s.size.toLocaleString('en-US')} bytes; input files are at most ${size.toLocaleString('en-US')} bytes (8 MiB)`;
  return null;
}

const errText = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** The text of the file at `path` (see the module comment); a CliError naming the path otherwise. */
export function readInputFile(path: string): string {
  let s: Stats;
  try {
    s = statSync(path);
  } catch (e) {
    throw new CliError(`Cannot read ${path} (${errText(e)})`);
  }
  const before = notReadable(s);
  if (before) throw new CliError(`${path} ${before}`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new CliError(`Cannot read ${path} (${errText(e)})`);
  }
  try {
    const now = fstatSync(fd);
    const after = notReadable(now);
    if (after) throw new CliError(`${path} ${after}`);
    const buf = Buffer.alloc(now.size);
    let got = 0;
    while (got < now.size) {
      const n = readSync(fd, buf, got, now.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return withoutBom(buf.subarray(0, got).toString('utf8'));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Cannot read ${path} (${errText(e)})`);
  } finally {
    closeSync(fd);
  }
}
