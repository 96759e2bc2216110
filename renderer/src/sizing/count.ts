/**
 * How many configurations a spec's search would time, counted without building them (the same
 * loops as shared/sizing/space.ts enumerateCandidates, which a unit test compares against), so a
 * spec too large to hold is refused before anything is allocated.
 */
import { deviceCounts, layouts, precisions } from '@shared/sizing/space';
import type { SearchContext } from '@shared/sizing/search';

export function countCandidates(sc: SearchContext): number {
  const spec = sc.spec;
  const st = spec.constraints.strategies;
  const max = spec.constraints.maxDevices;
  const specs = st.speculative ? 2 : 1;
  const offload = st.kvOffload ? 2 : 1;
  const ratios = [0, ...(st.disaggregation ? st.disaggregationRatios : [])];
  let n = 0;
  for (const { sys, acc } of sc.systems.values()) {
    const p = precisions(acc, spec.constraints.precisions).length;
    for (const D of deviceCounts(sys, max))
      for (const lay of layouts(sc.model, sys, D, st)) {
        const group = lay.tp * lay.pp;
        let r = 0;
        for (const ratio of ratios) {
          const pre = ratio ? Math.max(group, Math.round((ratio * D) / group) * group) : 0;
          if (D + pre <= max) r++;
        }
        n += r * p * specs * offload;
      }
  }
  return n;
}
