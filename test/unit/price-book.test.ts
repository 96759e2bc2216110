// The price book: every system preset has an entry; every known figure cites a registry document
// with a URL and a date, an unknown one says why; the user's figures override the presets' for
// plans, the search and clusters; a system without a price stays in the search, ranked by devices.
import { describe, expect, it } from 'vitest';
import { presetCatalog, presetPriceBook, systemPresets, findPlan, findCluster } from '../../presets/load';
import { sourceRegistry } from '../../presets/sources';
import { citationsOf } from '../../shared/source';
import { parsePriceBook, priceFor, type PriceBook } from '../../shared/schema/prices';
import { resolvePlan } from '../../shared/plan/context';
import { deviceHourCost } from '../../shared/plan/cost';
import { computeCluster } from '../../shared/cluster/compute';
import { parseSizingSpec } from '../../shared/schema/sizing';
import { runSearch } from '../../shared/sizing/run';
import { small } from './fixtures/sizing-specs';
import { migratePlanObject } from '../../shared/schema/migrations';
import { PRICE_FIELD, resolveField } from '../../renderer/src/plans/fields';

const FIGURES = [
  'onDemandUsdPerDeviceHour',
  'committedUsdPerDeviceHour',
  'purchaseUsdPerDevice',
  'purchaseUsdPerNode',
] as const;
const mine = (systemId: string, usd: number): PriceBook =>
  parsePriceBook({
    schemaVersion: 1,
    kind: 'cluster-planner-price-book',
    entries: [
      {
        systemId,
        onDemandUsdPerDeviceHour: { value: usd, source: 'my quote, 2026-12' },
        committedUsdPerDeviceHour: { value: null, note: 'not asked' },
        purchaseUsdPerDevice: { value: null, note: 'not asked' },
        purchaseUsdPerNode: { value: 123_456, source: 'my quote, 2026-12' },
        date: '2026-12',
      },
    ],
  });

describe('the price book', () => {
  const book = presetPriceBook();
  const docs = new Map(sourceRegistry().documents.map((d) => [d.id, d]));

  it('has an entry for every system preset, each figure sourced and dated or unknown with a note', () => {
    expect(book.entries.map((e) => e.systemId).sort()).toEqual(
      systemPresets()
        .map((s) => s.id)
        .sort(),
    );
    for (const e of book.entries)
      for (const k of FIGURES) {
        const f = e[k];
        if (f.value === null) expect(f.note ?? f.source, `${e.systemId}.${k}`).toBeTruthy();
        // A preset's configuration choice (parts added up), flagged and explained, not a quoted price.
        else if (f.assumption) expect(f.note, `${e.systemId}.${k}`).toMatch(/assumed/);
        else {
          const cites = citationsOf(f.source);
          expect(cites.length, `${e.systemId}.${k}`).toBeGreaterThan(0);
          for (const c of cites) {
            const d = docs.get(c.doc);
            expect(d?.url, `${e.systemId}.${k}: ${c.doc}`).toMatch(/^https:\/\//);
            // Dated: the document's own date, or the entry's (a shop page without one), and when it was checked.
            expect(/^\d{4}/.test(d?.date ?? '') || /^\d{4}/.test(e.date), `${e.systemId}.${k}`).toBe(true);
            expect(d?.checked, `${e.systemId}.${k}: ${c.doc}`).toMatch(/^\d{4}-\d{2}/);
          }
        }
      }
  });

  it('the systems compared in the examples have a rental price where a source gives one', () => {
    for (const id of ['hgx-h100', 'hgx-h200', 'hgx-h800', 'dgx-b200', 'gb200-nvl72'])
      expect(priceFor(id, book)?.onDemandUsdPerDeviceHour.value, id).toBeGreaterThan(0);
  });

  it('refuses a figure without a source, a date in another form, a system listed twice', () => {
    const e = { ...book.entries[0]!, onDemandUsdPerDeviceHour: { value: 2 } };
    expect(() => parsePriceBook({ ...book, entries: [e] })).toThrow(/onDemandUsdPerDeviceHour\.source/);
    expect(() => parsePriceBook({ ...book, entries: [{ ...book.entries[0]!, date: 'May 2026' }] })).toThrow(/date/);
    expect(() => parsePriceBook({ ...book, entries: [book.entries[0]!, book.entries[0]!] })).toThrow(/twice/);
  });

  it("the user's figure prices a plan, the search and a cluster; the presets' stay for the rest", () => {
    const base = presetCatalog();
    const catalog = { ...base, prices: [mine('hgx-h100', 9.99), ...(base.prices ?? [])] };
    const plan = findPlan('llama-3.1-8b-h100')!;
    expect(deviceHourCost(plan, resolvePlan(plan, catalog).accelerator).usdPerDeviceHour).toBe(9.99);
    expect(deviceHourCost(plan, resolvePlan(plan, base).accelerator).usdPerDeviceHour).toBe(3.5);
    const spec = parseSizingSpec({ ...small, constraints: { ...small.constraints, systems: ['hgx-h100'] } });
    const r = runSearch(spec, catalog, { topN: 3 });
    expect(r.best!.metrics.usdPerHour).toBeCloseTo(9.99 * r.best!.metrics.devices, 9);
    const cluster = {
      ...findCluster('h200-1024-rail-optimised')!,
      node: { systemId: 'hgx-h100', count: 4, rackUnits: 8 },
    };
    const node = computeCluster(cluster, catalog).bom.find((l) => l.id === 'nodes')!;
    expect(node.unitUSD.value).toBe(123_456);
  });

  it('a system with no price stays in the search, ranked after the priced ones by devices, with no $', () => {
    const spec = parseSizingSpec({
      ...small,
      constraints: { ...small.constraints, systems: ['hgx-h100', 'mi300x-8'] },
    });
    const r = runSearch(spec, presetCatalog(), { topN: 20 });
    const unpriced = r.top.filter((e) => e.cand.systemId === 'mi300x-8');
    expect(unpriced.length).toBeGreaterThan(0);
    for (const e of unpriced) {
      expect(e.verdict.usdPerHour).toBeNull();
      expect(e.verdict.usdPerMOutput).toBeNull();
    }
    const devices = unpriced.map((e) => e.verdict.devicesTotal);
    expect(devices).toEqual([...devices].sort((a, b) => a - b));
  });
});

describe('the plan picks its rental term and buys at the book’s price', () => {
  const base = presetCatalog();
  const plan = findPlan('llama-3.1-8b-h100')!;
  const committedBook = parsePriceBook({
    schemaVersion: 1,
    kind: 'cluster-planner-price-book',
    entries: [
      {
        systemId: 'hgx-h100',
        onDemandUsdPerDeviceHour: { value: null, note: 'not asked' },
        committedUsdPerDeviceHour: { value: 1.85, source: 'my three-year quote, 2026-12' },
        purchaseUsdPerDevice: { value: null, note: 'not asked' },
        purchaseUsdPerNode: { value: null, note: 'not asked' },
        date: '2026-12',
      },
    ],
  });
  const cost = (p: typeof plan, catalog = base) => deviceHourCost(p, resolvePlan(p, catalog).accelerator);

  it('a committed term reads the book’s committed rate, on demand its on-demand one', () => {
    const catalog = { ...base, prices: [committedBook, ...(base.prices ?? [])] };
    const committed = {
      ...plan,
      prices: { mode: 'hourly' as const, usdPerDeviceHour: null, rate: 'committed' as const },
    };
    expect(cost(committed, catalog).usdPerDeviceHour).toBe(1.85);
    expect(cost(committed, catalog).trace.inputs[0]!.value).toMatch(/three-year quote/);
    expect(cost(plan, catalog).usdPerDeviceHour).toBe(3.5);
  });

  it('a search on a committed term prices systems at the book’s committed rate, and its plans say so', () => {
    const catalog = { ...base, prices: [committedBook, ...(base.prices ?? [])] };
    const spec = parseSizingSpec({
      ...small,
      constraints: { ...small.constraints, systems: ['hgx-h100'], rentalTerm: 'committed' },
    });
    const r = runSearch(spec, catalog, { topN: 3 });
    expect(r.best!.metrics.usdPerHour).toBeCloseTo(1.85 * r.best!.metrics.devices, 9);
    expect(r.best!.plan.prices).toMatchObject({ mode: 'hourly', rate: 'committed', usdPerDeviceHour: 1.85 });
    // On demand (the default) the same search pays the book's on-demand rate.
    const onDemand = runSearch(
      parseSizingSpec({ ...small, constraints: { ...small.constraints, systems: ['hgx-h100'] } }),
      catalog,
      { topN: 3 },
    );
    expect(onDemand.best!.metrics.usdPerHour).toBeCloseTo(3.5 * onDemand.best!.metrics.devices, 9);
  });

  it('a committed term without a committed rate has no price, and says where to enter one', () => {
    const committed = {
      ...plan,
      prices: { mode: 'hourly' as const, usdPerDeviceHour: null, rate: 'committed' as const },
    };
    const c = cost(committed);
    expect(c.usdPerDeviceHour).toBeNull();
    expect(c.trace.note).toMatch(/no committed rate known for h100-sxm.*price book/);
  });

  it('ownership without a purchase price of its own buys at the book’s purchase price', () => {
    const parsed = migratePlanObject({
      ...plan,
      prices: { mode: 'ownership', amortisationYears: 4, powerUsdPerKWh: 0, pue: 1.2 },
    });
    expect(parsed.prices).toMatchObject({ mode: 'ownership', purchaseUsdPerDevice: null });
    // The book's HGX H100 purchase price per device ÷ (4 years × 8,760 h), no power at $0/kWh.
    expect(cost(parsed).usdPerDeviceHour).toBeCloseTo(35_625 / (4 * 8_760), 9);
    expect(cost(parsed).trace.inputs.find((i) => i.name === 'purchase price from')!.value).toMatch(
      /mercatus|H100 server/i,
    );
  });
});

describe('the plan editor’s empty price says what it stands for', () => {
  it('the price book’s rate for the plan’s system at its term, or that none is known', () => {
    const catalog = presetCatalog();
    const plan = findPlan('llama-3.1-8b-h100')!;
    const shown = (p: typeof plan) => resolveField(PRICE_FIELD, p, catalog)!.placeholder;
    expect(shown({ ...plan, prices: { mode: 'hourly', usdPerDeviceHour: null, rate: 'on-demand' } })).toBe(
      '3.5 (price book)',
    );
    expect(shown({ ...plan, prices: { mode: 'hourly', usdPerDeviceHour: null, rate: 'committed' } })).toBe(
      'no price known',
    );
    expect(
      shown({ ...plan, systemId: 'hgx-a100', prices: { mode: 'hourly', usdPerDeviceHour: null, rate: 'on-demand' } }),
    ).toBe('1.79 (price book)');
  });
});
