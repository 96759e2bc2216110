// `npm run bench` (second part): the sizing search's speed. Prints, for two reference specs
// (presets/sizing/deepseek-v3-50ms and llama-3.1-70b-chat), the time of one whole search on one
// thread (shared/sizing/run.ts runSearch, as the CLI runs it) and split over two worker_threads
// (renderer/src/engine/search-split.ts, the code the app's Web Workers run), with configurations
// (candidate deployments, as the app counts them: system × devices × parallelism × precision ×
// disaggregation × speculative) and operating points (a configuration at one swept batch: a point of
// the whole search space, batch included, with its TPOT, TTFT percentiles and sustainable rate from
// the engine and the serving-loop model) evaluated per second. Timings are the median of RUNS
// searches after WARM_UPS untimed ones (steady state: the app's worker pool lives across searches);
// the first search of two fresh workers (started and loaded, nothing compiled by the JIT yet) is
// printed beside it.
// Asserts nothing; checks that the split gives the one-thread answer and says so.
//
// Bundled with esbuild like scripts/bench.ts; the same bundle is the worker (isMainThread).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { presetCatalog } from '../presets/load';
import { parseSizingSpec, type SizingSpec } from '../shared/sizing/schema';
import { runSearch } from '../shared/sizing/run';
import type { RankedEntry, SearchSummary } from '../shared/sizing/summary';
import { combine, refinedCount, SearchShare, type ShareResult } from '../renderer/src/engine/search-split';

const TOP = 20;
const SPECS = ['deepseek-v3-50ms', 'llama-3.1-70b-chat'];
const RUNS = 9;
const WARM_UPS = 3;

type ToWorker =
  | { kind: 'ping' }
  | { kind: 'start'; spec: SizingSpec; share: number; shares: number }
  | { kind: 'refine'; ids: string[] };
type FromWorker = { kind: 'pong' } | { kind: 'result'; result: ShareResult } | { kind: 'refined'; top: RankedEntry[] };

function workerMain(): void {
  let share: SearchShare | null = null;
  parentPort!.on('message', (m: ToWorker) => {
    if (m.kind === 'ping') {
      presetCatalog();
      parentPort!.postMessage({ kind: 'pong' } satisfies FromWorker);
    } else if (m.kind === 'start') {
      share = new SearchShare(m.spec, presetCatalog(), m.share, m.shares);
      share.step(Infinity, () => 0);
      const slo = share.sc.spec.slo;
      const result = { share: m.share, summary: share.summary(slo, TOP), heads: share.heads(slo, refinedCount(TOP)) };
      parentPort!.postMessage({ kind: 'result', result } satisfies FromWorker);
    } else {
      parentPort!.postMessage({
        kind: 'refined',
        top: share!.refineIds(m.ids, share!.sc.spec.slo),
      } satisfies FromWorker);
    }
  });
}

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function ask(w: Worker, m: ToWorker): Promise<FromWorker> {
  return new Promise((resolve) => {
    w.once('message', resolve);
    w.postMessage(m);
  });
}

async function splitSearch(workers: Worker[], spec: SizingSpec): Promise<SearchSummary> {
  const parts = await Promise.all(
    workers.map((w, k) => ask(w, { kind: 'start', spec, share: k, shares: workers.length })),
  );
  return combine(
    parts.map((p) => (p as Extract<FromWorker, { kind: 'result' }>).result),
    TOP,
    async (k, ids) =>
      ((await ask(workers[k]!, { kind: 'refine', ids })) as Extract<FromWorker, { kind: 'refined' }>).top,
  );
}

const line = (label: string, ms: number, s: { candidates: number; evaluated: number }): void =>
  console.log(
    `${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  ${((s.candidates / ms) * 1000).toFixed(0).padStart(8)} configurations/s  ${((s.evaluated / ms) * 1000).toFixed(0).padStart(9)} operating points/s`,
  );

async function main(): Promise<void> {
  console.log(`\nSizing search (${availableParallelism()} cores; median of ${RUNS} runs after ${WARM_UPS} warm-ups)`);
  const catalog = presetCatalog();
  const workers = [0, 1].map(() => new Worker(fileURLToPath(import.meta.url)));
  try {
    for (const id of SPECS) {
      const spec = parseSizingSpec(readFileSync(`presets/sizing/${id}.clustersearch.json`, 'utf8'), id);
      const fresh = [0, 1].map(() => new Worker(fileURLToPath(import.meta.url)));
      await Promise.all(fresh.map((w) => ask(w, { kind: 'ping' })));
      const c0 = performance.now();
      await splitSearch(fresh, spec);
      const cold = performance.now() - c0;
      await Promise.all(fresh.map((w) => w.terminate()));
      for (let i = 0; i < WARM_UPS; i++) runSearch(spec, catalog, { topN: TOP });
      const one: number[] = [];
      let single = runSearch(spec, catalog, { topN: TOP });
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        single = runSearch(spec, catalog, { topN: TOP });
        one.push(performance.now() - t0);
      }
      console.log(
        `${id}: ${single.candidates} configurations, ${single.evaluated} operating points evaluated (configuration × swept batch; the rest pruned)`,
      );
      line('  one thread (runSearch)', median(one), single);
      for (let i = 0; i < WARM_UPS - 1; i++) await splitSearch(workers, spec);
      const two: number[] = [];
      let split = await splitSearch(workers, spec);
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        split = await splitSearch(workers, spec);
        two.push(performance.now() - t0);
      }
      line('  two worker_threads (search-split.ts, as the app)', median(two), split);
      line('  two fresh worker_threads, first search (cold JIT)', cold, split);
      const same =
        JSON.stringify(split.top) === JSON.stringify(single.top) &&
        JSON.stringify(split.frontier) === JSON.stringify(single.frontier) &&
        JSON.stringify(Object.entries(split.rejected).sort()) ===
          JSON.stringify(Object.entries(single.rejected).sort());
      console.log(`  split answer equals one thread: ${same ? 'yes' : 'NO'}`);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

if (isMainThread) await main();
else workerMain();
