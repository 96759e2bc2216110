// `npm run bench` (second part): the sizing search's speed. Prints, for two example specs
// (presets/sizing/deepseek-v3-50ms and llama-3.1-70b-chat) and for the reference searches made from
// them by allowing every parallelism, precision and disaggregation option (everyOption below;
// the DeepSeek-V3 one holds more configurations than the app's 200,000 limit, so only the CLI and
// this bench can run it), the time of one whole search on one
// thread (shared/sizing/run.ts runSearch, as the CLI runs it) and split over two worker_threads
// (shared/sizing/split.ts, the code the app's Web Workers run), with configurations
// (candidate deployments, as the app counts them: system × devices × parallelism × precision ×
// disaggregation × speculative) and operating points (a configuration at one swept batch: a point of
// the whole search space, batch included, with its TPOT, TTFT percentiles and sustainable rate from
// the engine and the serving-loop model) evaluated per second. Timings are the median of RUNS
// searches after WARM_UPS untimed ones (steady state: the app's worker pool lives across searches;
// each worker sees only its share, so its JIT needs about twice as many searches to reach the
// code one thread runs after three: with 3 warm-ups the example's two-worker median was 34–53 ms,
// with 10 it is 21–27 ms);
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
import { engineCatalog } from '../presets/engine-catalog';
import { parseSizingSpec, type SizingSpec } from '../shared/schema/sizing';
import { runSearch } from '../shared/sizing/run';
import type { RankedEntry, SearchSummary } from '../shared/sizing/summary';
import { ChunkPool, combine, refinedCount, SearchShare, type ShareResult } from '../shared/sizing/split';

const TOP = 20;
const SPECS = ['deepseek-v3-50ms', 'llama-3.1-70b-chat'];
const RUNS = 9;
const WARM_UPS = 10;
/** The every-option references take seconds each: fewer runs. */
const REF_RUNS = 3;

type ToWorker =
  | { kind: 'ping' }
  | { kind: 'start'; spec: SizingSpec; share: number; shares: number }
  | { kind: 'refine'; ids: string[] };
type FromWorker = { kind: 'pong' } | { kind: 'result'; result: ShareResult } | { kind: 'refined'; top: RankedEntry[] };

function workerMain(): void {
  let share: SearchShare | null = null;
  // The worker's curve chunks: a search replacing the last one reuses its memory (split.ts release).
  // As the app's search worker does (renderer/src/engine/search-handler.ts): one pool per worker.
  const pool = new ChunkPool();
  parentPort!.on('message', (m: ToWorker) => {
    if (m.kind === 'ping') {
      engineCatalog();
      parentPort!.postMessage({ kind: 'pong' } satisfies FromWorker);
    } else if (m.kind === 'start') {
      share?.release();
      share = null;
      share = new SearchShare(m.spec, engineCatalog(), m.share, m.shares, TOP, pool);
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

/**
 * The reference searches: each example spec widened to every parallelism, precision and
 * disaggregation option the spec language has for these systems — TP, PP, EP and DP attention;
 * weights in every GPU serving format (BF16, FP8, INT8, FP6, MXFP4, NVFP4, INT4; the llama.cpp GGUF
 * formats are left out), compute in BF16, FP8, FP4 and INT8 (where the part runs it natively), a
 * BF16, FP8 or INT8 KV cache; aggregated or disaggregated at 1:4, 1:2, 1:1 and 2:1 prefill:decode;
 * speculative decoding as the example has it; the batch swept as always. The workload, SLOs and
 * systems stay the example's.
 */
function everyOption(spec: SizingSpec): SizingSpec {
  const c = spec.constraints;
  return parseSizingSpec({
    ...spec,
    constraints: {
      ...c,
      precisions: {
        weights: ['bf16', 'fp8', 'int8', 'fp6', 'mxfp4', 'nvfp4', 'int4'],
        compute: ['bf16', 'fp8', 'fp4', 'int8'],
        kvCache: ['bf16', 'fp8', 'int8'],
      },
      strategies: {
        ...c.strategies,
        tp: true,
        pp: true,
        ep: true,
        dpAttention: true,
        disaggregation: true,
        disaggregationRatios: [0.25, 0.5, 1, 2],
      },
    },
  });
}

/** Times one spec: fresh workers (cold), one thread, two warm workers; checks they agree. */
async function measure(label: string, spec: SizingSpec, runs: number, warmUps: number, workers: Worker[]) {
  const catalog = engineCatalog();
  const fresh = [0, 1].map(() => new Worker(fileURLToPath(import.meta.url)));
  await Promise.all(fresh.map((w) => ask(w, { kind: 'ping' })));
  const c0 = performance.now();
  await splitSearch(fresh, spec);
  const cold = performance.now() - c0;
  await Promise.all(fresh.map((w) => w.terminate()));
  for (let i = 0; i < warmUps; i++) runSearch(spec, catalog, { topN: TOP });
  const one: number[] = [];
  let single = runSearch(spec, catalog, { topN: TOP });
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    single = runSearch(spec, catalog, { topN: TOP });
    one.push(performance.now() - t0);
  }
  console.log(
    `${label}: ${single.candidates} configurations, ${single.evaluated} operating points evaluated (configuration × swept batch; the rest pruned); median of ${runs} after ${warmUps} warm-ups`,
  );
  line('  one thread (runSearch)', median(one), single);
  for (let i = 0; i < warmUps - 1; i++) await splitSearch(workers, spec);
  const two: number[] = [];
  let split = await splitSearch(workers, spec);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    split = await splitSearch(workers, spec);
    two.push(performance.now() - t0);
  }
  line('  two worker_threads (sizing/split.ts, as the app)', median(two), split);
  line('  two fresh worker_threads, first search (cold JIT)', cold, split);
  const same =
    JSON.stringify(split.top) === JSON.stringify(single.top) &&
    JSON.stringify(split.frontier) === JSON.stringify(single.frontier) &&
    JSON.stringify(Object.entries(split.rejected).sort()) === JSON.stringify(Object.entries(single.rejected).sort());
  console.log(`  split answer equals one thread: ${same ? 'yes' : 'NO'}`);
}

async function main(): Promise<void> {
  console.log(`\nSizing search (${availableParallelism()} cores)`);
  const workers = [0, 1].map(() => new Worker(fileURLToPath(import.meta.url)));
  try {
    for (const id of SPECS) {
      const spec = parseSizingSpec(readFileSync(`presets/sizing/${id}.clustersearch.json`, 'utf8'), id);
      await measure(`${id} (the example)`, spec, RUNS, WARM_UPS, workers);
    }
    for (const id of SPECS) {
      const spec = everyOption(parseSizingSpec(readFileSync(`presets/sizing/${id}.clustersearch.json`, 'utf8'), id));
      await measure(`${id}, every option (the reference search)`, spec, REF_RUNS, 1, workers);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

if (isMainThread) await main();
else workerMain();
