/**
 * Converts NVIDIA AIConfigurator's measured kernel database into kernel profiles
 * (presets/kernels/<system>-<stack>-<version>.json), one per (system, serving stack, version).
 *
 *   npm run import:aic -- <data dir> [--out presets/kernels] [--all-versions] [--system h100_sxm] [--commit sha]
 *
 * <data dir> is aic-core/src/aiconfigurator_core/systems/data of an AIConfigurator checkout (its
 * parquet tables are Apache-2.0). The walk and the conversion are shared/kernels/aic-folder.ts
 * (the Calibration page runs the same over a folder the user picks); this file reads the folder
 * from disk. Only the data folder is read (not the repository's end-to-end measurement sample beside it).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { importAicFolder, type AicFolder } from '../shared/kernels/aic-folder';
import type { Row } from '../shared/kernels/aic';
import { acceleratorPresets } from '../presets/load';

/** The data folder on disk as an AicFolder. */
function diskFolder(root: string): AicFolder {
  const abs = (p: string): string => join(root, ...p.split('/').filter(Boolean));
  const toArrayBuffer = (b: Buffer): ArrayBuffer =>
    b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  return {
    dirs: (p) => (existsSync(abs(p)) ? readdirSync(abs(p)).filter((d) => statSync(join(abs(p), d)).isDirectory()) : []),
    has: (p) => existsSync(abs(p)),
    text: async (p) => readFileSync(abs(p), 'utf8'),
    bytes: async (p) => toArrayBuffer(readFileSync(abs(p))),
  };
}

const readParquet = async (ab: ArrayBuffer): Promise<Row[]> =>
  (await parquetReadObjects({
    file: { byteLength: ab.byteLength, slice: (s: number, e?: number) => ab.slice(s, e) },
    compressors,
  })) as Row[];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const data = args.find((a) => !a.startsWith('--') && !args[args.indexOf(a) - 1]?.startsWith('--'));
  if (!data || !existsSync(data)) {
    console.error(
      'usage: npm run import:aic -- <aiconfigurator systems/data dir> [--out dir] [--all-versions] [--system name] [--commit sha]',
    );
    process.exit(2);
  }
  const opt = (k: string): string | undefined => {
    const i = args.indexOf(k);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const out = opt('--out') ?? 'presets/kernels';
  const only = opt('--system');
  const r = await importAicFolder(diskFolder(data), {
    accelerators: acceleratorPresets(),
    readParquet,
    allVersions: args.includes('--all-versions'),
    systems: only ? [only] : undefined,
    origin: `commit ${opt('--commit') ?? 'unknown'}`,
    onProgress: (done, total, label) => void process.stderr.write(`[${done}/${total}] ${label}\n`),
  });
  mkdirSync(out, { recursive: true });
  for (const p of r.profiles) {
    const file = join(out, `${p.id.replace(/^aic-/, '')}.json`);
    writeFileSync(file, JSON.stringify(p) + '\n');
    console.log(`${file} (${(statSync(file).size / 1024).toFixed(0)} kB)`);
  }
  for (const s of r.skipped) console.log(`skipped ${s}`);
}

await main();
