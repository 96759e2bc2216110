/**
 * Converts NVIDIA AIConfigurator's measured kernel database into kernel profiles
 * (presets/kernels/<system>-<stack>-<version>.json), one per (system, serving stack, version).
 *
 *   npm run import:aic -- <data dir> [--out presets/kernels] [--all-versions] [--system h100_sxm]
 *
 * <data dir> is aic-core/src/aiconfigurator_core/systems/data of an AIConfigurator checkout (its
 * parquet tables are Apache-2.0). Without --all-versions, the newest release of each stack per
 * system is converted (development builds such as 0.1.dev… are skipped unless named). A table a
 * version does not hold is taken from the version its reuse.yaml names, else from the newest
 * older version of the same stack that has it; the profile's note says which version each table
 * came from. The end-to-end file systems/silicon_sample.csv is never read.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { aicProfile, type AicTables, type Row } from '../shared/kernels/aic';
import { parseKernelProfile } from '../shared/schema/kernels';
import { acceleratorPresets } from '../presets/load';
import type { RooflineBasis } from '../shared/kernels/roofline';
import { aicSystems, compareVersions, isDevVersion } from './aic-systems';

const STACKS = ['trtllm', 'sglang', 'vllm'] as const;
type Stack = (typeof STACKS)[number];

/** Each profile table: the op family folder, the file, and where else it may come from. */
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

async function readParquet(file: string): Promise<Row[]> {
  const buf = readFileSync(file);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return (await parquetReadObjects({
    file: { byteLength: ab.byteLength, slice: (s: number, e?: number) => ab.slice(s, e) },
    compressors,
  })) as Row[];
}

const dirs = (p: string): string[] =>
  existsSync(p) ? readdirSync(p).filter((d) => statSync(join(p, d)).isDirectory()) : [];

/** reuse.yaml: the version a table of this version is declared to reuse, if any. */
function declaredReuse(versionDir: string, file: string): string | null {
  const p = join(versionDir, 'reuse.yaml');
  if (!existsSync(p)) return null;
  const table = file.replace(/\.parquet$/, '');
  const text = readFileSync(p, 'utf8');
  const blocks = text.split(/\n- /);
  for (const b of blocks)
    if (new RegExp(`table:\\s*${table}\\b`).test(b)) return /from_version:\s*(\S+)/.exec(b)?.[1] ?? null;
  return null;
}

/**
 * The files of a table for (system, stack, version), newest first: the version's own (or the one
 * its reuse.yaml names), then every older release of the stack that has the table — a partial
 * collection covers only some shapes, and older versions fill the shapes it lacks (rows are merged
 * newest-first by their coordinates, as AIConfigurator's loader does).
 */
function resolveLayers(
  data: string,
  system: string,
  family: string,
  stack: string,
  version: string | null,
  file: string,
): Array<{ path: string; version: string }> {
  const first = resolveTable(data, system, family, stack, version, file);
  if (!first) return [];
  const base = join(data, system, family, stack);
  const older = dirs(base)
    .filter((v) => !isDevVersion(v) && compareVersions(v, first.version) < 0 && existsSync(join(base, v, file)))
    .sort(compareVersions)
    .reverse();
  return [first, ...older.map((v) => ({ path: join(base, v, file), version: v }))];
}

const COORD_SKIP = new Set(['latency', 'framework', 'version', 'device', 'power', 'energy']);

/** Rows of several versions, newest first; a coordinate present in a newer version wins. */
async function mergedRows(layers: Array<{ path: string }>): Promise<Row[]> {
  const seen = new Set<string>();
  const out: Row[] = [];
  for (const l of layers)
    for (const r of await readParquet(l.path)) {
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

/** The file of a table for (system, stack, version) and the version it came from. */
function resolveTable(
  data: string,
  system: string,
  family: string,
  stack: string,
  version: string | null,
  file: string,
): { path: string; version: string } | null {
  const base = join(data, system, family, stack);
  const versions = dirs(base).sort(compareVersions);
  if (!versions.length) return null;
  const seen = new Set<string>();
  let v = version ?? versions.filter((x) => !isDevVersion(x)).pop() ?? versions[versions.length - 1]!;
  while (!seen.has(v)) {
    seen.add(v);
    const p = join(base, v, file);
    if (existsSync(p)) return { path: p, version: v };
    const reused = declaredReuse(join(base, v), file);
    if (!reused) break;
    v = reused;
  }
  const target = version ?? v;
  const older = versions.filter(
    (x) => !isDevVersion(x) && compareVersions(x, target) <= 0 && existsSync(join(base, x, file)),
  );
  const pick = older.pop() ?? versions.filter((x) => existsSync(join(base, x, file))).pop();
  return pick ? { path: join(base, pick, file), version: pick } : null;
}

async function convert(
  data: string,
  system: string,
  stack: Stack,
  version: string,
  out: string,
  commit: string,
): Promise<string | null> {
  const sys = aicSystems[system];
  if (!sys) return null;
  const acc = acceleratorPresets().find((a) => a.id === sys.acceleratorId);
  if (!acc) throw new Error(`${system}: accelerator preset ${sys.acceleratorId} not found`);
  const p = acc.peakFlopsPerS;
  const basis: RooflineBasis = {
    flopsPerS: { bf16: p.bf16.value, fp16: p.fp16.value, fp8: p.fp8.value, int8: p.int8.value, fp4: p.fp4.value },
    bytesPerS: acc.memoryBandwidthBytesPerS.value ?? 0,
  };
  const tables: AicTables = {};
  const from: string[] = [];
  let device = '';
  for (const t of TABLES) {
    const st = t.stack ?? stack;
    if (t.stack === 'sglang' && stack === 'trtllm' && t.family === 'comm') continue;
    const layers = t.stack
      ? [resolveTable(data, system, t.family, st, null, t.file)].filter((x) => x !== null)
      : resolveLayers(data, system, t.family, st, version, t.file);
    if (!layers.length) continue;
    const rows = await mergedRows(layers);
    tables[t.key] = rows;
    device ||= String(rows[0]?.device ?? '');
    from.push(`${t.file.replace('_perf.parquet', '')} ${st} ${layers.map((l) => l.version).join('+')}`);
  }
  if (!tables.gemm) return null;
  const id = `aic-${system}-${stack}-${version}`;
  const profile = aicProfile(
    {
      id,
      acceleratorId: sys.acceleratorId,
      systemIds: sys.systemIds,
      stack,
      version,
      device: device || acc.name,
      source: { doc: 'aiconfigurator-perf-db', at: `systems/data/${system} @ ${commit}` },
      note: `Converted by scripts/import-aic.ts from AIConfigurator's database (Apache-2.0, © NVIDIA) at commit ${commit}; tables: ${from.join('; ')}.`,
    },
    basis,
    tables,
  );
  parseKernelProfile(profile, id);
  mkdirSync(out, { recursive: true });
  const file = join(out, `${system}-${stack}-${version}.json`);
  writeFileSync(file, JSON.stringify(profile) + '\n');
  return file;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const data = args.find((a) => !a.startsWith('--'));
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
  const commit = opt('--commit') ?? 'unknown commit';
  for (const system of dirs(data).filter((s) => !only || s === only)) {
    for (const stack of STACKS) {
      const versions = dirs(join(data, system, 'gemm', stack)).concat(dirs(join(data, system, 'attention', stack)));
      const release = [...new Set(versions)].filter((v) => !isDevVersion(v)).sort(compareVersions);
      const want = args.includes('--all-versions') ? release : release.slice(-1);
      for (const v of want) {
        const f = await convert(data, system, stack, v, out, commit);
        if (f) console.log(`${f} (${(statSync(f).size / 1024).toFixed(0)} kB)`);
      }
    }
  }
}

await main();
