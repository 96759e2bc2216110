/**
 * The files of a folder the user picked (an AIConfigurator checkout, its systems/ folder or its
 * systems/data folder; `<input webkitdirectory>` gives each file's path from the picked folder)
 * as an AicFolder for the importer (shared/kernels/aic-folder.ts). The data folder is the one
 * whose sub-folders hold `<system>/<op family>/…/*.parquet`; files outside it are ignored, and the
 * repository's end-to-end measurement sample (outside the data folder) is never handed on.
 */
import type { AicFolder } from '@shared/kernels/aic-folder';

export interface PickedFile {
  /** '/'-joined path from the picked folder, including its name ("aiconfigurator/…/gemm_perf.parquet"). */
  path: string;
  file: Blob;
}

const OP_FAMILIES = new Set(['gemm', 'attention', 'mla', 'moe', 'comm']);

/** The prefix (ending in '/', or '') of the data folder inside the picked paths, or null when there is none. */
export function dataRootOf(paths: readonly string[]): string | null {
  let best: string | null = null;
  for (const p of paths) {
    if (!p.endsWith('.parquet')) continue;
    const parts = p.split('/');
    // …/<data>/<system>/<family>/<stack>/<version>/<file>.parquet
    const i = parts.length - 4;
    if (i < 1 || !OP_FAMILIES.has(parts[i]!)) continue;
    const root = parts.slice(0, i - 1).join('/');
    const prefix = root ? `${root}/` : '';
    if (best === null || prefix.length < best.length) best = prefix;
  }
  return best;
}

/** The picked files as a folder rooted at the data folder; null when no data folder is among them. */
export function folderFromFiles(files: readonly PickedFile[]): AicFolder | null {
  const root = dataRootOf(files.map((f) => f.path));
  if (root === null) return null;
  const byPath = new Map<string, Blob>();
  for (const f of files) if (f.path.startsWith(root)) byPath.set(f.path.slice(root.length), f.file);
  const dirs = new Map<string, Set<string>>();
  for (const p of byPath.keys()) {
    const parts = p.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!dirs.has(parent)) dirs.set(parent, new Set());
      dirs.get(parent)!.add(parts[i]!);
    }
  }
  const get = (p: string): Blob => {
    const b = byPath.get(p);
    if (!b) throw new Error(`${p}: not among the picked files`);
    return b;
  };
  return {
    dirs: (p) => [...(dirs.get(p) ?? [])],
    has: (p) => byPath.has(p) || dirs.has(p),
    text: async (p) => get(p).text(),
    bytes: async (p) => get(p).arrayBuffer(),
  };
}
