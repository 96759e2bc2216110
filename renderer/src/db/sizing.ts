/**
 * Sizing-spec storage ("Size a deployment"): autosaved drafts, duplicate, soft delete and restore,
 * import without overwriting. A draft is stored as typed, even while a field is invalid, so nothing
 * the user entered is lost; it is validated (parseSizingSpec) whenever it is searched or exported.
 */
import type { SizingSpecInput } from '@shared/schema/sizing';
import { db } from './db';
import { newId } from './plans';

export interface StoredSizingSpec {
  id: string;
  /** The spec as edited (may fail validation while the user is typing). */
  spec: SizingSpecInput;
  createdAt: string;
  updatedAt: string;
  trashedAt?: string | undefined;
}

const now = (): string => new Date().toISOString();

export async function saveSizingSpec(spec: SizingSpecInput): Promise<void> {
  const t = now();
  const existing = await db.sizingSpecs.get(spec.id);
  await db.sizingSpecs.put({
    ...(existing ?? { createdAt: t }),
    id: spec.id,
    spec: { ...spec, updatedAt: t },
    updatedAt: t,
    trashedAt: undefined,
  });
}

export async function duplicateSizingSpec(id: string): Promise<string | null> {
  const s = await db.sizingSpecs.get(id);
  if (!s) return null;
  const copy: SizingSpecInput = { ...s.spec, id: newId('sizing'), name: `${s.spec.name} (copy)`, createdAt: now() };
  await saveSizingSpec(copy);
  return copy.id;
}

export async function trashSizingSpec(id: string): Promise<void> {
  await db.sizingSpecs.update(id, { trashedAt: now() });
}

export async function restoreSizingSpec(id: string): Promise<void> {
  await db.sizingSpecs.update(id, { trashedAt: undefined });
}

const readable = (r: StoredSizingSpec): boolean =>
  !!r.spec && typeof r.spec === 'object' && typeof r.spec.id === 'string' && typeof r.spec.name === 'string';

/** Specs not in the trash, newest first; a record that is not a spec object is skipped and named. */
export async function activeSizingSpecs(): Promise<{ specs: StoredSizingSpec[]; bad: string[] }> {
  const all = await db.sizingSpecs.orderBy('updatedAt').reverse().toArray();
  const bad = all.filter((r) => !readable(r)).map((r) => r.id);
  return { specs: all.filter((r) => readable(r) && !r.trashedAt), bad };
}

/** Stores a validated spec (a file, an example); never overwrites: a clash gets a new id and "(imported)". */
export async function importSizingSpec(spec: SizingSpecInput, suffix = ' (imported)'): Promise<SizingSpecInput> {
  const clash = await db.sizingSpecs.get(spec.id);
  const toSave = clash ? { ...spec, id: newId('sizing'), name: `${spec.name}${suffix}`.slice(0, 200) } : spec;
  await saveSizingSpec(toSave);
  return toSave;
}

/** Every stored spec not in the trash, as stored (workspace export validates them). */
export async function allSizingSpecs(): Promise<SizingSpecInput[]> {
  return (await db.sizingSpecs.toArray()).filter((r) => readable(r) && !r.trashedAt).map((r) => r.spec);
}
