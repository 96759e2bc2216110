// Nothing the user had is lost: two tabs on one plan, a database that refuses writes, a reload
// before the write, and a damaged record written by another version.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { StoragePage } from './pages/storage';

const PLAN = 'llama-3.1-70b-4xh100-tp4';

test.describe('no lost work', () => {
  test('two tabs: the second sees the first’s change; a concurrent edit keeps both versions and says so', async ({
    context,
  }) => {
    const a = new StoragePage(await context.newPage());
    const b = new StoragePage(await context.newPage());
    await a.open(`/plans/${PLAN}`);
    await b.open(`/plans/${PLAN}`);
    await expect(b.field('name')).toHaveValue(/Llama 3.1 70B/);

    await a.setField('name', 'Edited in tab A');
    await a.expectSaved();
    await expect(b.field('name')).toHaveValue('Edited in tab A');
    await expect(b.status).toContainText('was changed in another window');

    // Tab B edits while its writes fail, so its edit is still on the way when tab A saves again.
    await b.failWrites();
    await b.setField('name', 'Edited in tab B');
    await expect(b.saveState).toHaveAttribute('data-save-state', 'failed');
    await a.setField('name', 'Edited again in tab A');
    await a.expectSaved();
    await expect(b.field('name')).toHaveValue('Edited in tab B'); // B's typing is not replaced
    await b.restoreWrites();
    await b.expectSaved();
    await expect(b.status).toContainText('was also changed in another window');
    await expect(b.status).toContainText('Both versions are kept');
    // Both tabs now show B's version as current (A follows), and History holds A's.
    await expect(a.field('name')).toHaveValue('Edited in tab B');
    await b.page.reload();
    await expect(b.field('name')).toHaveValue('Edited in tab B');
    // The history list loads after the plan (a live query): wait for it rather than count at once.
    await expect.poll(() => b.history.locator('option').count()).toBeGreaterThanOrEqual(4); // header + A, A again, B
    await b.history.selectOption({ index: 2 });
    await expect(b.field('name')).toHaveValue('Edited again in tab A');
  });

  test('a failing IndexedDB write is shown and the edit stays in the journal until a write succeeds', async ({
    page,
  }) => {
    const app = new StoragePage(page);
    await app.open(`/plans/${PLAN}`);
    await app.failWrites();
    await app.setField('name', 'Typed while the disk was full');
    await expect(app.saveState).toHaveAttribute('data-save-state', 'failed');
    await expect(app.saveState).toContainText('Not saved: kept in the crash journal');
    await expect(app.status).toContainText('QuotaExceededError');
    expect((await app.journal(PLAN)).map(([, name]) => name)).toEqual(['Typed while the disk was full']);
    await app.restoreWrites();
    await app.expectSaved(); // the retry succeeds without another edit
    await expect(app.status).toContainText('Saved (saved after');
    expect(await app.journal(PLAN)).toEqual([]);
    await page.reload();
    await expect(app.field('name')).toHaveValue('Typed while the disk was full');
  });

  test('a reload while writes fail recovers the journalled edit', async ({ page }) => {
    const app = new StoragePage(page);
    await app.open(`/plans/${PLAN}`);
    await app.failWrites();
    await app.setField('name', 'Never reached the database');
    await expect(app.saveState).toHaveAttribute('data-save-state', 'failed');
    await page.reload(); // the page (and its failing writes) is gone; the journal is not
    await expect(app.field('name')).toHaveValue('Never reached the database');
    await expect(app.status).toContainText('Recovered an unsaved edit');
    await app.expectSaved();
    expect(await app.journal(PLAN)).toEqual([]);
  });

  test('a damaged record is listed with an export button; every other plan still works', async ({ page }, info) => {
    const app = new StoragePage(page);
    await app.open('/plans');
    await app.putRawRecord({
      id: 'from-a-newer-version',
      updatedAt: '2026-11-23T00:00:00.000Z',
      plan: { schemaVersion: 7, id: 'from-a-newer-version', name: 'Future plan' },
    });
    await page.reload();
    await expect(app.damagedList).toContainText('from-a-newer-version');
    await expect(app.damagedList).toContainText('schemaVersion: this file is version 7');
    await expect(app.list).toContainText('Llama 3.1 8B on one H100');
    const dl = page.waitForEvent('download');
    await app.damagedList.getByRole('button', { name: 'Export' }).click();
    const d = await dl;
    const path = info.outputPath(d.suggestedFilename());
    await d.saveAs(path);
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    expect(exported.record.plan.name).toBe('Future plan');
    expect(exported.problem).toMatch(/schemaVersion/);
    await page.goto('/#/plans/from-a-newer-version');
    await expect(app.damagedPanel).toContainText('damaged');
    await page.goto('/#/plans/llama-3.1-8b-h100');
    await expect(app.results).toBeVisible();
    await page.goto('/#/compare');
    await expect(app.errorBoundary).toHaveCount(0);
  });
});
