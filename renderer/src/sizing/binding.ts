/**
 * What limits a ranked deployment's capacity per copy: its copies carry at most λ_max, the rate at
 * the largest batch meeting every objective; the next swept batch says why no larger one does
 * (TPOT, TTFT, end-to-end, the prefill queue saturating) — or no larger batch fits in memory.
 * Re-times the one candidate on this thread (a sweep of at most 16 batches, well under 1 ms).
 */
import { tpotTargetS } from '@shared/schema/sizing';
import { COL, evaluateCandidate, NCOL, rowTtft, type SearchContext } from '@shared/sizing/search';
import type { RankedEntry } from '@shared/sizing/summary';
import { formatSeconds, MILLI } from '@shared/units';

export function bindingText(sc: SearchContext, e: RankedEntry): string {
  const ev = evaluateCandidate(sc, e.cand, null);
  const slo = sc.spec.slo;
  const k = e.verdict.row + 1;
  if (k >= ev.points)
    return `memory: no batch above ${Math.round(ev.curve[e.verdict.row * NCOL + COL.batch]!)} sequences per copy fits`;
  const o = k * NCOL;
  const c = ev.curve;
  const batch = Math.round(c[o + COL.batch]!);
  const ttft = rowTtft(c, k, slo.ttftPercentile);
  const miss: string[] = [];
  if (!c[o + COL.stable]) miss.push('the prefill queue saturates (prompts arrive faster than they are prefilled)');
  if (c[o + COL.tpot]! > tpotTargetS(slo))
    miss.push(`TPOT ${formatSeconds(c[o + COL.tpot]!)} > the ${formatSeconds(tpotTargetS(slo))} objective`);
  if (ttft > slo.ttftMs * MILLI)
    miss.push(`TTFT ${slo.ttftPercentile} ${formatSeconds(ttft)} > the ${formatSeconds(slo.ttftMs * MILLI)} objective`);
  if (miss.length === 0) miss.push(`the end-to-end objective (${formatSeconds((slo.e2eMs ?? 0) * MILLI)}) is missed`);
  return `the next batch swept, ${batch} sequences per copy: ${miss.join('; ')}`;
}
