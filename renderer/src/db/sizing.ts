/**
 * Sizing-spec storage ("Size a deployment"): autosaved drafts (through record-store.ts: other
 * windows' versions kept, damaged records refused), duplicate, soft delete and restore, import
 * without overwriting. A draft is stored as typed, even while a field is invalid, so nothing the
 * user entered is lost; it is validated (parseSizingSpec) whenever it is searched or exported.
 */
import type { SizingSpecInput } from '@shared/schema/sizing';
import type { SaveOutcome, StoreSaveOptions } from './autosave';
import { db } from './db';
import { newId } from './plans';
import { readRecord, readRecords, saveRecord, SPEC_KIND } from './record-store';
import type { DamagedRecord } from './records';

export interface StoredSizingSpec {
  id: string;
  /** The spec as edited (may fail validation while the user is typing). */
  spec: SizingSpecInput;
  createdAt: string;
  updatedAt: string;
  trashedAt?: string | undefined;
  example?: boolean;
}

export function saveSizingSpec(
  spec: SizingSpecInput,
  opts: Partial<StoreSaveOptions> = {},
): Promise<SaveOutcome<SizingSpecInput>> {
  return saveRecord(SPEC_KIND, spec, opts);
}

async function readSpec(id: string): Promise<SizingSpecInput | undefined> {
  const c = await readRecord(SPEC_KIND, id);
  return c?.ok ? c.value : undefined;
}

export async function duplicateSizingSpec(
  id: string,
  version?: SizingSpecInput,
  suffix = '(copy)',
): Promise<string | null> {
  const s = version ?? (await readSpec(id));
  if (!s) return null;
  const copy: SizingSpecInput = {
    ...s,
    id: newId('sizing'),
    name: `${s.name} ${suffix}`.slice(0, 200),
    createdAt: new Date().toISOString(),
  };
  await saveSizingSpec(copy);
  return copy.id;
}

export async function trashSizingSpec(id: string): Promise<void> {
  await db.sizingSpecs.update(id, { trashedAt: new Date().toISOString() });
}

export async function restoreSizingSpec(id: string): Promise<void> {
  await db.sizingSpecs.update(id, { trashedAt: undefined });
}

/** Specs not in the trash, newest first; damaged records are named (with their problem), never thrown. */
export async function activeSizingSpecs(): Promise<{ specs: StoredSizingSpec[]; damaged: DamagedRecord[] }> {
  const r = await readRecords(SPEC_KIND);
  return { specs: r.records as StoredSizingSpec[], damaged: r.damaged };
}

/** One stored spec, checked (repaired when it lacked envelope fields); undefined when there is none. */
export async function storedSizingSpec(id: string) {
  return readRecord(SPEC_KIND, id);
}

/** Stores a validated spec (a file, an example); never overwrites: a clash gets a new id and "(imported)". */
export async function importSizingSpec(spec: SizingSpecInput, suffix = ' (imported)'): Promise<SizingSpecInput> {
  const clash = await db.sizingSpecs.get(spec.id);
  const toSave = clash ? { ...spec, id: newId('sizing'), name: `${spec.name}${suffix}`.slice(0, 200) } : spec;
  await saveSizingSpec(toSave);
  return toSave;
}
