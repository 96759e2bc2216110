/**
 * Workspace files: every plan, user preset, cluster and sizing spec in one JSON document
 * (`clusters` and `sizingSpecs` are optional, so version-1 workspaces without them still open). Parsing validates every plan
 * (plan-file rules: versions, migrations, hostile keys) before anything is written, so an import
 * is all or nothing.
 */
import { migratePlanObject, MAX_PLAN_FILE_CHARS } from './migrations';
import { checkTree, PlanFileError, withoutBom } from './tree';
import type { Plan } from './plan';
import { parseCluster, type Cluster } from './cluster';
import { parseSizingSpec, type SizingSpec } from './sizing';

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
  /** Sizing specs ("Size a deployment"); absent in workspaces written before the sizing page existed. */
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
  return withoutBom(text).slice(0, 200).includes(`"${WORKSPACE_KIND}"`);
}

export function parseWorkspace(text: string): Workspace {
  const o = workspaceObject(text);
  return {
    kind: WORKSPACE_KIND,
    schemaVersion: o['schemaVersion'] as number,
    exportedAt: typeof o['exportedAt'] === 'string' ? o['exportedAt'] : '',
    plans: arrayAt(o, 'plans', true).map(workspacePlan),
    userPresets: arrayAt(o, 'userPresets', false).map(workspaceUserPreset),
    clusters: arrayAt(o, 'clusters', false).map(workspaceCluster),
    sizingSpecs: arrayAt(o, 'sizingSpecs', false).map(workspaceSizingSpec),
  };
}

/** The file's text → its top-level object, with kind and version checked. */
function workspaceObject(file: string): Record<string, unknown> {
  const text = withoutBom(file);
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
  return o;
}

/** `o[key]` as an array (absent optional lists are empty). */
function arrayAt(o: Record<string, unknown>, key: string, required: boolean): unknown[] {
  const v = o[key] ?? (required ? undefined : []);
  if (!Array.isArray(v)) throw new PlanFileError(key, 'must be an array');
  return v;
}

function workspacePlan(p: unknown, i: number): Plan {
  try {
    return migratePlanObject(p);
  } catch (e) {
    const err = e as PlanFileError;
    const field = !err.field || err.field === '(root)' ? `plans[${i}]` : `plans[${i}].${err.field}`;
    throw new PlanFileError(field, err.message.replace(/^[^:]*: /, ''));
  }
}

function workspaceUserPreset(u: unknown, i: number): WorkspaceUserPreset {
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
}

/**
 * A cluster or sizing spec parser's error ("label: field: problem", or "label: problem") as a
 * PlanFileError naming `label.field` (the item itself for a problem with its root).
 */
function relabelled(e: unknown): PlanFileError {
  const [label, ...rest] = (e as Error).message.split(': ');
  // "(root)" and "(file)" name the item as a whole: inside a workspace that is `label` itself.
  const named = rest.length > 1 && rest[0] !== '(root)' && rest[0] !== '(file)';
  return new PlanFileError(named ? `${label}.${rest[0]}` : label!, rest.slice(rest.length > 1 ? 1 : 0).join(': '));
}

/**
 * An item of a workspace list must be a JSON object: the parsers also take a file's text, and a
 * string item would be parsed as a nested file, whose errors name "(file)" (found by the fuzzer).
 */
function objectItem(x: unknown, path: string, what: string): void {
  if (!x || typeof x !== 'object' || Array.isArray(x)) throw new PlanFileError(path, `${what} must be a JSON object`);
}

function workspaceCluster(c: unknown, i: number): Cluster {
  objectItem(c, `clusters[${i}]`, 'a cluster');
  try {
    return parseCluster(c, `clusters[${i}]`);
  } catch (e) {
    throw relabelled(e);
  }
}

function workspaceSizingSpec(x: unknown, i: number): SizingSpec {
  objectItem(x, `sizingSpecs[${i}]`, 'a sizing spec');
  try {
    return parseSizingSpec(x, `sizingSpecs[${i}]`);
  } catch (e) {
    throw relabelled(e);
  }
}
