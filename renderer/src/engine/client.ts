/**
 * The UI side of the engine worker: one shared worker, requests matched by id, and a hook that
 * re-evaluates a plan whenever it changes (stale answers are dropped).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { parseProfile, type CalibrationProfile } from '@shared/calibration/profile';
import type { Plan } from '@shared/schema/plan';
import { activeClusters } from '../db/clusters';
import { db } from '../db/db';
import { readUserPresets } from '../db/presets';
import { engineWorker } from './engine-worker';
import type { PriceBook } from '@shared/schema/prices';
import type { EvaluateResponse, UserCatalogData, ValidateRequest, ValidateResponse } from './protocol';
import type { ValidationRow } from '@shared/validation/run';

/** Where the user's price book is kept (the settings table: one record). */
export const PRICE_BOOK_KEY = 'priceBook';

let nextId = 1;
const pending = new Map<number, (r: EvaluateResponse | ValidateResponse) => void>();
let listening = false;

function getWorker(): Worker {
  const worker = engineWorker();
  if (!listening) {
    listening = true;
    worker.onmessage = (e: MessageEvent<EvaluateResponse | ValidateResponse>) => {
      const cb = pending.get(e.data.id);
      pending.delete(e.data.id);
      cb?.(e.data);
    };
  }
  return worker;
}

/** The user's accelerators, systems (Hardware page copies) and stored clusters, for the engine's catalog. */
export async function loadUserCatalog(): Promise<UserCatalogData> {
  // Checked records only: a damaged preset is listed on the Hardware page, never sent to the engine.
  const { presets } = await readUserPresets(['hardware', 'system', 'kernel-profile']);
  const { clusters } = await activeClusters();
  const book = await db.settings.get(PRICE_BOOK_KEY);
  return {
    accelerators: presets.filter((p) => p.kind === 'hardware').map((p) => p.data),
    systems: presets.filter((p) => p.kind === 'system').map((p) => p.data),
    clusters: clusters.map((c) => c.cluster),
    prices: (book?.value as PriceBook | undefined) ?? null,
    kernels: presets.filter((p) => p.kind === 'kernel-profile').map((p) => p.data),
  };
}

/** Live version of loadUserCatalog (undefined while loading). */
export function useUserCatalog(): UserCatalogData | undefined {
  return useLiveQuery(loadUserCatalog, []);
}

export async function evaluate(
  plan: Plan,
  sweep = true,
  calibrations: CalibrationProfile[] = [],
  user?: UserCatalogData,
): Promise<EvaluateResponse> {
  const id = nextId++;
  const u = user ?? (await loadUserCatalog());
  return new Promise((resolve) => {
    pending.set(id, (r) => resolve(r as EvaluateResponse));
    getWorker().postMessage({ id, plan, sweep, calibrations, user: u });
  });
}

/** Every validation case predicted by the engine worker (the Validation page). */
export function validateAll(): Promise<ValidationRow[]> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, (r) => resolve((r as ValidateResponse).validation));
    getWorker().postMessage({ type: 'validate', id } satisfies ValidateRequest);
  });
}

/** Calibration profiles the user imported on the Hardware page (validated again on read). */
export function useUserCalibrations(): CalibrationProfile[] | undefined {
  return useLiveQuery(async () => {
    const rows = (await readUserPresets(['calibration'])).presets;
    return rows.flatMap((r) => {
      try {
        return [parseProfile(r.data, r.name)];
      } catch {
        return [];
      }
    });
  }, []);
}

/** The latest evaluation of `plan`, with the plan it was computed from (it lags the plan while the worker runs). */
export function useEvaluated(plan: Plan | null, sweep = true): { plan: Plan; res: EvaluateResponse } | null {
  const [out, setOut] = useState<{ plan: Plan; res: EvaluateResponse } | null>(null);
  const cal = useUserCalibrations();
  const user = useUserCatalog();
  useEffect(() => {
    if (!plan || cal === undefined || user === undefined) return;
    let live = true;
    void evaluate(plan, sweep, cal, user).then((res) => {
      if (live) setOut({ plan, res });
    });
    return () => {
      live = false;
    };
  }, [plan, sweep, cal, user]);
  return out;
}

export function useEvaluation(plan: Plan | null, sweep = true): EvaluateResponse | null {
  return useEvaluated(plan, sweep)?.res ?? null;
}
