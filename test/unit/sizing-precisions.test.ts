/**
 * The precision formats the search tries on a part: compute native on the part, and weights no
 * wider than the compute format by their nominal width (a format's block scales do not make it
 * wider: FP8 weights with one FP32 scale per 128×128 block are 8-bit, NVFP4 with an E4M3 scale per
 * 16 is 4-bit). FP8 weights with FP8 compute, the way DeepSeek-V3 and most 2026 deployments serve,
 * were left out of every search when the scale bytes counted.
 */
import { describe, expect, it } from 'vitest';
import { presetCatalog } from '../../presets/load';
import { precisions } from '../../shared/sizing/space';

const acc = (id: string) => presetCatalog().accelerators.find((a) => a.id === id)!;
const pairs = (id: string, weights: string[], compute: string[]) =>
  precisions(acc(id), { weights, compute, kvCache: ['bf16'] } as Parameters<typeof precisions>[1]).map(
    (p) => `${p.weights}/${p.compute}`,
  );

describe('precisions a search tries', () => {
  it('FP8 weights with FP8 compute on an H200; BF16 weights never with FP8 compute', () => {
    const got = pairs('h200-sxm', ['bf16', 'fp8'], ['bf16', 'fp8']);
    expect(got).toContain('fp8/fp8');
    expect(got).toContain('fp8/bf16');
    expect(got).toContain('bf16/bf16');
    expect(got).not.toContain('bf16/fp8');
  });
  it('NVFP4 and MXFP4 weights with FP4 compute on a B200, not on an H200 (no FP4 peak)', () => {
    expect(pairs('b200', ['nvfp4', 'mxfp4', 'fp8'], ['fp4', 'fp8'])).toEqual(
      expect.arrayContaining(['nvfp4/fp4', 'mxfp4/fp4', 'fp8/fp8', 'nvfp4/fp8']),
    );
    expect(pairs('b200', ['fp8'], ['fp4'])).toEqual([]);
    expect(pairs('h200-sxm', ['nvfp4'], ['fp4'])).toEqual([]);
  });
});
