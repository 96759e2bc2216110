// Every example through every CLI command that prints it, as text and as JSON: no NaN, Infinity,
// "undefined" or "[object Object]" anywhere, and no exponent notation in what people read.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((out += String(s)), true));
  try {
    return { code: await main(argv), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

/**
 * What must never reach a reader (AMD's "Infinity Fabric" is a name); exponents only in text
 * (JSON numbers may be written 1e-7).
 */
const BAD_ANYWHERE = /\bNaN\b|Infinity(?! Fabric)|\[object Object\]|\bundefined\b/;
const EXPONENT = /\d(?:\.\d+)?e[+-]\d+/;

function badLines(out: string, json: boolean): string[] {
  return out.split('\n').filter((l) => BAD_ANYWHERE.test(l) || (!json && EXPONENT.test(l)));
}

async function expectClean(argv: string[]): Promise<void> {
  for (const json of [false, true]) {
    const r = await run(json ? [...argv, '--json'] : argv);
    expect(r.code, `${argv.join(' ')}: ${r.out.slice(0, 300)}`).toBe(0);
    expect(badLines(r.out, json), argv.join(' ')).toEqual([]);
  }
}

const files = (dir: string, ext: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => `${dir}/${f}`);

const idsOf = async (argv: string[]): Promise<string[]> => JSON.parse((await run([...argv, '--json'])).out) as string[];

describe('no NaN, Infinity, undefined or [object Object] in the CLI', () => {
  for (const file of files('presets/plans', '.json')) {
    it(
      file,
      async () => {
        const kind = (JSON.parse(readFileSync(file, 'utf8')) as { kind: string }).kind;
        const cmd = kind === 'inference' ? 'infer' : kind === 'training' ? 'train' : 'rl';
        await expectClean([cmd, file]);
        await expectClean([cmd, file, '--explain']);
        if (cmd === 'infer') await expectClean([cmd, file, '--sweep', 'batch']);
        if (cmd === 'rl') await expectClean([cmd, file, '--sweep', 'split']);
      },
      60_000,
    );
  }

  for (const file of files('presets/sizing', '.clustersearch.json'))
    it(file, async () => expectClean(['search', file, '--top', '5']), 120_000);

  it('every cluster example', async () => {
    for (const id of await idsOf(['cluster'])) {
      await expectClean(['cluster', id]);
      await expectClean(['cluster', id, '--explain']);
    }
  }, 60_000);

  it('every accelerator, system and model preset', async () => {
    for (const id of await idsOf(['hardware'])) await expectClean(['hardware', id]);
    await expectClean(['systems']);
    for (const id of await idsOf(['models'])) await expectClean(['model', id]);
  }, 60_000);

  it('every network topology, and the validation table', async () => {
    for (const t of ['ft2', 'ft3', 'mpft', 'mrft', 'sf', 'df'])
      await expectClean(['network', '--topology', t, '--radix', '64', '--endpoints', '1024']);
    await expectClean(['validate']);
  }, 120_000);
});
