/**
 * Autosave for every edited record (plans, clusters, sizing specs), built so that no edit is ever
 * lost:
 * - every edit goes to the crash journal at once (synchronous localStorage), then to IndexedDB
 *   after a short debounce;
 * - a failed write (quota exceeded, a thrown put, a closed database) is reported, the edit stays
 *   in the journal, and the save is retried with back-off and on the next edit until it succeeds;
 * - each save says which stored version the edit started from, so a save over another window's
 *   change is detected and reported, and both versions are kept (plans.ts: as revisions;
 *   records.ts for clusters and sizing specs: the other window's version as a copy);
 * - on opening a plan, journal entries left by this or another window (reload, crash, a write
 *   that never succeeded) are recovered: an entry whose base is still the stored version becomes
 *   current; one whose base is stale is stored as a revision beside the newer version, and the
 *   user is told either way.
 * Plain class, no React: the Plans page (and useDurableRecord for the others) wires `events` to
 * the status bar and the toolbar. (The field names say `plan`; for a cluster or spec it is that record.)
 */
import type { Plan } from '@shared/schema/plan';
import { currentWindowId, journalRemove, planJournal, sameEdit, type Journal } from './journal';
import { savePlan } from './plans';

export type SaveState = 'saved' | 'pending' | 'failed';

export interface SaveOutcome<T = Plan> {
  /** The updatedAt the record now has (the new base for further edits). */
  savedAt: string;
  /** The version another window saved since `base`, kept beside this one; null when none. */
  conflict: { theirs: T; theirsSavedAt: string } | null;
  /** The copy this save made (clusters, specs): the other window's version, or the edit kept aside. */
  copyId?: string | undefined;
}

export interface StoreSaveOptions {
  /** updatedAt of the stored version the edit started from; null = unknown. */
  base: string | null;
  /** The window that saves. */
  window: string;
  /** Keep the edit beside the current version, which stays (plans: a revision; others: a copy). */
  revisionOnly?: boolean;
}

export interface AutosaveEvents<T = Plan> {
  state(state: SaveState, detail?: string): void;
  /** A save went over another window's version of the record; both are kept. */
  conflict(c: { plan: T; theirs: T; theirsSavedAt: string; copyId?: string }): void;
  /** An edit recovered from the journal: as the current version, or kept beside it. */
  recovered(r: { plan: T; at: number; asCurrent: boolean; fromOtherWindow: boolean; copyId?: string }): void;
  /** The journal itself could not be written (localStorage full or off). */
  journalFailed(plan: T): void;
}

export interface AutosaveOptions<T = Plan> {
  delayMs?: number;
  /** Waits before retrying a failed save, in order; the last repeats. */
  retryMs?: readonly number[];
  save?: (plan: T, opts: StoreSaveOptions) => Promise<SaveOutcome<T>>;
  /** The crash journal of this kind of record (default: the plans'). */
  journal?: Journal<T & { id: string }>;
}

export class Autosave<T extends { id: string } = Plan> {
  private pending: T | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private failedPlanId: string | null = null;
  private inFlight: Promise<void> | null = null;
  /** updatedAt of the stored version each plan's editor content is based on. */
  private readonly bases = new Map<string, string | null>();
  private readonly delayMs: number;
  private readonly retryMs: readonly number[];
  private readonly save: NonNullable<AutosaveOptions<T>['save']>;
  private readonly journal: Journal<T>;
  private disposed = false;

  constructor(
    private readonly events: AutosaveEvents<T>,
    opts: AutosaveOptions<T> = {},
  ) {
    this.delayMs = opts.delayMs ?? 400;
    this.retryMs = opts.retryMs ?? [1000, 3000, 10_000, 30_000];
    // Plans are the default kind (T = Plan when no journal and save are given).
    this.save = opts.save ?? ((plan, o) => savePlan(plan as unknown as Plan, o) as unknown as Promise<SaveOutcome<T>>);
    this.journal = opts.journal ?? (planJournal as unknown as Journal<T>);
  }

  /** The stored version the editor now shows (after loading it, or adopting another window's). */
  setBase(planId: string, updatedAt: string | null): void {
    this.bases.set(planId, updatedAt);
  }

  base(planId: string): string | null | undefined {
    return this.bases.get(planId);
  }

  /** True while an edit of this plan is not yet in the database. */
  hasPending(planId: string): boolean {
    return this.pending?.id === planId || this.failedPlanId === planId;
  }

  edit(plan: T): void {
    if (!this.journal.write(plan, this.bases.get(plan.id) ?? null)) this.events.journalFailed(plan);
    if (this.pending && this.pending.id !== plan.id) void this.flush();
    this.pending = plan;
    this.events.state(this.failures > 0 ? 'failed' : 'pending');
    this.schedule(this.delayMs);
  }

  /** Saves the pending edit now (window hiding, plan switch, Save As). */
  flush(): Promise<void> {
    this.clearTimers();
    const plan = this.pending;
    if (!plan) return this.inFlight ?? Promise.resolve();
    this.pending = null;
    const run = (this.inFlight ?? Promise.resolve()).then(() => this.write(plan));
    this.inFlight = run.finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    return run;
  }

  private async write(plan: T): Promise<void> {
    const window = currentWindowId();
    try {
      const out = await this.save(plan, { base: this.bases.get(plan.id) ?? null, window });
      this.bases.set(plan.id, out.savedAt);
      this.journal.clear(plan.id, plan);
      const recovered = this.failures;
      this.failures = 0;
      this.failedPlanId = null;
      if (this.pending === null)
        this.events.state('saved', recovered ? `saved after ${recovered} failed attempt(s)` : undefined);
      if (out.conflict) this.events.conflict({ plan, ...out.conflict, ...(out.copyId ? { copyId: out.copyId } : {}) });
    } catch (e) {
      // Keep the edit: it is in the journal; put it back unless a newer edit replaced it.
      this.pending ??= plan;
      this.failures++;
      this.failedPlanId = plan.id;
      this.events.state('failed', describeWriteError(e));
      this.retryTimer = setTimeout(
        () => void this.flush(),
        this.retryMs[Math.min(this.failures - 1, this.retryMs.length - 1)],
      );
    }
  }

  /**
   * Recovers journal entries for a plan being opened, given its stored version. Returns the plan
   * the editor should show (a recovered edit, or the stored one).
   */
  async recover(stored: { plan: T; updatedAt: string }): Promise<T> {
    this.bases.set(stored.plan.id, stored.updatedAt);
    let current = stored.plan;
    const me = currentWindowId();
    for (const entry of this.journal.entries(stored.plan.id)) {
      const fromOtherWindow = entry.window !== me;
      if (sameEdit(entry.plan, current)) {
        journalRemove(entry.key);
        continue;
      }
      // Still based on what is stored: nobody saved since, so the edit is the newest version.
      // Based on an older version: keep it as a revision beside the newer one (History).
      const base = this.bases.get(stored.plan.id) ?? null;
      const asCurrent = entry.base === null ? !fromOtherWindow : entry.base === base;
      const out = await this.save(entry.plan, { base, window: me, revisionOnly: !asCurrent }).catch(() => null);
      if (!out) {
        // The database refuses writes: keep the entry, show the edit, and let autosave retry it.
        if (asCurrent) {
          current = entry.plan;
          this.edit(entry.plan);
        }
        continue;
      }
      if (asCurrent) {
        current = entry.plan;
        this.bases.set(stored.plan.id, out.savedAt);
      }
      journalRemove(entry.key);
      const copyId = out.copyId;
      this.events.recovered({
        plan: entry.plan,
        at: entry.at,
        asCurrent,
        fromOtherWindow,
        ...(copyId ? { copyId } : {}),
      });
    }
    return current;
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private clearTimers(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.timer = this.retryTimer = null;
  }

  dispose(): void {
    void this.flush();
    this.disposed = true;
  }
}

/** A short, readable reason for a failed IndexedDB write. */
export function describeWriteError(e: unknown): string {
  const err = e as { name?: string; message?: string; inner?: { name?: string; message?: string } };
  const name = err?.inner?.name ?? err?.name ?? 'Error';
  if (name === 'QuotaExceededError')
    return 'the browser storage is full (QuotaExceededError): free some space or export a workspace';
  return `${name}: ${err?.inner?.message ?? err?.message ?? String(e)}`;
}
