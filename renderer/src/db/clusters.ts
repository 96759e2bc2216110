/**
 * Cluster storage: save (through record-store.ts: other windows' versions kept, damaged records
 * refused), duplicate, soft delete and restore, import without overwriting. Reads check every
 * record: repaired ones are listed, damaged ones reported with their problem (never thrown).
 */
import { parseCluster, type Cluster } from '@shared/schema/cluster';
import type { SaveOutcome, StoreSaveOptions } from './autosave';
import { db, type StoredCluster } from './db';
import { newId } from './plans';
import { CLUSTER_KIND, readRecord, readRecords, saveRecord } from './record-store';
import type { DamagedRecord } from './records';

export function saveCluster(cluster: Cluster, opts: Partial<StoreSaveOptions> = {}): Promise<SaveOutcome<Cluster>> {
  return saveRecord(CLUSTER_KIND, cluster, opts);
}

async function readCluster(id: string): Promise<Cluster | undefined> {
  const c = await readRecord(CLUSTER_KIND, id);
  return c?.ok ? c.value : undefined;
}

export async function duplicateCluster(id: string, version?: Cluster, suffix = '(copy)'): Promise<string | null> {
  const c = version ?? (await readCluster(id));
  if (!c) return null;
  const copy: Cluster = {
    ...c,
    id: newId('cluster'),
    name: `${c.name} ${suffix}`.slice(0, 200),
    createdAt: new Date().toISOString(),
  };
  await saveCluster(copy);
  return copy.id;
}

export async function trashCluster(id: string): Promise<void> {
  await db.clusters.update(id, { trashedAt: new Date().toISOString() });
}

export async function restoreCluster(id: string): Promise<void> {
  await db.clusters.update(id, { trashedAt: undefined });
}

/** Active clusters, newest first; damaged records are named (with their problem), never thrown. */
export async function activeClusters(): Promise<{ clusters: StoredCluster[]; damaged: DamagedRecord[] }> {
  const r = await readRecords(CLUSTER_KIND);
  return { clusters: r.records as StoredCluster[], damaged: r.damaged };
}

/** One stored cluster, checked (repaired when it lacked envelope fields); undefined when there is none. */
export async function storedCluster(id: string) {
  return readRecord(CLUSTER_KIND, id);
}

/** Imports a cluster file's parsed cluster; never overwrites (a clash gets a new id and "(imported)"). */
export async function importCluster(c: Cluster): Promise<Cluster> {
  const clash = await db.clusters.get(c.id);
  const toSave = clash ? parseCluster({ ...c, id: newId('cluster'), name: `${c.name} (imported)` }) : c;
  await saveCluster(toSave);
  return toSave;
}
