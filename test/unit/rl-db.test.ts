// The v4 database migration: a workspace seeded before RL plans existed gains the example
// RL plans on upgrade, and nothing the user had changes.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { planPresets } from '../../presets/load';
import { PlannerDB } from '../../renderer/src/db/db';

describe('database v4: example RL plans reach older workspaces', () => {
  it('upgrading a v3 workspace adds the RL examples and keeps the user’s plans', async () => {
    const name = 'rl-upgrade-test';
    const old = new Dexie(name);
    old.version(1).stores({
      plans: 'id, updatedAt, trashedAt',
      revisions: '++rev, planId, [planId+savedAt]',
      userPresets: 'id, kind',
      settings: 'key',
    });
    old.version(2).stores({ clusters: 'id, updatedAt, trashedAt' });
    old.version(3).stores({ sizingSpecs: 'id, updatedAt, trashedAt' });
    await old.open();
    const mine = { ...planPresets().find((p) => p.kind === 'inference')!, id: 'mine', name: 'My plan' };
    await old.table('plans').add({ id: 'mine', plan: mine, createdAt: 'x', updatedAt: 'x' });
    old.close();

    const db = new PlannerDB(name);
    await db.open();
    expect(db.verno).toBe(4);
    const rows = await db.plans.toArray();
    const rl = planPresets().filter((p) => p.kind === 'rl');
    expect(rl.length).toBeGreaterThanOrEqual(2);
    for (const p of rl) expect(rows.find((r) => r.id === p.id)?.example).toBe(true);
    expect(rows.find((r) => r.id === 'mine')?.plan.name).toBe('My plan');
    db.close();
  });
});
