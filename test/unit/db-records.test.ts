// Every stored record as safe as a plan, with fake-indexeddb: clusters and sizing specs
// are journalled, retried after a failed write and recovered; a save over another window's change
// keeps both; a record missing updatedAt stays listed and exported; a damaged one is reported and
// exportable; user presets and settings writes are journalled, retried and replayed; a preset edited
// in two windows keeps both versions.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installWebStorage } from '../db/web-storage';
import { ACCELERATOR_PRESETS_RAW } from '../../presets/index';
import { clusterPresets, planPresets, sizingPresets } from '../../presets/load';
import type { Cluster } from '../../shared/schema/cluster';
import type { SizingSpecInput } from '../../shared/schema/sizing';
import { parseWorkspace } from '../../shared/schema/workspace';
import { Autosave, type AutosaveEvents, type SaveState } from '../../renderer/src/db/autosave';
import { activeClusters, saveCluster } from '../../renderer/src/db/clusters';
import { db } from '../../renderer/src/db/db';
import { readUserPresets } from '../../renderer/src/db/presets';
import { CLUSTER_KIND, readRecord, saveRecord, SPEC_KIND, type RecordKind } from '../../renderer/src/db/record-store';
import { damagedRecordFile, readPlanRecords } from '../../renderer/src/db/records';
import { activeSizingSpecs } from '../../renderer/src/db/sizing';
import {
  editUserPreset,
  onWriteState,
  putUserPreset,
  replayPendingWrites,
  writeSetting,
  type WriteState,
} from '../../renderer/src/db/writes';
import { exportWorkspace } from '../../renderer/src/plans/import';

const storage = installWebStorage();
const cluster = (name: string, id = 'c1'): Cluster => ({ ...clusterPresets()[0]!, id, name });
const spec = (name: string, id = 's1'): SizingSpecInput => ({ ...sizingPresets()[0]!, id, name });

function recorder<T>(): AutosaveEvents<T> & { log: string[]; states: SaveState[] } {
  const log: string[] = [];
  const states: SaveState[] = [];
  const nameOf = (x: T): string => (x as { name: string }).name;
  return {
    log,
    states,
    state: (s, d) => (states.push(s), log.push(`state ${s}${d ? ` ${d}` : ''}`)),
    conflict: (c) => log.push(`conflict ${nameOf(c.plan)} / ${nameOf(c.theirs)} copy ${c.copyId ? 'yes' : 'no'}`),
    recovered: (r) => log.push(`recovered ${nameOf(r.plan)} ${r.asCurrent ? 'current' : 'aside'}`),
    journalFailed: () => log.push('journal failed'),
  };
}
const until = async (cond: () => boolean | Promise<boolean>): Promise<void> => {
  while (!(await cond())) await new Promise((r) => setTimeout(r, 5));
};
const quotaFull = () =>
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });

beforeAll(async () => {
  await db.open();
});
beforeEach(async () => {
  storage.local.clear();
  storage.local.failWith = null;
  await Promise.all([db.clusters.clear(), db.sizingSpecs.clear(), db.userPresets.clear(), db.settings.clear()]);
  await Promise.all([db.plans.clear(), db.revisions.clear()]);
});
afterEach(() => vi.restoreAllMocks());

const KINDS: Array<[string, RecordKind<Cluster> | RecordKind<SizingSpecInput>, (n: string, id?: string) => never]> = [
  ['cluster', CLUSTER_KIND, cluster as never],
  ['sizing spec', SPEC_KIND, spec as never],
];

describe.each(KINDS)('%s edits are kept like a plan’s', (_noun, kind, make) => {
  const k = kind as RecordKind<{ id: string; name: string }>;
  const value = (n: string, id?: string) => make(n, id) as { id: string; name: string };

  it('a failed write (quota exceeded) says so, stays in the journal and is saved by the retry', async () => {
    const a = await saveRecord(k, value('A'));
    const ev = recorder<{ id: string; name: string }>();
    const auto = new Autosave(ev, {
      delayMs: 0,
      retryMs: [20],
      journal: k.journal,
      save: (v, o) => saveRecord(k, v, o),
    });
    const id = value('A').id;
    auto.setBase(id, a.savedAt);
    const put = quotaFull();
    auto.edit(value('typed while the disk was full'));
    await until(() => ev.states.includes('failed'));
    expect(ev.log.find((l) => l.startsWith('state failed'))).toMatch(/storage is full \(QuotaExceededError\)/);
    expect(k.journal.entries(id).map((e) => e.plan.name)).toEqual(['typed while the disk was full']);
    const before = await readRecord(k, id);
    expect(before?.ok && before.value.name).toBe('A');
    put.mockRestore();
    await until(() => ev.states.at(-1) === 'saved');
    expect(ev.log.at(-1)).toMatch(/saved after 1 failed attempt/);
    const after = await readRecord(k, id);
    expect(after?.ok && after.value.name).toBe('typed while the disk was full');
    expect(k.journal.entries(id)).toEqual([]);
  });

  it('a save over another window’s change goes through and keeps the other version as a copy', async () => {
    const first = await saveRecord(k, value('A'));
    await saveRecord(k, value('B (window 2)'), { base: first.savedAt });
    const mine = await saveRecord(k, value('C (window 1)'), { base: first.savedAt });
    expect(mine.conflict?.theirs.name).toBe('B (window 2)');
    const copy = await readRecord(k, mine.copyId!);
    expect(copy?.ok && copy.value.name).toBe('B (window 2) (other window)');
    const cur = await readRecord(k, value('A').id);
    expect(cur?.ok && cur.value.name).toBe('C (window 1)');
    // The same content from a stale base is no conflict.
    expect((await saveRecord(k, value('C (window 1)'), { base: first.savedAt })).conflict).toBeNull();
  });

  it('journalled edits come back on opening: one based on the stored version as current, a stale one as a copy', async () => {
    const a = await saveRecord(k, value('A'));
    k.journal.write(value('edited from A'), a.savedAt);
    const ev = recorder<{ id: string; name: string }>();
    const auto = new Autosave(ev, { journal: k.journal, save: (v, o) => saveRecord(k, v, o) });
    expect((await auto.recover({ plan: value('A'), updatedAt: a.savedAt })).name).toBe('edited from A');
    const b = await saveRecord(k, value('B'));
    localStorage.setItem(
      `${k.journal.prefix}${value('A').id}.wCRASHED`,
      JSON.stringify({ at: 1, base: a.savedAt, plan: value('stale edit') }),
    );
    const ev2 = recorder<{ id: string; name: string }>();
    const auto2 = new Autosave(ev2, { journal: k.journal, save: (v, o) => saveRecord(k, v, o) });
    expect((await auto2.recover({ plan: value('B'), updatedAt: b.savedAt })).name).toBe('B');
    expect(ev.log).toEqual(['recovered edited from A current']);
    expect(ev2.log).toEqual(['recovered stale edit aside']);
    const all = await db.table(k.table).toArray();
    expect(all.map((r: Record<string, { name: string }>) => r[k.field]!.name).sort()).toEqual([
      'B',
      'stale edit (recovered)',
    ]);
  });
});

describe('records missing a field, and damaged records', () => {
  it('a cluster, a sizing spec or a plan missing updatedAt stays listed (repaired on read) and goes into the backup', async () => {
    await db.clusters.put({ id: 'c-old', cluster: cluster('No timestamp', 'c-old'), createdAt: '2026-01-01' } as never);
    await db.sizingSpecs.put({ id: 's-old', spec: spec('No timestamp', 's-old') } as never);
    const plan = { ...planPresets()[0]!, id: 'p-old', name: 'No timestamp' };
    await db.plans.put({ id: 'p-old', plan } as never);
    expect((await activeClusters()).clusters.map((c) => c.id)).toEqual(['c-old']);
    expect((await activeSizingSpecs()).specs.map((s) => s.id)).toEqual(['s-old']);
    expect((await readPlanRecords()).plans.map((p) => p.id)).toEqual(['p-old']);
    const w = parseWorkspace((await exportWorkspace()).text);
    expect(w.clusters.map((c) => c.id)).toEqual(['c-old']);
    expect(w.sizingSpecs.map((s) => s.id)).toEqual(['s-old']);
    expect(w.plans.map((p) => p.id)).toEqual(['p-old']);
    // Its next save writes the record whole.
    await saveCluster(cluster('Saved again', 'c-old'));
    expect((await db.clusters.get('c-old'))?.updatedAt).toMatch(/^\d{4}-/);
  });
  it('a damaged cluster or spec is reported with the field named, exported raw, and refused as a save target', async () => {
    await saveCluster(cluster('fine', 'c-fine'));
    await db.clusters.put({ id: 'c-bad', cluster: { ...cluster('bad', 'c-bad'), node: 'x' }, updatedAt: 'x' } as never);
    await db.sizingSpecs.put({ id: 's-bad', spec: 'not a spec', updatedAt: 'x' } as never);
    const c = await activeClusters();
    expect(c.clusters.map((x) => x.id)).toEqual(['c-fine']);
    expect(c.damaged.map((d) => [d.id, d.problem.split(':')[0]])).toEqual([['c-bad', 'cluster.node']]);
    const s = await activeSizingSpecs();
    expect(s.damaged.map((d) => [d.id, d.problem])).toEqual([['s-bad', 'spec: is not an object']]);
    const file = damagedRecordFile(s.damaged[0]!);
    expect(file.name).toBe('damaged-sizing-spec-s-bad.json');
    expect(JSON.parse(file.text)).toMatchObject({ table: 'sizingSpecs', record: { spec: 'not a spec' } });
    await expect(saveCluster(cluster('over it', 'c-bad'))).rejects.toThrow(/damaged .*export it/);
    expect((await exportWorkspace()).damaged).toBe(2);
  });
});

describe('user presets and settings', () => {
  const h100 = (): Record<string, unknown> => ({ ...(ACCELERATOR_PRESETS_RAW[0] as object), id: 'my-h100' });
  const preset = () => ({
    id: 'my-h100',
    kind: 'hardware' as const,
    name: 'My H100',
    data: { ...h100(), user: true, version: 1 },
    createdAt: '2026-11-22T00:00:00.000Z',
  });
  it('a failed write stays journalled, is reported, and is applied by the retry or after a reload', async () => {
    const seen: WriteState[] = [];
    const off = onWriteState((s) => seen.push(s));
    const put = quotaFull();
    expect(await putUserPreset(preset())).toBe(false);
    expect(await writeSetting('compare.selection', ['a', 'b'])).toBe(false);
    expect(seen.at(-1)).toMatchObject({ failed: expect.stringMatching(/QuotaExceededError/) });
    expect(await db.userPresets.count()).toBe(0);
    put.mockRestore();
    await replayPendingWrites(); // what start-up does after a reload or crash
    expect((await db.userPresets.get('my-h100'))?.name).toBe('My H100');
    expect((await db.settings.get('compare.selection'))?.value).toEqual(['a', 'b']);
    expect(seen.at(-1)).toEqual({ pending: 0, failed: null });
    expect([...Array(localStorage.length).keys()].map((i) => localStorage.key(i))).toEqual([]);
    off();
  });
  it('a preset edited in two windows keeps both versions', async () => {
    await putUserPreset(preset());
    expect(await editUserPreset('my-h100', { ...h100(), name: 'window 1' }, 1)).toBe(true);
    // Window 2 still edits from version 1.
    const seen: WriteState[] = [];
    const off = onWriteState((s) => seen.push(s));
    expect(await editUserPreset('my-h100', { ...h100(), name: 'window 2' }, 1)).toBe(true);
    off();
    const all = await db.userPresets.toArray();
    expect(all.map((p) => [p.name, (p.data as { name: string; version: number }).name]).sort()).toEqual([
      ['My H100 (other window)', 'window 1'],
      ['My H100', 'window 2'],
    ]);
    expect(seen.some((s) => s.keptOther === 'My H100 (other window)')).toBe(true);
  });
  it('a damaged preset is reported and never reaches the engine; a missing name is repaired', async () => {
    await db.userPresets.put({ ...preset(), id: 'broken', data: { id: 'broken' } });
    await db.userPresets.put({ ...preset(), name: undefined } as never);
    const r = await readUserPresets();
    expect(r.presets.map((p) => [p.id, p.name])).toEqual([
      ['my-h100', (ACCELERATOR_PRESETS_RAW[0] as { name: string }).name],
    ]);
    expect(r.damaged.map((d) => d.id)).toEqual(['broken']);
    expect(r.damaged[0]!.problem).toMatch(/^data: /);
  });
});
