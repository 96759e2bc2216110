/**
 * How many configurations a spec's search would time, counted without building them
 * (shared/sizing/space.ts countCandidates: the same loops as the enumeration, which a unit test
 * compares against), so a spec too large to hold is refused before anything is allocated.
 */
import { countCandidates as count } from '@shared/sizing/space';
import type { SearchContext } from '@shared/sizing/search';

export const countCandidates = (sc: SearchContext): number => count(sc.spec, sc.model, [...sc.systems.values()]);
