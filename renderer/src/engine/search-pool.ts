/**
 * The sizing search on every core: a pool of module workers (engine.worker.ts running search-handler.ts), one share of the
 * candidates each. Partial summaries stream in every ~150 ms and merge into one (the frontier
 * fills in as it runs); progress counts candidates with an ETA from the rate so far; Cancel
 * terminates the workers; idle ones are parked for the next search (SPARE). When every share is
 * done, the exact ranked list is assembled (shared/sizing/split.ts `combine`). A change of SLO re-filters
 * the curves the workers hold.
 */
import type { CalibrationProfile } from '@shared/calibration/profile';
import type { InferencePlan } from '@shared/schema/plan';
import type { SimulationCheck } from '@shared/serving/simulate-plan';
import type { SizingSpec, Slo } from '@shared/schema/sizing';
import type { RankedEntry, SearchSummary } from '@shared/sizing/summary';
import type { UserCatalogData } from './protocol';
import type { SearchRequest, SearchResponse } from './search-protocol';
import { combine, mergeAll, refinedCount, type ShareResult } from '@shared/sizing/split';

export type SearchStatus = 'idle' | 'running' | 'ranking' | 'refiltering' | 'done' | 'cancelled' | 'error';

export interface SearchState {
  status: SearchStatus;
  done: number;
  total: number;
  workers: number;
  elapsedMs: number;
  /** Estimated time left (ms) from the rate so far; null before the first report. */
  etaMs: number | null;
  /** The merged summary: partial while running; exact once `exact`. */
  summary: SearchSummary | null;
  exact: boolean;
  /** The SLOs the summary was judged with. */
  slo: Slo | null;
  /** Candidates swept again by the last re-filter (cut short under stricter SLOs). */
  swept: number | null;
  curveBytes: number;
  message: string | null;
}

export const IDLE: SearchState = {
  status: 'idle',
  done: 0,
  total: 0,
  workers: 0,
  elapsedMs: 0,
  etaMs: null,
  summary: null,
  exact: false,
  slo: null,
  swept: null,
  curveBytes: 0,
  message: null,
};

export interface StartOptions {
  /** Candidates in the search (the main thread enumerates them to size the pool). */
  candidates: number;
  workers?: number;
  topN?: number;
  intervalMs?: number;
}

/**
 * Cores to use: navigator.hardwareConcurrency (at least 1), no more than one per 32 candidates.
 * Giving a small search a single worker saves only 2–3 ms on a 2-core machine (the Llama-3.1-70B
 * chat example, 128 candidates: 5 ms on one worker, 7 ms on two, warm), but leaves the second
 * worker cold for the next, larger search (the DeepSeek-V3 example after it took ~550 ms instead of
 * ~250 ms in the built app): every worker that could be needed takes part, so all are warm.
 */
export function workerCount(candidates: number, cores = globalThis.navigator?.hardwareConcurrency ?? 1): number {
  return Math.max(1, Math.min(Math.max(1, cores || 1), Math.ceil(candidates / 32)));
}

const newWorker = (): Worker => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });

/**
 * Idle workers kept for the next search, by any pool (the Sizing page makes a new pool per spec):
 * a worker's code is loaded and compiled once — a fresh pair searches the DeepSeek-V3 example
 * about 4× slower than a pair that has searched before. A parked worker has dropped its share.
 */
const SPARE: Worker[] = [];
const MAX_SPARE = 8;

function park(w: Worker): void {
  w.onmessage = null;
  if (SPARE.length >= MAX_SPARE) return w.terminate();
  // A parked worker that dies is dropped, so no search is given a dead one.
  w.onerror = () => {
    const i = SPARE.indexOf(w);
    if (i >= 0) SPARE.splice(i, 1);
    w.terminate();
  };
  w.postMessage({ type: 'release' } satisfies SearchRequest);
  SPARE.push(w);
}

/** Job ids are unique across pools, since parked workers pass from one pool to another. */
let lastJob = 0;

const takeWorker = (): Worker => SPARE.pop() ?? newWorker();

export class SearchPool {
  private workers: Worker[] = [];
  private job = 0;
  private req = 0;
  private topN = 20;
  private t0 = 0;
  private partial = new Map<number, { done: number; summary: SearchSummary; bytes: number }>();
  private finals = new Map<number, ShareResult>();
  private waiting = new Map<number, (m: SearchResponse) => void>();
  private pendingSlo: Slo | null = null;
  private state: SearchState = IDLE;
  /** When every worker of the running search had reported once (time, configurations done). */
  private first: { t: number; done: number } | null = null;

  constructor(private onState: (s: SearchState) => void) {}

  /** Reports to another listener from now on (a page shown again) and returns the state so far. */
  retarget(onState: (s: SearchState) => void): SearchState {
    this.onState = onState;
    return this.state;
  }

  private set(patch: Partial<SearchState>): void {
    this.state = { ...this.state, ...patch };
    this.onState(this.state);
  }

  /** Stops the workers: a busy one is terminated (its loop cannot be interrupted), an idle one parked. */
  private stop(failed = false): void {
    const s = this.state.status;
    const busy = failed || s === 'running' || s === 'ranking' || s === 'refiltering';
    for (const w of this.workers) {
      if (busy) w.terminate();
      else park(w);
    }
    this.workers = [];
    this.waiting.clear();
  }

  start(spec: SizingSpec, user: UserCatalogData, calibrations: CalibrationProfile[], opts: StartOptions): void {
    this.stop();
    const n = opts.workers ?? workerCount(opts.candidates);
    const job = (this.job = ++lastJob);
    this.topN = opts.topN ?? 20;
    this.t0 = performance.now();
    this.first = null;
    this.partial.clear();
    this.finals.clear();
    this.pendingSlo = null;
    this.state = { ...IDLE, status: 'running', total: opts.candidates, workers: n, slo: spec.slo };
    this.onState(this.state);
    for (let k = 0; k < n; k++) {
      const w = takeWorker();
      w.onmessage = (e: MessageEvent<SearchResponse>) => this.receive(job, e.data);
      w.onerror = (e) => this.fail(job, `search worker ${k + 1} failed: ${e.message || 'could not start'}`);
      this.workers.push(w);
      const msg: SearchRequest = {
        type: 'start',
        job,
        spec,
        user,
        calibrations,
        share: k,
        shares: n,
        topN: this.topN,
        heads: refinedCount(this.topN),
        intervalMs: opts.intervalMs ?? 150,
      };
      w.postMessage(msg);
    }
  }

  private fail(job: number, message: string): void {
    if (job !== this.job) return;
    this.stop(true);
    this.set({ status: 'error', message, etaMs: null });
  }

  private receive(job: number, m: SearchResponse): void {
    // A reused worker may still deliver a message of the search it ran before.
    if (job !== this.job || ('job' in m && m.job !== undefined && m.job !== job)) return;
    if (m.type === 'error') return this.fail(job, m.message);
    if (m.type === 'progress') return this.progress(m);
    if ('req' in m && m.req !== undefined) {
      const cb = this.waiting.get(m.req);
      this.waiting.delete(m.req);
      cb?.(m);
    }
  }

  private progress(m: Extract<SearchResponse, { type: 'progress' }>): void {
    this.partial.set(m.share, { done: m.done, summary: m.summary, bytes: m.curveBytes });
    if (m.heads) this.finals.set(m.share, { share: m.share, summary: m.summary, heads: m.heads });
    const parts = [...this.partial.values()];
    const done = parts.reduce((s, p) => s + p.done, 0);
    const now = performance.now();
    const elapsedMs = now - this.t0;
    // The rate since every worker first reported: the time before (workers starting, the catalog
    // and the model compiled) is not spent per configuration, and counting it made the first ETAs
    // far too long.
    if (!this.first && this.partial.size >= this.workers.length) this.first = { t: now, done };
    const f = this.first;
    const rate = f && done > f.done && now > f.t ? (done - f.done) / (now - f.t) : 0;
    this.set({
      done,
      elapsedMs,
      etaMs: rate > 0 ? (this.state.total - done) / rate : null,
      summary: mergeAll(
        parts.map((p) => p.summary),
        this.topN,
      ),
      curveBytes: parts.reduce((s, p) => s + p.bytes, 0),
    });
    if (this.finals.size === this.workers.length) void this.finish(this.job, [...this.finals.values()], 'ranking');
  }

  private ask<T extends SearchResponse>(share: number, msg: SearchRequest & { req: number }): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.set(msg.req, (r) => resolve(r as T));
      this.workers[share]!.postMessage(msg);
    });
  }

  private async finish(job: number, parts: ShareResult[], status: 'ranking' | 'refiltering'): Promise<void> {
    const slo = this.state.slo!;
    this.set({ status, etaMs: 0 });
    const summary = await combine(parts, this.topN, (share, ids) =>
      this.ask<Extract<SearchResponse, { type: 'refined' }>>(share, {
        type: 'refine',
        job,
        req: ++this.req,
        slo,
        ids,
      }).then((r) => r.top as RankedEntry[]),
    );
    if (job !== this.job || this.state.slo !== slo) return;
    // The time shown is the search's; a re-filter keeps it.
    const elapsed = status === 'ranking' ? { elapsedMs: performance.now() - this.t0 } : {};
    this.set({ status: 'done', summary, exact: true, ...elapsed, etaMs: 0 });
    const next = this.pendingSlo;
    this.pendingSlo = null;
    if (next) this.refilter(next);
  }

  /**
   * Judges the stored curves under new SLOs (after the run, or as soon as it ends). False when no
   * curves are held (nothing searched, or the search was cancelled): search again instead.
   */
  refilter(slo: Slo): boolean {
    if (this.state.status === 'running' || this.state.status === 'ranking' || this.state.status === 'refiltering') {
      this.pendingSlo = slo;
      return true;
    }
    if (this.workers.length === 0) return false;
    const job = this.job;
    this.set({ status: 'refiltering', slo, exact: false });
    const heads = refinedCount(this.topN);
    void Promise.all(
      this.workers.map((_, share) =>
        this.ask<Extract<SearchResponse, { type: 'summary' }>>(share, {
          type: 'summarize',
          job,
          req: ++this.req,
          slo,
          topN: this.topN,
          heads,
        }),
      ),
    ).then((rs) => {
      if (job !== this.job || this.state.slo !== slo) return;
      this.set({
        swept: rs.reduce((s, r) => s + r.swept, 0),
        curveBytes: rs.reduce((s, r) => s + r.curveBytes, 0),
      });
      return this.finish(
        job,
        rs.map((r) => ({ share: r.share, summary: r.summary, heads: r.heads })),
        'refiltering',
      );
    });
    return true;
  }

  cancel(): void {
    if (this.state.status !== 'running' && this.state.status !== 'ranking') return;
    this.job = ++lastJob;
    this.stop();
    this.set({ status: 'cancelled', etaMs: null, elapsedMs: performance.now() - this.t0 });
  }

  dispose(): void {
    this.job = ++lastJob;
    this.stop();
  }
}

/** Runs the discrete-event check of a plan in its own worker; `cancel` terminates it. */
export function simulateInWorker(
  plan: InferencePlan,
  user: UserCatalogData,
  calibrations: CalibrationProfile[],
  opts: { requests: number; seed: number },
): { result: Promise<{ check: SimulationCheck | null; ms: number }>; cancel: () => void } {
  const w = newWorker();
  let reject: (e: Error) => void = () => undefined;
  const result = new Promise<{ check: SimulationCheck | null; ms: number }>((resolve, rej) => {
    reject = rej;
    w.onmessage = (e: MessageEvent<SearchResponse>) => {
      w.terminate();
      const m = e.data;
      if (m.type === 'simulated') resolve({ check: m.check, ms: m.ms });
      else rej(new Error(m.type === 'error' ? m.message : 'unexpected answer from the simulation worker'));
    };
    w.onerror = (e) => {
      w.terminate();
      rej(new Error(e.message || 'the simulation worker could not start'));
    };
  });
  w.postMessage({ type: 'simulate', req: 1, plan, user, calibrations, ...opts } satisfies SearchRequest);
  return {
    result,
    cancel: () => {
      w.terminate();
      reject(new Error('cancelled'));
    },
  };
}
