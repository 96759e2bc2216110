/** The catalog a cluster sees in the renderer: presets plus the user's accelerators, systems and clusters. */
import { useMemo } from 'react';
import { clusterPresets, presetCatalog } from '@presets/load';
import { computeCluster, type ClusterReport } from '@shared/cluster/compute';
import { CLUSTER_SCHEMA_VERSION, parseCluster, type Cluster } from '@shared/schema/cluster';
import type { Catalog } from '@shared/plan/context';
import { catalogWithUser } from '../engine/evaluate';
import { useUserCatalog } from '../engine/client';

export function useCatalog(): Catalog | undefined {
  const user = useUserCatalog();
  return useMemo(() => (user ? catalogWithUser(presetCatalog(), user) : undefined), [user]);
}

export type ReportResult = { ok: true; report: ClusterReport } | { ok: false; message: string };

/** BOM, power and TCO of a cluster: arithmetic over a few dozen lines (well under a millisecond). */
export function clusterReport(c: Cluster, catalog: Catalog): ReportResult {
  try {
    return { ok: true, report: computeCluster(c, catalog) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** A new cluster, copied from the 1,024 × H200 example so every figure starts with its source. */
export function newCluster(id: string): Cluster {
  const base = clusterPresets().find((c) => c.id === 'h200-1024-rail-optimised') ?? clusterPresets()[0]!;
  return parseCluster({
    ...base,
    schemaVersion: CLUSTER_SCHEMA_VERSION,
    id,
    name: 'New cluster',
    createdAt: new Date().toISOString(),
  });
}
