// Hardware and system presets: schema validation with file and field named, registration,
// sanity ranges per device class (unit slips), and the link-direction conversion.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCELERATOR_PRESETS_RAW, SYSTEM_PRESETS_RAW } from '../../presets';
import { acceleratorPresets, findAccelerator, findSystem, systemPresets } from '../../presets/load';
import {
  AcceleratorFile,
  normaliseLink,
  parseAccelerator,
  SystemFile,
  type Accelerator,
} from '../../shared/schema/hardware';

const root = join(__dirname, '../../presets');
const files = (d: string): string[] => readdirSync(join(root, d)).filter((f) => f.endsWith('.json'));

function validate(dir: string, schema: typeof AcceleratorFile | typeof SystemFile): void {
  for (const f of files(dir)) {
    const raw = JSON.parse(readFileSync(join(root, dir, f), 'utf8'));
    const r = schema.safeParse(raw);
    if (!r.success)
      throw new Error(
        `presets/${dir}/${f}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    expect(r.data.id, f).toBe(f.replace(/\.json$/, ''));
  }
}

describe('hardware presets validate', () => {
  it('every accelerator file', () => validate('hardware', AcceleratorFile));
  it('every system file', () => validate('systems', SystemFile));
  it('every file is registered', () => {
    expect(ACCELERATOR_PRESETS_RAW.map((r) => (r as { id: string }).id).sort()).toEqual(
      files('hardware')
        .map((f) => f.slice(0, -5))
        .sort(),
    );
    expect(SYSTEM_PRESETS_RAW.map((r) => (r as { id: string }).id).sort()).toEqual(
      files('systems')
        .map((f) => f.slice(0, -5))
        .sort(),
    );
  });
  it('a bad file fails naming its file and field', () => {
    const raw = JSON.parse(readFileSync(join(root, 'hardware/h800.json'), 'utf8'));
    raw.memoryBandwidthBytesPerS = { value: -1, source: 'x' };
    expect(() => parseAccelerator(raw, 'presets/hardware/h800.json')).toThrow(
      /presets\/hardware\/h800\.json: memoryBandwidthBytesPerS\.value/,
    );
    const raw2 = JSON.parse(readFileSync(join(root, 'hardware/h800.json'), 'utf8'));
    delete raw2.efficiency.compute.justification;
    expect(() => parseAccelerator(raw2, 'h800.json')).toThrow(/efficiency\.compute\.justification/);
  });
  it('every system names an accelerator that exists', () => {
    for (const s of systemPresets()) expect(findAccelerator(s.acceleratorId), s.id).toBeDefined();
  });
  it('covers the devices and systems the product promises', () => {
    for (const id of [
      'a100-sxm-80gb',
      'a800-sxm-80gb',
      'h100-sxm',
      'h800',
      'h20',
      'h200-sxm',
      'b200',
      'gb200',
      'b300',
      'gb300',
      'l40s',
      'rtx-3090',
      'rtx-4090',
      'rtx-5090',
      'rtx-6000-ada',
      'mi300x',
      'mi325x',
      'mi355x',
      'ascend-910b',
      'ascend-910c',
      'gaudi-3',
      'tpu-v5e',
      'tpu-v5p',
      'tpu-v6e',
      'apple-m2-ultra',
      'apple-m3-max',
      'apple-m4-max',
      'xeon-gold-6454s-2s',
      'epyc-genoa-2s',
      // hardware bought in 2026
      'h200-nvl',
      'rtx-pro-6000-blackwell',
      'gb10',
      'jetson-agx-thor',
      'jetson-agx-orin-64gb',
      'rtx-5080',
      'rx-7900-xtx',
      'ascend-950pr',
      'ascend-950dt',
      'tpu7x',
      'trainium2',
      'apple-m3-ultra',
      'epyc-turin-2s',
      'xeon-6980p-2s',
    ])
      expect(findAccelerator(id), id).toBeDefined();
    for (const id of [
      'hgx-h800',
      'hgx-h100',
      'hgx-h200',
      'dgx-b200',
      'gb200-nvl72',
      'cloudmatrix-384',
      'atlas-800t-a2',
      'mi300x-8',
      'consumer-4090-box',
      'ktransformers-server',
      'mac-studio-m2-ultra',
      'hgx-b300',
      'gb300-nvl72',
      'hgx-h20',
      'h200-nvl-8gpu-server',
      'rtx-pro-6000-8gpu-server',
      'dgx-spark',
      'jetson-agx-thor-devkit',
      'mi325x-8',
      'mi355x-8',
      'gaudi3-8',
      'tpu-v5e-pod',
      'tpu-v5p-pod',
      'tpu-v6e-pod',
      'tpu7x-pod',
      'trn2-16',
      'trn2-ultraserver',
      'mac-studio-m3-ultra',
      'macbook-pro-m4-max',
      'workstation-rtx-5090',
      'desktop-rx-7900-xtx',
      'cpu-server-epyc-turin-2s',
      'cpu-server-xeon-6980p-2s',
    ])
      expect(findSystem(id), id).toBeDefined();
  });
});

describe('unverified values stay flagged', () => {
  it('every (U) note carries unverified: true', () => {
    const walk = (o: unknown, path: string, out: string[]): void => {
      if (o && typeof o === 'object') {
        const r = o as Record<string, unknown>;
        if (
          typeof r['note'] === 'string' &&
          r['note'].startsWith('(U)') &&
          r['value'] !== null &&
          r['unverified'] !== true
        )
          out.push(path);
        for (const [k, v] of Object.entries(r)) walk(v, `${path}.${k}`, out);
      }
    };
    const bad: string[] = [];
    for (const d of ['hardware', 'systems'])
      for (const f of files(d)) walk(JSON.parse(readFileSync(join(root, d, f), 'utf8')), `${d}/${f}`, bad);
    expect(bad).toEqual([]);
  });
  it('Ascend figures are unverified; H100 BF16 is not', () => {
    expect(findAccelerator('ascend-910c')!.peakFlopsPerS.bf16.unverified).toBe(true);
    expect(findAccelerator('h100-sxm')!.peakFlopsPerS.bf16.unverified).toBeUndefined();
  });
});

describe('sanity ranges per device class catch unit slips', () => {
  const ranges: Record<
    Accelerator['deviceClass'],
    { bw: [number, number]; mem: [number, number]; bf16: [number, number] }
  > = {
    // Bandwidth from 250 GB/s (was 500) for the L4, a 72 W inference card with 300 GB/s of GDDR6.
    'datacenter-gpu': { bw: [250e9, 20e12], mem: [16e9, 400e9], bf16: [50e12, 5e15] },
    // Widened for the unified-memory NVIDIA parts in this class: bandwidth from 200 GB/s (was 300) for
    // DGX Spark / Jetson Thor (273 GB/s LPDDR5x) and Jetson AGX Orin (204.8 GB/s); memory to 130 GB (was
    // 100) for their 128 GB. A GB/s-for-TB/s or GB-for-GiB slip is still caught.
    'consumer-gpu': { bw: [200e9, 3e12], mem: [8e9, 130e9], bf16: [20e12, 1e15] },
    npu: { bw: [500e9, 10e12], mem: [16e9, 300e9], bf16: [100e12, 5e15] },
    tpu: { bw: [500e9, 10e12], mem: [8e9, 300e9], bf16: [100e12, 5e15] },
    cpu: { bw: [50e9, 2e12], mem: [1e9, 10e12], bf16: [1e11, 1e15] },
    'apple-soc': { bw: [100e9, 2e12], mem: [8e9, 512e9], bf16: [1e12, 1e15] },
  };
  for (const a of acceleratorPresets()) {
    it(`${a.id} is within the ${a.deviceClass} ranges`, () => {
      const r = ranges[a.deviceClass];
      const within = (v: number | null, [lo, hi]: [number, number], what: string): void => {
        if (v === null) return;
        expect(v, `${a.id} ${what}`).toBeGreaterThanOrEqual(lo);
        expect(v, `${a.id} ${what}`).toBeLessThanOrEqual(hi);
      };
      within(a.memoryBandwidthBytesPerS.value, r.bw, 'memory bandwidth (B/s)');
      within(a.memoryBytes.value, r.mem, 'memory (B)');
      within(a.peakFlopsPerS.bf16.value, r.bf16, 'BF16 FLOP/s');
      const up = a.scaleUpBandwidthBytesPerS.value;
      if (up !== null) within(up, [1e9, 2e12], 'scale-up per direction (B/s)');
      for (const e of Object.values(a.efficiency)) expect(e.value).toBeLessThanOrEqual(1);
    });
  }
});

describe('link direction is stated once and converted at the edge', () => {
  it("H800's NVLink is 400 GB/s bidirectional = 200 GB/s per direction", () => {
    expect(findAccelerator('h800')!.scaleUpBandwidthBytesPerS.value).toBe(200e9);
  });
  it("H100's 900 GB/s bidirectional = 450 GB/s per direction", () => {
    expect(findAccelerator('h100-sxm')!.scaleUpBandwidthBytesPerS.value).toBe(450e9);
  });
  it('GB200 is quoted per direction (900) and kept', () => {
    expect(findAccelerator('gb200')!.scaleUpBandwidthBytesPerS.value).toBe(900e9);
  });
  it('normaliseLink halves only bidirectional figures', () => {
    expect(normaliseLink({ value: 64e9, direction: 'bidirectional', source: 's' }).value).toBe(32e9);
    expect(normaliseLink({ value: 64e9, direction: 'unidirectional', source: 's' }).value).toBe(64e9);
  });
});
