/// <reference lib="webworker" />
// A search worker's side: one share of a sizing search (shared/sizing/split.ts), or one "simulate"
// check of a plan. The share's evaluated curves stay here so a change of SLO re-filters them
// without re-evaluating. Runs in the engine's worker script (engine.worker.ts).
import { resolvePlan, type Catalog } from '@shared/plan/context';
import { simulatePlan } from '@shared/serving/simulate-plan';
import { requestCatalog } from './evaluate';
import type { SearchRequest, SearchResponse } from './search-protocol';
import { ChunkPool, SearchShare } from '@shared/sizing/split';

let share: SearchShare | null = null;
let job = -1;
/**
 * This worker's curve chunks (512 kB each), written over search after search instead of fresh
 * memory the kernel must zero and the collector must trace (docs/speed.md). A parked worker keeps
 * at most KEPT_CHUNKS of them (32 MB) for its next search; a larger search's are let go.
 */
let pool = new ChunkPool();
const KEPT_CHUNKS = 64;

/** Gives the share's chunks back to the pool (the share cannot be used after). */
function dropShare(): void {
  share?.release();
  share = null;
}

const post = (m: SearchResponse): void => self.postMessage(m);

/** Search requests carry a `type`; the engine's evaluate requests do not. */
export const isSearchRequest = (m: unknown): m is SearchRequest => typeof m === 'object' && m !== null && 'type' in m;

function run(req: Extract<SearchRequest, { type: 'start' }>, base: Catalog): void {
  job = req.job;
  dropShare();
  const catalog = requestCatalog(req.user, req.calibrations, base);
  share = new SearchShare(req.spec, catalog, req.share, req.shares, req.topN, pool);
  const slo = share.sc.spec.slo;
  // The first partial comes early (progress and an ETA within a few frames), then every interval.
  let interval = Math.min(30, req.intervalMs);
  for (;;) {
    const done = share.step(performance.now() + interval, () => performance.now());
    const t0 = performance.now();
    const summary = share.summary(slo, req.topN);
    // Summaries grow with the share: keep them to about a fifth of the time between them.
    interval = Math.max(req.intervalMs, 5 * (performance.now() - t0));
    post({
      type: 'progress',
      job: req.job,
      share: req.share,
      done: share.done,
      total: share.total,
      summary,
      heads: done ? share.heads(slo, req.heads) : null,
      curveBytes: share.curveBytes(),
    });
    if (done) return;
  }
}

export function handleSearch(req: SearchRequest, base: Catalog): void {
  try {
    if (req.type === 'start') return run(req, base);
    if (req.type === 'release') {
      // The search's scratch and memos live in its context: dropping the share lets go of them.
      dropShare();
      if (pool.size > KEPT_CHUNKS) pool = new ChunkPool();
      job = -1;
      return;
    }
    if (req.type === 'simulate') {
      const t0 = performance.now();
      const check = simulatePlan(req.plan, resolvePlan(req.plan, requestCatalog(req.user, req.calibrations, base)), {
        requests: req.requests,
        seed: req.seed,
      });
      return post({ type: 'simulated', req: req.req, ok: true, check, ms: performance.now() - t0 });
    }
    if (!share || req.job !== job) throw new Error(`search ${req.job} is not held by this worker`);
    if (req.type === 'summarize') {
      const swept = share.resweep(req.slo);
      return post({
        type: 'summary',
        job,
        req: req.req,
        share: share.share,
        summary: share.summary(req.slo, req.topN),
        heads: share.heads(req.slo, req.heads),
        swept,
        curveBytes: share.curveBytes(),
      });
    }
    post({ type: 'refined', job, req: req.req, share: share.share, top: share.refineIds(req.ids, req.slo) });
  } catch (err) {
    post({
      type: 'error',
      ...('job' in req ? { job: req.job } : {}),
      ...('req' in req ? { req: req.req } : {}),
      message: (err as Error).message,
    });
  }
}
