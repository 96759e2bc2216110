/**
 * Autosave for the plan editor, built so that no edit is ever lost:
 * - every edit goes to the crash journal at once (synchronous localStorage), then to IndexedDB
 *   after a short debounce;
 * - a failed write (quota exceeded, a thrown put, a closed database) is reported, the edit stays
 *   in the journal, and the save is retried with back-off and on the next edit until it succeeds;
 * - each save says which stored version the edit started from, so a save over another window's
 *   change is detected and reported (plans.ts keeps both versions as revisions);
 * - on opening a plan, journal entries left by this or another window (reload, crash, a write
 *   that never succeeded) are recovered: an entry whose base is still the stored version becomes
 *   current; one whose base is stale is stored as a revision beside the newer version, and the
 *   user is told either way.
 * Plain class, no React: the Plans page wires `events` to its status bar and toolbar.
 */
import type { Plan } from '@shared/schema/plan';
import { currentWindowId, journalClear, journalEntries, journalRemove, journalWrite, sameEdit } from './journal';
import { savePlan, type SaveOutcome } from './plans';

export type SaveState = 'saved' | 'pending' | 'failed';

export interface AutosaveEvents {
  state(state: SaveState, detail?: string): void;
  /** A save went over another window's version of the plan; both are kept as revisions. */
  conflict(c: { plan: Plan; theirs: Plan; theirsSavedAt: string }): void;
  /** An edit recovered from the journal: as the current version, or kept in History. */
  recovered(r: { plan: Plan; at: number; asCurrent: boolean; fromOtherWindow: boolean }): void;
  /** The journal itself could not be written (localStorage full or off). */
  journalFailed(plan: Plan): void;
}

export interface AutosaveOptions {
  delayMs?: number;
  /** Waits before retrying a failed save, in order; the last repeats. */
  retryMs?: readonly number[];
  save?: (plan: Plan, opts: { base: string | null; window: string; revisionOnly?: boolean }) => Promise<SaveOutcome>;
}

export class Autosave {
  private pending: Plan | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private failedPlanId: string | null = null;
  private inFlight: Promise<void> | null = null;
  /** updatedAt of the stored version each plan's editor content is based on. */
  private readonly bases = new Map<string, string | null>();
  private readonly delayMs: number;
  private readonly retryMs: readonly number[];
  private readonly save: NonNullable<AutosaveOptions['save']>;
  private disposed = false;

  constructor(
    private readonly events: AutosaveEvents,
    opts: AutosaveOptions = {},
  ) {
    this.delayMs = opts.delayMs ?? 400;
    this.retryMs = opts.retryMs ?? [1000, 3000, 10_000, 30_000];
    this.save = opts.save ?? ((plan, o) => savePlan(plan, o));
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

  edit(plan: Plan): void {
    if (!journalWrite(plan, this.bases.get(plan.id) ?? null)) this.events.journalFailed(plan);
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

  private async write(plan: Plan): Promise<void> {
    const window = currentWindowId();
    try {
      const out = await this.save(plan, { base: this.bases.get(plan.id) ?? null, window });
      this.bases.set(plan.id, out.savedAt);
      journalClear(plan.id, plan);
      const recovered = this.failures;
      this.failures = 0;
      this.failedPlanId = null;
      if (this.pending === null)
        this.events.state('saved', recovered ? `saved after ${recovered} failed attempt(s)` : undefined);
      if (out.conflict) this.events.conflict({ plan, ...out.conflict });
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
  async recover(stored: { plan: Plan; updatedAt: string }): Promise<Plan> {
    this.bases.set(stored.plan.id, stored.updatedAt);
    let current = stored.plan;
    const me = currentWindowId();
    for (const entry of journalEntries(stored.plan.id)) {
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
      this.events.recovered({ plan: entry.plan, at: entry.at, asCurrent, fromOtherWindow });
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
