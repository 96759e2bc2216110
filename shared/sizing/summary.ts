/**
 * The search's answer, in pieces that merge (each worker summarises its share of the candidates):
 * - the Pareto frontiers: output tokens/s per device vs tokens/s per user (more of both is better;
 *   the curve NVIDIA and SemiAnalysis publish) and $ per million output tokens vs TPOT (less of
 *   both), over every stable batch row of every swept candidate, each point naming its
 *   configuration;
 * - the ranked feasible deployments, cheapest first ($/hour, then devices, then TPOT). The best
 *   few are refined: their capacity λ_max is found between the last feasible and the first
 *   infeasible swept batch by bisection with the engine, and their metrics are computed at the
 *   load each copy actually carries (λ ÷ copies) — exactly what `infer` reports for that plan;
 * - why every rejected candidate failed, counted by reason.
 */
import { compileFamily } from '../inference/family';
import { atArrivalRate, decodeAt } from '../serving/load';
import { operatingPoint, ttftQuantile, type OperatingPoint } from '../serving/queueing';
import { Z_OF } from '../schema/distribution';
import { bindingOfEvaluated, judge, loadRate, sizeFor, type Binding, type CopyLatency, type Verdict } from './judge';
import { COL, NCOL, type Evaluated, type Reason } from './curve';
import { pointOf, settingsOf, type SearchContext } from './search-context';
import type { Candidate } from './space';
import type { Slo, SloPercentile } from '../schema/sizing';
import { tpotTargetS } from '../schema/sizing';
import { usdPerMillionTokens } from '../metrics';
import { MILLI } from '../units';

export interface FrontierPoint {
  id: string;
  systemId: string;
  batch: number;
  /** Requests/s one copy sustains at this batch (a plan of the point runs at this rate). */
  lambda: number;
  x: number;
  y: number;
}

export interface RankedEntry {
  cand: Candidate;
  verdict: Verdict;
  /** Metrics at the load each copy carries. */
  at: {
    lambdaPerCopy: number;
    batch: number;
    /** TTFT at each percentile an objective may be stated at. */
    ttftS: Record<SloPercentile, number>;
    ttftMeanS: number;
    tpotS: number;
    rho: number;
  } | null;
  /** What limits a copy (set on the refined feasible entries, from the curve searched). */
  binding?: Binding;
}

export interface SearchSummary {
  candidates: number;
  /** Operating points timed (candidate × batch). */
  evaluated: number;
  feasible: number;
  needsSweep: number;
  rejected: Partial<Record<Reason, number>>;
  top: RankedEntry[];
  frontier: { interactivity: FrontierPoint[]; cost: FrontierPoint[] };
}

/**
 * Points not dominated (maximise or minimise both x and y), sorted by x, best first. Of equal
 * points (two configurations with the same numbers, e.g. an FP8 and an INT8 KV cache of the same
 * size) the one with the smallest id stays, whatever the order they came in (so a search split over
 * workers keeps the same point as one thread).
 */
export function pareto(points: FrontierPoint[], sense: 'max' | 'min'): FrontierPoint[] {
  const s = sense === 'max' ? 1 : -1;
  const sorted = points
    .slice()
    .sort((a, b) =>
      b.x !== a.x ? s * (b.x - a.x) : b.y !== a.y ? s * (b.y - a.y) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  const out: FrontierPoint[] = [];
  let best = -Infinity;
  for (const p of sorted)
    if (s * p.y > best) {
      out.push(p);
      best = s * p.y;
    }
  return out;
}

/**
 * Collects points and keeps only the frontier: a point dominated by the current frontier is
 * dropped after a binary search (no allocation); the rest are merged into the frontier in batches.
 */
class FrontierPile {
  private front: FrontierPoint[] = [];
  /** Frontier x and y ascending in x (for 'min', both negated), so its y falls as x grows. */
  private fx: number[] = [];
  private fy: number[] = [];
  private pending: FrontierPoint[] = [];
  constructor(readonly sense: 'max' | 'min') {}
  dominated(x: number, y: number): boolean {
    const s = this.sense === 'max' ? 1 : -1;
    const px = s * x;
    let lo = 0;
    let hi = this.fx.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.fx[mid]! < px) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.fx.length) return false;
    // An equal point is not dropped here: pareto() chooses among equals by id.
    const fy = this.fy[lo]!;
    return fy > s * y || (fy === s * y && this.fx[lo]! > px);
  }
  push(p: FrontierPoint): void {
    this.pending.push(p);
    if (this.pending.length >= 512) this.compact();
  }
  private compact(): void {
    const s = this.sense === 'max' ? 1 : -1;
    this.front = pareto(this.front.concat(this.pending), this.sense);
    this.pending = [];
    const asc = [...this.front].reverse();
    this.fx = asc.map((p) => s * p.x);
    this.fy = asc.map((p) => s * p.y);
  }
  result(): FrontierPoint[] {
    this.compact();
    return this.front;
  }
}

/** Appends a candidate's frontier points (every stable swept batch) to `inter` and `cost`. */
function frontierPoints(sc: SearchContext, ev: Evaluated, slo: Slo, inter: FrontierPile, cost: FrontierPile): void {
  if (ev.prunedWith || ev.structural) return;
  const T = tpotTargetS(slo) * 4;
  for (let k = 0; k < ev.points; k++) {
    const o = k * NCOL;
    const c = ev.curve;
    if (!c[o + COL.stable]) continue;
    const tokens = c[o + COL.lambda]! * sc.outputMean;
    const { id, systemId, devices } = ev.cand;
    const batch = c[o + COL.batch]!;
    const lambda = c[o + COL.lambda]!;
    const ix = tokens / devices;
    const iy = 1 / c[o + COL.tpot]!;
    if (!inter.dominated(ix, iy)) inter.push({ id, systemId, batch, lambda, x: ix, y: iy });
    if (ev.usdPerDeviceHour === null || c[o + COL.tpot]! > T) continue;
    const cx = c[o + COL.tpot]! / MILLI;
    const cy = usdPerMillionTokens(ev.usdPerDeviceHour * devices, tokens);
    if (cy !== null && !cost.dominated(cx, cy)) cost.push({ id, systemId, batch, lambda, x: cx, y: cy });
  }
}

/** The keys deployments are ranked by. */
export type RankKeys = Pick<Verdict, 'usdPerHour' | 'devicesTotal' | 'lambdaMax'>;

/** Lower $/hour, then fewer devices, then more headroom (the larger per-copy capacity λ_max). */
export const cheaper = (a: RankKeys, b: RankKeys): number =>
  (a.usdPerHour ?? Infinity) - (b.usdPerHour ?? Infinity) ||
  a.devicesTotal - b.devicesTotal ||
  b.lambdaMax - a.lambdaMax;
const cheaperEntry = (a: RankedEntry, b: RankedEntry): number => cheaper(a.verdict, b.verdict);

/** How many of the cheapest feasible candidates a summary refines (and so keeps): max(topN, 8). */
export const refinedCount = (topN: number): number => Math.max(topN, 8);

/**
 * A summary built one candidate at a time: counts, both frontiers, and the max(topN, 8) cheapest
 * feasible candidates (ties in the order they came, as a stable sort of all of them would keep);
 * only those are held, so a caller that needs no re-filtering (runSearch) can let every other
 * candidate's curve go as soon as it is added.
 */
export class SummaryBuilder {
  private readonly rejected: Partial<Record<Reason, number>> = {};
  /** The cheapest feasible so far, sorted by `cheaper`, ties in arrival order (`tag`: the caller's). */
  private readonly best: Array<{ ev: Evaluated; entry: RankedEntry; tag: number }> = [];
  private readonly keep: number;
  private readonly inter = new FrontierPile('max');
  private readonly cost = new FrontierPile('min');
  private candidates = 0;
  private evaluated = 0;
  private ranked = 0;
  private needsSweep = 0;

  constructor(
    private readonly sc: SearchContext,
    private readonly slo: Slo,
    private readonly topN = 20,
  ) {
    this.keep = refinedCount(topN);
  }

  /** How many candidates were added. */
  get added(): number {
    return this.candidates;
  }

  /**
   * Adds one evaluated candidate (`tag`, e.g. its position, comes back with it from `cheapest`);
   * true when the builder holds it (among the cheapest so far: its curve is read again by finish()).
   */
  add(ev: Evaluated, tag = 0): boolean {
    this.candidates++;
    this.evaluated += ev.points;
    const v = judge(this.sc, ev, this.slo);
    let held = false;
    if (v.needsSweep) this.needsSweep++;
    else if (!v.feasible) this.rejected[v.reason!] = (this.rejected[v.reason!] ?? 0) + 1;
    else {
      this.ranked++;
      held = this.rank({ ev, entry: { cand: ev.cand, verdict: v, at: null }, tag });
    }
    frontierPoints(this.sc, ev, this.slo, this.inter, this.cost);
    return held;
  }

  /** Inserts after every entry not more expensive (a stable sort's place), keeping `keep`; false when x is not kept. */
  private rank(x: { ev: Evaluated; entry: RankedEntry; tag: number }): boolean {
    const b = this.best;
    if (b.length === this.keep && cheaperEntry(x.entry, b[b.length - 1]!.entry) >= 0) return false;
    let i = b.length;
    while (i > 0 && cheaperEntry(x.entry, b[i - 1]!.entry) < 0) i--;
    b.splice(i, 0, x);
    if (b.length > this.keep) b.pop();
    return true;
  }

  /** The max(topN, 8) cheapest feasible candidates so far, before refinement, with their tags. */
  cheapest(): ReadonlyArray<{ ev: Evaluated; verdict: Verdict; tag: number }> {
    return this.best.map(({ ev, entry, tag }) => ({ ev, verdict: entry.verdict, tag }));
  }

  /** The summary of what was added so far (the builder can go on taking candidates). */
  finish(): SearchSummary {
    const { sc, slo } = this;
    const rejected = { ...this.rejected };
    const refined = this.best.map(({ ev, entry }) => refine(sc, ev, slo, entry));
    const top = refined
      .filter((e) => e.verdict.feasible)
      .sort(cheaperEntry)
      .slice(0, this.topN);
    for (const e of refined)
      if (!e.verdict.feasible) rejected[e.verdict.reason!] = (rejected[e.verdict.reason!] ?? 0) + 1;
    return {
      candidates: this.candidates,
      evaluated: this.evaluated,
      feasible: this.ranked - refined.filter((e) => !e.verdict.feasible).length,
      needsSweep: this.needsSweep,
      rejected,
      top,
      frontier: { interactivity: this.inter.result(), cost: this.cost.result() },
    };
  }
}

export function summarize(sc: SearchContext, evs: Evaluated[], slo: Slo, topN = 20): SearchSummary {
  const b = new SummaryBuilder(sc, slo, topN);
  for (const ev of evs) b.add(ev);
  return b.finish();
}

/** An operating point's TTFT at a percentile, from its fitted log-normal. */
const ttftAt = (op: OperatingPoint, p: SloPercentile): number => ttftQuantile(op.ttftMu, op.ttftSigma, Z_OF[p]);

/**
 * Sizing at λ_max. With concurrent users the load is λ = U ÷ (think time + TTFT + output × TPOT)
 * at the latency of a copy carrying its share λ ÷ R: below the capacity latency the judge assumed,
 * so λ is larger. For R copies, g(λ) = λ − U ÷ (Z + L(λ ÷ R)) grows with λ and is ≤ 0 at the
 * load with every copy at capacity (`atCapacity`, the largest latency a copy has within the SLOs):
 * bisection finds the load; R is the fewest copies (from that lower bound on the load) whose load
 * fits R × u × λ_max (u the target utilisation). (Plain iteration oscillates near capacity, where latency is steep.)
 */
function closedLoop(
  sc: SearchContext,
  ev: Evaluated,
  row: number,
  slo: Slo,
  lambdaMax: number,
  atCapacity: CopyLatency,
  at: (perCopy: number) => OperatingPoint | null,
): Verdict {
  if (sc.spec.workload.load.mode !== 'concurrent-users') return sizeFor(sc, ev, row, slo, lambdaMax);
  const v0 = sizeFor(sc, ev, row, slo, lambdaMax, atCapacity);
  if (!v0.feasible) return v0;
  const latencyAt = (lambda: number, R: number): CopyLatency | null => at(lambda / R);
  const rhs = (lambda: number, R: number): number => {
    const l = latencyAt(lambda, R);
    return l ? loadRate(sc, l.ttftMeanS, l.tpotS) : Infinity;
  };
  for (let R = v0.replicas; R < v0.replicas + 64; R++) {
    let hi = R * lambdaMax * slo.targetUtilization;
    if (rhs(hi, R) > hi) continue; // these users load R copies past capacity
    let lo = Math.min(v0.lambdaTotal, hi);
    for (let i = 0; i < 60 && hi - lo > 1e-12 * hi; i++) {
      const mid = (lo + hi) / 2;
      if (rhs(mid, R) > mid) lo = mid;
      else hi = mid;
    }
    const l = latencyAt(hi, R);
    if (l) return sizeFor(sc, ev, row, slo, lambdaMax, l);
  }
  return v0;
}

/** Finds λ_max between the best feasible swept batch and the next, then the metrics at the copy's load. */
function refine(sc: SearchContext, ev: Evaluated, slo: Slo, entry: RankedEntry): RankedEntry {
  const s = sc.systems.get(ev.cand.systemId)!;
  const f = compileFamily(s.ctx, settingsOf(sc, ev.cand));
  const pt = pointOf(sc, ev.cand, 1);
  const row = entry.verdict.row;
  const OP = sc.scratch.refine;
  let lo = ev.curve[row * NCOL + COL.batch]!;
  let hi = row + 1 < ev.points ? ev.curve[(row + 1) * NCOL + COL.batch]! : lo;
  const ok = (N: number): boolean => {
    const d = decodeAt(f, pt, N, sc.scratch.load);
    operatingPoint(ev.model!, N, d.tpotS, d.stepS, OP);
    const e2e = slo.e2eMs === undefined ? 0 : OP.ttftMeanS + sc.outputMean * OP.tpotS - slo.e2eMs * MILLI;
    return (
      OP.stable && OP.tpotS <= tpotTargetS(slo) && ttftAt(OP, slo.ttftPercentile) <= slo.ttftMs * MILLI && e2e <= 0
    );
  };
  for (let i = 0; i < 24 && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  ok(lo);
  const lambdaMax = Math.max(OP.lambda, ev.curve[row * NCOL + COL.lambda]!);
  const atCapacity = { ttftMeanS: OP.ttftMeanS, tpotS: OP.tpotS };
  const v = closedLoop(sc, ev, row, slo, lambdaMax, atCapacity, (rate) =>
    atArrivalRate(f, pt, ev.model!, rate, ev.maxBatch, sc.scratch.load),
  );
  if (!v.feasible) return { ...entry, verdict: v };
  const at = atArrivalRate(f, pt, ev.model!, v.lambdaTotal / v.replicas, ev.maxBatch, sc.scratch.load);
  return {
    cand: ev.cand,
    verdict: v,
    binding: bindingOfEvaluated(sc, ev, v.row, slo),
    at: at && {
      lambdaPerCopy: v.lambdaTotal / v.replicas,
      batch: at.batch,
      ttftS: { p50: ttftAt(at, 'p50'), p90: ttftAt(at, 'p90'), p95: ttftAt(at, 'p95'), p99: ttftAt(at, 'p99') },
      ttftMeanS: at.ttftMeanS,
      tpotS: at.tpotS,
      rho: at.rho,
    },
  };
}

export function mergeSummaries(a: SearchSummary, b: SearchSummary, topN = 20): SearchSummary {
  const rejected = { ...a.rejected };
  for (const [k, n] of Object.entries(b.rejected)) rejected[k as Reason] = (rejected[k as Reason] ?? 0) + n;
  return {
    candidates: a.candidates + b.candidates,
    evaluated: a.evaluated + b.evaluated,
    feasible: a.feasible + b.feasible,
    needsSweep: a.needsSweep + b.needsSweep,
    rejected,
    top: [...a.top, ...b.top].sort(cheaperEntry).slice(0, topN),
    frontier: {
      interactivity: pareto([...a.frontier.interactivity, ...b.frontier.interactivity], 'max'),
      cost: pareto([...a.frontier.cost, ...b.frontier.cost], 'min'),
    },
  };
}
