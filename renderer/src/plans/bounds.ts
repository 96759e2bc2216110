/** A plan field's number bounds, read from the plan schema (the limits a plan file is checked against). */
import { Plan } from '@shared/schema/plan';
import { numberBounds, type NumberBounds } from '@shared/schema/bounds';

const CACHE = new Map<string, NumberBounds | null>();

/** The bounds of the number at a plan path ("inference.parallelism.tp"), or null if it is not one. */
export function planBounds(path: string): NumberBounds | null {
  if (!CACHE.has(path)) CACHE.set(path, numberBounds(Plan, path));
  return CACHE.get(path)!;
}
