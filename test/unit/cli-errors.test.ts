// Every command, every kind of bad argument and bad file: exit code 2, one line on stderr naming
// the problem, no stack trace, nothing on stdout. A command added to COMMANDS without an entry in
// cli/args.ts and in BAD below fails the first test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_ARGS } from '../../cli/args';
import { COMMANDS, main } from '../../cli/main';

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

const dir = mkdtempSync(join(tmpdir(), 'cp-cli-errors-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const plan = JSON.parse(
  (await import('node:fs')).readFileSync('presets/plans/llama-3.1-8b-h100.json', 'utf8'),
) as Record<string, unknown>;
const F = {
  missing: join(dir, 'no-such-file.json'),
  folder: (() => {
    const p = join(dir, 'a-folder.json');
    mkdirSync(p);
    return p;
  })(),
  notJson: file('truncated.json', '{"schemaVersion": 1, "id": "x"'),
  hostile: file('hostile.json', '{"__proto__": {"polluted": true}, "schemaVersion": 1}'),
  newer: file('newer.json', JSON.stringify({ ...plan, schemaVersion: 99 })),
  negative: file('negative.json', JSON.stringify({ ...plan, devices: -4 })),
  unknownSystem: file('unknown-system.json', JSON.stringify({ ...plan, systemId: 'no-such-system' })),
  badParallel: file('bad-parallel.json', JSON.stringify({ ...plan, devices: 3 })),
  badConfig: file('config.json', JSON.stringify({ model_type: 'llama', hidden_size: '4096' })),
  mamba: file('mamba.json', JSON.stringify({ model_type: 'mamba' })),
  badProfile: file('profile.json', JSON.stringify({ schemaVersion: 1, kind: 'cluster-planner-calibration-profile' })),
  training: 'presets/plans/llama-2-7b-train-8x4090.json',
  plan: 'presets/plans/llama-3.1-8b-h100.json',
  spec: 'presets/sizing/llama-3.1-70b-chat.clustersearch.json',
  rl: 'presets/plans/qwen2.5-7b-grpo-8xh100.json',
};

/** Bad invocations per command, each with what its message must name. */
const BAD: Record<string, Array<[string[], RegExp]>> = {
  models: [
    [['models', 'extra'], /unexpected argument "extra": models takes no arguments/],
    [['models', '--jsn'], /unknown option --jsn; options: --json/],
    [['models', '--json=yes'], /--json takes no value/],
  ],
  model: [
    [['model'], /missing a model preset id or a config\.json/],
    [['model', 'no-such-model'], /"no-such-model" is neither a model preset id nor a file/],
    [['model', 'deepseek-v3', '--seq', 'abc'], /--seq needs a number, got "abc"/],
    [['model', 'deepseek-v3', '--seq', '0'], /--seq must be between/],
    [['model', 'deepseek-v3', '--seq'], /--seq needs a value/],
    [['model', F.notJson], /truncated\.json: \(file\): is not valid JSON/],
    [['model', F.badConfig], /config\.json: hidden_size: must be a number/],
    [['model', F.mamba], /model_type: "mamba" is not supported/],
    [['model', F.folder], /a-folder\.json is a folder, not a regular file/],
  ],
  hardware: [
    [['hardware', 'h900'], /No hardware preset "h900"/],
    [['hardware', 'h800', 'h100-sxm'], /unexpected argument "h100-sxm"/],
    [['hardware', '--all'], /unknown option --all/],
  ],
  systems: [[['systems', 'hgx-h800'], /unexpected argument "hgx-h800"/]],
  infer: [
    [['infer'], /missing a plan file/],
    [['infer', F.missing], /Cannot read .*no-such-file\.json/],
    [['infer', F.folder], /a-folder\.json is a folder, not a regular file/],
    [['infer', F.notJson], /not valid JSON/],
    [['infer', F.hostile], /__proto__: is not an allowed key/],
    [['infer', F.newer], /schemaVersion: this file is version 99/],
    [['infer', F.negative], /devices/],
    [['infer', F.unknownSystem], /systemId: "no-such-system" is not a system preset/],
    [['infer', F.badParallel], /inference\.parallelism\.dp: TP 1 × PP 1 × DP 1 = 1, but the plan has 3 devices/],
    [['infer', F.training], /use `cluster-planner train`/],
    [['infer', F.plan, '--sweep', 'context'], /--sweep must be one of batch, got "context"/],
    [['infer', F.plan, '--sweep'], /--sweep needs a value/],
    [['infer', F.plan, F.plan], /unexpected argument/],
    [['infer', F.plan, '--tpot-ms', 'fast'], /--tpot-ms needs a number, got "fast"/],
    [['infer', F.plan, '--tpot-ms', '-5'], /--tpot-ms must be a positive number, got "-5"/],
    [
      ['infer', F.plan, '--tpot-ms', '50', '--tokens-per-s-per-user', '20'],
      /give --tpot-ms or --tokens-per-s-per-user, not both/,
    ],
  ],
  train: [
    [['train'], /missing a plan file/],
    [['train', F.plan], /is an inference plan: use `cluster-planner infer`/],
    [['train', F.notJson], /not valid JSON/],
    [['train', F.training, '--sweep', 'batch'], /unknown option --sweep; options: --json, --explain/],
  ],
  rl: [
    [['rl'], /missing an RL plan file/],
    [['rl', F.missing], /Cannot read .*no-such-file\.json/],
    [['rl', F.notJson], /not valid JSON/],
    [['rl', F.plan], /inference plan|kind/],
    [['rl', F.rl, '--sweep', 'batch'], /--sweep must be one of split, got "batch"/],
    [['rl', F.rl, '--jsn'], /unknown option --jsn; options: --json, --explain, --sweep/],
  ],
  search: [
    [['search'], /missing a sizing spec/],
    [['search', F.missing], /Cannot read .*no-such-file\.json/],
    [['search', F.notJson], /not valid JSON/],
    [['search', F.plan], /kind|schema|spec/i],
    [['search', F.spec, '--top', '0'], /--top must be a whole number from 1 to 1000/],
    [['search', F.spec, '--top', 'x'], /--top needs a number, got "x"/],
    [['search', F.spec, '--sweep', 'batch'], /unknown option --sweep; options: --json, --top, --simulate/],
  ],
  cluster: [
    [['cluster', 'no-such-cluster'], /no-such-cluster/],
    [['cluster', F.notJson], /not valid JSON/],
    [['cluster', 'a', 'b'], /unexpected argument/],
    [['cluster', '--jsn'], /unknown option --jsn; options: --json, --explain/],
  ],
  validate: [[['validate', '--explain'], /unknown option --explain; options: --json/]],
  'calibrate-check': [
    [['calibrate-check'], /missing a calibration profile/],
    [['calibrate-check', F.missing], /Cannot read .*no-such-file\.json/],
    [['calibrate-check', F.notJson], /truncated\.json: \(file\): is not valid JSON/],
    [['calibrate-check', F.badProfile], /profile\.json: id: /],
  ],
  report: [
    [['report', F.plan], /Give the output file: --pdf out\.pdf/],
    [['report', F.plan, '--pdf'], /--pdf needs a value/],
    [['report', F.plan, '--pdf', 'o.pdf', '--page', 'A3'], /--page must be one of A4, Letter, got "A3"/],
    [['report', F.plan, '--pdf', 'o.pdf', '--compare', F.missing], /Cannot read .*no-such-file\.json/],
    [['report', F.newer, '--pdf', 'o.pdf'], /schemaVersion/],
  ],
  network: [
    [['network'], /--topology must be one of/],
    [['network', '--topology', 'torus'], /--topology must be one of/],
    [['network', '--topology', 'ft2', '--radix', 'x'], /--radix needs a number, got "x"/],
    [['network', '--topology', 'ft2', '--radix', '7'], /radix: must be an even whole number/],
    [
      ['network', '--topology', 'ft2', '--radix', '64', '--endpoints', '-3'],
      /endpoints: must be a positive whole number/,
    ],
    [['network', '--topology', 'ft2', '--radix', '64', '--radix', '32'], /--radix is given more than once/],
  ],
};

describe('CLI errors', () => {
  it('every command has an argument spec and bad-argument cases here', () => {
    for (const cmd of Object.keys(COMMANDS)) {
      expect(COMMAND_ARGS[cmd], `cli/args.ts has no entry for ${cmd}`).toBeDefined();
      expect(BAD[cmd]?.length, `no bad-argument cases for ${cmd}`).toBeGreaterThan(0);
    }
  });
  for (const [cmd, cases] of Object.entries(BAD))
    it(`${cmd}: bad arguments and files exit 2 with one line naming the problem`, async () => {
      for (const [argv, re] of cases) {
        const r = await run(argv);
        const what = argv.join(' ');
        expect(r.code, what).toBe(2);
        expect(r.out, what).toBe('');
        expect(r.err, what).toMatch(re);
        expect(r.err, what).toMatch(new RegExp(`^cluster-planner ${cmd}: [^\\n]+\\n$`));
        expect(r.err, what).not.toMatch(/\n\s+at |Error: /);
      }
    });
  it('no command or an unknown one exits 2; help exits 0', async () => {
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/Usage:/);
    const unknown = await run(['plan']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^Unknown command "plan"\. Commands: models, model, /);
    expect((await run(['help'])).code).toBe(0);
    expect((await run(['infer', '--help'])).code).toBe(0);
  });
  it('the installed bin exits 2 with one line and no stack trace, and survives a closed pipe', () => {
    const r = spawnSync(process.execPath, ['bin/cluster-planner.mjs', 'infer', F.hostile], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/__proto__: is not an allowed key/);
    const piped = spawnSync(
      'bash',
      ['-c', 'node bin/cluster-planner.mjs validate | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}"'],
      {
        encoding: 'utf8',
      },
    );
    expect(piped.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(piped.stdout.trim()).toBe('0');
  }, 30_000); // two processes start tsx: seconds on a loaded 2-core machine
});
