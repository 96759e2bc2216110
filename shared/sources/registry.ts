/**
 * The sources registry: every document a preset, validation case, calibration profile or default
 * efficiency cites, listed once (`presets/sources.json`), and the functions that turn a citation
 * (`{ doc, at }`) into text a reader can follow: who published it, its title, date, the locator and
 * a link (URL, arXiv id, ISBN, or a file of this repository).
 *
 * `checked` is the date someone last compared the cited figures with the document; `checkNote`
 * says how when it was not the document itself (for example a quoted copy of a vendor table).
 * Freshness: a preset is as fresh as the oldest document it cites (`checkedOn`).
 */
import { z } from 'zod';
import { citationsOf, describeIssues, DOC_ID, type AnySource, type Citation } from '../source';

/** Publication date: YYYY, YYYY-MM or YYYY-MM-DD, or "n.d." for an undated web page (never guessed). */
const DATE = /^(\d{4}(-\d{2}(-\d{2})?)?|n\.d\.)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const DOCUMENT_KINDS = [
  'datasheet',
  'product-page',
  'whitepaper',
  'paper',
  'documentation',
  'blog',
  'repository-file',
  'compilation',
  'press',
  'forum',
  'measurement',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Kinds written by someone other than the maker of the thing measured: their figures need care. */
export const THIRD_PARTY_KINDS: readonly DocumentKind[] = ['compilation', 'press', 'forum'];

export const SourceDocument = z
  .object({
    id: z.string().regex(DOC_ID, 'id must be lower-case letters, digits, dots and dashes').max(100),
    title: z.string().min(3, 'title must name the document').max(300),
    authors: z.array(z.string().min(1).max(200)).min(1).max(60).optional(),
    publisher: z.string().min(1).max(200).optional(),
    date: z.string().regex(DATE, 'date must be YYYY, YYYY-MM or YYYY-MM-DD, or n.d. for an undated page'),
    url: z
      .string()
      .url('url must be a full URL')
      .refine((u) => u.startsWith('https://'), 'url must use https')
      .optional(),
    arxiv: z
      .string()
      .regex(/^\d{4}\.\d{4,5}$/, 'arxiv must be an arXiv id like 2412.19437')
      .optional(),
    isbn: z
      .string()
      .regex(/^(97[89])?\d{9}[\dX]$/, 'isbn must be 10 or 13 digits without dashes')
      .optional(),
    /** A file of this repository (relative to its root), for documents the project wrote itself. */
    path: z
      .string()
      .regex(/^[A-Za-z0-9_.][A-Za-z0-9_./-]*$/, 'path must be relative to the repository root')
      .refine((p) => !p.split('/').includes('..'), 'path must stay inside the repository')
      .optional(),
    kind: z.enum(DOCUMENT_KINDS),
    checked: z.string().regex(DAY, 'checked must be a date YYYY-MM-DD'),
    checkNote: z.string().min(3).max(600).optional(),
    note: z.string().min(3).max(1000).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (!d.authors && !d.publisher)
      ctx.addIssue({ code: 'custom', path: ['publisher'], message: 'a document needs authors or a publisher' });
    if (!d.url && !d.arxiv && !d.isbn && !d.path)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a document needs a url, arxiv id, isbn or path' });
  });
export type SourceDocument = z.infer<typeof SourceDocument>;

export const SourceRegistryFile = z
  .object({
    schemaVersion: z.literal(1),
    /** Where the registry itself comes from: it cites nothing else; each entry names its own document. */
    source: z.string().min(10).max(500).optional(),
    documents: z.array(SourceDocument).min(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.documents.forEach((d, i) => {
      if (seen.has(d.id))
        ctx.addIssue({ code: 'custom', path: ['documents', i, 'id'], message: `duplicate document id "${d.id}"` });
      seen.add(d.id);
    });
  });

export interface SourceRegistry {
  readonly documents: readonly SourceDocument[];
  readonly byId: ReadonlyMap<string, SourceDocument>;
}

export function parseRegistry(raw: unknown, label = 'presets/sources.json'): SourceRegistry {
  const r = SourceRegistryFile.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${describeIssues(r.error)}`);
  return { documents: r.data.documents, byId: new Map(r.data.documents.map((d) => [d.id, d])) };
}

/** Where a reader opens the document: its URL, its arXiv page, or nothing (ISBN, repository file). */
export function documentLink(d: SourceDocument): string | undefined {
  if (d.url) return d.url;
  if (d.arxiv) return `https://arxiv.org/abs/${d.arxiv}`;
  return undefined;
}

/** "NVIDIA", or "Liu et al." for papers with many authors. */
export function documentAuthor(d: SourceDocument): string {
  if (d.authors && d.authors.length > 0) {
    const first = d.authors[0]!;
    const lead = d.authors.length > 2 ? `${first} et al.` : d.authors.join(' and ');
    return d.publisher ? `${lead} (${d.publisher})` : lead;
  }
  return d.publisher ?? '';
}

/** Bibliography entry: 'NVIDIA. "H100 Tensor Core GPU Datasheet". 2023. https://…'. */
export function formatDocument(d: SourceDocument): string {
  const where = documentLink(d) ?? (d.isbn ? `ISBN ${d.isbn}` : d.path ? `this repository: ${d.path}` : '');
  const arxiv = d.arxiv && d.url ? ` arXiv:${d.arxiv}.` : '';
  return `${documentAuthor(d)}. "${d.title}". ${d.date}.${arxiv} ${where}`.trim();
}

/** One citation as readable text, e.g. 'NVIDIA, "H100 … Datasheet" (2023), Table 1. https://…'. */
export function formatCitation(c: Citation, reg: SourceRegistry): string {
  const d = reg.byId.get(c.doc);
  if (!d) return `[unknown source "${c.doc}"], ${c.at}`;
  const where = documentLink(d) ?? (d.isbn ? `ISBN ${d.isbn}` : d.path ? `this repository: ${d.path}` : '');
  return `${documentAuthor(d)}, "${d.title}" (${d.date}), ${c.at}. ${where}`.trim();
}

/** Any provenance value as text: citations joined by "; ", free text as it is, '' when absent. */
export function sourceText(src: AnySource | undefined | null, reg: SourceRegistry): string {
  if (src === undefined || src === null) return '';
  if (typeof src === 'string') return src;
  const cites = citationsOf(src);
  if (cites.length > 0) return cites.map((c) => formatCitation(c, reg)).join('; ');
  return 'title' in src ? [src.title, src.date, src.url].filter(Boolean).join(', ') : '';
}

/** A short label without the registry ("h100-datasheet, Table 1"), for engine traces. */
export function sourceLabel(src: AnySource | undefined | null): string {
  if (src === undefined || src === null) return 'no source';
  if (typeof src === 'string') return src;
  const cites = citationsOf(src);
  if (cites.length > 0) return cites.map((c) => `${c.doc}, ${c.at}`).join('; ');
  return 'title' in src ? src.title : 'no source';
}

/** The oldest `checked` date among the documents a value cites (undefined when none resolve). */
export function checkedOn(src: AnySource | undefined | null, reg: SourceRegistry): string | undefined {
  const dates = citationsOf(src)
    .map((c) => reg.byId.get(c.doc)?.checked)
    .filter((d): d is string => d !== undefined)
    .sort();
  return dates[0];
}

export interface FoundCitation {
  /** JSON path inside the object, e.g. "peakFlopsPerS.bf16.source". */
  path: string;
  citation: Citation;
}

const isCitation = (v: unknown): v is Citation =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as Citation).doc === 'string' &&
  typeof (v as Citation).at === 'string';

/** Every citation anywhere inside a JSON value (a preset file, a validation case). */
export function collectCitations(value: unknown, path = ''): FoundCitation[] {
  if (isCitation(value)) return [{ path, citation: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => collectCitations(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => collectCitations(v, path ? `${path}.${k}` : k));
  return [];
}

/** The oldest `checked` date of every document cited anywhere inside a preset. */
export function presetCheckedOn(preset: unknown, reg: SourceRegistry): string | undefined {
  return collectCitations(preset)
    .map((f) => reg.byId.get(f.citation.doc)?.checked)
    .filter((d): d is string => d !== undefined)
    .sort()[0];
}

/** True when `date` (YYYY-MM-DD) lies more than `months` calendar months before `now`. */
export function isOlderThanMonths(date: string, months: number, now: Date): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const limit = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
  return Date.UTC(y, (m ?? 1) - 1, d ?? 1) < limit.getTime();
}

/**
 * A deep copy of a preset in which every `source` field is the resolved citation text (the CLI's
 * JSON contract: `{ value, source }` with `source` a string).
 */
export function withResolvedSources<T>(value: T, reg: SourceRegistry): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, k === 'source' ? sourceText(x as AnySource, reg) : walk(x)]),
    );
  };
  return walk(value) as T;
}

/** The documents cited anywhere inside `values` (presets, a plan), once each, in order of first citation. */
export function bibliography(
  values: readonly unknown[],
  reg: SourceRegistry,
  extraDocIds: readonly string[] = [],
): SourceDocument[] {
  const ids: string[] = [];
  for (const v of values)
    for (const f of collectCitations(v)) if (!ids.includes(f.citation.doc)) ids.push(f.citation.doc);
  for (const id of extraDocIds) if (!ids.includes(id)) ids.push(id);
  return ids.map((id) => reg.byId.get(id)).filter((d): d is SourceDocument => d !== undefined);
}
