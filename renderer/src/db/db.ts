/**
 * The offline database (IndexedDB through Dexie). Schema changes only through versioned
 * migrations: add `this.version(n + 1).stores({...}).upgrade(tx => …)` below the last version,
 * never edit an existing version. Plans are stored as plain objects (structured clone drops
 * prototypes); only indexed fields appear in the schema strings.
 *
 * Migration path: v1 (this) → v2 would add fields with an upgrade that normalises old rows
 * through `migratePlanObject` (shared/plan/migrations.ts), the same function plan files use.
 * After adding a version, `npm run db:fixture` writes its fixture database
 * (test/fixtures/db/v<N>.json); test/unit/db-upgrade.test.ts opens every fixture with this code.
 * Records are read through records.ts, which reports a damaged record instead of throwing.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Plan } from '@shared/schema/plan';
import { clusterPresets, planPresets } from '@presets/load';
import type { Cluster } from '@shared/schema/cluster';
import type { StoredSizingSpec } from './sizing';

export interface StoredPlan {
  id: string;
  plan: Plan;
  createdAt: string;
  updatedAt: string;
  /** Soft delete, so Delete can be undone. */
  trashedAt?: string | undefined;
  /** Example plans from presets/plans, seeded on first run. */
  example?: boolean;
}

export interface Revision {
  rev?: number;
  planId: string;
  savedAt: string;
  plan: Plan;
  /** The window that saved it (not indexed: added without a schema version). */
  window?: string;
}

export interface UserPreset {
  id: string;
  /** 'kernel-profile': measured kernels imported from an AIConfigurator folder (Calibration). */
  kind: 'hardware' | 'system' | 'model' | 'calibration' | 'kernel-profile';
  name: string;
  data: unknown;
  createdAt: string;
}

export interface StoredCluster {
  id: string;
  cluster: Cluster;
  createdAt: string;
  updatedAt: string;
  trashedAt?: string | undefined;
  example?: boolean;
}

export interface Setting {
  key: string;
  value: unknown;
}

export const MAX_REVISIONS = 50;

export class PlannerDB extends Dexie {
  plans!: EntityTable<StoredPlan, 'id'>;
  revisions!: EntityTable<Revision, 'rev'>;
  userPresets!: EntityTable<UserPreset, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  clusters!: EntityTable<StoredCluster, 'id'>;
  sizingSpecs!: EntityTable<StoredSizingSpec, 'id'>;

  constructor(name = 'cluster-planner') {
    super(name);
    this.version(1).stores({
      plans: 'id, updatedAt, trashedAt',
      revisions: '++rev, planId, [planId+savedAt]',
      userPresets: 'id, kind',
      settings: 'key',
    });
    this.on('populate', (tx) => {
      const now = new Date().toISOString();
      void tx
        .table('plans')
        .bulkAdd(planPresets().map((plan) => ({ id: plan.id, plan, createdAt: now, updatedAt: now, example: true })));
    });
    // v2: clusters, stored like plans; the example clusters are seeded on upgrade and on first run.
    const seedClusters = (t: { table: (n: string) => { bulkPut: (rows: StoredCluster[]) => Promise<unknown> } }) => {
      const now = new Date().toISOString();
      return t.table('clusters').bulkPut(
        clusterPresets().map((cluster) => ({
          id: cluster.id,
          cluster,
          createdAt: now,
          updatedAt: now,
          example: true,
        })),
      );
    };
    this.version(2)
      .stores({ clusters: 'id, updatedAt, trashedAt' })
      .upgrade((tx) => seedClusters(tx));
    this.on('populate', (tx) => void seedClusters(tx));
    // v3: sizing specs ("Size a deployment"), stored as drafts (see db/sizing.ts).
    this.version(3).stores({ sizingSpecs: 'id, updatedAt, trashedAt' });
    // v4: the example RL plans reach workspaces seeded before plans of kind "rl" existed.
    this.version(4)
      .stores({})
      .upgrade(async (tx) => {
        const now = new Date().toISOString();
        const plans = tx.table('plans');
        for (const plan of planPresets().filter((p) => p.kind === 'rl'))
          if (!(await plans.get(plan.id)))
            await plans.add({ id: plan.id, plan, createdAt: now, updatedAt: now, example: true });
      });
  }
}

export const db = new PlannerDB();
