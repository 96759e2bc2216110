/**
 * The UI side of the engine worker: one shared worker, requests matched by id, and a hook that
 * re-evaluates a plan whenever it changes (stale answers are dropped).
 */
import { useEffect, useState } from 'react';
import type { Plan } from '@shared/plan/schema';
import type { EvaluateResponse } from './protocol';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (r: EvaluateResponse) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<EvaluateResponse>) => {
      const cb = pending.get(e.data.id);
      pending.delete(e.data.id);
      cb?.(e.data);
    };
  }
  return worker;
}

export function evaluate(plan: Plan, sweep = true): Promise<EvaluateResponse> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    getWorker().postMessage({ id, plan, sweep });
  });
}

export function useEvaluation(plan: Plan | null, sweep = true): EvaluateResponse | null {
  const [res, setRes] = useState<EvaluateResponse | null>(null);
  useEffect(() => {
    if (!plan) return;
    let live = true;
    void evaluate(plan, sweep).then((r) => {
      if (live) setRes(r);
    });
    return () => {
      live = false;
    };
  }, [plan, sweep]);
  return res;
}
