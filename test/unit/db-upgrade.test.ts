// Every Dexie schema version has a fixture database (test/fixtures/db/v<N>.json, written by
// `npm run db:fixture`) with rows in every table that version has. Each is rebuilt at its own
// version on fake-indexeddb and opened with the current code: the upgrade must keep every plan
// (readable, same content), every revision, user preset and setting, and every cluster and
// sizing spec readable through the same checked readers the app uses. A new schema
// version without its fixture, or a table without rows in it, fails the first test.
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { installWebStorage } from '../db/web-storage';
import { migratePlanObject } from '../../shared/schema/migrations';
import { PlannerDB } from '../../renderer/src/db/db';
import { checkUserPreset } from '../../renderer/src/db/presets';
import { checkRecord, CLUSTER_KIND, SPEC_KIND } from '../../renderer/src/db/record-store';
import { checkStoredPlan } from '../../renderer/src/db/records';

installWebStorage();

interface Fixture {
  version: number;
  stores: Record<string, string>;
  rows: Record<string, Array<Record<string, unknown>>>;
}
const DIR = 'test/fixtures/db';
const fixtures = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Fixture) }))
  .sort((a, b) => a.version - b.version);

describe('database upgrades', () => {
  it('every schema version up to the current one has a fixture', () => {
    const current = new PlannerDB('probe-version').verno;
    expect(fixtures.map((f) => f.version)).toEqual(Array.from({ length: current }, (_, i) => i + 1));
    for (const fx of fixtures)
      for (const table of Object.keys(fx.stores))
        expect(fx.rows[table]?.length ?? 0, `${fx.file}: no ${table} rows`).toBeGreaterThan(0);
  });
  for (const fx of fixtures)
    it(`a version ${fx.version} database (${fx.file}) opens with the current code and keeps every plan`, async () => {
      const name = `upgrade-from-v${fx.version}`;
      const old = new Dexie(name);
      old.version(fx.version).stores(fx.stores);
      await old.open();
      for (const [table, rows] of Object.entries(fx.rows)) await old.table(table).bulkPut(rows);
      await old.close();

      const db = new PlannerDB(name);
      await db.open();
      expect(db.verno).toBeGreaterThanOrEqual(fx.version);
      const plans = fx.rows['plans'] ?? [];
      expect(plans.length).toBeGreaterThan(0);
      for (const row of plans) {
        const c = checkStoredPlan(await db.plans.get(row['id'] as string), row['id']);
        expect(c.ok, `${String(row['id'])}: ${c.ok ? '' : c.damaged.problem}`).toBe(true);
        if (!c.ok) continue;
        expect(c.stored.plan).toEqual(migratePlanObject(row['plan']));
        expect(c.stored.trashedAt).toEqual(row['trashedAt']);
      }
      const revisions = await db.revisions.toArray();
      expect(revisions).toHaveLength((fx.rows['revisions'] ?? []).length);
      for (const r of revisions) expect(() => migratePlanObject(r.plan)).not.toThrow();
      expect(await db.userPresets.toArray()).toEqual(fx.rows['userPresets'] ?? []);
      expect(await db.settings.toArray()).toEqual(fx.rows['settings'] ?? []);
      // Clusters and sizing specs: readable through the app's checked readers.
      const readable: Array<[string, (raw: unknown, key: unknown) => { ok: boolean }]> = [
        ['clusters', (raw, key) => checkRecord(CLUSTER_KIND, raw, key)],
        ['sizingSpecs', (raw, key) => checkRecord(SPEC_KIND, raw, key)],
      ];
      for (const [table, check] of readable)
        for (const row of fx.rows[table] ?? []) {
          const c = check(await db.table(table).get(row['id'] as string), row['id']);
          expect(c.ok, `${table} ${String(row['id'])}: ${JSON.stringify(c)}`).toBe(true);
        }
      // User presets: readable, or (the fixture's preset holds a note, not an accelerator) reported
      // as damaged naming the field, kept unchanged for export and never sent to the engine.
      for (const row of fx.rows['userPresets'] ?? []) {
        const c = checkUserPreset(await db.userPresets.get(row['id'] as string), row['id']);
        if (!c.ok) expect(c.damaged.problem).toMatch(/^data: /);
      }
      // Every other store (clusters, sizing specs, …): each stored row is still there, unchanged.
      for (const [table, rows] of Object.entries(fx.rows)) {
        if (['plans', 'revisions', 'userPresets', 'settings'].includes(table)) continue;
        const key = fx.stores[table]!.split(',')[0]!.trim().replace(/^\+\+/, '');
        for (const row of rows)
          expect(await db.table(table).get(row[key] as string), `${table} ${String(row[key])}`).toEqual(row);
      }
      db.close();
    });
});
