// The offline database with fake-indexeddb: concurrent edits keep both versions, failed writes
// stay in the journal until a write succeeds, journalled edits are recovered, damaged records are
// reported (never thrown) and exported, and a workspace backup round-trips.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installWebStorage } from '../db/web-storage';
import { planPresets } from '../../presets/load';
import { parseWorkspace } from '../../shared/schema/workspace';
import type { Plan } from '../../shared/schema/plan';
import { Autosave, type AutosaveEvents, type SaveState } from '../../renderer/src/db/autosave';
import { db } from '../../renderer/src/db/db';
import { currentWindowId, journalEntries, journalWrite } from '../../renderer/src/db/journal';
import { listRevisions, savePlan } from '../../renderer/src/db/plans';
import { damagedRecordFile, readPlanRecord, readPlanRecords } from '../../renderer/src/db/records';
import { exportWorkspace, importWorkspaceText } from '../../renderer/src/plans/import';
import { parseWorkspace as parseWs, serialiseWorkspace } from '../../shared/schema/workspace';
import { inputStream } from '../fuzz/harness';
import { FUZZ_REGISTRY } from '../fuzz/registry';

const storage = installWebStorage();
const base = planPresets().find((p) => p.id === 'llama-3.1-8b-h100')!;
const variant = (name: string, id = 'p1'): Plan => ({ ...base, id, name });

function recorder(): AutosaveEvents & { log: string[]; states: SaveState[] } {
  const log: string[] = [];
  const states: SaveState[] = [];
  return {
    log,
    states,
    state: (s, d) => (states.push(s), log.push(`state ${s}${d ? ` ${d}` : ''}`)),
    conflict: (c) => log.push(`conflict ${c.plan.name} / ${c.theirs.name}`),
    recovered: (r) => log.push(`recovered ${r.plan.name} ${r.asCurrent ? 'current' : 'history'}`),
    journalFailed: () => log.push('journal failed'),
  };
}
const until = async (cond: () => boolean | Promise<boolean>, ms = 3000): Promise<void> => {
  const t = Date.now();
  while (!(await cond())) {
    if (Date.now() - t > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

beforeAll(async () => {
  await db.open();
});
beforeEach(async () => {
  storage.local.clear();
  storage.local.failWith = null;
  await db.plans.clear();
  await db.revisions.clear();
  await db.userPresets.clear();
});
afterEach(() => vi.restoreAllMocks());

describe('two windows on one plan', () => {
  it('a save over another window’s change goes through, reports it, and keeps both as revisions', async () => {
    const first = await savePlan(variant('A'));
    const mine = await savePlan(variant('B'), { base: first.savedAt });
    expect(mine.conflict).toBeNull();
    // The other window still edits from `first`: its save meets B.
    const theirs = await savePlan(variant('C'), { base: first.savedAt });
    expect(theirs.conflict?.theirs.name).toBe('B');
    const revs = (await listRevisions('p1')).map((r) => r.plan.name);
    expect(revs).toEqual(['C', 'B', 'A']);
    const now = await readPlanRecord('p1');
    expect(now?.ok && now.stored.plan.name).toBe('C');
  });
  it('the same content saved from a stale base is not a conflict', async () => {
    const first = await savePlan(variant('A'));
    await savePlan(variant('B'), { base: first.savedAt });
    expect((await savePlan(variant('B'), { base: first.savedAt })).conflict).toBeNull();
  });
  it('timestamps never go backwards, so the newer save is always the current one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const a = await savePlan(variant('A'));
    vi.setSystemTime(new Date('2029-12-31T00:00:00Z')); // clock stepped back
    const b = await savePlan(variant('B'), { base: a.savedAt });
    vi.useRealTimers();
    expect(b.savedAt > a.savedAt).toBe(true);
  });
});

describe('failed writes', () => {
  it('a thrown put (quota exceeded) is reported, the edit stays in the journal, and a later retry saves it', async () => {
    const a = await savePlan(variant('A'));
    const ev = recorder();
    const auto = new Autosave(ev, { delayMs: 0, retryMs: [20] });
    auto.setBase('p1', a.savedAt);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    auto.edit(variant('typed while the disk was full'));
    await until(() => ev.states.includes('failed'));
    expect(ev.log.find((l) => l.startsWith('state failed'))).toMatch(/storage is full \(QuotaExceededError\)/);
    expect(journalEntries('p1').map((e) => e.plan.name)).toEqual(['typed while the disk was full']);
    const stored = await readPlanRecord('p1');
    expect(stored?.ok && stored.stored.plan.name).toBe('A');
    put.mockRestore();
    await until(() => ev.states.at(-1) === 'saved');
    expect(ev.log.at(-1)).toMatch(/saved after 1 failed attempt/);
    const after = await readPlanRecord('p1');
    expect(after?.ok && after.stored.plan.name).toBe('typed while the disk was full');
    expect(journalEntries('p1')).toEqual([]);
  });
  it('a journal that cannot be written is reported', () => {
    const ev = recorder();
    storage.local.failWith = new DOMException('full', 'QuotaExceededError');
    new Autosave(ev, { delayMs: 10_000 }).edit(variant('x'));
    expect(ev.log).toContain('journal failed');
  });
});

describe('journal recovery on opening a plan', () => {
  it('an edit based on the stored version becomes current; one based on an older version goes to History', async () => {
    const a = await savePlan(variant('A'));
    journalWrite(variant('edited from A'), a.savedAt);
    const ev = recorder();
    const auto = new Autosave(ev);
    const stored = (await readPlanRecord('p1')) as { ok: true; stored: { plan: Plan; updatedAt: string } };
    expect((await auto.recover(stored.stored)).name).toBe('edited from A');
    expect(ev.log).toEqual(['recovered edited from A current']);
    expect(journalEntries('p1')).toEqual([]);

    // A window that crashed with an edit of A, after someone saved B on top.
    const b = await savePlan(variant('B'));
    localStorage.setItem(
      `cluster-planner.draft.p1.wCRASHED`,
      JSON.stringify({ at: 1, base: a.savedAt, plan: variant('stale edit') }),
    );
    const ev2 = recorder();
    const shown = await new Autosave(ev2).recover({ plan: variant('B'), updatedAt: b.savedAt });
    expect(shown.name).toBe('B');
    expect(ev2.log).toEqual(['recovered stale edit history']);
    expect((await listRevisions('p1')).map((r) => r.plan.name)).toContain('stale edit');
    const now = await readPlanRecord('p1');
    expect(now?.ok && now.stored.plan.name).toBe('B');
    expect(currentWindowId()).toMatch(/^w/);
  });
});

describe('damaged records', () => {
  it('are listed with the field named and exported raw; the other plans load', async () => {
    await savePlan(variant('fine'));
    await db.plans.put({
      id: 'older',
      updatedAt: '2026-01-01',
      createdAt: 'x',
      plan: { schemaVersion: 1, id: 'older' },
    } as never);
    await db.plans.put({ id: 'foreign', updatedAt: 5, plan: 'not a plan' } as never);
    await db.plans.put({
      id: 'future',
      updatedAt: '2026-01-02',
      plan: { ...variant('f', 'future'), schemaVersion: 9 },
    } as never);
    const r = await readPlanRecords();
    expect(r.plans.map((p) => p.plan.name)).toEqual(['fine']);
    // The plan is checked first: a readable plan whose envelope lacks updatedAt is repaired (below),
    // so "foreign" is damaged for its plan, not for its timestamp.
    expect(Object.fromEntries(r.damaged.map((d) => [d.id, d.problem]))).toEqual({
      older: expect.stringMatching(/^plan\.(name|kind)/),
      foreign: 'plan: a plan must be a JSON object',
      future: expect.stringMatching(/^plan\.schemaVersion: .*version 9/),
    });
    const file = damagedRecordFile(r.damaged.find((d) => d.id === 'foreign')!);
    expect(file.name).toBe('damaged-plan-foreign.json');
    expect(JSON.parse(file.text)).toMatchObject({
      table: 'plans',
      problem: 'plan: a plan must be a JSON object',
      record: { plan: 'not a plan' },
    });
    await expect(savePlan(variant('over it', 'older'))).rejects.toThrow(/damaged .*export it/);
    expect((await exportWorkspace()).damaged).toBe(3);
  });
});

describe('workspace backup', () => {
  it('export → empty database → import → export gives the same plans and presets', async () => {
    for (const p of planPresets()) await savePlan(p);
    await savePlan(variant('mine', 'p-mine'));
    await db.userPresets.put({
      id: 'u1',
      kind: 'hardware',
      name: 'My H100',
      data: { a: [1, 2] },
      createdAt: '2026-11-22T00:00:00.000Z',
    });
    const first = await exportWorkspace();
    await db.plans.clear();
    await db.revisions.clear();
    await db.userPresets.clear();
    await importWorkspaceText(first.text);
    const second = await exportWorkspace();
    const byId = (w: ReturnType<typeof parseWorkspace>) => ({
      plans: [...w.plans].sort((a, b) => a.id.localeCompare(b.id)),
      userPresets: w.userPresets,
    });
    expect(byId(parseWorkspace(second.text))).toEqual(byId(parseWorkspace(first.text)));
    expect(first.plans).toBe(planPresets().length + 1);
  });
});

describe('workspace files round-trip in meaning for any plan the parser accepts', () => {
  it('serialise → parse → serialise is identical for 300 fuzzed plans that parse', () => {
    const entry = FUZZ_REGISTRY.find((e) => e.name === 'plan')!;
    const plans: Plan[] = [];
    for (const [, raw] of inputStream(entry, 7, 4000)) {
      try {
        plans.push(entry.parse(raw) as Plan);
      } catch {
        /* refused: not a plan */
      }
      if (plans.length >= 300) break;
    }
    expect(plans.length).toBe(300);
    const when = new Date('2026-11-23T00:00:00Z');
    const text = serialiseWorkspace(plans, [], when);
    const back = parseWs(text);
    // Equal in meaning: as JSON (a −0 the parser accepted comes back as 0, the same number in a file).
    expect(JSON.stringify(back.plans)).toBe(JSON.stringify(plans));
    expect(serialiseWorkspace(back.plans, back.userPresets, when)).toBe(text);
  });
});
