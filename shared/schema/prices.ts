/**
 * The price book: what a device of each system costs to rent (on demand and on a committed term,
 * $ per device-hour) and to buy (per device and per node), every figure with its source and date
 * or null with a note saying why it is unknown. The presets ship one (presets/prices.json); the
 * user's entries (Hardware page → Price book) override it figure by figure. Plans, the search,
 * clusters and RL runs price a system from the book unless a plan, a spec or a cluster gives its
 * own figure.
 */
import { z } from 'zod';
import { describeIssues } from '../source';
import { checkTree } from './migrations';
import type { Catalog } from './catalog';
import { sourcedIn, type Accelerator, type Sourced, type SystemSpec } from './hardware';

export const PRICE_BOOK_SCHEMA_VERSION = 1;

const usdPerHour = sourcedIn(0.001, 1e4, 'USD per device-hour');
const usd = sourcedIn(1, 1e9, 'USD');

export const PriceEntry = z.object({
  /** The system preset (or user system) these prices are for. */
  systemId: z.string().min(1).max(100),
  onDemandUsdPerDeviceHour: usdPerHour,
  /** A committed-use rate (a one- to three-year reservation), $ per device-hour. */
  committedUsdPerDeviceHour: usdPerHour,
  purchaseUsdPerDevice: usd,
  /** A whole node (server, rack or supernode unit as the system preset defines it). */
  purchaseUsdPerNode: usd,
  /** When the figures were read (YYYY-MM or YYYY-MM-DD): prices move. */
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'date must be YYYY-MM or YYYY-MM-DD'),
});
export type PriceEntry = z.infer<typeof PriceEntry>;

export const PriceBook = z
  .object({
    schemaVersion: z.literal(PRICE_BOOK_SCHEMA_VERSION),
    kind: z.literal('cluster-planner-price-book'),
    entries: z.array(PriceEntry).max(10_000),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.entries.forEach((e, i) => {
      if (seen.has(e.systemId))
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'systemId'], message: `${e.systemId} is listed twice` });
      seen.add(e.systemId);
    });
  });
export type PriceBook = z.infer<typeof PriceBook>;

export function parsePriceBook(raw: unknown, label = 'price book'): PriceBook {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${label}: (root): must be an object`);
  checkTree(raw, '', 0);
  const r = PriceBook.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${describeIssues(r.error)}`);
  return r.data;
}

/** The figures a price book gives a system, the user's own over the presets' (a null figure does not hide a known one). */
export function priceFor(systemId: string, ...books: ReadonlyArray<PriceBook | undefined>): PriceEntry | undefined {
  const found = books.flatMap((b) => b?.entries.filter((e) => e.systemId === systemId) ?? []);
  if (found.length === 0) return undefined;
  const pick = (k: keyof Omit<PriceEntry, 'systemId' | 'date'>): Sourced =>
    found.find((e) => e[k].value !== null)?.[k] ?? found[0]![k];
  return {
    systemId,
    onDemandUsdPerDeviceHour: pick('onDemandUsdPerDeviceHour'),
    committedUsdPerDeviceHour: pick('committedUsdPerDeviceHour'),
    purchaseUsdPerDevice: pick('purchaseUsdPerDevice'),
    purchaseUsdPerNode: pick('purchaseUsdPerNode'),
    date: found[0]!.date,
  };
}

/** The catalog's book entry for a system (undefined when no book lists it). */
export const bookEntry = (catalog: Pick<Catalog, 'prices'>, systemId: string): PriceEntry | undefined =>
  priceFor(systemId, ...(catalog.prices ?? []));

const known = (s: Sourced): boolean => s.value !== null;

const PRICED_ACC = new WeakMap<readonly PriceBook[], Map<string, Accelerator>>();
const PRICED_SYS = new WeakMap<readonly PriceBook[], Map<string, SystemSpec>>();

function memo<T>(
  cache: WeakMap<readonly PriceBook[], Map<string, T>>,
  books: readonly PriceBook[],
  key: string,
  make: () => T,
): T {
  let m = cache.get(books);
  if (!m) cache.set(books, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = make()));
  return v;
}

/**
 * The accelerator as a system prices it: the book's on-demand rate as its hourly price, its
 * committed rate and its per-device purchase price, where the book knows them (the same object
 * when nothing changes).
 */
export function pricedAccelerator(acc: Accelerator, systemId: string, catalog: Pick<Catalog, 'prices'>): Accelerator {
  const books = catalog.prices;
  if (!books?.length) return acc;
  return memo(PRICED_ACC, books, `${systemId}|${acc.id}`, () => {
    const e = bookEntry(catalog, systemId);
    if (!e || ![e.onDemandUsdPerDeviceHour, e.committedUsdPerDeviceHour, e.purchaseUsdPerDevice].some(known))
      return acc;
    return {
      ...acc,
      price: {
        ...acc.price,
        hourlyUSD: known(e.onDemandUsdPerDeviceHour) ? e.onDemandUsdPerDeviceHour : acc.price.hourlyUSD,
        purchaseUSD: known(e.purchaseUsdPerDevice) ? e.purchaseUsdPerDevice : acc.price.purchaseUSD,
        ...(known(e.committedUsdPerDeviceHour) ? { committedHourlyUSD: e.committedUsdPerDeviceHour } : {}),
      },
    };
  });
}

/** The system with the book's price per node (system unit), where the book knows it. */
export function pricedSystem(sys: SystemSpec, catalog: Pick<Catalog, 'prices'>): SystemSpec {
  const books = catalog.prices;
  if (!books?.length) return sys;
  return memo(PRICED_SYS, books, sys.id, () => {
    const e = bookEntry(catalog, sys.id);
    return e && known(e.purchaseUsdPerNode) ? { ...sys, purchaseUSD: e.purchaseUsdPerNode } : sys;
  });
}
