// The fuzz harness can fail: crashes, messages that name no field, NaN, negative costs and slow
// evaluations are each reported, and every input is reproducible from (seed, index).
import { describe, expect, it } from 'vitest';
import { cpuMs, inputAt, inputStream, namedField, namedFields, runFuzz, type FuzzEntry } from '../fuzz/harness';
import { applyMutations, toJsonText } from '../fuzz/generators';

const examples = [{ a: 1, b: { c: 'x' } }];
const entry = (over: Partial<FuzzEntry>): FuzzEntry => ({
  name: 'toy',
  describes: 'a toy parser',
  examples,
  parse: (raw) => {
    if (typeof raw === 'string') throw new Error('(file): text');
    const o = raw as { a?: unknown };
    if (!o || typeof o !== 'object' || typeof o.a !== 'number') throw new Error('a: must be a number');
    return o;
  },
  ...over,
});
const opts = { seed: 7, runs: 300 };

describe('fuzz harness', () => {
  it('counts field-naming rejections and acceptances, and fails nothing for a good parser', () => {
    const r = runFuzz(entry({ evaluate: () => ({ timeS: 1 }) }), opts);
    expect(r.tried).toBe(300);
    expect(r.rejected + r.accepted).toBe(300);
    expect(r.accepted).toBeGreaterThan(0);
    expect(r.failures).toEqual([]);
  });
  it('reports a crashing parser and a message that names no field', () => {
    const crash = runFuzz(entry({ parse: (raw) => (raw as { b: { c: string } }).b.c.length }), opts);
    expect(crash.failureCounts['parser-crash']).toBeGreaterThan(0);
    const vague = runFuzz(
      entry({
        parse: () => {
          throw new Error('something went wrong');
        },
      }),
      opts,
    );
    expect(vague.failureCounts['unnamed-rejection']).toBe(300);
    const invented = runFuzz(
      entry({
        parse: () => {
          throw new Error('zzz.qqq: is wrong');
        },
      }),
      opts,
    );
    expect(invented.failureCounts['unnamed-rejection']).toBe(300);
  });
  it('reports NaN, Infinity and negative times or costs from the engine', () => {
    expect(
      runFuzz(entry({ evaluate: () => ({ tpotMs: Number.NaN }) }), opts).failureCounts['non-finite'],
    ).toBeGreaterThan(0);
    expect(
      runFuzz(entry({ evaluate: () => ({ costUSD: Infinity }) }), opts).failureCounts['non-finite'],
    ).toBeGreaterThan(0);
    expect(runFuzz(entry({ evaluate: () => ({ costUSD: -1 }) }), opts).failureCounts.negative).toBeGreaterThan(0);
    expect(
      runFuzz(
        entry({
          evaluate: () => {
            throw new TypeError('x is undefined');
          },
        }),
        opts,
      ).failureCounts['engine-crash'],
    ).toBeGreaterThan(0);
  });
  it('reports an evaluation over budget only after re-timing it', () => {
    // Evaluations are timed in CPU time (other processes on the cores do not count): burn CPU, not the clock.
    const busy = (ms: number): Record<string, number> => {
      const t = cpuMs();
      while (cpuMs() - t < ms);
      return { timeS: ms };
    };
    const r = runFuzz(entry({ evaluate: () => busy(4) }), { ...opts, runs: 40, budgetMs: 1 });
    expect(r.failureCounts.slow).toBe(r.evaluated);
    expect(r.retried).toBe(r.evaluated);
    expect(runFuzz(entry({ evaluate: () => busy(0) }), { ...opts, runs: 40, budgetMs: 50 }).failureCounts.slow).toBe(0);
  });
  it('reproduces any input from its seed and index', () => {
    const e = entry({});
    const stream = [...inputStream(e, 11, 1200)];
    for (const i of [0, 499, 500, 1199]) expect(inputAt(e, 11, i)).toEqual(stream[i]![1]);
  });
  it('reads the field an error names, after the parser label', () => {
    expect(namedField('accelerator: peakFlopsPerS.bf16.value: must be', ['accelerator'])).toBe(
      'peakFlopsPerS.bf16.value',
    );
    expect(namedField('Cannot read properties of undefined', [])).toBeNull();
    // A key may hold ": " itself (fresh seed 1012616653, hardware #6279): every reading is tried.
    expect(namedFields('accelerator: a.#e(3o: 4U.constructor: is not an allowed key', ['accelerator'])).toEqual([
      'a.#e(3o',
      'a.#e(3o: 4U.constructor',
    ]);
  });
  it('writes hostile numbers as a file would hold them and keeps own __proto__ keys', () => {
    expect(toJsonText([Number.NaN, Infinity, -Infinity, -0])).toBe('[NaN,1e999,-1e999,-0]');
    const o = JSON.parse('{"__proto__": {"x": 1}}') as object;
    expect(toJsonText(o)).toBe('{"__proto__":{"x":1}}');
    const m = applyMutations({ a: 1 }, [{ op: 'addKey', at: 0, key: '__proto__', value: 2 }], []) as object;
    expect(Object.keys(m)).toContain('__proto__');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
