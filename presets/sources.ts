/**
 * The bundled sources registry (`presets/sources.json`) and what cites each document: every
 * preset file (hardware, systems, models, plans, calibration) and every validation case. Parsed
 * once, lazily; a bad registry throws naming the field (the unit tests catch it before it ships).
 */
import { KERNEL_PROFILES } from './kernels/manifest';
import { citationsOf, type AnySource } from '../shared/source';
import {
  checkedOn,
  collectCitations,
  parseRegistry,
  presetCheckedOn,
  sourceText,
  withResolvedSources,
  type SourceDocument,
  type SourceRegistry,
} from '../shared/sources/registry';
import { VALIDATION_CASES } from '../shared/validation/cases';
import { ENGINE_CITATIONS } from './engine-citations';
import {
  ACCELERATOR_PRESETS_RAW,
  CALIBRATION_PRESETS_RAW,
  CLUSTER_PRESETS_RAW,
  MODEL_PRESETS_RAW,
  PLAN_PRESETS_RAW,
  SYSTEM_PRESETS_RAW,
} from './index';
import PRICES_RAW from './prices.json';
import SOURCES_RAW from './sources.json';

let registry: SourceRegistry | null = null;

export function sourceRegistry(): SourceRegistry {
  registry ??= parseRegistry(SOURCES_RAW);
  return registry;
}

/** A provenance value as readable text (citations resolved against the bundled registry). */
export const citeText = (src: AnySource | undefined | null): string => sourceText(src, sourceRegistry());

/** Oldest `checked` date of the documents a value cites. */
export const citeCheckedOn = (src: AnySource | undefined | null): string | undefined =>
  checkedOn(src, sourceRegistry());

/** Oldest `checked` date of every document a whole preset cites (its "checked on"). */
export const presetChecked = (preset: unknown): string | undefined => presetCheckedOn(preset, sourceRegistry());

export type CitingKind =
  'hardware' | 'system' | 'model' | 'plan' | 'calibration' | 'cluster' | 'validation' | 'kernels' | 'price' | 'engine';

export interface CitingItem {
  kind: CitingKind;
  id: string;
  name: string;
  /** Where inside the item, e.g. "memoryBandwidthBytesPerS.source". */
  path: string;
  at: string;
}

const GROUPS: Array<[CitingKind, readonly unknown[]]> = [
  ['hardware', ACCELERATOR_PRESETS_RAW],
  ['system', SYSTEM_PRESETS_RAW],
  ['model', MODEL_PRESETS_RAW],
  ['plan', PLAN_PRESETS_RAW],
  ['calibration', CALIBRATION_PRESETS_RAW],
  ['cluster', CLUSTER_PRESETS_RAW],
  // The price book: one item per system it prices.
  ['price', (PRICES_RAW as { entries: Array<{ systemId: string }> }).entries.map((e) => ({ ...e, id: e.systemId }))],
];

let index: Map<string, CitingItem[]> | null = null;

/** For every document id, the presets and validation cases that cite it (and where). */
export function citationIndex(): ReadonlyMap<string, CitingItem[]> {
  if (index) return index;
  const m = new Map<string, CitingItem[]>();
  const add = (doc: string, item: CitingItem): void => {
    const list = m.get(doc) ?? [];
    list.push(item);
    m.set(doc, list);
  };
  for (const [kind, raws] of GROUPS)
    for (const raw of raws) {
      const r = raw as { id?: string; name?: string };
      for (const f of collectCitations(raw))
        add(f.citation.doc, { kind, id: r.id ?? '?', name: r.name ?? r.id ?? '?', path: f.path, at: f.citation.at });
    }
  for (const k of KERNEL_PROFILES)
    add(k.source.doc, {
      kind: 'kernels',
      id: k.id,
      name: `${k.device}, ${k.stack} ${k.version}`,
      path: 'source',
      at: k.source.at,
    });
  for (const e of ENGINE_CITATIONS)
    for (const cite of e.cites) add(cite.doc, { kind: 'engine', id: e.id, name: e.name, path: 'module', at: cite.at });
  for (const c of VALIDATION_CASES)
    for (const cite of citationsOf(c.source))
      add(cite.doc, { kind: 'validation', id: c.id, name: c.description, path: 'source', at: cite.at });
  index = m;
  return m;
}

/** Documents cited by at least one item, with their citing items, in registry order. */
export function documentsWithCitations(): Array<{ doc: SourceDocument; citedBy: CitingItem[] }> {
  const idx = citationIndex();
  return sourceRegistry().documents.map((doc) => ({ doc, citedBy: idx.get(doc.id) ?? [] }));
}

/** A preset with every `source` resolved to citation text (CLI JSON output). */
export const resolvedSources = <T>(value: T): T => withResolvedSources(value, sourceRegistry());
