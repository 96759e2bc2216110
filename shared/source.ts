/**
 * Provenance shared by every preset: where a number or a whole preset came from.
 *
 * A bundled preset cites documents of the sources registry (`presets/sources.json`) by id plus a
 * locator inside the document: `{ "doc": "nvidia-h100-datasheet", "at": "Table 1" }`, or a list of
 * such citations when several documents state the figure. Free text is accepted only for data a
 * user typed or imported (their own presets, imported config.json files): the registry does not
 * know their documents. The registry itself and the functions that turn a citation into readable
 * text live in `shared/sources/registry.ts`.
 */
import { z } from 'zod';

/** Registry document ids: lower-case letters, digits, dots and dashes. */
export const DOC_ID = /^[a-z0-9][a-z0-9.-]*$/;

/** One document of the registry plus where in it the figure is (table, section, page, figure). */
export const Citation = z
  .object({
    doc: z.string().regex(DOC_ID, 'doc must be a sources-registry id (lower-case, digits, dots, dashes)').max(100),
    at: z.string().min(1, 'at must say where in the document (table, section, page)').max(300),
  })
  .strict();
export type Citation = z.infer<typeof Citation>;

/** A number's source: one citation, several, or (user data only) free text. */
export const SourceField = z.union([
  Citation,
  z.array(Citation).min(1, 'a citation list needs at least one citation').max(8),
  z.string().min(2, 'source must name a document').max(2000),
]);
export type SourceField = z.infer<typeof SourceField>;

/** The older free-form provenance object, still accepted for user models and imported configs. */
export const LegacySourceRef = z.object({
  /** Document, table and date, e.g. "DeepSeek-V3 config.json (Hugging Face deepseek-ai/DeepSeek-V3, 2024-12)". */
  title: z.string().min(3, 'source.title must name the document'),
  url: z.string().url().optional(),
  date: z.string().optional(),
});
export type LegacySourceRef = z.infer<typeof LegacySourceRef>;

/** Provenance of a whole preset (a model): registry citations, or the legacy object for user data. */
export const SourceRef = z.union([Citation, z.array(Citation).min(1).max(8), LegacySourceRef]);
export type SourceRef = z.infer<typeof SourceRef>;

/** Any provenance value the schemas accept. */
export type AnySource = SourceField | SourceRef;

/** The registry citations inside a provenance value (none for free text or a legacy object). */
export function citationsOf(src: AnySource | undefined | null): Citation[] {
  if (!src || typeof src === 'string') return [];
  if (Array.isArray(src)) return src;
  return 'doc' in src ? [src] : [];
}

/** Free text of a provenance value that is not a registry citation (user data), else undefined. */
export function freeTextOf(src: AnySource | undefined | null): string | undefined {
  if (!src) return undefined;
  if (typeof src === 'string') return src;
  if (Array.isArray(src)) return undefined;
  if ('title' in src) return [src.title, src.date, src.url].filter(Boolean).join(', ');
  return undefined;
}

/** Formats a zod error as "field.path: message; …" so every message names its field. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return `${path || '(root)'}: ${i.message}`;
    })
    .join('; ');
}
