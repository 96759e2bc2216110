/**
 * Sizing-spec drafts in the form: a new spec, validation into field-named messages (by dotted
 * path, for the field that shows them), and what changed between two specs (only the SLOs →
 * re-filter the stored curves; anything else → search again).
 */
import { sizingPresets } from '@presets/load';
import { SizingSpec, SIZING_SCHEMA_VERSION, type SizingSpecInput } from '@shared/schema/sizing';
import type { z } from 'zod';
import { getPath } from '../plans/paths';

export type SpecDraft = SizingSpecInput;

export const SIZING_FILE_FILTER = [{ name: 'Cluster Planner sizing spec', extensions: ['json'] }];

/** A new spec, copied from the chat-service example so every field starts sensible. */
export function newSpecDraft(id: string): SpecDraft {
  const base = sizingPresets().find((s) => s.id === 'llama-3.1-70b-chat') ?? sizingPresets()[0]!;
  return {
    ...structuredClone(base),
    schemaVersion: SIZING_SCHEMA_VERSION,
    id,
    name: 'New sizing',
    notes: undefined,
    // The example's provenance is not the new spec's.
    source: undefined,
    createdAt: new Date().toISOString(),
  };
}

export const fileNameOf = (d: { name: string }): string =>
  `${
    d.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'sizing'
  }.clustersearch.json`;

type Issue = z.core.$ZodIssue;

/** A union's issues: the branch whose keys the draft has (a mean/p90 pair, or a histogram). */
function unionBranch(draft: unknown, i: Issue & { code: 'invalid_union' }): Issue[] {
  const branches = (i as { errors?: Issue[][] }).errors ?? [];
  const base = i.path.map(String);
  const fits = (b: Issue[]) =>
    b.every((x) => getPath(draft, [...base, ...x.path.map(String)].slice(0, base.length + 1).join('.')) !== undefined);
  const pick = branches.find(fits) ?? branches[0] ?? [];
  return pick.map((x) => ({ ...x, path: [...i.path, ...x.path] }));
}

const plain = (path: string, m: string): string => {
  const msg = m.replace(/^Invalid input: expected int, received number$/, 'must be a whole number');
  return msg.startsWith(path) || msg.startsWith('give ') ? msg : `${path}: ${msg}`;
};

export interface Checked {
  spec: SizingSpec | null;
  /** Messages by dotted path; each message names its field. */
  errors: Map<string, string>;
}

export function checkDraft(draft: unknown): Checked {
  const r = SizingSpec.safeParse(draft);
  if (r.success) return { spec: r.data, errors: new Map() };
  const errors = new Map<string, string>();
  const issues = r.error.issues.flatMap((i) =>
    i.code === 'invalid_union' ? unionBranch(draft, i as Issue & { code: 'invalid_union' }) : [i as Issue],
  );
  for (const i of issues) {
    const path = i.path.map(String).join('.');
    if (!errors.has(path)) errors.set(path, plain(path || '(spec)', i.message));
  }
  return { spec: null, errors };
}

/**
 * Everything but the SLOs' limits and the labels: when this is unchanged, a new SLO only re-filters.
 * Where the candidates are sized (slo.sizeAt) changes every evaluation, so it is part of the key.
 */
export function searchKey(s: SizingSpec): string {
  const { slo, name: _n, notes: _no, source: _src, createdAt: _c, updatedAt: _u, id: _id, ...rest } = s;
  return JSON.stringify({ ...rest, sizeAt: slo.sizeAt });
}

export const sloKey = (s: SizingSpec): string => JSON.stringify(s.slo);

const OBJECTS = ['workload', 'workload.load', 'workload.prompt', 'workload.output', 'slo', 'constraints'];

/**
 * Parts a stored draft must have for the form to show it (a damaged database record may lack
 * them): each problem names the field. Empty when the form can open the draft.
 */
export function structureProblems(draft: unknown): string[] {
  const out: string[] = [];
  if (!draft || typeof draft !== 'object') return ['(spec): not an object'];
  for (const p of OBJECTS) {
    const v = getPath(draft, p);
    if (!v || typeof v !== 'object' || Array.isArray(v)) out.push(`${p}: missing or not an object`);
  }
  if (!Array.isArray(getPath(draft, 'constraints.systems'))) out.push('constraints.systems: missing or not a list');
  return out;
}

/**
 * An example edited for the first time takes a name of its own ("… (edited)"), so the list shows it
 * is not the example any more and loading the example again gives the untouched copy.
 */
export function asEdited(before: SpecDraft, next: SpecDraft): SpecDraft {
  if (next.name !== before.name || !sizingPresets().some((p) => p.name === next.name)) return next;
  const same = JSON.stringify({ ...next, name: '' }) === JSON.stringify({ ...before, name: '' });
  return same ? next : { ...next, name: `${next.name} (edited)` };
}
