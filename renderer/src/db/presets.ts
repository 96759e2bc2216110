/**
 * User presets read defensively, like plans: each record is checked (id, kind, name and data as
 * the Hardware page and the engine use them: an accelerator or a system in preset-file form, a
 * calibration profile); a missing name or createdAt is repaired on read (the data's name, the
 * epoch), and a record that cannot be used is reported as damaged, with the problem named and its
 * raw contents kept for export, instead of reaching the engine. Writes go through writes.ts.
 */
import { parseProfile } from '@shared/calibration/profile';
import { parseAccelerator, parseSystem } from '@shared/schema/hardware';
import { parseModel } from '@shared/schema/model';
import { parseKernelProfile } from '@shared/schema/kernels';
import { db, type UserPreset } from './db';
import type { DamagedRecord } from './records';

const KINDS = ['hardware', 'system', 'model', 'calibration', 'kernel-profile'] as const;
const PARSE: Record<UserPreset['kind'], (data: unknown) => unknown> = {
  hardware: (d) => parseAccelerator(d, 'data'),
  system: (d) => parseSystem(d, 'data'),
  model: (d) => parseModel(d, 'data'),
  calibration: (d) => parseProfile(d, 'data'),
  'kernel-profile': (d) => parseKernelProfile(d, 'data'),
};

export type CheckedPreset =
  { ok: true; preset: UserPreset; repaired: string[] } | { ok: false; damaged: DamagedRecord };

const str = (x: unknown): x is string => typeof x === 'string';

export function checkUserPreset(raw: unknown, key?: unknown): CheckedPreset {
  const r = raw as Record<string, unknown> | null;
  const id = r && typeof r === 'object' && str(r['id']) ? r['id'] : String(key ?? '(no id)');
  const damaged = (problem: string): CheckedPreset => ({
    ok: false,
    damaged: { id, problem, raw, table: 'userPresets' },
  });
  if (!r || typeof r !== 'object' || Array.isArray(r)) return damaged('(record): is not an object');
  if (!str(r['id'])) return damaged('id: is missing or not text');
  const kind = r['kind'];
  if (!KINDS.includes(kind as UserPreset['kind'])) return damaged(`kind: must be one of ${KINDS.join(', ')}`);
  try {
    PARSE[kind as UserPreset['kind']](r['data']);
  } catch (e) {
    return damaged((e as Error).message);
  }
  const repaired: string[] = [];
  const dataName = (r['data'] as { name?: unknown }).name;
  const name = str(r['name']) ? r['name'] : (repaired.push('name'), str(dataName) ? dataName : r['id']);
  const createdAt = str(r['createdAt']) ? r['createdAt'] : (repaired.push('createdAt'), '1970-01-01T00:00:00.000Z');
  return {
    ok: true,
    preset: { id: r['id'], kind: kind as UserPreset['kind'], name, data: r['data'], createdAt },
    repaired,
  };
}

/** Every user preset (of the given kinds), checked: readable ones and damaged ones, never thrown. */
export async function readUserPresets(
  kinds: ReadonlyArray<UserPreset['kind']> = KINDS,
): Promise<{ presets: UserPreset[]; damaged: DamagedRecord[] }> {
  const presets: UserPreset[] = [];
  const damaged: DamagedRecord[] = [];
  await db.userPresets.each((raw: unknown, cursor) => {
    // A record of a kind not asked for is not checked (an imported kernel profile is megabytes).
    const kind = (raw as { kind?: unknown } | null)?.kind;
    if (KINDS.includes(kind as UserPreset['kind']) && !kinds.includes(kind as UserPreset['kind'])) return;
    const c = checkUserPreset(raw, cursor.primaryKey);
    if (!c.ok) damaged.push(c.damaged);
    else if (kinds.includes(c.preset.kind)) presets.push(c.preset);
  });
  return { presets, damaged };
}
