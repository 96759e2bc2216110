// The picked folder as the importer's folder: the data folder is found whether the user picked the
// checkout, systems/ or systems/data, files outside it are ignored, and the end-to-end sample file
// is never handed to the importer.
import { describe, expect, it } from 'vitest';
import { dataRootOf, folderFromFiles } from '../../renderer/src/calibration-import/aic-files';

const file = (path: string, text = 'x') => ({ path, file: new Blob([text]) });
const tables = (prefix: string) => [
  file(`${prefix}h100_sxm/gemm/sglang/0.5.14/gemm_perf.parquet`),
  file(`${prefix}h100_sxm/attention/sglang/0.5.14/reuse.yaml`, '- table: x'),
  file(`${prefix}b200_sxm/moe/trtllm/1.3.0rc23/moe_perf.parquet`),
];

describe('a picked AIConfigurator folder', () => {
  it.each([
    ['the checkout', 'aiconfigurator/aic-core/src/aiconfigurator_core/systems/data/'],
    ['systems/', 'systems/data/'],
    ['systems/data', 'data/'],
  ])('finds the data folder when the user picked %s', async (_, prefix) => {
    const files = [
      ...tables(prefix),
      file(prefix.replace(/data\/$/, 'end_to_end_sample.csv')),
      file('aiconfigurator/README.md'),
    ];
    expect(dataRootOf(files.map((f) => f.path))).toBe(prefix);
    const f = folderFromFiles(files)!;
    expect(f.dirs('').sort()).toEqual(['b200_sxm', 'h100_sxm']);
    expect(f.dirs('h100_sxm').sort()).toEqual(['attention', 'gemm']);
    expect(f.has('h100_sxm/gemm/sglang/0.5.14/gemm_perf.parquet')).toBe(true);
    expect(await f.text('h100_sxm/attention/sglang/0.5.14/reuse.yaml')).toBe('- table: x');
    expect(f.has('end_to_end_sample.csv')).toBe(false);
    expect(f.has('../end_to_end_sample.csv')).toBe(false);
  });

  it('gives null for a folder with no tables, and names a missing file', async () => {
    expect(folderFromFiles([file('photos/a.jpg'), file('x/y.parquet')])).toBeNull();
    const f = folderFromFiles(tables('data/'))!;
    await expect(f.bytes('h100_sxm/gemm/sglang/0.5.9/gemm_perf.parquet')).rejects.toThrow(/not among the picked files/);
  });
});
