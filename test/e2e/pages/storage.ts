// Page object for what the app keeps: save state, the crash journal, History, damaged records,
// and hooks that make IndexedDB fail the way a full disk does.
import { expect, type Locator, type Page } from '@playwright/test';
import { PlansPage } from './plans';

export class StoragePage extends PlansPage {
  readonly saveState: Locator;
  readonly history: Locator;
  readonly damagedList: Locator;
  readonly damagedPanel: Locator;
  constructor(page: Page) {
    super(page);
    this.saveState = page.locator('[data-save-state]');
    this.history = page.getByLabel('Restore a revision');
    this.damagedList = page.getByTestId('damaged-records');
    this.damagedPanel = page.getByTestId('damaged-record');
  }
  /** Every IndexedDB put and add throws QuotaExceededError, as on a full disk. */
  async failWrites(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __writes?: [unknown, unknown] };
      w.__writes = [IDBObjectStore.prototype.put, IDBObjectStore.prototype.add];
      const fail = (): never => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.put = fail;
      IDBObjectStore.prototype.add = fail;
    });
  }
  async restoreWrites(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __writes: [IDBObjectStore['put'], IDBObjectStore['add']] };
      [IDBObjectStore.prototype.put, IDBObjectStore.prototype.add] = w.__writes;
    });
  }
  /** The crash journal's entries for a plan: [key, plan name]. */
  async journal(planId: string): Promise<Array<[string, string]>> {
    return this.page.evaluate((id) => {
      const out: Array<[string, string]> = [];
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)!;
        if (k.startsWith(`cluster-planner.draft.${id}.`))
          out.push([k, (JSON.parse(localStorage.getItem(k)!) as { plan: { name: string } }).plan.name]);
      }
      return out;
    }, planId);
  }
  /** Writes a record straight into the plans store, bypassing the app (an older or foreign version). */
  async putRawRecord(record: unknown): Promise<void> {
    await this.page.evaluate(
      (rec) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cluster-planner');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('plans', 'readwrite');
            tx.objectStore('plans').put(rec);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      record,
    );
  }
  async historyNames(): Promise<string[]> {
    return (await this.history.locator('option').allInnerTexts()).slice(1);
  }
  async expectSaved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-save-state', 'saved');
  }
}
