/**
 * The price book, edited in one place: every system's rental (on demand, committed) and purchase
 * prices (per device, per node), the presets' figures with their sources, and the user's own
 * figures over them. Plans, the search, clusters and RL runs use the result (a plan, a sizing spec
 * or a cluster may still give its own figure). An empty field falls back to the presets' figure.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { presetPriceBook, systemPresets } from '@presets/load';
import { parsePriceBook, priceFor, type PriceBook, type PriceEntry } from '@shared/schema/prices';
import type { Sourced } from '@shared/schema/hardware';
import { formatUsd } from '@shared/units';
import { useStatus } from '../app/status';
import { Cite } from '../components/Cite';
import { db } from '../db/db';
import { writeSetting } from '../db/writes';
import { PRICE_BOOK_KEY } from '../engine/client';

type Figure = 'onDemandUsdPerDeviceHour' | 'committedUsdPerDeviceHour' | 'purchaseUsdPerDevice' | 'purchaseUsdPerNode';

/** The book's columns: figure, heading, unit. */
const COLUMNS: Array<[Figure, string, string]> = [
  ['onDemandUsdPerDeviceHour', 'On demand', '$ / device-hour'],
  ['committedUsdPerDeviceHour', 'Committed', '$ / device-hour'],
  ['purchaseUsdPerDevice', 'Purchase', '$ / device'],
  ['purchaseUsdPerNode', 'Purchase', '$ / node'],
];

const NOT_SET: Sourced = { value: null, note: 'not set: the presets’ figure applies' };
const today = (): string => new Date().toISOString().slice(0, 10);

function emptyEntry(systemId: string): PriceEntry {
  return {
    systemId,
    onDemandUsdPerDeviceHour: NOT_SET,
    committedUsdPerDeviceHour: NOT_SET,
    purchaseUsdPerDevice: NOT_SET,
    purchaseUsdPerNode: NOT_SET,
    date: today(),
  };
}

/** The user's book with one figure set (a number) or cleared (null); entries left with no figure are dropped. */
export function withFigure(book: PriceBook | null, systemId: string, k: Figure, v: number | null): PriceBook {
  const entries = book?.entries ?? [];
  const cur = entries.find((e) => e.systemId === systemId) ?? emptyEntry(systemId);
  const next: PriceEntry = {
    ...cur,
    [k]: v === null ? NOT_SET : { value: v, source: `your price book, ${today()}` },
    date: today(),
  };
  const keep = (e: PriceEntry): boolean => COLUMNS.some(([f]) => e[f].value !== null);
  const rest = entries.filter((e) => e.systemId !== systemId);
  return parsePriceBook({
    schemaVersion: 1,
    kind: 'cluster-planner-price-book',
    entries: keep(next) ? [...rest, next] : rest,
  });
}

function PresetFigure({ f }: { f: Sourced }) {
  return (
    <Cite source={f.source} note={f.note} unverified={f.unverified} assumption={f.assumption}>
      {f.value === null ? <span className="muted">unknown</span> : formatUsd(f.value)}
    </Cite>
  );
}

function FigureCell(p: { systemId: string; k: Figure; mine: Sourced | undefined; onSet: (v: number | null) => void }) {
  const [text, setText] = useState(p.mine?.value == null ? '' : String(p.mine.value));
  const [err, setErr] = useState<string | null>(null);
  const label = `${p.systemId} ${COLUMNS.find(([f]) => f === p.k)![1]} ${COLUMNS.find(([f]) => f === p.k)![2]}`;
  return (
    <>
      <input
        className="price-input"
        inputMode="decimal"
        aria-label={`Your ${label}`}
        data-field={`prices.${p.systemId}.${p.k}`}
        value={text}
        placeholder="preset"
        aria-invalid={err ? 'true' : undefined}
        onChange={(e) => {
          const t = e.target.value.trim();
          setText(e.target.value);
          if (t === '') {
            setErr(null);
            return p.onSet(null);
          }
          const n = Number(t.replace(/,/g, ''));
          if (!Number.isFinite(n) || n <= 0) return setErr(`${label}: "${t}" is not a positive number`);
          setErr(null);
          p.onSet(n);
        }}
      />
      {p.mine?.value != null && <span className="badge warn">edited</span>}
      {err && (
        <span className="error" role="alert">
          {err}
        </span>
      )}
    </>
  );
}

export function PriceBookEditor() {
  const status = useStatus();
  const preset = presetPriceBook();
  // null: no book of the user's yet (undefined while the query runs).
  const stored = useLiveQuery(async () => (await db.settings.get(PRICE_BOOK_KEY)) ?? null, []);
  const mine = useMemo(() => (stored?.value as PriceBook | undefined) ?? null, [stored]);
  const [q, setQ] = useState('');
  const systems = systemPresets().filter((s) => `${s.name} ${s.id}`.toLowerCase().includes(q.toLowerCase()));
  const set = (systemId: string, k: Figure, v: number | null): void => {
    try {
      void writeSetting(PRICE_BOOK_KEY, withFigure(mine, systemId, k, v));
    } catch (e) {
      status.show({ kind: 'error', text: (e as Error).message });
    }
  };
  if (stored === undefined) return <p className="muted">Loading…</p>;
  return (
    <section data-testid="price-book">
      <h2>Price book</h2>
      <p className="muted">
        What each system costs to rent and to buy. The presets’ figures come with their sources (hover a price); type
        your own to use it everywhere (plans, the search, clusters, RL runs); empty uses the presets’ figure. A plan, a
        sizing spec or a cluster can still give its own.
      </p>
      <input
        type="search"
        placeholder="Filter systems…"
        aria-label="Filter the price book"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <div className="table-scroll">
        <table className="data price-book">
          <thead>
            <tr>
              <th>System</th>
              {COLUMNS.map(([k, h, unit]) => (
                <th key={k} className="num">
                  {h} <span className="unit">({unit})</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {systems.map((s) => {
              const pre = priceFor(s.id, preset);
              const own = mine?.entries.find((e) => e.systemId === s.id);
              return (
                <tr key={s.id} data-system={s.id}>
                  <td>{s.name}</td>
                  {COLUMNS.map(([k]) => (
                    <td key={k} className="num">
                      {pre ? <PresetFigure f={pre[k]} /> : <span className="muted">unknown</span>}
                      <FigureCell systemId={s.id} k={k} mine={own?.[k]} onSet={(v) => set(s.id, k, v)} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
