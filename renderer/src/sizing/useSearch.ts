/**
 * The sizing search as React state: start (enumerating candidates on this thread only to size the
 * worker pool and to name configurations), live progress, cancel, and re-filtering on SLO changes.
 * The main thread also keeps a SearchContext for the same spec and catalog, so a ranked entry or a
 * frontier point becomes a plan (planOf) without a round trip.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CalibrationProfile } from '@shared/calibration/profile';
import type { Catalog } from '@shared/plan/context';
import type { SizingSpec, Slo } from '@shared/schema/sizing';
import { candidateCount, candidatesOf, prepareSearch, type SearchContext } from '@shared/sizing/search-context';
import type { Candidate } from '@shared/sizing/space';
import type { UserCatalogData } from '../engine/protocol';
import { IDLE, SearchPool, type SearchState } from '../engine/search-pool';

/**
 * Most configurations one search may hold: each keeps about 1.0 kB in its worker (measured on a
 * worker's share of the every-option DeepSeek-V3 search, 2026-12-05: its swept curve 0.63 kB, the
 * candidate and its id 0.25 kB, its evaluation as typed-array columns 0.11 kB; it was 1.2 kB with
 * the evaluation as objects), so 200,000 hold about 200 MB across the workers (and their list
 * about 50 MB here).
 */
export const MAX_CANDIDATES = 200_000;
const BYTES_PER_CANDIDATE = 1_050;

export interface Prepared {
  sc: SearchContext;
  byId: Map<string, Candidate>;
  /** searchKey of the spec searched. */
  key: string;
  /** Which search of this session (1, 2, …): a kept search shown again keeps its number. */
  run: number;
}

let runs = 0;

export interface SizingSearch {
  state: SearchState;
  prepared: Prepared | null;
  /** Why the spec could not be searched (names the field), or null. */
  error: string | null;
  start: (
    spec: SizingSpec,
    key: string,
    catalog: Catalog,
    user: UserCatalogData,
    calibrations: CalibrationProfile[],
  ) => void;
  refilter: (slo: Slo) => void;
  cancel: () => void;
}

/**
 * The search of the spec last shown, kept while the user is on another page: coming back shows its
 * results (and can still re-filter them) without searching again. One is kept; its workers hold
 * the curves.
 */
let kept: { specId: string; pool: SearchPool | null; prepared: Prepared | null; error: string | null } | null = null;

export function useSizingSearch(specId: string): SizingSearch {
  const back = kept?.specId === specId ? kept : null;
  const [state, setState] = useState<SearchState>(() => back?.pool?.retarget(() => undefined) ?? IDLE);
  const [prepared, setPrepared] = useState<Prepared | null>(back?.prepared ?? null);
  const [error, setError] = useState<string | null>(back?.error ?? null);
  const pool = useRef<SearchPool | null>(back?.pool ?? null);
  useEffect(() => {
    pool.current?.retarget(setState);
  }, []);
  const latest = useRef({ prepared, error });
  latest.current = { prepared, error };
  useEffect(
    () => () => {
      if (kept && kept.specId !== specId) kept.pool?.dispose();
      kept = { specId, pool: pool.current, ...latest.current };
      pool.current?.retarget(() => undefined);
    },
    [specId],
  );
  const start = useCallback<SizingSearch['start']>((spec, key, catalog, user, calibrations) => {
    let sc: SearchContext;
    let count: number;
    try {
      sc = prepareSearch(spec, catalog);
      count = candidateCount(sc);
    } catch (e) {
      pool.current?.dispose();
      pool.current = null;
      setPrepared(null);
      setState(IDLE);
      setError((e as Error).message);
      return;
    }
    if (count > MAX_CANDIDATES) {
      pool.current?.dispose();
      pool.current = null;
      setPrepared(null);
      setState(IDLE);
      setError(
        `constraints: this spec allows ${count.toLocaleString('en-US')} configurations (about ${Math.round((count * BYTES_PER_CANDIDATE) / 1e6)} MB to hold while searching); the limit is ${MAX_CANDIDATES.toLocaleString('en-US')}. Narrow the systems, precisions, strategies or disaggregation ratios.`,
      );
      return;
    }
    const cands = candidatesOf(sc);
    setError(null);
    setPrepared({ sc, byId: new Map(cands.map((c) => [c.id, c])), key, run: ++runs });
    pool.current ??= new SearchPool(setState);
    pool.current.start(spec, user, calibrations, { candidates: cands.length });
  }, []);
  const refilter = useCallback((slo: Slo) => {
    if (pool.current?.refilter(slo))
      setPrepared((p) => (p ? { ...p, sc: { ...p.sc, spec: { ...p.sc.spec, slo } } } : p));
  }, []);
  const cancel = useCallback(() => pool.current?.cancel(), []);
  return { state, prepared, error, start, refilter, cancel };
}
