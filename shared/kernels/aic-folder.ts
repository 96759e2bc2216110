/**
 * An AIConfigurator data folder (aic-core/src/aiconfigurator_core/systems/data of a checkout or a
 * release: <system>/<op family>/<stack>/<version>/*.parquet, Apache-2.0) read into kernel profiles,
 * one per (system, serving stack, version) — by `npm run import:aic` over the file system and by
 * the Calibration page over the files a user picks. The walk is the same for both: only how a file
 * is listed and read differs (AicFolder), and the parquet reader is passed in.
 *
 * Per system and stack, the newest release is converted (all releases with `allVersions`);
 * development builds (0.1.dev…) are skipped. A table a version does not hold is taken from the
 * version its reuse.yaml names, else from the newest older release that has it; older releases
 * also fill shapes a partial collection lacks (rows merged newest first by their coordinates, as
 * AIConfigurator's loader does). The profile's note says which version each table came from. The
 * repository's end-to-end measurement sample, outside the data folder, is never read.
 *
 * This is an importer, not part of evaluation: it is asynchronous because reading files is.
 */
import type { Accelerator } from '../schema/hardware';
import { parseKernelProfile, type KernelProfile } from '../schema/kernels';
import { aicProfile, type AicTables, type Row } from './aic';
import { AIC_SYSTEMS } from './aic-systems';
import type { RooflineBasis } from './roofline';
import { compareVersions, isDevVersion } from './version';

/** A folder tree: paths are '/'-joined and relative to the data folder ('' is the folder itself). */
export interface AicFolder {
  /** Names of the sub-folders of `path` ([] when it does not exist). */
  dirs(path: string): string[];
  has(path: string): boolean;
  text(path: string): Promise<string>;
  bytes(path: string): Promise<ArrayBuffer>;
}

export interface AicImportOptions {
  /** The accelerators the profiles are for (their datasheet peaks are the rooflines' basis). */
  accelerators: readonly Accelerator[];
  /** Reads a parquet file's rows (hyparquet's parquetReadObjects with its compressors). */
  readParquet: (bytes: ArrayBuffer) => Promise<Row[]>;
  /** Every release, not only the newest of each stack. */
  allVersions?: boolean;
  /** Only these AIConfigurator system folders (e.g. h100_sxm). */
  systems?: readonly string[];
  /** Where the data came from, for the profiles' source (a commit, a release, "a folder picked on …"). */
  origin: string;
  /** Called before each profile is converted; return false to stop (cancel). */
  onProgress?: (done: number, total: number, label: string) => boolean | void;
}

export interface AicImportResult {
  profiles: KernelProfile[];
  /** Folders not converted, and why ("l40s/sglang 0.5.14: no GEMM table"). */
  skipped: string[];
  cancelled: boolean;
}

export const AIC_STACKS = ['trtllm', 'sglang', 'vllm'] as const;
type Stack = (typeof AIC_STACKS)[number];

/** Each profile table: the op family folder, the file, and the stack folder when not the profile's own. */
const TABLES: Array<{ key: keyof AicTables; family: string; file: string; stack?: string }> = [
  { key: 'gemm', family: 'gemm', file: 'gemm_perf.parquet' },
  { key: 'generationAttention', family: 'attention', file: 'generation_attention_perf.parquet' },
  { key: 'contextAttention', family: 'attention', file: 'context_attention_perf.parquet' },
  { key: 'mlaGeneration', family: 'mla', file: 'generation_mla_perf.parquet' },
  { key: 'mlaContext', family: 'mla', file: 'context_mla_perf.parquet' },
  { key: 'moe', family: 'moe', file: 'moe_perf.parquet' },
  { key: 'customAllReduce', family: 'comm', file: 'custom_allreduce_perf.parquet' },
  { key: 'nccl', family: 'comm', file: 'nccl_perf.parquet', stack: 'nccl' },
  { key: 'deepepLowLatency', family: 'comm', file: 'wideep_deepep_ll_perf.parquet', stack: 'sglang' },
  { key: 'deepepNormal', family: 'comm', file: 'wideep_deepep_normal_perf.parquet', stack: 'sglang' },
  { key: 'wideepGeneration', family: 'moe', file: 'wideep_generation_moe_perf.parquet', stack: 'sglang' },
  { key: 'wideepContext', family: 'moe', file: 'wideep_context_moe_perf.parquet', stack: 'sglang' },
];

const join = (...parts: string[]): string => parts.filter((p) => p !== '').join('/');

/** reuse.yaml: the version a table of this version is declared to reuse, if any. */
async function declaredReuse(f: AicFolder, versionDir: string, file: string): Promise<string | null> {
  const p = join(versionDir, 'reuse.yaml');
  if (!f.has(p)) return null;
  const table = file.replace(/\.parquet$/, '');
  for (const b of (await f.text(p)).split(/\n- /))
    if (new RegExp(`table:\\s*${table}\\b`).test(b)) return /from_version:\s*(\S+)/.exec(b)?.[1] ?? null;
  return null;
}

interface Layer {
  path: string;
  version: string;
}

/** The file of a table for (system, stack, version) and the version it came from. */
async function resolveTable(f: AicFolder, base: string, version: string | null, file: string): Promise<Layer | null> {
  const versions = f.dirs(base).sort(compareVersions);
  if (!versions.length) return null;
  const seen = new Set<string>();
  let v = version ?? versions.filter((x) => !isDevVersion(x)).pop() ?? versions[versions.length - 1]!;
  while (!seen.has(v)) {
    seen.add(v);
    const p = join(base, v, file);
    if (f.has(p)) return { path: p, version: v };
    const reused = await declaredReuse(f, join(base, v), file);
    if (!reused) break;
    v = reused;
  }
  const target = version ?? v;
  const has = (x: string): boolean => f.has(join(base, x, file));
  const older = versions.filter((x) => !isDevVersion(x) && compareVersions(x, target) <= 0 && has(x));
  const pick = older.pop() ?? versions.filter(has).pop();
  return pick ? { path: join(base, pick, file), version: pick } : null;
}

/** The table's own file, then every older release that has it (older ones fill missing shapes). */
async function resolveLayers(f: AicFolder, base: string, version: string, file: string): Promise<Layer[]> {
  const first = await resolveTable(f, base, version, file);
  if (!first) return [];
  const older = f
    .dirs(base)
    .filter((v) => !isDevVersion(v) && compareVersions(v, first.version) < 0 && f.has(join(base, v, file)))
    .sort(compareVersions)
    .reverse();
  return [first, ...older.map((v) => ({ path: join(base, v, file), version: v }))];
}

const COORD_SKIP = new Set(['latency', 'framework', 'version', 'device', 'power', 'energy']);

/** Rows of several versions, newest first; a coordinate present in a newer version wins. */
async function mergedRows(f: AicFolder, layers: Layer[], read: AicImportOptions['readParquet']): Promise<Row[]> {
  const seen = new Set<string>();
  const out: Row[] = [];
  for (const l of layers)
    for (const r of await read(await f.bytes(l.path))) {
      const key = Object.keys(r)
        .filter((k) => !COORD_SKIP.has(k) && !/_us$|bandwidth|latency/.test(k))
        .sort()
        .map((k) => `${k}=${String(r[k])}`)
        .join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  return out;
}

/** The tables of one (system, stack, version), and where each came from. */
async function tablesOf(
  f: AicFolder,
  system: string,
  stack: Stack,
  version: string,
  read: AicImportOptions['readParquet'],
): Promise<{ tables: AicTables; from: string[]; device: string }> {
  const tables: AicTables = {};
  const from: string[] = [];
  let device = '';
  for (const t of TABLES) {
    const st = t.stack ?? stack;
    // TensorRT-LLM does not run DeepEP: its profile takes no SGLang communication tables.
    if (t.stack === 'sglang' && stack === 'trtllm' && t.family === 'comm') continue;
    const base = join(system, t.family, st);
    const layers = t.stack
      ? [await resolveTable(f, base, null, t.file)].filter((x): x is Layer => x !== null)
      : await resolveLayers(f, base, version, t.file);
    if (!layers.length) continue;
    const rows = await mergedRows(f, layers, read);
    tables[t.key] = rows;
    device ||= String(rows[0]?.device ?? '');
    from.push(`${t.file.replace('_perf.parquet', '')} ${st} ${layers.map((l) => l.version).join('+')}`);
  }
  return { tables, from, device };
}

const basisOf = (acc: Accelerator): RooflineBasis => {
  const p = acc.peakFlopsPerS;
  return {
    flopsPerS: { bf16: p.bf16.value, fp16: p.fp16.value, fp8: p.fp8.value, int8: p.int8.value, fp4: p.fp4.value },
    bytesPerS: acc.memoryBandwidthBytesPerS.value ?? 0,
  };
};

/** The (system, stack, version) triples a folder holds that have a preset to map to, in order. */
export function aicJobs(f: AicFolder, o: Pick<AicImportOptions, 'allVersions' | 'systems'>) {
  const jobs: Array<{ system: string; stack: Stack; version: string }> = [];
  const skipped: string[] = [];
  for (const system of f.dirs('').sort()) {
    if (o.systems && !o.systems.includes(system)) continue;
    if (!AIC_SYSTEMS[system]) {
      skipped.push(`${system}: no accelerator preset maps to this AIConfigurator system`);
      continue;
    }
    for (const stack of AIC_STACKS) {
      const versions = f.dirs(join(system, 'gemm', stack)).concat(f.dirs(join(system, 'attention', stack)));
      const release = [...new Set(versions)].filter((v) => !isDevVersion(v)).sort(compareVersions);
      for (const version of o.allVersions ? release : release.slice(-1)) jobs.push({ system, stack, version });
    }
  }
  return { jobs, skipped };
}

export async function importAicFolder(f: AicFolder, o: AicImportOptions): Promise<AicImportResult> {
  const { jobs, skipped } = aicJobs(f, o);
  if (!jobs.length && !skipped.length)
    throw new Error(
      'no AIConfigurator system folders found: pick the systems/data folder (h100_sxm/, b200_sxm/, … each holding gemm/, attention/, …)',
    );
  const profiles: KernelProfile[] = [];
  for (const [i, j] of jobs.entries()) {
    const label = `${j.system} ${j.stack} ${j.version}`;
    if (o.onProgress?.(i, jobs.length, label) === false) return { profiles, skipped, cancelled: true };
    const sys = AIC_SYSTEMS[j.system]!;
    const acc = o.accelerators.find((a) => a.id === sys.acceleratorId);
    if (!acc) {
      skipped.push(`${label}: accelerator preset ${sys.acceleratorId} not found`);
      continue;
    }
    const { tables, from, device } = await tablesOf(f, j.system, j.stack, j.version, o.readParquet);
    if (!tables.gemm) {
      skipped.push(`${label}: no GEMM table`);
      continue;
    }
    const id = `aic-${j.system}-${j.stack}-${j.version}`;
    const profile = aicProfile(
      {
        id,
        acceleratorId: sys.acceleratorId,
        systemIds: [...sys.systemIds],
        stack: j.stack,
        version: j.version,
        device: device || acc.name,
        source: { doc: 'aiconfigurator-perf-db', at: `systems/data/${j.system} @ ${o.origin}` },
        note: `Converted from AIConfigurator's database (Apache-2.0, © NVIDIA), ${o.origin}; tables: ${from.join('; ')}.`,
      },
      basisOf(acc),
      tables,
    );
    parseKernelProfile(profile, id);
    profiles.push(profile);
  }
  o.onProgress?.(jobs.length, jobs.length, 'done');
  return { profiles, skipped, cancelled: false };
}
