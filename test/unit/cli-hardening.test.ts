// The CLI never hangs and never reads more than it needs: a named pipe, a device or
// a huge file given as any file argument is refused at once, before it is read; `report`'s local
// server serves only its folder and answers a bad URL with 400; --help exits 0 on stdout; a file
// with a byte-order mark is read; clamped flags and an implausible training batch are warnings.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_INPUT_FILE_BYTES } from '../../cli/files';
import { main } from '../../cli/main';
import { serveDir } from '../../cli/report-server';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'cp-cli-hardening-'));
const PLAN = 'presets/plans/llama-3.1-8b-h100.json';
const fifo = join(dir, 'pipe.json');
const huge = join(dir, 'huge.json');
spawnSync('mkfifo', [fifo]);
// Sparse: 64 GiB that take no disk; reading it would take minutes and the test would time out.
writeFileSync(huge, '');
truncateSync(huge, 64 * 1024 ** 3);

/** Every command that reads a file, with the file argument in place. */
const READERS: Array<(f: string) => string[]> = [
  (f) => ['infer', f],
  (f) => ['train', f],
  (f) => ['rl', f],
  (f) => ['search', f],
  (f) => ['cluster', f],
  (f) => ['calibrate-check', f],
  (f) => ['model', f],
  (f) => ['report', PLAN, '--compare', f, '--pdf', join(dir, 'never.pdf')],
];

describe('file arguments', () => {
  it.each([
    [
      'a named pipe (no writer: reading it would block forever)',
      fifo,
      /pipe\.json is a named pipe, not a regular file/,
    ],
    ['/dev/zero (reading it never ends)', '/dev/zero', /\/dev\/zero is a device, not a regular file/],
    [
      'a 64 GiB file (refused from its size, never read)',
      huge,
      /huge\.json is 68,719,476,736 bytes; input files are at most 8,388,608 bytes/,
    ],
  ])('%s is refused at once by every command', async (_what, file, re) => {
    for (const argv of READERS) {
      const r = await run(argv(file));
      expect(r.code, argv(file).join(' ')).toBe(2);
      expect(r.err, argv(file).join(' ')).toMatch(re);
    }
  });
  it('one limit for every file argument, stated in --help', async () => {
    expect(MAX_INPUT_FILE_BYTES).toBe(8 * 1024 * 1024);
    expect((await run(['--help'])).out).toMatch(/at most 8 MiB \(8,388,608 bytes\), checked\s+before it is read/);
  });
  it('a file starting with a byte-order mark is read', async () => {
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, `\uFEFF${readFileSync(PLAN, 'utf8')}`);
    const r = await run(['infer', bom, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).id).toBe('llama-3.1-8b-h100');
  });
});

describe('--help', () => {
  it('exits 0 and prints the usage on stdout, alone or with a command (-h too)', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['infer', '--help']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out, argv.join(' ')).toMatch(/^cluster-planner — .*\n\nUsage:/);
      expect(r.err).toBe('');
    }
    const bin = spawnSync(process.execPath, ['bin/cluster-planner.mjs', '--help'], { encoding: 'utf8' });
    expect(bin.status).toBe(0);
    expect(bin.stdout).toMatch(/Usage:/);
    expect(bin.stderr).toBe('');
  });
});

describe('warnings on stderr', () => {
  it('a clamped or ignored --endpoints is stated; the answer is still given', async () => {
    const r = await run(['network', '--topology', 'ft2', '--radix', '64', '--endpoints', '1e308', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).endpoints).toBe(2048);
    expect(r.err).toBe(
      'cluster-planner network: warning: --endpoints 1e308 is more than FT2 of radix 64 connects: sized for its maximum, 2,048\n',
    );
    const df = await run(['network', '--topology', 'df', '--radix', '64', '--endpoints', '100', '--json']);
    expect(df.err).toMatch(/warning: --endpoints 100 ignored: a DF of radix 64 has 261,632 endpoints/);
  });
  it('planes and port speeds out of range are refused, not used', async () => {
    for (const [flag, v] of [
      ['--planes', '0.5'],
      ['--planes', '1e9'],
      ['--port-gbps', '-5'],
      ['--port-gbps', '1e308'],
    ] as const) {
      const r = await run(['network', '--topology', 'mpft', '--radix', '64', flag, v]);
      expect(r.code, `${flag} ${v}`).toBe(2);
      expect(r.err).toMatch(new RegExp(`${flag} must be`));
    }
  });
  it('a training plan whose global batch is smaller than dp × sequence length is flagged', async () => {
    const plan = JSON.parse(readFileSync('presets/plans/llama-2-7b-train-8x4090.json', 'utf8'));
    plan.training.globalBatchTokens = 4096; // dp 8 × 4,096 tokens = 32,768 needed for one sequence each
    const f = join(dir, 'small-batch.json');
    writeFileSync(f, JSON.stringify(plan));
    const r = await run(['train', f, '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^cluster-planner train: warning: training\.globalBatchTokens \(4,096 tokens\) is smaller than dp × sequenceLength \(8 × 4,096 = 32,768\)/,
    );
    expect((await run(['train', 'presets/plans/llama-2-7b-train-8x4090.json', '--json'])).err).toBe('');
  });
});

describe('report server', () => {
  const site = join(dir, 'dist-web');
  let base = '';
  let close: () => void = () => undefined;
  beforeAll(async () => {
    mkdirSync(join(site, 'assets'), { recursive: true });
    mkdirSync(join(dir, 'dist-web-secret'));
    writeFileSync(join(site, 'index.html'), '<p>app</p>');
    writeFileSync(join(site, 'assets', 'a.js'), 'x');
    writeFileSync(join(dir, 'dist-web-secret', 'key.txt'), 'secret');
    writeFileSync(join(dir, 'plans.json'), '[]');
    const s = await serveDir(site, new Map([['/__report/plans.json', join(dir, 'plans.json')]]));
    base = s.url;
    close = () => s.server.close();
  });
  afterAll(() => close());
  const get = (path: string, method = 'GET'): Promise<{ status: number; body: string }> =>
    new Promise((ok, fail) => {
      // The path goes out as written (a URL object would resolve the "..").
      const { hostname, port } = new URL(base);
      const req = request({ hostname, port, path, method }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', fail);
      req.end();
    });
  it('serves its folder and the plan list', async () => {
    expect(await get('/')).toEqual({ status: 200, body: '<p>app</p>' });
    expect((await get('/assets/a.js')).status).toBe(200);
    expect(await get('/__report/plans.json')).toEqual({ status: 200, body: '[]' });
  });
  it('never serves a file outside its folder, not even from a sibling whose name starts with its own', async () => {
    for (const p of [
      '/../dist-web-secret/key.txt',
      '/%2e%2e/dist-web-secret/key.txt',
      '/..%2fdist-web-secret%2fkey.txt',
    ])
      expect((await get(p)).status, p).toBe(404);
  });
  it('answers a malformed URL with 400 and a method other than GET with 405, and keeps serving', async () => {
    expect((await get('/%')).status).toBe(400);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/', 'POST')).status).toBe(405);
    expect((await get('/')).status).toBe(200);
  });
});
