/**
 * Workspace files: every plan, user preset, cluster and sizing spec in one JSON document
 * (`clusters` and `sizingSpecs` are optional, so version-1 workspaces without them still open). Parsing validates every plan
 * (plan-file rules: versions, migrations, hostile keys) before anything is written, so an import
 * is all or nothing.
 */
import { checkTree, migratePlanObject, MAX_PLAN_FILE_CHARS, PlanFileError } from './migrations';
import type { Plan } from './schema';
import { parseCluster, type Cluster } from '../cluster/schema';
import { parseSizingSpec, type SizingSpec } from '../sizing/schema';

export const WORKSPACE_KIND = 'cluster-planner-workspace';
export const WORKSPACE_VERSION = 1;
export const MAX_WORKSPACE_CHARS = 4 * MAX_PLAN_FILE_CHARS;

export interface WorkspaceUserPreset {
  id: string;
  kind: string;
  name: string;
  data: unknown;
  createdAt: string;
}

export interface Workspace {
  kind: typeof WORKSPACE_KIND;
  schemaVersion: number;
  exportedAt: string;
  plans: Plan[];
  userPresets: WorkspaceUserPreset[];
  clusters: Cluster[];
  /** Sizing specs ("Size a deployment"); absent in workspaces written before issue 13. */
  sizingSpecs: SizingSpec[];
}

export function serialiseWorkspace(
  plans: Plan[],
  userPresets: WorkspaceUserPreset[],
  now = new Date(),
  clusters: Cluster[] = [],
  sizingSpecs: SizingSpec[] = [],
): string {
  const w: Workspace = {
    kind: WORKSPACE_KIND,
    schemaVersion: WORKSPACE_VERSION,
    exportedAt: now.toISOString(),
    plans,
    userPresets,
    clusters,
    sizingSpecs,
  };
  return JSON.stringify(w, null, 2) + '\n';
}

export function isWorkspaceText(text: string): boolean {
  return text.slice(0, 200).includes(`"${WORKSPACE_KIND}"`);
}

export function parseWorkspace(text: string): Workspace {
  if (text.length > MAX_WORKSPACE_CHARS)
    throw new PlanFileError(
      '(file)',
      `is ${text.length} characters; workspace files are at most ${MAX_WORKSPACE_CHARS}`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PlanFileError('(file)', `is not valid JSON (${(e as Error).message}); the file may be truncated`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new PlanFileError('(root)', 'a workspace must be a JSON object');
  checkTree(raw, '', 0);
  const o = raw as Record<string, unknown>;
  if (o['kind'] !== WORKSPACE_KIND) throw new PlanFileError('kind', `must be "${WORKSPACE_KIND}"`);
  const v = o['schemaVersion'];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new PlanFileError('schemaVersion', 'must be a whole number ≥ 1');
  if (v > WORKSPACE_VERSION)
    throw new PlanFileError(
      'schemaVersion',
      `this workspace is version ${v}, written by a newer Cluster Planner; this app reads up to ${WORKSPACE_VERSION}`,
    );
  if (!Array.isArray(o['plans'])) throw new PlanFileError('plans', 'must be an array');
  const plans = o['plans'].map((p, i) => {
    try {
      return migratePlanObject(p);
    } catch (e) {
      const err = e as PlanFileError;
      throw new PlanFileError(`plans[${i}].${err.field ?? ''}`.replace(/\.$/, ''), err.message.replace(/^[^:]*: /, ''));
    }
  });
  const up = o['userPresets'] ?? [];
  if (!Array.isArray(up)) throw new PlanFileError('userPresets', 'must be an array');
  const userPresets = up.map((u, i) => {
    const r = u as Record<string, unknown>;
    if (
      !r ||
      typeof r !== 'object' ||
      typeof r['id'] !== 'string' ||
      typeof r['kind'] !== 'string' ||
      typeof r['name'] !== 'string'
    )
      throw new PlanFileError(`userPresets[${i}]`, 'needs string id, kind and name');
    if (['__proto__', 'constructor', 'prototype'].some((k) => Object.prototype.hasOwnProperty.call(r, k)))
      throw new PlanFileError(`userPresets[${i}]`, 'has a forbidden key');
    return {
      id: r['id'],
      kind: r['kind'],
      name: r['name'],
      data: r['data'],
      createdAt: typeof r['createdAt'] === 'string' ? r['createdAt'] : new Date().toISOString(),
    };
  });
  const cl = o['clusters'] ?? [];
  if (!Array.isArray(cl)) throw new PlanFileError('clusters', 'must be an array');
  const clusters = cl.map((c, i) => {
    try {
      return parseCluster(c, `clusters[${i}]`);
    } catch (e) {
      const m = (e as Error).message;
      const [field, ...rest] = m.split(': ');
      throw new PlanFileError(
        `clusters[${i}]${rest.length > 1 ? `.${rest[0]}` : ''}`,
        rest.slice(rest.length > 1 ? 1 : 0).join(': ') || field!,
      );
    }
  });
  const ss = o['sizingSpecs'] ?? [];
  if (!Array.isArray(ss)) throw new PlanFileError('sizingSpecs', 'must be an array');
  const sizingSpecs = ss.map((x, i) => {
    try {
      return parseSizingSpec(x, `sizingSpecs[${i}]`);
    } catch (e) {
      const [field, ...rest] = (e as Error).message.split(': ');
      throw new PlanFileError(
        rest.length > 1 ? `${field}.${rest[0]}` : field!,
        rest.slice(rest.length > 1 ? 1 : 0).join(': '),
      );
    }
  });
  return {
    kind: WORKSPACE_KIND,
    schemaVersion: v,
    exportedAt: typeof o['exportedAt'] === 'string' ? o['exportedAt'] : '',
    plans,
    userPresets,
    clusters,
    sizingSpecs,
  };
}
