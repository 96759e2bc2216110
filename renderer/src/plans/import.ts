import { parsePlanFile } from '@shared/schema/migrations';
import { isWorkspaceText, parseWorkspace, serialiseWorkspace } from '@shared/schema/workspace';
import type { Plan } from '@shared/schema/plan';
import { isClusterText, parseClusterFile } from '@shared/schema/cluster';
import { parseSizingSpec } from '@shared/schema/sizing';
import { activeSizingSpecs, importSizingSpec } from '../db/sizing';
import { activeClusters, importCluster } from '../db/clusters';
import { readUserPresets } from '../db/presets';
import { db } from '../db/db';
import { newId, savePlan } from '../db/plans';
import { readPlanRecords } from '../db/records';

export const PLAN_FILE_FILTER = [{ name: 'Cluster Planner plan', extensions: ['json'] }];

export function planFileName(plan: Plan): string {
  const slug =
    plan.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'plan';
  return `${slug}.clusterplan.json`;
}

export function serialisePlan(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}

/**
 * Imports a plan file's text. Throws PlanFileError (naming the field) on bad input and writes
 * nothing; never overwrites: a plan whose id exists gets a new id and "(imported)" in its name.
 */
export async function importPlanText(text: string): Promise<Plan> {
  const plan = parsePlanFile(text);
  const clash = await db.plans.get(plan.id);
  const toSave: Plan = clash ? { ...plan, id: newId(), name: `${plan.name} (imported)` } : plan;
  await savePlan(toSave);
  return toSave;
}

/** Imports a workspace file: validates everything first, then writes in one transaction; plans whose id exists get a new id. */
export async function importWorkspaceText(
  text: string,
): Promise<{ plans: number; presets: number; clusters: number; sizingSpecs: number }> {
  const w = parseWorkspace(text);
  const database = db;
  const now = new Date().toISOString();
  await database.transaction(
    'rw',
    [database.plans, database.revisions, database.userPresets, database.clusters, database.sizingSpecs],
    async () => {
      for (const spec of w.sizingSpecs) await importSizingSpec(spec);
      for (const c of w.clusters) {
        const clash = await database.clusters.get(c.id);
        const cluster = clash ? { ...c, id: newId('cluster'), name: `${c.name} (imported)` } : c;
        await database.clusters.put({ id: cluster.id, cluster, createdAt: now, updatedAt: now });
      }
      for (const p of w.plans) {
        const clash = await database.plans.get(p.id);
        const plan: Plan = clash ? { ...p, id: newId(), name: `${p.name} (imported)` } : p;
        await database.plans.put({ id: plan.id, plan, createdAt: now, updatedAt: now });
        await database.revisions.add({ planId: plan.id, savedAt: now, plan });
      }
      for (const u of w.userPresets) {
        const clash = await database.userPresets.get(u.id);
        await database.userPresets.put({
          ...u,
          id: clash ? `${u.id}-${newId('imported')}` : u.id,
          kind: u.kind as 'hardware',
        });
      }
    },
  );
  return {
    plans: w.plans.length,
    presets: w.userPresets.length,
    clusters: w.clusters.length,
    sizingSpecs: w.sizingSpecs.length,
  };
}

export async function exportWorkspaceText(): Promise<string> {
  return (await exportWorkspace()).text;
}

/**
 * The workspace file (a full backup of working plans, clusters, sizing specs and user presets) and
 * how many records it leaves out: damaged ones (export them one by one) and sizing drafts that do
 * not validate yet (a workspace import validates everything). Records are read through the
 * checked readers, so one repaired on read (a missing updatedAt) is in it.
 */
export async function exportWorkspace(): Promise<{ text: string; plans: number; damaged: number }> {
  const { plans, damaged } = await readPlanRecords();
  const presets = await readUserPresets();
  const clusters = await activeClusters();
  const drafts = await activeSizingSpecs();
  const specs = drafts.specs.flatMap((d) => {
    try {
      return [parseSizingSpec(d.spec)];
    } catch {
      return [];
    }
  });
  const left =
    damaged.length +
    presets.damaged.length +
    clusters.damaged.length +
    drafts.damaged.length +
    (drafts.specs.length - specs.length);
  return {
    text: serialiseWorkspace(
      plans.map((p) => p.plan),
      presets.presets,
      new Date(),
      clusters.clusters.map((c) => c.cluster),
      specs,
    ),
    plans: plans.length,
    damaged: left,
  };
}

/** Opens a dropped or chosen file: a workspace, or a plan. Returns a message for the status bar. */
export async function importAnyText(
  name: string,
  text: string,
): Promise<{ message: string; planId?: string; clusterId?: string; sizingId?: string }> {
  if (isWorkspaceText(text)) {
    const r = await importWorkspaceText(text);
    return {
      message: `Imported workspace ${name}: ${r.plans} plans, ${r.presets} user presets, ${r.clusters} clusters, ${r.sizingSpecs} sizing specs`,
    };
  }
  if (text.slice(0, 400).includes('"cluster-planner-sizing-spec"')) {
    const s = await importSizingSpec(parseSizingSpec(text, name));
    return { message: `Opened ${name} as sizing spec “${s.name}”`, sizingId: s.id };
  }
  if (isClusterText(text)) {
    const c = await importCluster(parseClusterFile(text));
    return { message: `Opened ${name} as cluster “${c.name}”`, clusterId: c.id };
  }
  const p = await importPlanText(text);
  return { message: `Opened ${name} as “${p.name}”`, planId: p.id };
}
