import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PlansPage } from './pages/plans';

async function planCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((res) => {
        const r = indexedDB.open('cluster-planner');
        r.onsuccess = () => {
          const c = r.result.transaction('plans').objectStore('plans').count();
          c.onsuccess = () => res(c.result);
        };
      }),
  );
}

async function dropFile(page: Page, name: string, contents: string): Promise<void> {
  await page.evaluate(
    ([n, c]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([c], n, { type: 'application/json' }));
      const main = document.querySelector('.app')!;
      main.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      main.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, contents] as const,
  );
}

test.describe('plan and workspace files', () => {
  test('workspace export and import round-trip; nothing is overwritten', async ({ page }, info) => {
    const app = new PlansPage(page);
    await app.open('/plans');
    await expect(app.list).toContainText('Llama 3.1 8B on one H100');
    const before = await planCount(page);
    const dl = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export workspace' }).click();
    const path = info.outputPath('workspace.json');
    await (await dl).saveAs(path);
    const ws = JSON.parse(readFileSync(path, 'utf8'));
    expect(ws.kind).toBe('cluster-planner-workspace');
    expect(ws.plans.length).toBe(before);
    await dropFile(page, 'workspace.json', readFileSync(path, 'utf8'));
    await expect(app.status).toContainText(`Imported workspace workspace.json: ${before} plans`);
    expect(await planCount(page)).toBe(2 * before);
    await expect(app.list).toContainText('Llama 3.1 8B on one H100 (imported)');
    // exporting again holds the originals unchanged (identical content for the same ids)
    const dl2 = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export workspace' }).click();
    const path2 = info.outputPath('workspace2.json');
    await (await dl2).saveAs(path2);
    const ws2 = JSON.parse(readFileSync(path2, 'utf8'));
    for (const p of ws.plans) expect(ws2.plans.find((q: { id: string }) => q.id === p.id)).toEqual(p);
  });

  test('dropping a plan file opens it; hostile files leave the database unchanged', async ({ page }, info) => {
    const app = new PlansPage(page);
    await app.open('/plans');
    await expect(app.list).toContainText('Llama 3.1 8B on one H100');
    const plan = JSON.parse(readFileSync('presets/plans/llama-3.1-8b-h100.json', 'utf8'));
    await dropFile(
      page,
      'mine.clusterplan.json',
      JSON.stringify({ ...plan, id: 'dropped-plan', name: 'Dropped plan' }),
    );
    await expect(page).toHaveURL(/#\/plans\/dropped-plan$/);
    await expect(app.status).toContainText('Opened mine.clusterplan.json');
    const count = await planCount(page);
    const hostile: Array<[string, string, RegExp]> = [
      ['truncated.json', JSON.stringify(plan).slice(0, 200), /not valid JSON/],
      ['newer.json', JSON.stringify({ ...plan, schemaVersion: 9 }), /newer Cluster Planner/],
      ['negative.json', JSON.stringify({ ...plan, devices: -8 }), /devices/],
      ['proto.json', `{"__proto__": {"polluted": 1}, "schemaVersion": 1}`, /__proto__/],
      ['nan.json', JSON.stringify(plan).replace(/"devices":\s*\d+/, '"devices": NaN'), /not valid JSON/],
      [
        'layers.json',
        JSON.stringify({
          ...plan,
          id: 'x',
          model: {
            id: 'm',
            name: 'm',
            source: { title: 'hostile file' },
            hiddenSize: 64,
            numLayers: 1e9,
            vocabSize: 10,
            maxContextTokens: 10,
            tiedEmbeddings: false,
            attention: { type: 'mha', numHeads: 1, numKvHeads: 1, headDim: 64 },
            ffn: { type: 'gated', intermediateSize: 64 },
          },
        }),
        /numLayers/,
      ],
      ['huge.json', JSON.stringify({ ...plan, notes: 'x'.repeat(10 * 1024 * 1024) }), /notes|characters/],
    ];
    for (const [name, text, re] of hostile) {
      await dropFile(page, name, text);
      await expect(app.status).toContainText(name);
      await expect(app.status).toContainText(re);
      await expect(app.status).toContainText('Nothing was changed');
    }
    expect(await planCount(page)).toBe(count);
    expect(await page.evaluate(() => (({}) as Record<string, unknown>)['polluted'])).toBeUndefined();
    writeFileSync(info.outputPath('ok.txt'), 'done');
  });

  test('CSV of the batch sweep and of the comparison; SVG and PNG of a chart', async ({ page }, info) => {
    const app = new PlansPage(page);
    await app.open('/plans/llama-3.1-8b-h100');
    await expect(app.results).toBeVisible();
    const d1 = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export batch sweep (CSV)' }).click();
    const csvPath = info.outputPath('sweep.csv');
    await (await d1).saveAs(csvPath);
    const csv = readFileSync(csvPath, 'utf8').trim().split('\n');
    expect(csv[0]).toContain('TPOT (ms)');
    expect(csv.length).toBeGreaterThan(10);
    const d2 = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save “Output throughput vs TPOT over batch sizes” as SVG' }).click();
    const svgPath = info.outputPath('c.svg');
    await (await d2).saveAs(svgPath);
    expect(readFileSync(svgPath, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const d3 = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save “Output throughput vs TPOT over batch sizes” as PNG' }).click();
    const pngPath = info.outputPath('c.png');
    await (await d3).saveAs(pngPath);
    expect(readFileSync(pngPath).subarray(1, 4).toString('latin1')).toBe('PNG');
    await app.open('/compare');
    await page.getByLabel(/Llama 3.1 8B on one H100/).check();
    await page.getByLabel(/Llama 3.1 70B on 4 × H100/).check();
    const d4 = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const cmpPath = info.outputPath('cmp.csv');
    await (await d4).saveAs(cmpPath);
    const cmp = readFileSync(cmpPath, 'utf8');
    const [head, ...rows] = cmp.split('\n');
    const a = 'Llama 3.1 8B on one H100';
    const b = 'Llama 3.1 70B on 4 × H100 (TP4)';
    expect(head).toBe(`metric,unit,better,${a},${a} low,${a} high,${b},${b} low,${b} high`);
    // TPOT carries its error band: a low and a high edge beside each plan's value, low < high.
    const tpot = rows
      .find((r) => r.startsWith('TPOT,s,lower,'))!
      .split(',')
      .slice(3)
      .map(Number);
    expect(tpot).toHaveLength(6);
    for (const [v, lo, hi] of [tpot.slice(0, 3), tpot.slice(3)]) expect(v! > 0 && lo! > 0 && lo! < hi!).toBe(true);
  });
});
