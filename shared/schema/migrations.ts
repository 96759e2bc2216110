/**
 * Plan files across versions. `parsePlanFile` accepts the text of a `.clusterplan.json`, refuses
 * anything malformed, hostile or from a newer app with a message naming the field, migrates older
 * versions one step at a time, and validates the result with the current schema.
 */
import { Plan, PLAN_SCHEMA_VERSION } from './plan';
import { describeIssues } from '../source';
import { checkTree, PlanFileError, withoutBom } from './tree';

export { checkTree, PlanFileError, withoutBom };

/** Upgrade functions: MIGRATIONS[n] turns a version-n object into version n+1. */
const MIGRATIONS: Record<number, (o: Record<string, unknown>) => Record<string, unknown>> = {
  // 0 → 1: files written before versioning had no schemaVersion and called devices "deviceCount".
  0: (o) => {
    const { deviceCount, ...rest } = o;
    return { ...rest, devices: rest['devices'] ?? deviceCount, schemaVersion: 1 };
  },
};

export const MAX_PLAN_FILE_CHARS = 8 * 1024 * 1024;

export function migratePlanObject(raw: unknown): Plan {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new PlanFileError('(root)', 'a plan must be a JSON object');
  checkTree(raw, '', 0);
  let o = raw as Record<string, unknown>;
  const v = o['schemaVersion'] ?? 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new PlanFileError('schemaVersion', `must be a whole number, got ${JSON.stringify(v)}`);
  if (v > PLAN_SCHEMA_VERSION)
    throw new PlanFileError(
      'schemaVersion',
      `this file is version ${v}, written by a newer Cluster Planner; this app reads up to version ${PLAN_SCHEMA_VERSION}. Update the app to open it.`,
    );
  for (let n = v; n < PLAN_SCHEMA_VERSION; n++) {
    const step = MIGRATIONS[n];
    if (!step) throw new PlanFileError('schemaVersion', `no migration from version ${n}`);
    o = step(o);
  }
  const r = Plan.safeParse(o);
  if (!r.success) {
    const first = r.error.issues[0]!;
    const all = describeIssues(r.error);
    throw new PlanFileError(first.path.join('.') || '(root)', all.slice(first.path.join('.').length + 2 || 0));
  }
  return r.data;
}

export function parsePlanFile(file: string): Plan {
  const text = withoutBom(file);
  if (text.length > MAX_PLAN_FILE_CHARS)
    throw new PlanFileError('(file)', `is ${text.length} characters; plan files are at most ${MAX_PLAN_FILE_CHARS}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PlanFileError('(file)', `is not valid JSON (${(e as Error).message}); the file may be truncated`);
  }
  return migratePlanObject(raw);
}
