/**
 * The search split over workers, as pure functions (the app's Web Workers, the bench's
 * worker_threads and the unit test all run this code).
 *
 * Worker side (`SearchShare`): share k of W takes the k-th, (k + W)-th, … run of neighbouring
 * candidates (striped runs, so each share gets a similar mix of large and small copies, and
 * neighbours that reuse each other's engine steps stay together: forEachCandidate's `only`), evaluates them
 * with the engine (`evaluateCandidate`, cut short at the spec's SLOs as `runSearch` does), keeps its `Evaluated[]`
 * (each curve holds just its rows, in shared chunks) and summarises its share for any SLO; candidates
 * cut short under stricter SLOs are swept again when the SLOs are loosened (`resweep`).
 *
 * Main side: partial share summaries merge with `mergeSummaries` while the search runs. The final
 * ranked list must be exactly what one thread would give: `summarize` refines (bisects λ_max of)
 * the max(topN, 8) cheapest feasible candidates *before* refinement, and refinement can reorder
 * them, so per-share refinement could rank candidates one thread never refined. Hence two steps:
 * each share reports its cheapest feasible candidates before refinement (`heads`), the main thread
 * picks the global max(topN, 8) (ties by candidate index, as one thread's stable sort does), the
 * owning shares refine exactly those (`refineIds`), and `exactTop` orders them as `summarize` does.
 * Counts and frontiers merge exactly (refinement only raises λ_max, so it never turns a feasible
 * candidate infeasible, and a union of Pareto fronts has the same front).
 */
import type { Catalog } from '../plan/context';
import type { Slo, SizingSpec } from '../schema/sizing';
import { judge } from './judge';
import { EvaluatedStore } from './evaluated-store';
import type { Evaluated } from './curve';
import { eachCandidate, prepareSearch, type ChunkPool, type SearchContext } from './search-context';
import { evaluateCandidate } from './search';
import type { Candidate } from './space';
import {
  cheaper,
  mergeSummaries,
  refinedCount,
  summarize,
  SummaryBuilder,
  type RankedEntry,
  type SearchSummary,
} from './summary';

export { cheaper, refinedCount } from './summary';
export { ChunkPool } from './search-context';

/** A feasible candidate before refinement, with the keys `summarize` ranks by. */
export interface Head {
  id: string;
  /** Position in the full candidate list (one thread's evaluation order). */
  index: number;
  share: number;
  usdPerHour: number | null;
  devicesTotal: number;
  lambdaMax: number;
}

export class SearchShare {
  readonly sc: SearchContext;
  /** This share's candidates and their positions in the full list (the rest is not kept). */
  readonly cands: Candidate[] = [];
  readonly mine: number[] = [];
  /** Every evaluated candidate of the share, as columns (shared/sizing/evaluated-store.ts). */
  private readonly store: EvaluatedStore;
  constructor(
    spec: SizingSpec,
    catalog: Catalog,
    readonly share: number,
    readonly shares: number,
    /** The ranked list's length the search reports (its summary is built while it runs). */
    readonly topN = 20,
    /** The worker's curve chunks, reused search after search (see release). */
    pool: ChunkPool | null = null,
  ) {
    this.sc = prepareSearch(spec, catalog, pool);
    // Only this share's candidates are built (whole groups of neighbours, every `shares`-th).
    eachCandidate(
      this.sc,
      (c, i) => {
        this.cands.push(c);
        this.mine.push(i);
      },
      { share, shares },
    );
    this.store = new EvaluatedStore(this.cands.length, this.cands);
  }

  /** The evaluated candidates so far, rebuilt as objects (for tests and one-off passes). */
  get evs(): Evaluated[] {
    return Array.from({ length: this.store.length }, (_, i) => this.store.get(i));
  }

  get done(): number {
    return this.store.length;
  }
  get total(): number {
    return this.mine.length;
  }

  /**
   * The summary of the candidates evaluated so far under one SLO and topN, built as they are
   * evaluated (SummaryBuilder), so a progress report or the final answer costs only its refinement,
   * not a pass over the share; a change of SLO starts a new one over every kept candidate.
   */
  private built: { key: string; topN: number; b: SummaryBuilder } | null = null;

  /** Evaluates candidates until `deadline` (in `now()` units) or the share is done; returns true when done. */
  step(deadline: number, now: () => number): boolean {
    this.live();
    const slo = this.sc.spec.slo;
    const b = this.builder(slo, this.topN);
    const st = this.store;
    while (st.length < this.mine.length) {
      const c = this.cands[st.length]!;
      const ev = evaluateCandidate(this.sc, c, slo);
      st.push(ev);
      if (b.added === st.length - 1) b.add(ev, st.length - 1);
      if ((st.length & 7) === 0 && now() >= deadline) break;
    }
    return st.length === this.mine.length;
  }

  /**
   * A builder for `slo` that ranks exactly topN (a summary refines exactly refinedCount(topN), as
   * one thread does) or, with `atLeast`, at least topN (heads: a stable top-k's first k), brought up
   * to date with every kept candidate.
   */
  private builder(slo: Slo, topN: number, atLeast = false): SummaryBuilder {
    const key = JSON.stringify(slo);
    const fits = (n: number): boolean => (atLeast ? refinedCount(n) >= refinedCount(topN) : n === topN);
    if (!this.built || this.built.key !== key || !fits(this.built.topN))
      this.built = { key, topN, b: new SummaryBuilder(this.sc, slo, topN) };
    const b = this.built.b;
    for (let i = b.added; i < this.store.length; i++) b.add(this.store.get(i), i);
    return b;
  }

  /** Sweeps in full, under `slo`, the candidates cut short under stricter SLOs; returns how many. */
  resweep(slo: Slo): number {
    this.live();
    let n = 0;
    for (let i = 0; i < this.store.length; i++) {
      const ev = this.store.get(i);
      if (!ev.prunedWith || !judge(this.sc, ev, slo).needsSweep) continue;
      this.store.set(i, evaluateCandidate(this.sc, ev.cand, slo));
      n++;
    }
    if (n > 0) this.built = null;
    return n;
  }

  summary(slo: Slo, topN: number): SearchSummary {
    this.live();
    return this.builder(slo, topN).finish();
  }

  /** This share's `count` cheapest feasible candidates before refinement (count ≤ refinedCount(topN) of a summary). */
  heads(slo: Slo, count: number): Head[] {
    this.live();
    return this.builder(slo, count, true)
      .cheapest()
      .slice(0, count)
      .map(({ ev, verdict, tag }) => ({
        id: ev.cand.id,
        index: this.mine[tag]!,
        share: this.share,
        usdPerHour: verdict.usdPerHour,
        devicesTotal: verdict.devicesTotal,
        lambdaMax: verdict.lambdaMax,
      }));
  }

  /** The refined entries of the given candidates (each refined on its own, as `summarize` does). */
  refineIds(ids: readonly string[], slo: Slo): RankedEntry[] {
    this.live();
    const want = new Set(ids);
    const subset: Evaluated[] = [];
    for (let i = 0; i < this.store.length; i++) if (want.has(this.cands[i]!.id)) subset.push(this.store.get(i));
    return summarize(this.sc, subset, slo, Math.max(subset.length, 1)).top;
  }

  /**
   * Gives this share's curve chunks back to the pool it was made with, for the worker's next
   * search: call it when the share is done with (a new search replaces it); the share cannot be
   * used after.
   */
  release(): void {
    const a = this.sc.scratch.arena;
    if (!a.pool) return;
    a.pool.give(a.chunks);
    a.chunks = [];
    this.released = true;
  }
  private released = false;
  private live(): void {
    if (this.released) throw new Error('search share: released (its curves belong to another search now)');
  }

  /** Bytes held in curves (the bulk of a share's memory). */
  curveBytes(): number {
    return this.store.curveBytes();
  }
}

/** Merges share summaries (counts and frontiers exact; `top` approximate until `exactTop`). */
export function mergeAll(parts: readonly SearchSummary[], topN: number): SearchSummary | null {
  if (parts.length === 0) return null;
  return parts.slice(1).reduce((a, b) => mergeSummaries(a, b, topN), parts[0]!);
}

/** The candidates one thread would refine: the global max(topN, 8) cheapest heads. */
export function pickRefined(heads: readonly Head[], topN: number): Head[] {
  return heads
    .slice()
    .sort((a, b) => cheaper(a, b) || a.index - b.index)
    .slice(0, refinedCount(topN));
}

/** One thread's ranked list from the refined entries: cheapest first, ties in pre-refinement order. */
export function exactTop(refined: readonly RankedEntry[], picked: readonly Head[], topN: number): RankedEntry[] {
  const rank = new Map(picked.map((h, i) => [h.id, i]));
  return refined
    .filter((e) => e.verdict.feasible)
    .sort((a, b) => cheaper(a.verdict, b.verdict) || (rank.get(a.cand.id) ?? 0) - (rank.get(b.cand.id) ?? 0))
    .slice(0, topN);
}

/** What a share reports at the end of its run or of a re-filter. */
export interface ShareResult {
  share: number;
  summary: SearchSummary;
  heads: Head[];
}

/**
 * The exact answer from every share's result: merged counts and frontiers, and the ranked list one
 * thread would give (`refine` asks share `share` to refine the given candidate ids).
 */
export async function combine(
  parts: readonly ShareResult[],
  topN: number,
  refine: (share: number, ids: string[]) => Promise<RankedEntry[]>,
): Promise<SearchSummary> {
  const merged = mergeAll(
    parts.map((p) => p.summary),
    topN,
  );
  if (!merged) throw new Error('no share reported');
  const picked = pickRefined(
    parts.flatMap((p) => p.heads),
    topN,
  );
  const byShare = new Map<number, string[]>();
  for (const h of picked) byShare.set(h.share, [...(byShare.get(h.share) ?? []), h.id]);
  const refined = await Promise.all([...byShare].map(([share, ids]) => refine(share, ids)));
  return { ...merged, top: exactTop(refined.flat(), picked, topN) };
}
