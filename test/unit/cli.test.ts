// The CLI's public JSON contract. Most cases call main() in-process; one spawns the real bin.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';
import { progressLine } from '../../cli/commands/search';
import { formatUsd } from '../../shared/units';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('cluster-planner model / models', () => {
  it('models --json lists lower-case dashed preset ids', async () => {
    const r = await run(['models', '--json']);
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.out) as string[];
    expect(ids).toContain('deepseek-v3');
    expect(ids).toContain('qwen2.5-72b');
    expect(ids).toContain('llama-3.1-405b');
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
  });
  it('model deepseek-v3 --seq 4096 --json prints the contract fields', async () => {
    const r = await run(['model', 'deepseek-v3', '--seq', '4096', '--json']);
    const j = JSON.parse(r.out);
    expect(j.id).toBe('deepseek-v3');
    expect(j.kvBytesPerToken).toBe(70272);
    expect(j.totalParams / 1e9).toBeCloseTo(671, 0);
    expect(j.activeParams / 1e9).toBeGreaterThan(36);
    expect(j.trainingFlopsPerToken / 1e9).toBeCloseTo(250, -1);
    expect(Object.keys(j.weightBytes)).toEqual(['bf16', 'fp8', 'int4']);
  });
  it('model <config.json> imports a Hugging Face config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-cli-'));
    const p = join(dir, 'config.json');
    writeFileSync(
      p,
      JSON.stringify({
        model_type: 'llama',
        hidden_size: 4096,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        intermediate_size: 14336,
        vocab_size: 128256,
      }),
    );
    const j = JSON.parse((await run(['model', p, '--json'])).out);
    expect(j.kvBytesPerToken).toBe(131072);
  });
  it('bad input exits 2 with a message naming the problem', async () => {
    const r = await run(['model', 'no-such-model', '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/neither a model preset id nor a file/);
    const r2 = await run(['model', 'deepseek-v3', '--seq', 'abc']);
    expect(r2.err).toMatch(/--seq needs a number/);
  });
  it('the installed bin runs through npx-style invocation', () => {
    const out = execFileSync(process.execPath, ['bin/cluster-planner.mjs', 'models', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toContain('mixtral-8x7b');
  });
});

describe('cluster-planner hardware', () => {
  it('hardware --json lists ids', async () => {
    const ids = JSON.parse((await run(['hardware', '--json'])).out) as string[];
    for (const id of ['h800', 'h100-sxm', 'ascend-910c', 'rtx-4090']) expect(ids).toContain(id);
  });
  it('hardware h800 --json prints schema fields in base units', async () => {
    const j = JSON.parse((await run(['hardware', 'h800', '--json'])).out);
    expect(j.memoryBytes.value).toBe(80e9);
    expect(j.memoryBandwidthBytesPerS.value).toBe(3.35e12);
    expect(j.peakFlopsPerS.bf16.value).toBe(989e12);
    expect(j.peakFlopsPerS.fp8.value).toBe(1979e12);
    expect(j.scaleUpBandwidthBytesPerS.value).toBe(200e9);
    expect(j.scaleOutBandwidthBytesPerS.value).toBe(50e9);
  });
  it('hardware <id> --json keeps { value, source } with source the resolved citation text', async () => {
    const j = JSON.parse((await run(['hardware', 'h100-sxm', '--json'])).out);
    const bw = j.memoryBandwidthBytesPerS;
    expect(Object.keys(bw)).toEqual(expect.arrayContaining(['value', 'source']));
    expect(typeof bw.source).toBe('string');
    expect(bw.source).toMatch(
      /NVIDIA, "NVIDIA H100 Tensor Core GPU Datasheet" \(2023\), H100 SXM: GPU memory bandwidth 3\.35 TB\/s\. https:\/\//,
    );
    expect(j.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const p of ['fp64', 'fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8', 'fp4'])
      if (j.peakFlopsPerS[p].source !== undefined) expect(typeof j.peakFlopsPerS[p].source).toBe('string');
    expect(JSON.stringify(j)).not.toMatch(/"doc":|\.\.\/shared/);
  });
  it('an unknown id exits 2 naming the valid ids', async () => {
    const r = await run(['hardware', 'h900', '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/No hardware preset "h900"/);
  });
});

describe('cluster-planner network / train / infer / validate', () => {
  it('network --topology mpft --radix 64 --planes 8 --json', async () => {
    const j = JSON.parse(
      (await run(['network', '--topology', 'mpft', '--radix', '64', '--planes', '8', '--json'])).out,
    );
    expect(j).toMatchObject({ endpoints: 16384, switches: 768, links: 16384 });
    expect(j.costUSD / 1e6).toBeCloseTo(72, 0);
    expect(j.costPerEndpointUSD).toBeGreaterThan(4300);
  });
  it('network --endpoints sizes a partial fabric', async () => {
    const j = JSON.parse(
      (await run(['network', '--topology', 'ft2', '--radix', '64', '--endpoints', '1024', '--json'])).out,
    );
    expect(j.endpoints).toBe(1024);
  });
  it('train <plan> --json prints the contract fields', async () => {
    const j = JSON.parse((await run(['train', 'presets/plans/llama-3.1-405b-train-16k-h100.json', '--json'])).out);
    for (const k of ['stepTimeS', 'tokensPerSecond', 'mfu', 'memoryPerDeviceBytes', 'fits', 'deviceHours', 'costUSD'])
      expect(j).toHaveProperty(k);
  });
  it('infer <plan> says the price per device-hour and where it comes from, or why there is none', async () => {
    const plan = JSON.parse(readFileSync('presets/plans/llama-3.1-8b-h100.json', 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'cp-price-'));
    const p = join(dir, 'committed.clusterplan.json');
    writeFileSync(
      p,
      JSON.stringify({ ...plan, prices: { mode: 'hourly', usdPerDeviceHour: null, rate: 'committed' } }),
    );
    expect((await run(['infer', 'presets/plans/llama-3.1-8b-h100.json'])).out).toMatch(
      /price per device-hour +\$3\.50 \(h100-sxm: /,
    );
    expect((await run(['infer', p])).out).toMatch(/price per device-hour +no committed rate known for h100-sxm/);
  });
  it('infer <plan> says where its scheduler settings come from', async () => {
    // The preset names no stack: the generic scheduler, an 8,192-token budget.
    expect((await run(['infer', 'presets/plans/llama-3.1-8b-h100.json'])).out).toMatch(
      /scheduler settings from +generic: a chunked-prefill scheduler with an 8,192-token budget/,
    );
  });
  it('infer <plan> --json prints the contract fields; --sweep batch prints points', async () => {
    const j = JSON.parse((await run(['infer', 'presets/plans/llama-3.1-8b-h100.json', '--json'])).out);
    for (const k of [
      'ttftS',
      'tpotS',
      'outputTokensPerSecondPerDevice',
      'maxBatch',
      'memoryPerDeviceBytes',
      'costPerMillionOutputTokensUSD',
    ])
      expect(j).toHaveProperty(k);
    // Times are in seconds: an 8B model on one H100 decodes a token in milliseconds.
    expect(j.tpotS).toBeGreaterThan(1e-3);
    expect(j.tpotS).toBeLessThan(0.1);
    const s = JSON.parse(
      (await run(['infer', 'presets/plans/llama-3.1-8b-h100.json', '--sweep', 'batch', '--json'])).out,
    );
    expect(s.length).toBeGreaterThan(10);
    expect(s[0]).toHaveProperty('tpotS');
  });
  it('validate --json rows have id, source, metric, published, predicted, errorPct', async () => {
    const rows = JSON.parse((await run(['validate', '--json'])).out) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const r of rows)
      for (const k of [
        'id',
        'source',
        'metric',
        'published',
        'predicted',
        'errorPct',
        'rooflinePredicted',
        'rooflineErrorPct',
      ])
        expect(r).toHaveProperty(k);
    expect(rows.some((r) => String(r['id']).startsWith('llama3'))).toBe(true);
    for (const r of rows) expect(typeof r['source']).toBe('string');
    expect(String(rows.find((r) => r['id'] === 'llama3-405b-tflops')?.['source'])).toMatch(
      /The Llama 3 Herd of Models.*Table 4.*https:\/\/arxiv\.org\/abs\/2407\.21783/,
    );
  }, 60_000);
  it('validate prints a plain-roofline column and the summary line', async () => {
    const out = (await run(['validate'])).out;
    expect(out).toMatch(/plain roofline/);
    expect(out).toMatch(/median \|error\| \d+\.\d%, \d+ of \d+ rows within ±25% \(plain roofline: median/);
  }, 60_000);
  it('infer with a TPOT objective answers the largest concurrency meeting it, served there', async () => {
    const j = JSON.parse(
      (await run(['infer', 'presets/plans/llama-3.1-8b-h100.json', '--tpot-ms', '20', '--json'])).out,
    );
    expect(j.objectives).toEqual({ tpotS: 0.02 });
    expect(j.best.tpotMeanS).toBeLessThanOrEqual(0.02);
    expect(j.rows.some((r: { meets: boolean }) => !r.meets) || j.best.concurrency === j.capacity).toBe(true);
    const t = await run(['infer', 'presets/plans/llama-3.1-8b-h100.json', '--tpot-ms', '20']);
    expect(t.out).toMatch(/Largest concurrency within the objectives: \d+/);
    expect(t.out).toMatch(/The plan served at \d+:/);
  });

  it('a training plan given to infer is refused with a pointer to train', async () => {
    const r = await run(['infer', 'presets/plans/llama-3.1-405b-train-16k-h100.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/use `cluster-planner train`/);
  });
});

describe('cluster-planner cluster', () => {
  it('cluster <file> --json prints the contract fields, and the BOM sums to the capex', async () => {
    const r = await run(['cluster', 'presets/clusters/h200-1024-rail-optimised.json', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of [
      'devices',
      'nodes',
      'racks',
      'bom',
      'capexUSD',
      'itPowerW',
      'facilityPowerW',
      'opexUSDPerYear',
      'tcoUSD',
      'usdPerDeviceHour',
    ])
      expect(j).toHaveProperty(k);
    expect(j.devices).toBe(1024);
    for (const l of j.bom)
      for (const k of ['item', 'quantity', 'unitUSD', 'unitW', 'source']) expect(l).toHaveProperty(k);
    const sum = j.bom.reduce(
      (s: number, l: { quantity: number; unitUSD: number | null }) => s + l.quantity * (l.unitUSD ?? 0),
      0,
    );
    expect(sum).toBeCloseTo(j.capexUSD, 3);
    expect(j.usdPerDeviceHour).toBeCloseTo(j.tcoUSD / (1024 * 5 * 8760), 9);
  });
  it('a bad cluster file exits 2 naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-cluster-'));
    const f = join(dir, 'bad.cluster.json');
    writeFileSync(
      f,
      JSON.stringify({
        kind: 'cluster-planner-cluster',
        schemaVersion: 1,
        id: 'x',
        name: 'x',
        node: { systemId: 'hgx-h200', count: 0 },
      }),
    );
    const r = await run(['cluster', f, '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/node\.count/);
  });
});

describe('cluster-planner search progress', () => {
  it('into a pipe or file: no carriage-return updates, one line at most every 2 s, then the summary', async () => {
    const r = await run(['search', 'presets/sizing/llama-3.1-70b-chat.clustersearch.json', '--json', '--top', '2']);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('\r');
    expect(r.err).toMatch(/^searched 192 configurations \([\d,]+ operating points\) in [\d.]+ s\n$/);
    expect(JSON.parse(r.out).top).toHaveLength(2);
  });
  it('says a plan is a plan, not a sizing spec', async () => {
    const r = await run(['search', 'presets/plans/deepseek-v3-gb200-nvl72.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/kind: "inference" is a plan .* cluster-planner infer/);
  });
  it('the text answer is the app’s sentence: copies × devices, layout per copy, all-in $ per M, the price the plan file carries', async () => {
    const r = await run(['search', 'presets/sizing/llama-3.1-70b-chat.clustersearch.json', '--top', '3']);
    expect(r.code).toBe(0);
    const head = r.out.split('\n')[0]!;
    expect(head).toMatch(/^Cheapest meeting your SLOs: \d+ cop(y|ies) × \d+ × .+ \(.+\), TP\d.* per copy, /);
    expect(head).toMatch(/— \$[\d,.]+k?\/h, \$[\d.]+ per M output tokens$/);
    expect(head).not.toMatch(/\(1 devices\)|1 copies/);
    const j = await run(['search', 'presets/sizing/llama-3.1-70b-chat.clustersearch.json', '--json', '--top', '1']);
    const best = JSON.parse(j.out).best;
    expect(best.plan.prices.usdPerDeviceHour * best.metrics.devices).toBeCloseTo(best.metrics.usdPerHour, 6);
    // One $ / M output tokens: the headline, the table's first row and the JSON say the same.
    const perM = formatUsd(best.metrics.usdPerMOutput);
    expect(head.endsWith(`${perM} per M output tokens`)).toBe(true);
    const line = r.out.split('\n').find((l) => l.startsWith('$ / M output tokens '));
    expect(line?.trim().endsWith(` ${perM}`)).toBe(true);
  });
  it('a slow search into a pipe reports every 2 s, a terminal line is redrawn in place', () => {
    let err = '';
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    let clock = 0;
    const piped = progressLine(false, 0, () => clock);
    for (let done = 256; done <= 4096; done += 256) {
      clock += 500; // 0.5 s per report: a line every fourth
      piped(done, 4096);
    }
    expect(err.split('\n').filter(Boolean)).toEqual([
      'searching: 1024 / 4096 configurations',
      'searching: 2048 / 4096 configurations',
      'searching: 3072 / 4096 configurations',
    ]);
    err = '';
    progressLine(true, 0)(256, 4096);
    expect(err).toBe('\rsearching: 256 / 4096 configurations');
    e.mockRestore();
  });
});
