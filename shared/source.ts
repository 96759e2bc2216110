/**
 * Provenance shared by every preset: where a number or a whole preset came from.
 */
import { z } from 'zod';

export const SourceRef = z.object({
  /** Document, table and date, e.g. "DeepSeek-V3 config.json (Hugging Face deepseek-ai/DeepSeek-V3, 2024-12)". */
  title: z.string().min(3, 'source.title must name the document'),
  url: z.string().url().optional(),
  date: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** Formats a zod error as "field.path: message; …" so every message names its field. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return `${path || '(root)'}: ${i.message}`;
    })
    .join('; ');
}
