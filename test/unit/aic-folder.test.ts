/**
 * The AIConfigurator folder importer (shared/kernels/aic-folder.ts) over an in-memory folder: the
 * same walk `npm run import:aic` runs on disk and the Calibration page runs on picked files. The
 * rows are synthetic (a GEMM table at 80% of the H100's BF16 peak): what is tested is the walk
 * (newest release, dev builds skipped, reuse.yaml, unmapped systems named), not the data.
 */
import { describe, expect, it } from 'vitest';
import { aicJobs, importAicFolder, type AicFolder } from '../../shared/kernels/aic-folder';
import type { Row } from '../../shared/kernels/aic';
import { acceleratorPresets } from '../../presets/load';

const enc = new TextEncoder();
const dec = new TextDecoder();

function gemmRows(eff: number, tag: string): Row[] {
  const rows: Row[] = [];
  const peak = 989e12; // H100 SXM dense BF16, the preset's datasheet value the roofline uses
  for (const m of [1, 16, 128, 1024])
    for (const n of [1024, 2048, 4096, 8192])
      for (const k of [1024, 2048, 4096, 8192]) {
        const ideal = (2 * m * n * k) / peak;
        rows.push({
          gemm_dtype: 'bfloat16',
          m,
          n,
          k,
          latency: (ideal / eff) * 1e3,
          device: 'NVIDIA H100 80GB HBM3',
          tag,
        });
      }
  return rows;
}

/** A folder from a map of path → rows (parquet files) or text (yaml). */
function folder(files: Record<string, Row[] | string>): AicFolder {
  const paths = Object.keys(files);
  return {
    dirs: (p) => {
      const pre = p ? `${p}/` : '';
      const out = new Set<string>();
      for (const f of paths)
        if (f.startsWith(pre) && f.slice(pre.length).includes('/')) out.add(f.slice(pre.length).split('/')[0]!);
      return [...out];
    },
    has: (p) => paths.some((f) => f === p || f.startsWith(`${p}/`)),
    text: async (p) => String(files[p]),
    bytes: async (p) => enc.encode(JSON.stringify(files[p])).buffer as ArrayBuffer,
  };
}
const readParquet = async (b: ArrayBuffer): Promise<Row[]> => JSON.parse(dec.decode(b)) as Row[];
const opts = { accelerators: acceleratorPresets(), readParquet, origin: 'a test folder' };

describe('AIConfigurator folder import', () => {
  it('converts the newest release of each stack, skips dev builds, names systems with no preset', async () => {
    const f = folder({
      'h100_sxm/gemm/sglang/0.5.9/gemm_perf.parquet': gemmRows(0.5, 'old'),
      'h100_sxm/gemm/sglang/0.5.14/gemm_perf.parquet': gemmRows(0.8, 'new'),
      'h100_sxm/gemm/sglang/0.6.1.dev3/gemm_perf.parquet': gemmRows(0.1, 'dev'),
      'mystery_gpu/gemm/vllm/1.0.0/gemm_perf.parquet': gemmRows(0.8, 'x'),
    });
    expect(aicJobs(f, {}).jobs).toEqual([{ system: 'h100_sxm', stack: 'sglang', version: '0.5.14' }]);
    const r = await importAicFolder(f, opts);
    expect(r.skipped.join('\n')).toMatch(/mystery_gpu: no accelerator preset/);
    expect(r.profiles.map((p) => p.id)).toEqual(['aic-h100_sxm-sglang-0.5.14']);
    const p = r.profiles[0]!;
    expect(p.acceleratorId).toBe('h100-sxm');
    expect(p.note).toMatch(/gemm sglang 0\.5\.14\+0\.5\.9/);
    expect(p.source.at).toMatch(/a test folder/);
  });

  it('takes a table a release declares it reuses from the release reuse.yaml names', async () => {
    const f = folder({
      'h100_sxm/gemm/vllm/0.20.0/gemm_perf.parquet': gemmRows(0.7, 'a'),
      'h100_sxm/attention/vllm/0.24.0/reuse.yaml': '- table: gemm_perf\n  from_version: 0.20.0\n',
      'h100_sxm/gemm/vllm/0.24.0/reuse.yaml': '- table: gemm_perf\n  from_version: 0.20.0\n',
    });
    const r = await importAicFolder(f, { ...opts, systems: ['h100_sxm'] });
    expect(r.profiles).toHaveLength(1);
    expect(r.profiles[0]!.version).toBe('0.24.0');
    expect(r.profiles[0]!.note).toMatch(/gemm vllm 0\.20\.0/);
  });

  it('refuses a folder that is not a data folder, and stops when progress says cancel', async () => {
    await expect(importAicFolder(folder({ 'readme.txt': 'x' }), opts)).rejects.toThrow(/systems\/data folder/);
    const f = folder({ 'h100_sxm/gemm/sglang/0.5.14/gemm_perf.parquet': gemmRows(0.8, 'x') });
    const r = await importAicFolder(f, { ...opts, onProgress: () => false });
    expect(r).toMatchObject({ cancelled: true, profiles: [] });
  });
});
