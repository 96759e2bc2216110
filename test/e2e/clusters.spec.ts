import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { page1Ink, pdfText } from './helpers/pdf';
import { ClustersPage } from './pages/clusters';
import { PlansPage } from './pages/plans';

/** "$1.23M" / "$45.6k" / "$12.34" → dollars. */
const usd = (s: string): number => {
  const m = /\$([\d.,]+)\s*([Mk]?)/.exec(s);
  if (!m) throw new Error(`not a dollar amount: ${s}`);
  return Number(m[1]!.replace(/,/g, '')) * (m[2] === 'M' ? 1e6 : m[2] === 'k' ? 1e3 : 1);
};

test.describe('Clusters', () => {
  test('build a cluster, attach a plan to it, the plan pays the cluster TCO, export the PDF', async ({
    page,
  }, info) => {
    // Arrange: a new cluster of 4 nodes at a price of our own
    const clusters = new ClustersPage(page);
    await clusters.open('/clusters');
    const id = await clusters.newCluster();
    await clusters.setField('name', 'E2E cluster');
    await clusters.setField('node.count', '4');
    await clusters.setField('node.unitUSD', '400000');
    await clusters.waitSaved();
    await expect(clusters.card('devices')).toHaveText('32');
    const tco = usd(await clusters.card('usd-per-device-hour').innerText());
    expect(tco).toBeGreaterThan(0);
    await expect(clusters.bom.locator('[data-line="nodes"]')).toContainText('your figure');
    await expect(clusters.diagram).toContainText('leaf');

    // Act: a training plan on that cluster, first hourly, then paying the cluster's TCO
    const plans = new PlansPage(page);
    await plans.open('/plans');
    await page.getByRole('button', { name: 'New training plan' }).click();
    await expect(page).toHaveURL(/#\/plans\/plan-/);
    await plans.field('clusterId').selectOption({ label: 'E2E cluster' });
    await expect(plans.field('systemId')).toHaveValue('hgx-h200');
    await expect(plans.card('cost').locator('.value')).toContainText('$');
    const hourly = await plans.card('cost').locator('.value').innerText();
    await plans.field('prices.mode').check();
    await plans.waitSaved();

    // Assert: the cost changed, and it is device-hours × the cluster's $ per device-hour
    await expect(plans.card('cost').locator('.value')).not.toHaveText(hourly);
    const deviceHours = Number(/([\d.]+) device-hours/.exec(await plans.card('time').innerText())![1]);
    const cost = usd(await plans.card('cost').locator('.value').innerText());
    expect(Math.abs(cost / (deviceHours * tco) - 1)).toBeLessThan(0.02); // the cards round to 3 digits
    await expect(page.getByTestId('cluster-issue')).toHaveCount(0);

    // Export the cluster's PDF report
    await clusters.open(`/cluster-report/${encodeURIComponent(id)}`);
    await expect(clusters.reportReady()).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    const path = info.outputPath('cluster.pdf');
    await page.pdf({ path, format: 'A4', printBackground: true });
    const text = pdfText(path);
    for (const s of [
      'E2E cluster',
      'Bill of materials',
      'Diagram',
      'Assumptions',
      'Appendix: the math behind each number',
      'your figure',
    ])
      expect(text).toContain(s);
    expect(text).toContain(`$${tco.toFixed(3)}`);
    expect(page1Ink(path, info.outputPath('page'))).toBeGreaterThan(0.01);
  });

  test('compare two example clusters side by side and download the BOM as CSV', async ({ page }) => {
    const clusters = new ClustersPage(page);
    await clusters.open('/clusters');
    await clusters.compareBox('DeepSeek 2,048 × H800, 8-plane fat-tree').check();
    await clusters.compareBox('1,024 × H200, two-plane rail-optimised fat-tree').check();
    await expect(clusters.compareTable).toContainText('TCO per device-hour');
    await expect(clusters.compareTable.locator('th.num')).toHaveCount(2);
    await page.getByRole('link', { name: 'GB200 NVL72 × 8 racks (576 GPUs)' }).click();
    await expect(clusters.card('devices')).toHaveText('576');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'BOM CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('item,category,quantity,unit_usd,unit_w,line_usd,line_w,price_source,power_source');
    expect(csv).toContain('GB200 NVL72');
    expect(csv).toContain('total capex');
  });

  test('a bad value stays in its field with a message naming it; nothing is saved', async ({ page }) => {
    const clusters = new ClustersPage(page);
    await clusters.open('/clusters/h200-1024-rail-optimised');
    await clusters.setField('fabric.radix', '63');
    await expect(page.getByRole('alert')).toContainText('radix must be even');
    await expect(clusters.field('fabric.radix')).toHaveValue('63');
    await expect(clusters.card('devices')).toHaveText('1,024');
  });

  test('changing the node type brings its price and power; a figure of your own is marked edited', async ({ page }) => {
    // Arrange: the H200 example carries its own node price and power
    const clusters = new ClustersPage(page);
    await clusters.open('/clusters/h200-1024-rail-optimised');
    const capex = await clusters.card('capex').innerText();
    const power = await clusters.card('it-power').innerText();
    await expect(clusters.field('node.unitUSD')).toHaveValue('270000');

    // Act: another node type
    await clusters.field('node.systemId').selectOption('dgx-b200');

    // Assert: the old node's figures are gone; the new type's apply (or are unknown, and say so)
    await expect(clusters.field('node.unitUSD')).toHaveValue('');
    await expect(clusters.field('node.unitW')).toHaveValue('');
    await expect(clusters.field('node.unitUSD')).toHaveAttribute('placeholder', /^DGX B200/);
    await expect(clusters.card('capex')).not.toHaveText(capex);
    await expect(clusters.card('it-power')).not.toHaveText(power);
    await expect(clusters.card('devices')).toHaveText('1,024');

    // A price of your own is marked, and one click gives the node type's back
    await clusters.setField('node.unitUSD', '500000');
    await expect(page.getByTestId('figure-source-node.unitUSD')).toContainText('edited');
    await page.getByTestId('figure-source-node.unitUSD').getByRole('button', { name: 'use the node type’s' }).click();
    await expect(clusters.field('node.unitUSD')).toHaveValue('');
  });

  test('a system copied on the Hardware page is selectable in clusters and plans', async ({ page }) => {
    const clusters = new ClustersPage(page);
    await clusters.open('/hardware');
    await page
      .getByRole('row', { name: /HGX H200/ })
      .getByRole('button', { name: 'Copy' })
      .click();
    await expect(clusters.status).toContainText('Copied HGX H200');
    await clusters.open('/clusters/h200-1024-rail-optimised');
    const mine = clusters.field('node.systemId').locator('option', { hasText: '(my copy) (mine)' });
    await expect(mine).toHaveCount(1);
    const value = await mine.getAttribute('value');
    await clusters.field('node.systemId').selectOption(value!);
    await expect(clusters.card('devices')).toHaveText('1,024');
    const plans = new PlansPage(page);
    await plans.open('/plans');
    await page.getByRole('button', { name: 'New inference plan' }).click();
    await plans.field('systemId').selectOption(value!);
    await expect(plans.card('tpot')).toBeVisible();
  });
});
