/**
 * Every device pays every cost (kernel priors, shared/kernels/prior.ts): properties over every
 * accelerator preset, on a memory-bound decode (Llama-3.1-70B at FP8, batch 1, one device where it
 * fits, else the fewest devices of its system that hold it).
 * - TPOT is never below the bytes read ÷ peak bandwidth (no device beats its datasheet);
 * - a device without kernel measurements of its own is timed "derived", never with zero costs;
 * - two devices with equal peaks and no measurements give equal times;
 * - among unmeasured devices of one prior, the ratio of two devices' TPOT tracks the inverse ratio
 *   of their bandwidths within 15%.
 */
import { describe, expect, it } from 'vitest';
import { engineCatalog, kernelPresets, parsedKernelPresets } from '../../presets/engine-catalog';
import { resolvePlan } from '../../shared/plan/context';
import { InferencePlan } from '../../shared/schema/plan';
import type { Accelerator } from '../../shared/schema/hardware';
import { evaluateServing } from '../../shared/serving/evaluate';

const catalog = engineCatalog();
const measured = new Set(kernelPresets().map((p) => p.acceleratorId));

function decodeOn(acc: Accelerator, overrides: Partial<Accelerator> = {}) {
  const a = { ...acc, ...overrides, id: overrides.id ?? acc.id };
  const sys = catalog.systems.find((s) => s.acceleratorId === acc.id)!;
  const cat =
    Object.keys(overrides).length === 0
      ? catalog
      : {
          ...catalog,
          accelerators: [...catalog.accelerators.filter((x) => x.id !== a.id), a],
          systems: [...catalog.systems.filter((s) => s.id !== sys.id), { ...sys, acceleratorId: a.id }],
        };
  const plan = InferencePlan.parse({
    schemaVersion: 1,
    kind: 'inference',
    id: 'p',
    name: 'p',
    modelId: 'llama-3.1-8b',
    systemId: sys.id,
    devices: 1,
    inference: {
      parallelism: { tp: 1 },
      precision: { weights: 'bf16', compute: 'bf16', kvCache: 'bf16' },
      workload: { promptTokens: 128, outputTokens: 128, concurrentRequests: 1 },
    },
  });
  const r = evaluateServing(plan, resolvePlan(plan, cat), { explain: true, benchmark: false });
  return { r, bw: a.memoryBandwidthBytesPerS.value ?? 0, sys };
}

const gpus = catalog.accelerators.filter(
  (a) =>
    (a.memoryBytes.value ?? 0) > 20e9 &&
    (a.memoryBandwidthBytesPerS.value ?? 0) > 0 &&
    catalog.systems.some((s) => s.acceleratorId === a.id),
);

describe('kernel priors: every device pays every cost', () => {
  it('every bundled kernel profile parses with the schema', () => {
    expect(parsedKernelPresets().length).toBe(kernelPresets().length);
  });
  it.each(gpus.map((a) => [a.id, a] as const))('%s: TPOT at batch 1 ≥ bytes read ÷ peak bandwidth', (_id, acc) => {
    const { r, bw } = decodeOn(acc);
    const bytes = r.decode.ops.reduce((s, o) => s + (o.bytesRead + o.bytesWritten) * o.count, 0);
    expect(r.tpotS).toBeGreaterThanOrEqual(bytes / bw);
  });
  it.each(gpus.filter((a) => !measured.has(a.id)).map((a) => [a.id, a] as const))(
    '%s: unmeasured, timed from a derived prior',
    (_id, acc) => {
      const { r } = decodeOn(acc);
      const gemm = r.decode.ops.find((o) => o.id === 'ffn.dense')!;
      expect(gemm.rates.source).toBe('derived');
      expect(r.decode.ops.find((o) => o.id === 'overhead')!.time).toBeGreaterThan(0);
    },
  );
  it('two unmeasured devices with equal peaks give equal times', () => {
    const h800 = catalog.accelerators.find((a) => a.id === 'h800')!;
    const twin = decodeOn(h800, { id: 'h800-twin', name: 'H800 twin' });
    expect(twin.r.tpotS).toBeCloseTo(decodeOn(h800).r.tpotS, 12);
  });
  it('among unmeasured devices of one prior, TPOT ratios track inverse bandwidth ratios within 15%', () => {
    const h20 = catalog.accelerators.find((a) => a.id === 'h20')!;
    const base = decodeOn(h20);
    for (const k of [0.5, 0.75, 1.5]) {
      const bw = (h20.memoryBandwidthBytesPerS.value ?? 0) * k;
      const other = decodeOn(h20, {
        id: `h20-bw${k}`,
        memoryBandwidthBytesPerS: { ...h20.memoryBandwidthBytesPerS, value: bw },
      });
      const ratio = other.r.tpotS / base.r.tpotS;
      expect(Math.abs(ratio * k - 1), `bandwidth × ${k}`).toBeLessThanOrEqual(0.15);
    }
  });
});
