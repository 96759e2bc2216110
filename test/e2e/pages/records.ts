// Page object for what the app keeps of clusters and sizing specs: the save state,
// their crash journals, the damaged-records list, and hooks that make IndexedDB fail the way a full
// disk does or hold records the app did not write.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppFrame } from './app';

export class RecordsPage extends AppFrame {
  readonly saveState: Locator;
  readonly damagedList: Locator;
  constructor(page: Page) {
    super(page);
    this.saveState = page.locator('.toolbar[data-save-state]');
    this.damagedList = page.getByTestId('damaged-records');
  }
  field(path: string): Locator {
    return this.page.locator(`[data-field="${path}"]`);
  }
  listItem(name: string): Locator {
    return this.page.getByRole('link', { name, exact: true });
  }
  specPicker(): Locator {
    return this.page.getByTestId('spec-picker');
  }
  async expectSaved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-save-state', 'saved');
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
  /** Names in the crash journal under a prefix (cluster-planner.draft-cluster., …-sizing.). */
  async journal(prefix: string): Promise<string[]> {
    return this.page.evaluate((p) => {
      const out: string[] = [];
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)!;
        if (k.startsWith(p)) out.push((JSON.parse(localStorage.getItem(k)!) as { plan: { name: string } }).plan.name);
      }
      return out;
    }, prefix);
  }
  /** Reads one record straight from IndexedDB. */
  async rawRecord(table: string, id: string): Promise<Record<string, unknown> | undefined> {
    return this.page.evaluate(
      ([t, key]) =>
        new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
          const open = indexedDB.open('cluster-planner');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction(t!, 'readonly').objectStore(t!).get(key!);
            req.onsuccess = () => (open.result.close(), resolve(req.result as Record<string, unknown> | undefined));
            req.onerror = () => reject(req.error);
          };
        }),
      [table, id],
    );
  }
  /** Writes a record straight into a store, bypassing the app (another version, a damaged disk). */
  async putRaw(table: string, record: unknown): Promise<void> {
    await this.page.evaluate(
      ([t, rec]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cluster-planner');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(t as string, 'readwrite');
            tx.objectStore(t as string).put(rec);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      [table, record] as const,
    );
  }
}
