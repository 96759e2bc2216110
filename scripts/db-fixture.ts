/**
 * `npm run db:fixture`: writes test/fixtures/db/v<N>.json, a fixture database for the current Dexie
 * schema version N of renderer/src/db/db.ts. It opens the real database code on fake-indexeddb,
 * fills it the way the app does (the seeded example plans, edited user plans with revisions, a
 * plan in the trash, a user hardware preset, a setting) and dumps every table with its schema.
 * test/unit/db-upgrade.test.ts rebuilds each fixture at its own version and opens it with the
 * current code. After adding a Dexie version: run this once and commit the new file. An existing
 * fixture is never overwritten (it stands for databases users already have); --force replaces it.
 */
import 'fake-indexeddb/auto';
import { existsSync, writeFileSync } from 'node:fs';
import { planPresets } from '../presets/load';
import { db } from '../renderer/src/db/db';
import { SIZING_PRESETS_RAW } from '../presets/index';
import { saveCluster } from '../renderer/src/db/clusters';
import { saveSizingSpec } from '../renderer/src/db/sizing';
import type { SizingSpecInput } from '../shared/schema/sizing';
import { savePlan, trashPlan } from '../renderer/src/db/plans';
import type { InferencePlan, Plan } from '../shared/schema/plan';

const store: Record<string, string> = {};
Object.assign(globalThis, {
  localStorage: {
    getItem: (k: string) => store[k] ?? null,
    setItem: (k: string, v: string) => (store[k] = v),
    removeItem: () => {},
  },
  sessionStorage: { getItem: () => 'wfixture', setItem: () => {} },
});

await db.open(); // seeds the example plans (populate)
const inf = planPresets().find((p) => p.kind === 'inference') as InferencePlan;
const train = planPresets().find((p) => p.kind === 'training')!;
const edits: Plan[] = [
  { ...inf, id: 'user-inference', name: 'My inference plan', notes: 'edited three times' },
  {
    ...inf,
    id: 'user-inference',
    name: 'My inference plan',
    inference: { ...inf.inference, workload: { ...inf.inference.workload, concurrentRequests: 64 } },
  },
  {
    ...inf,
    id: 'user-inference',
    name: 'My inference plan (final)',
    prices: { mode: 'hourly', usdPerDeviceHour: 2.5, rate: 'on-demand' },
  },
  { ...train, id: 'user-training', name: 'My training plan' },
  { ...inf, id: 'user-deleted', name: 'A plan in the trash' },
];
for (const p of edits) await savePlan(p);
await trashPlan('user-deleted');
await db.userPresets.put({
  id: 'user-hw-1',
  kind: 'hardware',
  name: 'My H100 copy',
  data: { id: 'user-hw-1', note: 'the data of a user preset is stored as the user saved it' },
  createdAt: '2026-11-23T00:00:00.000Z',
});
await db.settings.put({ key: 'compare.selection', value: ['user-inference', inf.id] });
// Version 2 added clusters: a user's edited copy of an example cluster.
const example = (await db.clusters.toArray()).find((c) => c.example);
if (example) await saveCluster({ ...example.cluster, id: 'user-cluster', name: 'My cluster (edited example)' });
// Version 3 added sizing specs: an example spec the user saved and edited.
const spec = SIZING_PRESETS_RAW[1] as SizingSpecInput & { id: string; name: string };
await saveSizingSpec({ ...spec, id: 'user-sizing-spec', name: `${spec.name} (mine)` });

const version = db.verno;
const out = `test/fixtures/db/v${version}.json`;
if (existsSync(out) && !process.argv.includes('--force')) {
  console.error(`${out} exists: fixtures stand for databases users have and are not rewritten (--force to replace).`);
  process.exit(1);
}
const fixture = {
  kind: 'cluster-planner-db-fixture',
  database: db.name,
  version,
  generatedAt: new Date().toISOString(),
  note: `Written by scripts/db-fixture.ts from renderer/src/db/db.ts at schema version ${version}.`,
  stores: Object.fromEntries(
    db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]),
  ),
  rows: Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const))),
};
writeFileSync(out, JSON.stringify(fixture, null, 2) + '\n');
console.log(
  `wrote ${out}: ${Object.entries(fixture.rows)
    .map(([t, r]) => `${t} ${r.length}`)
    .join(', ')}`,
);
