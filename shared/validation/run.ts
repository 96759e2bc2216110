/**
 * Runs the validation table: every case's plan through the engine, the metric compared with the
 * published figure. errorPct = (predicted − published) / published × 100.
 */
import { evaluateInference } from '../inference/evaluate';
import { resolvePlan, type Catalog } from '../plan/context';
import { migratePlanObject } from '../plan/migrations';
import { evaluateTraining } from '../training/evaluate';
import { evaluateRlPlan } from '../rl/evaluate';
import type { ValidationCase } from './cases';

/** RL metrics read from the step's breakdown (issue 16). */
const RL_PHASE: Partial<Record<string, 'generation' | 'logprobs' | 'training' | 'sync'>> = {
  rlGenerationS: 'generation',
  rlLogprobsS: 'logprobs',
  rlTrainingS: 'training',
  rlSyncS: 'sync',
};

export interface ValidationRow {
  id: string;
  source: string;
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
      } else if (plan.kind === 'training') {
        const r = evaluateTraining(plan, resolvePlan(plan, catalog));
        raw = (r as unknown as Record<string, number>)[c.metric] ?? Number.NaN;
      } else {
        const r = evaluateRlPlan(plan, catalog);
        raw =
          c.metric === 'stepTimeS' ? r.stepTimeS : RL_PHASE[c.metric] ? r.breakdownS[RL_PHASE[c.metric]!] : Number.NaN;
      }
      const predicted = raw * c.scale;
      return { ...base, predicted, errorPct: ((predicted - c.published) / c.published) * 100 };
    } catch (e) {
      return { ...base, predicted: null, errorPct: null, error: (e as Error).message };
    }
  });
}
