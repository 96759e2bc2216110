/**
 * Freshness and doubt of a hardware preset, for the Hardware page's filters: "checked on" is the
 * oldest `checked` date among the registry documents the preset cites; a preset is "unverified"
 * when any of its numbers carries `unverified: true`. Pure functions (unit-tested).
 */
import { isOlderThanMonths } from '@shared/sources/registry';

/** True when any number anywhere inside the preset is flagged unverified. */
export function hasUnverified(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasUnverified);
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  if (o['unverified'] === true) return true;
  return Object.entries(o).some(([k, v]) => k !== 'source' && hasUnverified(v));
}

/** Older than `months` calendar months before `now`; a preset that cites no document counts as stale. */
export function isStale(checkedOn: string | undefined, now: Date, months = 12): boolean {
  return checkedOn === undefined || isOlderThanMonths(checkedOn, months, now);
}

export interface FreshnessFilter {
  unverifiedOnly: boolean;
  staleOnly: boolean;
}

export function passesFreshness(
  item: { unverified: boolean; checkedOn: string | undefined },
  f: FreshnessFilter,
  now: Date,
): boolean {
  if (f.unverifiedOnly && !item.unverified) return false;
  if (f.staleOnly && !isStale(item.checkedOn, now)) return false;
  return true;
}
