/** Cluster storage: save, duplicate, soft delete and restore (clusters are validated on read). */
import { Cluster, parseCluster } from '@shared/schema/cluster';
import { db, type StoredCluster } from './db';
import { newId } from './plans';

const now = (): string => new Date().toISOString();

export async function saveCluster(cluster: Cluster): Promise<void> {
  const t = now();
  const existing = await db.clusters.get(cluster.id);
  await db.clusters.put({
    ...(existing ?? { createdAt: t }),
    id: cluster.id,
    cluster: { ...cluster, updatedAt: t },
    updatedAt: t,
    trashedAt: undefined,
  });
}

export async function duplicateCluster(id: string): Promise<string | null> {
  const c = await db.clusters.get(id);
  if (!c) return null;
  const copy: Cluster = { ...c.cluster, id: newId('cluster'), name: `${c.cluster.name} (copy)`, createdAt: now() };
  await saveCluster(copy);
  return copy.id;
}

export async function trashCluster(id: string): Promise<void> {
  await db.clusters.update(id, { trashedAt: now() });
}

export async function restoreCluster(id: string): Promise<void> {
  await db.clusters.update(id, { trashedAt: undefined });
}

/** Active clusters, newest first; a corrupt record is skipped (and named) instead of breaking the page. */
export async function activeClusters(): Promise<{ clusters: StoredCluster[]; bad: string[] }> {
  const all = await db.clusters.orderBy('updatedAt').reverse().toArray();
  const bad: string[] = [];
  const clusters = all.filter((c) => {
    if (c.trashedAt) return false;
    const ok = Cluster.safeParse(c.cluster).success;
    if (!ok) bad.push(c.id);
    return ok;
  });
  return { clusters, bad };
}

/** Imports a cluster file's parsed cluster; never overwrites (a clash gets a new id and "(imported)"). */
export async function importCluster(c: Cluster): Promise<Cluster> {
  const clash = await db.clusters.get(c.id);
  const toSave = clash ? parseCluster({ ...c, id: newId('cluster'), name: `${c.name} (imported)` }) : c;
  await saveCluster(toSave);
  return toSave;
}
