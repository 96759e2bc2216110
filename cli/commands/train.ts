/** Placeholder filled by the training issue: training validation rows. */
import type { Catalog } from '../../shared/plan/context';
import type { ValidationCase } from '../../shared/validation/cases';

export function trainingValidationMetric(c: ValidationCase, _catalog: Catalog): number {
  throw new Error(`${c.id}: training plans are not evaluated yet`);
}
