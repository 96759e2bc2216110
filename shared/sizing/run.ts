/**
 * Running a search in one thread (the CLI, tests, and each worker on its share), and turning a
 * ranked configuration into a plan a user can open: one deployment copy, with the per-copy
 * arrival rate and the spec's length distributions, so `infer` on it reports the same TTFT and TPOT
 * under load as the search did.
 */
import type { Catalog } from '../plan/context';
import { migratePlanObject } from '../schema/migrations';
import type { InferencePlan } from '../schema/plan';
import { formatCountOf, formatUsd } from '../units';
import { answerText, compactText, priceText, redundantExperts } from './describe';
import {
  candidateCount,
  eachCandidate,
  prepareSearch,
  blendedPrice,
  hourlyOf,
  pointOf,
  settingsOf,
  candidatePrecision,
  type SearchContext,
} from './search-context';
import { evaluateCandidate, releaseCurve, sizingScale } from './search';
import type { Candidate } from './space';
import { compileFamily } from '../inference/family';
import { prefillLayoutOf } from '../inference/point';
import type { SizingSpec, SloPercentile } from '../schema/sizing';
import { SummaryBuilder, type FrontierPoint, type RankedEntry, type SearchSummary } from './summary';
import { REASON_TEXT } from './curve';

export interface BestDeployment {
  plan: InferencePlan;
  metrics: {
    replicas: number;
    devicesPerCopy: number;
    devices: number;
    usdPerHour: number | null;
    capexUSD: number | null;
    /** The cost metrics of shared/metrics at the load (usdPerMOutput is the answer's one $ / M output tokens). */
    usdPerMOutput: number | null;
    decodeUsdPerMOutput: number | null;
    prefillUsdPerMInput: number | null;
    utilization: number;
    requestsPerSecond: number;
    requestsPerSecondPerCopy: number;
    batchPerCopy: number | null;
    ttftS: Record<SloPercentile, number> | null;
    tpotS: number | null;
    /**
     * What the deployment was sized at (slo.sizeAt): the estimate, or the pessimistic edge of the
     * error band with the factors its decode steps and prompt prefills were taken at.
     */
    sizedAt: { at: 'estimate' | 'pessimistic'; decodeScale: number; prefillScale: number };
  };
  summary: string;
}

export interface SearchResult extends SearchSummary {
  best: BestDeployment | null;
  reasons: typeof REASON_TEXT;
}

export function planOf(sc: SearchContext, e: RankedEntry, name?: string): InferencePlan {
  const v = e.verdict;
  return copyPlan(
    sc,
    e.cand,
    { replicas: v.replicas, perCopy: v.lambdaTotal / v.replicas, batch: e.at?.batch ?? null },
    name,
  );
}

/** One copy of a candidate as a plan: at `perCopy` requests/s, `batch` concurrent requests (else its DP). */
function copyPlan(
  sc: SearchContext,
  c: Candidate,
  load: { replicas: number; perCopy: number; batch: number | null },
  name?: string,
): InferencePlan {
  const { replicas, perCopy } = load;
  return migratePlanObject({
    schemaVersion: 1,
    id: `sized-${c.id.replace(/[^A-Za-z0-9_.-]+/g, '-')}`.slice(0, 100),
    name:
      name ?? `${sc.spec.name}: ${formatCountOf(replicas, 'copy', 'copies')} of ${compactText(sc, c)}`.slice(0, 200),
    kind: 'inference',
    modelId: sc.model.id,
    ...(sc.spec.model ? { model: sc.spec.model } : {}),
    systemId: c.systemId,
    devices: c.devices,
    source: `Sized by Cluster Planner's search for "${sc.spec.name}": one of ${replicas} copies`,
    // The price the search used (yours, or the preset's; two pools on two systems: blended by their
    // devices), written out so the plan file says it.
    prices: {
      mode: 'hourly',
      rate: sc.spec.constraints.rentalTerm,
      usdPerDeviceHour:
        c.prefillSystemId === c.systemId
          ? hourlyOf(sc, c.systemId)
          : blendedPrice(c, hourlyOf(sc, c.systemId), hourlyOf(sc, c.prefillSystemId)),
    },
    inference: {
      parallelism: { tp: c.tp, pp: c.pp, dp: c.dp, ep: c.ep },
      precision: candidatePrecision(c),
      workload: {
        promptTokens: Math.max(1, Math.round(sc.promptMean)),
        outputTokens: Math.max(1, Math.round(sc.outputMean)),
        concurrentRequests: Math.max(1, Math.round(load.batch ?? c.dp)),
        prefixCacheHitRate: sc.workload.prefixHit,
        arrivalRatePerSecond: perCopy,
        lengths: { prompt: sc.spec.workload.prompt, output: sc.spec.workload.output },
        ...(sc.spec.workload.images ? { images: sc.spec.workload.images } : {}),
      },
      // EP over more devices than divide the routed experts places redundant copies (as EPLB does).
      moe: { loadImbalance: 1.2, redundantExperts: redundantExperts(sc, c) },
      serving: {
        stack: { name: c.stack, version: null },
        disaggregation: c.disaggregated
          ? { prefillDevices: c.devices - c.decodeDevices, decodeDevices: c.decodeDevices, ...prefillPoolOf(sc, c) }
          : null,
        dualMicroBatch: c.dual,
        speculative: c.spec,
        kvOffload: c.kvOffload,
      },
    },
  }) as InferencePlan;
}

/** The prefill pool's own layout and system, when it has either (else it runs decode's TP and PP). */
function prefillPoolOf(sc: SearchContext, c: Candidate) {
  const other = c.prefillSystemId !== c.systemId;
  if (c.prefillTp === 0 && !other) return {};
  const l = prefillLayoutOf(pointOf(sc, c, 1));
  return { prefill: { tp: l.tp, pp: l.pp, dp: l.dp, ep: l.ep, ...(other ? { systemId: c.prefillSystemId } : {}) } };
}

/** "31 copies × 16 × H800 SXM 80GB (HGX H800) = 496 devices: TP8 EP16, FP8 weights — $992.00/h, …". */
function summaryOf(sc: SearchContext, e: RankedEntry, allIn: number | null): string {
  const v = e.verdict;
  const usd = priceText(v.usdPerHour, v.capexUSD);
  return `${answerText(sc, e)} — ${usd}${allIn === null ? '' : `, ${formatUsd(allIn)} per M output tokens`}`;
}

function sizedAtOf(sc: SearchContext, e: RankedEntry): BestDeployment['metrics']['sizedAt'] {
  const s = sc.systems.get(e.cand.systemId)!;
  const k = sizingScale(sc, s.ctx, compileFamily(s.ctx, settingsOf(sc, e.cand)));
  return { at: sc.spec.slo.sizeAt, decodeScale: k.decode, prefillScale: k.prefill };
}

export function bestOf(sc: SearchContext, e: RankedEntry): BestDeployment {
  const v = e.verdict;
  const c = e.cand;
  return {
    plan: planOf(sc, e),
    metrics: {
      replicas: v.replicas,
      devicesPerCopy: c.devices,
      devices: v.devicesTotal,
      usdPerHour: v.usdPerHour,
      capexUSD: v.capexUSD,
      usdPerMOutput: v.usdPerMOutput,
      decodeUsdPerMOutput: v.decodeUsdPerMOutput,
      prefillUsdPerMInput: v.prefillUsdPerMInput,
      utilization: v.utilization,
      requestsPerSecond: v.lambdaTotal,
      requestsPerSecondPerCopy: v.lambdaTotal / v.replicas,
      batchPerCopy: e.at?.batch ?? null,
      ttftS: e.at ? { p50: e.at.ttftS.p50, p90: e.at.ttftS.p90, p95: e.at.ttftS.p95, p99: e.at.ttftS.p99 } : null,
      tpotS: e.at ? e.at.tpotS : null,
      sizedAt: sizedAtOf(sc, e),
    },
    summary: summaryOf(sc, e, v.usdPerMOutput),
  };
}

export interface RunOptions {
  topN?: number;
  onProgress?: (done: number, total: number) => void;
}

export function runSearch(spec: SizingSpec, catalog: Catalog, opts: RunOptions = {}): SearchResult {
  return runPrepared(prepareSearch(spec, catalog), opts);
}

/** The search of a prepared context (a caller that also describes the results keeps `sc`). */
export function runPrepared(sc: SearchContext, opts: RunOptions = {}): SearchResult {
  // Nothing is re-filtered here, so a candidate and its curve go as soon as the summary has them
  // (a search of 400,000 configurations then holds a few MB, not a GB), and the next curve is
  // written where a curve the summary did not keep was.
  // The total is only for progress reports (counting walks the whole space again).
  const total = opts.onProgress ? candidateCount(sc) : 0;
  const b = new SummaryBuilder(sc, sc.spec.slo, opts.topN ?? 20);
  let i = 0;
  eachCandidate(sc, (c) => {
    const ev = evaluateCandidate(sc, c, sc.spec.slo);
    if (!b.add(ev)) releaseCurve(sc.scratch, ev);
    i++;
    if (opts.onProgress && (i % 256 === 0 || i === total)) opts.onProgress(i, total);
  });
  const s = b.finish();
  return { ...s, best: s.top[0] ? bestOf(sc, s.top[0]) : null, reasons: REASON_TEXT };
}

/**
 * A frontier point as a plan: one copy at the arrival rate its batch sustains (the rate the worker
 * that searched measured, so the plan's batch is the point's with the catalog it searched with).
 */
export function planForPoint(sc: SearchContext, cand: Candidate, p: FrontierPoint): InferencePlan {
  const name = `${compactText(sc, cand)} · batch ${p.batch} — frontier of “${sc.spec.name}”`;
  const plan = copyPlan(sc, cand, { replicas: 1, perCopy: p.lambda, batch: p.batch }, name.slice(0, 200));
  return { ...plan, id: `${plan.id}-b${p.batch}`.slice(0, 100) };
}

/** A ranked deployment as a plan: one of its copies, at the per-copy arrival rate. */
export const planForEntry = (sc: SearchContext, e: RankedEntry): InferencePlan =>
  planOf(
    sc,
    e,
    `${compactText(sc, e.cand)} — 1 of ${formatCountOf(e.verdict.replicas, 'copy', 'copies')} for “${sc.spec.name}”`.slice(
      0,
      200,
    ),
  );
