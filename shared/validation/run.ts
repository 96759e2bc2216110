/**
 * Runs the validation table: every case's plan through the engine, the metric compared with the
 * published figure. errorPct = (predicted − published) / published × 100.
 */
import { evaluateInference } from '../inference/evaluate';
import { resolvePlan, type Catalog } from '../plan/context';
import { migratePlanObject } from '../plan/migrations';
import { evaluateTraining } from '../training/evaluate';
import type { ValidationCase } from './cases';
import type { Citation } from '../source';

export interface ValidationRow {
  id: string;
  /** Registry citation(s) of the published figure (resolve with shared/sources/registry.ts). */
  source: Citation | Citation[];
  description: string;
  metric: string;
  unit: string;
  published: number;
  predicted: number | null;
  errorPct: number | null;
  assumptions: string;
  error?: string;
}

export function runValidation(cases: readonly ValidationCase[], catalog: Catalog): ValidationRow[] {
  return cases.map((c) => {
    const base = {
      id: c.id,
      source: c.source,
      description: c.description,
      metric: c.metric,
      unit: c.unit,
      published: c.published,
      assumptions: c.assumptions,
    };
    try {
      const plan = migratePlanObject(c.plan);
      let raw: number;
      if (plan.kind === 'inference') {
        const r = evaluateInference(plan, resolvePlan(plan, catalog), { explain: false });
        raw = (r as unknown as Record<string, number>)[c.metric] ?? Number.NaN;
      } else {
        const r = evaluateTraining(plan, resolvePlan(plan, catalog));
        raw = (r as unknown as Record<string, number>)[c.metric] ?? Number.NaN;
      }
      const predicted = raw * c.scale;
      return { ...base, predicted, errorPct: ((predicted - c.published) / c.published) * 100 };
    } catch (e) {
      return { ...base, predicted: null, errorPct: null, error: (e as Error).message };
    }
  });
}
