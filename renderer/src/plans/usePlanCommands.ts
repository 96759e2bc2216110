/** What the Plans page does for the menu commands (New, Open, Save As, Export PDF) and its buttons. */
import { useCallback, useEffect } from 'react';
import type { Plan } from '@shared/schema/plan';
import { navigate } from '../app/router';
import type { StatusApi } from '../app/status';
import { damagedRecordFile, type DamagedRecord } from '../db/records';
import { newId, restorePlan, savePlan, trashPlan } from '../db/plans';
import type { CommandHandlers } from '../pages/registry';
import type { Platform } from '../platform';
import { newInferencePlan, newRlPlan, newTrainingPlan } from './defaults';
import { exportWorkspace, importAnyText, PLAN_FILE_FILTER, planFileName, serialisePlan } from './import';

export type PlanKind = 'inference' | 'training' | 'rl';

/** Creates a plan of a kind, saves it and opens it. */
export function useCreatePlan(status: StatusApi): (kind: PlanKind) => Promise<void> {
  return useCallback(
    async (kind: PlanKind) => {
      const p =
        kind === 'inference'
          ? newInferencePlan(newId())
          : kind === 'rl'
            ? newRlPlan(newId())
            : newTrainingPlan(newId());
      await savePlan(p);
      navigate(`/plans/${p.id}`);
      status.show({ kind: 'success', text: `Created “${p.name}”` });
    },
    [status],
  );
}

/** Opens a plan, cluster, sizing spec or workspace file the user picks. */
async function openFile(platform: Platform, status: StatusApi): Promise<void> {
  const r = await platform.openFile(PLAN_FILE_FILTER);
  if (!r.ok) {
    if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not open the file' });
    return;
  }
  try {
    const done = await importAnyText(r.name, r.contents);
    if (done.planId) navigate(`/plans/${done.planId}`);
    else if (done.sizingId) navigate(`/sizing/${done.sizingId}`);
    status.show({ kind: 'success', text: done.message });
  } catch (e) {
    status.show({ kind: 'error', text: `${r.name}: ${(e as Error).message}. Nothing was changed.` });
  }
}

async function saveAs(platform: Platform, status: StatusApi, draft: Plan | null, flush: () => void): Promise<void> {
  if (!draft) return status.show({ kind: 'info', text: 'Open a plan first: Save As saves the plan being edited.' });
  flush();
  const r = await platform.saveFile(planFileName(draft), serialisePlan(draft), PLAN_FILE_FILTER);
  if (r.ok) status.show({ kind: 'success', text: `Saved ${r.path}` });
  else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not save' });
}

export interface PlanCommandsInput {
  commands: CommandHandlers;
  platform: Platform;
  status: StatusApi;
  draft: Plan | null;
  flush: () => void;
  create: (kind: PlanKind) => Promise<void>;
}

/** Registers the menu commands while the Plans page is shown. */
export function usePlanMenuCommands({ commands, platform, status, draft, flush, create }: PlanCommandsInput): void {
  useEffect(() => {
    const offs = [
      commands.register('new-plan', () => create('inference')),
      commands.register('open', () => openFile(platform, status)),
      commands.register('save-as', () => saveAs(platform, status, draft, flush)),
      commands.register('export-pdf', async () => {
        if (!draft) return status.show({ kind: 'info', text: 'Open a plan to export its report.' });
        flush();
        navigate(`/report/${draft.id}`);
      }),
    ];
    return () => offs.forEach((f) => f());
  }, [commands, platform, status, draft, create, flush]);
}

/** Saves a damaged record's raw text so the user can keep it or send it for repair. */
export async function exportDamaged(platform: Platform, status: StatusApi, d: DamagedRecord): Promise<void> {
  const f = damagedRecordFile(d);
  const r = await platform.saveFile(f.name, f.text, [{ name: 'JSON', extensions: ['json'] }]);
  if (r.ok) status.show({ kind: 'success', text: `Exported the damaged record “${d.id}” to ${r.path}` });
  else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not export' });
}

/** Backs up every plan (and the rest of the workspace) to one file. */
export async function backUpWorkspace(platform: Platform, status: StatusApi): Promise<void> {
  const w = await exportWorkspace();
  const r = await platform.saveFile(`cluster-planner-workspace-${new Date().toISOString().slice(0, 10)}.json`, w.text, [
    { name: 'Cluster Planner workspace', extensions: ['json'] },
  ]);
  const left = w.damaged
    ? ` ${w.damaged} record(s) are not in it (damaged ones: export them one by one; sizing drafts that do not validate yet stay in the app).`
    : '';
  if (r.ok) status.show({ kind: 'success', text: `Backed up ${w.plans} plans to ${r.path}.${left}` });
  else if (r.reason === 'error') status.show({ kind: 'error', text: r.message ?? 'Could not save' });
}

/** Moves a plan to the trash, with Undo in the status bar. */
export function deletePlan(id: string, label: string, status: StatusApi): void {
  void trashPlan(id).then(() => {
    navigate('/plans');
    status.show({
      kind: 'info',
      text: `Deleted “${label}”`,
      action: { label: 'Undo', run: () => void restorePlan(id).then(() => navigate(`/plans/${id}`)) },
    });
  });
}
