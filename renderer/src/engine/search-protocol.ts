/**
 * Messages between the UI and the search workers (plain data, structured-cloneable). A job is one
 * search of one spec; each worker holds one share of its candidates and their curves until the
 * job is cancelled (the worker is then terminated) or replaced (a worker that finished its share
 * takes the next job; messages carry their job so a late one is ignored).
 */
import type { CalibrationProfile } from '@shared/calibration/profile';
import type { InferencePlan } from '@shared/schema/plan';
import type { SimulationCheck } from '@shared/serving/simulate-plan';
import type { SizingSpec, Slo } from '@shared/schema/sizing';
import type { RankedEntry, SearchSummary } from '@shared/sizing/summary';
import type { UserCatalogData } from './protocol';
import type { Head } from '@shared/sizing/split';

export type SearchRequest =
  | {
      type: 'start';
      job: number;
      spec: SizingSpec;
      user: UserCatalogData;
      calibrations: CalibrationProfile[];
      share: number;
      shares: number;
      topN: number;
      /** Candidates refined by `summarize` (max(topN, 8)): how many heads to report. */
      heads: number;
      /** Milliseconds between partial summaries. */
      intervalMs: number;
    }
  /** Summarise the stored share under these SLOs (sweeping candidates cut short under stricter ones). */
  | { type: 'summarize'; job: number; req: number; slo: Slo; topN: number; heads: number }
  | { type: 'refine'; job: number; req: number; slo: Slo; ids: string[] }
  /** Drop the share (and its curves): the worker waits, idle, for another search. */
  | { type: 'release' }
  | {
      type: 'simulate';
      req: number;
      plan: InferencePlan;
      user: UserCatalogData;
      calibrations: CalibrationProfile[];
      requests: number;
      seed: number;
    };

export type SearchResponse =
  | {
      type: 'progress';
      job: number;
      share: number;
      done: number;
      total: number;
      summary: SearchSummary;
      /** Set on the last message of the run. */
      heads: Head[] | null;
      curveBytes: number;
    }
  | {
      type: 'summary';
      job: number;
      req: number;
      share: number;
      summary: SearchSummary;
      heads: Head[];
      swept: number;
      curveBytes: number;
    }
  | { type: 'refined'; job: number; req: number; share: number; top: RankedEntry[] }
  | { type: 'simulated'; req: number; ok: true; check: SimulationCheck | null; ms: number }
  | { type: 'error'; job?: number; req?: number; share?: number; message: string };
