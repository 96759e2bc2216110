// The search split over workers (shared/sizing/split.ts, the code the Web Workers run) gives
// exactly what one thread gives (shared/sizing/run.ts runSearch): counts, why-not reasons, the
// ranked list and both Pareto frontiers; re-filtering stored curves at looser SLOs equals a fresh
// search at those SLOs. (Merging refined share summaries alone is not exact: refinement can
// reorder candidates near the cut, e.g. llama-3.1-70b-chat in 4 shares or rag-long-context in 3.)
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { presetCatalog } from '../../presets/load';
import { parseSizingSpec, type SizingSpec, type Slo } from '../../shared/schema/sizing';
import { runSearch } from '../../shared/sizing/run';
import { pareto, summarize, type FrontierPoint } from '../../shared/sizing/summary';
import { judge } from '../../shared/sizing/judge';
import { NCOL } from '../../shared/sizing/curve';
import fc from 'fast-check';
import { cheaper, ChunkPool, combine, refinedCount, SearchShare } from '../../shared/sizing/split';
import { workerCount } from '../../renderer/src/engine/search-pool';

const catalog = presetCatalog();
const spec = (id: string): SizingSpec =>
  parseSizingSpec(readFileSync(`presets/sizing/${id}.clustersearch.json`, 'utf8'), id);

async function split(s: SizingSpec, workers: number, slo?: Slo, topN = 10) {
  const shares = Array.from({ length: workers }, (_, k) => new SearchShare(s, catalog, k, workers, topN));
  for (const sh of shares) expect(sh.step(Infinity, () => 0)).toBe(true);
  const use = slo ?? s.slo;
  const swept = shares.reduce((n, sh) => n + (slo ? sh.resweep(use) : 0), 0);
  const parts = shares.map((sh) => ({
    share: sh.share,
    summary: sh.summary(use, topN),
    heads: sh.heads(use, refinedCount(topN)),
  }));
  const merged = await combine(parts, topN, async (k, ids) => shares[k]!.refineIds(ids, use));
  return { merged, swept, shares };
}

function single(s: SizingSpec, topN = 10) {
  const { best: _b, reasons: _r, ...summary } = runSearch(s, catalog, { topN });
  return summary;
}

/**
 * The Llama-3.1-70B chat spec with every weight, compute and KV format, PP and four
 * disaggregation ratios: 9,072 configurations, many pairs with equal numbers.
 */
function everyFormat() {
  const base = spec('llama-3.1-70b-chat');
  return parseSizingSpec({
    ...base,
    constraints: {
      ...base.constraints,
      precisions: {
        weights: ['bf16', 'fp8', 'int8', 'fp6', 'mxfp4', 'nvfp4', 'int4'],
        compute: ['bf16', 'fp8', 'fp4', 'int8'],
        kvCache: ['bf16', 'fp8', 'int8'],
      },
      strategies: { ...base.constraints.strategies, pp: true, disaggregationRatios: [0.25, 0.5, 1, 2] },
    },
  });
}

describe('search split over workers', () => {
  for (const id of ['llama-3.1-70b-chat', 'local-2x-rtx4090', 'rag-long-context'])
    for (const workers of [2, 3, 4])
      it(`${id}: ${workers} shares merged equal one thread`, async () => {
        const s = spec(id);
        const { merged, shares } = await split(s, workers);
        expect(shares.reduce((n, sh) => n + sh.total, 0)).toBe(merged.candidates);
        expect(merged).toEqual(single(s));
      });

  it('a small DeepSeek-V3 space (one system, up to 64 devices) split in 2 equals one thread', async () => {
    const base = spec('deepseek-v3-50ms');
    const s = parseSizingSpec({
      ...base,
      workload: { ...base.workload, load: { mode: 'arrival-rate', requestsPerSecond: 20 } },
      constraints: { ...base.constraints, systems: ['hgx-h800'], maxDevices: 64 },
    });
    const { merged } = await split(s, 2);
    expect(merged.top.length).toBeGreaterThan(0);
    expect(merged).toEqual(single(s));
  });

  it('loosening the SLOs re-filters stored curves (sweeping the cut-short ones) = a fresh search', async () => {
    const s = spec('llama-3.1-70b-chat');
    const strict = parseSizingSpec({ ...s, slo: { ...s.slo, tpotMs: 20, ttftMs: 300 } });
    const loose: Slo = { ...s.slo, tpotMs: 80, ttftMs: 2000 };
    const { merged, swept } = await split(strict, 2, loose);
    expect(swept).toBeGreaterThan(0);
    expect(merged.needsSweep).toBe(0);
    expect(merged).toEqual(single(parseSizingSpec({ ...s, slo: loose })));
  });

  it('a lower TTFT percentile is a looser SLO: candidates cut short at p99 are swept again at p50', async () => {
    // Cut short at p99 with a tight TTFT, the same target at p50 admits more candidates; a re-filter
    // that compared only the milliseconds judged them from their one row and dropped them.
    const s = spec('llama-3.1-70b-chat');
    const strict = parseSizingSpec({ ...s, slo: { ...s.slo, ttftMs: 250, ttftPercentile: 'p99' } });
    const loose: Slo = { ...strict.slo, ttftPercentile: 'p50' };
    const { merged, swept } = await split(strict, 2, loose);
    expect(swept).toBeGreaterThan(0);
    expect(merged).toEqual(single(parseSizingSpec({ ...s, slo: loose })));
  });

  it('tightening the SLOs needs no sweep and ranks the same deployments as a fresh search', async () => {
    const s = spec('llama-3.1-70b-chat');
    const tight: Slo = { ...s.slo, tpotMs: 30 };
    const { merged, swept } = await split(s, 2, tight);
    expect(swept).toBe(0);
    const fresh = single(parseSizingSpec({ ...s, slo: tight }));
    expect(merged.top).toEqual(fresh.top);
    expect(merged.feasible).toBe(fresh.feasible);
  });

  it('configurations with equal numbers (FP8 and INT8 KV caches) leave the same frontier point split or not', async () => {
    // Every weight, compute and KV format and PP too: 9,072 configurations, many pairs with equal
    // numbers (a 1-byte KV cache is a 1-byte KV cache). The frontier keeps the smallest id of equals;
    // before that, which of two equal points stayed depended on the order they came in.
    const s = everyFormat();
    const { merged } = await split(s, 2);
    expect(merged.candidates).toBeGreaterThan(5_000);
    expect(merged).toEqual(single(s));
  });

  it('a search takes one worker per core, but no more than one per 32 configurations', () => {
    expect(workerCount(128, 2)).toBe(2); // the Llama-3.1-70B chat example
    expect(workerCount(40, 8)).toBe(2);
    expect(workerCount(150_720, 8)).toBe(8);
    expect(workerCount(0, 8)).toBe(1);
    expect(workerCount(150_720, 0)).toBe(1);
  });

  it('the frontier of equal points does not depend on their order', () => {
    const pt = (id: string, x: number, y: number): FrontierPoint => ({ id, systemId: 's', batch: 1, lambda: 1, x, y });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.constantFrom<'max' | 'min'>('max', 'min'),
        fc.integer(),
        (xy, sense, seed) => {
          const points = xy.map(([x, y], i) => pt(`c${i}`, x, y));
          const shuffled = fc.sample(fc.shuffledSubarray(points, { minLength: points.length }), {
            numRuns: 1,
            seed,
          })[0]!;
          expect(pareto(shuffled, sense)).toEqual(pareto(points, sense));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it("a share's summary, built while it runs, equals a summary of its candidates at every report, across SLO changes", () => {
    // The worker reports a summary every interval and the final one with its heads; both come from
    // a SummaryBuilder fed as candidates are evaluated. Compared with summarize() over the same
    // candidates (the pass the share made before), at partial points, after a change of SLO and
    // back, and with another topN.
    const s = spec('llama-3.1-70b-chat');
    const sh = new SearchShare(s, catalog, 1, 2, 10);
    const other: Slo = { ...s.slo, tpotMs: 30, ttftMs: 400 };
    let steps = 0;
    let clock = 0;
    while (!sh.step(clock, () => clock++)) {
      steps++;
      expect(sh.summary(s.slo, 10)).toEqual(summarize(sh.sc, sh.evs, s.slo, 10));
      if (steps === 2) expect(sh.summary(other, 10)).toEqual(summarize(sh.sc, sh.evs, other, 10));
    }
    expect(steps).toBeGreaterThan(2);
    expect(sh.summary(s.slo, 10)).toEqual(summarize(sh.sc, sh.evs, s.slo, 10));
    expect(sh.summary(s.slo, 3)).toEqual(summarize(sh.sc, sh.evs, s.slo, 3));
    const heads = sh.heads(s.slo, refinedCount(10));
    const feasible = sh.evs
      .map((ev, i) => ({ ev, i, v: judge(sh.sc, ev, s.slo) }))
      .filter((x) => x.v.feasible)
      .sort((a, b) => cheaper(a.v, b.v) || a.i - b.i)
      .slice(0, refinedCount(10));
    expect(heads.map((h) => h.id)).toEqual(feasible.map((x) => x.ev.cand.id));
    expect(heads.map((h) => h.index)).toEqual(feasible.map((x) => sh.mine[x.i]));
  });

  it('curves hold just their rows (a cut-short one, one row), in shared chunks', () => {
    const s = spec('llama-3.1-70b-chat');
    const sh = new SearchShare(parseSizingSpec({ ...s, slo: { ...s.slo, tpotMs: 15 } }), catalog, 0, 2);
    sh.step(Infinity, () => 0);
    const cut = sh.evs.filter((e) => e.prunedWith);
    expect(cut.length).toBeGreaterThan(0);
    for (const e of cut) expect(e.curve.length).toBe(NCOL);
    for (const e of sh.evs) expect(e.curve.length).toBe(e.structural ? 0 : e.points * NCOL);
    expect(sh.curveBytes()).toBe(sh.evs.reduce((b, e) => b + e.points * NCOL * 8, 0));
    expect(new Set(sh.evs.map((e) => e.curve.buffer)).size).toBeLessThan(sh.evs.length / 10);
  });

  it("a worker's chunk pool: the next search writes its curves into a released share's chunks, same answers", () => {
    const wide = everyFormat();
    const answer = (sh: SearchShare) => {
      sh.step(Infinity, () => 0);
      return { summary: sh.summary(wide.slo, 10), heads: sh.heads(wide.slo, refinedCount(10)), bytes: sh.curveBytes() };
    };
    const alone = answer(new SearchShare(wide, catalog, 0, 2, 10));
    const pool = new ChunkPool();
    const first = new SearchShare(wide, catalog, 0, 2, 10, pool);
    expect(answer(first)).toEqual(alone);
    const used = new Set(first.evs.filter((e) => !e.structural).map((e) => e.curve.buffer));
    expect(used.size).toBeGreaterThan(2);
    first.release();
    expect(pool.size).toBe(used.size);
    expect(() => first.summary(wide.slo, 10)).toThrow(/released/);
    const second = new SearchShare(wide, catalog, 0, 2, 10, pool);
    expect(answer(second)).toEqual(alone);
    expect(second.evs.every((e) => e.structural || used.has(e.curve.buffer))).toBe(true);
    expect(pool.size).toBe(0);
  });
});
