/**
 * The state behind an open sizing spec: the draft (kept as the user types, like a plan), what the form
 * refused or the schema rejects (Search waits until they are fixed), the search and whether its
 * results still match the spec, and the actions on results (open as a plan, compare, export).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { InferencePlan } from '@shared/schema/plan';
import { navigate } from '../app/router';
import { usePlatform } from '../app/platform-context';
import { useStatus } from '../app/status';
import { SPEC_KIND } from '../db/record-store';
import type { StoredSizingSpec } from '../db/sizing';
import { useDurableRecord } from '../db/useDurableRecord';
import { useUserCalibrations, useUserCatalog } from '../engine/client';
import { requestCatalog } from '../engine/evaluate';
import { asEdited, checkDraft, fileNameOf, searchKey, sloKey, SIZING_FILE_FILTER, type SpecDraft } from './draft';
import { withLabel, type FieldRegistry } from './field-registry';
import { compareSelection, storePlan } from './open';
import { useSizingSearch } from './useSearch';

const REFILTER_MS = 250;

/** The user's catalog and calibrations, and the engine catalog made of them (undefined while loading). */
export function useEngineInputs() {
  const user = useUserCatalog();
  const calibrations = useUserCalibrations();
  const catalog = useMemo(
    () => (user && calibrations ? requestCatalog(user, calibrations) : undefined),
    [user, calibrations],
  );
  return { user, calibrations, catalog };
}

type Paths = ReadonlyMap<string, string>;

const setEntry = (prev: Paths, key: string, value: string | null): Paths => {
  if ((prev.get(key) ?? null) === value) return prev;
  const next = new Map(prev);
  if (value === null) next.delete(key);
  else next.set(key, value);
  return next;
};

/**
 * Values the form refused (the spec keeps the last accepted one, so Search must wait for a fix)
 * and the fields' labels, to name fields in messages as the form does.
 */
export function useFieldRegistry() {
  const [refused, setRefused] = useState<Paths>(new Map());
  const [labels, setLabels] = useState<Paths>(new Map());
  const registry = useMemo<FieldRegistry>(
    () => ({
      refuse: (path, message) => setRefused((p) => setEntry(p, path, message)),
      label: (path, label) => setLabels((p) => setEntry(p, path, label)),
    }),
    [],
  );
  return { refused, labels, registry };
}

/** The spec's problems as the user reads them: refused values first, then the schema's, by label. */
function problemsOf(fields: ReturnType<typeof useFieldRegistry>, errors: ReadonlyMap<string, string>): string[] {
  return [
    ...fields.refused.values(),
    ...[...errors]
      .filter(([path]) => !fields.refused.has(path))
      .map(([path, m]) => withLabel(m, path, fields.labels.get(path))),
  ];
}

export function useSizingWorkspace(stored: StoredSizingSpec) {
  const platform = usePlatform();
  const status = useStatus();
  const inputs = useEngineInputs();
  const { user, calibrations, catalog } = inputs;
  // Journalled, retried, saved on leaving, other windows' versions kept (db/useDurableRecord.ts).
  const saved = useDurableRecord(SPEC_KIND, { value: stored.spec, updatedAt: stored.updatedAt }, '/sizing');
  const doc = { ...saved, change: (d: SpecDraft) => saved.change(asEdited(saved.draft, d)) };
  const search = useSizingSearch(stored.id);
  const checked = useMemo(() => checkDraft(doc.draft), [doc.draft]);
  const fields = useFieldRegistry();
  const problems = problemsOf(fields, checked.errors);
  const key = checked.spec ? searchKey(checked.spec) : null;
  // Results for another spec, or for other SLOs that could not be re-filtered (a cancelled search holds no curves).
  const stale =
    search.prepared !== null &&
    (key !== search.prepared.key ||
      (search.state.status === 'cancelled' &&
        !!checked.spec &&
        sloKey(checked.spec) !== sloKey(search.prepared.sc.spec)));
  const run = (): void => {
    if (!checked.spec || fields.refused.size > 0 || !catalog || !user || !calibrations) return;
    search.start(checked.spec, searchKey(checked.spec), catalog, user, calibrations);
  };
  // Search once when the spec opens (if it is valid), so an example shows its answer at once;
  // coming back to a spec whose search is kept shows that search instead.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !catalog || !checked.spec) return;
    started.current = true;
    if (search.prepared && search.prepared.key === searchKey(checked.spec)) return;
    run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalog]);
  // Only the SLOs changed since the search: re-filter the stored curves (no engine calls).
  const slo = checked.spec && !stale && search.prepared ? sloKey(checked.spec) : null;
  useEffect(() => {
    if (!slo || !checked.spec || !search.prepared) return;
    if (slo === sloKey(search.prepared.sc.spec)) return;
    const t = window.setTimeout(() => search.refilter(checked.spec!.slo), REFILTER_MS);
    return () => window.clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slo]);
  const openPlan = (plan: InferencePlan): void => {
    void storePlan(plan).then((id) => {
      navigate(`/plans/${encodeURIComponent(id)}`);
      status.show({ kind: 'success', text: `Opened “${plan.name}” as a plan` });
    });
  };
  const compare = (plans: InferencePlan[]): void => void compareSelection(plans).then(() => navigate('/compare'));
  const exportSpec = (): void => {
    if (!checked.spec || fields.refused.size > 0)
      return status.show({ kind: 'error', text: `Fix the spec before saving it: ${problems.join('; ')}` });
    void platform.saveFile(fileNameOf(checked.spec), JSON.stringify(checked.spec, null, 2) + '\n', SIZING_FILE_FILTER);
  };
  const busy = search.state.status === 'running' || search.state.status === 'ranking';
  return { ...inputs, doc, search, checked, fields, problems, stale, busy, run, openPlan, compare, exportSpec };
}

export type Workspace = ReturnType<typeof useSizingWorkspace>;
