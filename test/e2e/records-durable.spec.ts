// Clusters and sizing specs are kept like plans: an edit made just before a reload is
// there after it; a write the database refuses is shown, kept in the journal and saved by the
// retry; two tabs editing one cluster keep both versions; a record missing updatedAt is listed and
// a damaged one is listed with an export button.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ClustersPage } from './pages/clusters';
import { RecordsPage } from './pages/records';
import { SizingPage } from './pages/sizing';

test.describe('clusters and sizing specs lose nothing', () => {
  test('an edit typed just before a reload survives it (cluster and sizing spec)', async ({ page }) => {
    const clusters = new ClustersPage(page);
    const app = new RecordsPage(page);
    await clusters.open('/clusters');
    const id = await clusters.newCluster();
    await clusters.waitSaved();
    await clusters.setField('name', 'Typed right before the reload');
    await page.reload(); // no wait for the debounced save
    await expect(app.field('name')).toHaveValue('Typed right before the reload');
    await app.expectSaved();
    expect((await app.rawRecord('clusters', id))?.['cluster']).toMatchObject({ name: 'Typed right before the reload' });

    const sizing = new SizingPage(page);
    await sizing.open('/sizing');
    await page.getByRole('button', { name: 'New spec' }).click();
    await expect(page).toHaveURL(/#\/sizing\/sizing-/);
    await sizing.waitSaved();
    await app.field('name').fill('Spec typed right before the reload');
    await page.reload();
    await expect(app.field('name')).toHaveValue('Spec typed right before the reload');
  });

  test('a refused write is shown, journalled and saved by the retry', async ({ page }) => {
    const clusters = new ClustersPage(page);
    const app = new RecordsPage(page);
    await clusters.open('/clusters');
    await clusters.newCluster();
    await clusters.waitSaved();
    await app.failWrites();
    await clusters.setField('name', 'Typed while the disk was full');
    await expect(app.saveState).toHaveAttribute('data-save-state', 'failed');
    await expect(page.getByTestId('save-state')).toContainText('Not saved: kept in the crash journal');
    await expect(app.status).toContainText('QuotaExceededError');
    expect(await app.journal('cluster-planner.draft-cluster.')).toEqual(['Typed while the disk was full']);
    await app.restoreWrites();
    await app.expectSaved();
    expect(await app.journal('cluster-planner.draft-cluster.')).toEqual([]);
  });

  test('two tabs on one cluster: a concurrent edit keeps both versions and says so', async ({ context }) => {
    const a = new ClustersPage(await context.newPage());
    const id = await (async () => {
      await a.open('/clusters');
      const x = await a.newCluster();
      await a.waitSaved();
      return x;
    })();
    const b = new RecordsPage(await context.newPage());
    await b.open(`/clusters/${id}`);
    await expect(b.field('name')).toBeVisible();
    // Tab B edits while its writes fail, so its edit is still on the way when tab A saves.
    await b.failWrites();
    await b.field('name').fill('Edited in tab B');
    await expect(b.saveState).toHaveAttribute('data-save-state', 'failed');
    await a.setField('name', 'Edited in tab A');
    await a.waitSaved();
    await b.restoreWrites();
    await b.expectSaved();
    await expect(b.status).toContainText('Both versions are kept');
    await expect(b.listItem('Edited in tab A (other window)')).toBeVisible();
    await expect(b.field('name')).toHaveValue('Edited in tab B');
  });

  test('a cluster missing updatedAt is listed; a damaged one is listed with Export', async ({ page }, info) => {
    const app = new RecordsPage(page);
    await app.open('/clusters');
    await expect(app.listItem('DeepSeek 2,048 × H800, 8-plane fat-tree')).toBeVisible();
    const example = await app.rawRecord('clusters', 'deepseek-2048-h800-mpft');
    const { updatedAt: _u, ...noTimestamp } = example!;
    await app.putRaw('clusters', {
      ...noTimestamp,
      id: 'no-timestamp',
      cluster: { ...(example!['cluster'] as object), id: 'no-timestamp', name: 'No timestamp' },
    });
    await app.putRaw('clusters', { id: 'broken', updatedAt: '2026-01-01', cluster: { id: 'broken', name: 'Broken' } });
    await page.reload();
    await expect(app.listItem('No timestamp')).toBeVisible();
    await expect(app.damagedList).toContainText('broken');
    const dl = page.waitForEvent('download');
    await app.damagedList.getByRole('button', { name: 'Export' }).click();
    const d = await dl;
    const path = info.outputPath(d.suggestedFilename());
    await d.saveAs(path);
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { table: string; record: { id: string } };
    expect(exported).toMatchObject({ table: 'clusters', record: { id: 'broken' } });
  });
});
