/**
 * The typed contract between the Electron main process, the preload bridge and the renderer.
 *
 * Channels are named `noun:verb`. Every request payload has a zod schema that the main process
 * applies before doing anything (`electron/main/handlers.ts`); the preload exposes one named
 * function per capability (`Platform` in `renderer/src/platform/platform.ts` is its shape).
 */
import { z } from 'zod';

/** Largest file the app reads or writes through the bridge: plan and workspace files are JSON. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export const SaveFileRequest = z.object({
  suggestedName: z
    .string()
    .min(1, 'suggestedName is empty')
    .max(255, 'suggestedName is longer than 255 characters')
    .refine((s) => !/[\\/]/.test(s), 'suggestedName must be a file name, not a path'),
  contents: z.string().max(MAX_FILE_BYTES, `contents exceed ${MAX_FILE_BYTES} bytes`),
  /** utf8 text, or base64 for binary files (PNG chart exports). */
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  filters: z
    .array(z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[a-z0-9.]+$/i)).max(10) }))
    .max(10)
    .default([]),
});
export type SaveFileRequest = z.infer<typeof SaveFileRequest>;

export const OpenFileRequest = z.object({
  filters: z
    .array(z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[a-z0-9.]+$/i)).max(10) }))
    .max(10)
    .default([]),
});
export type OpenFileRequest = z.infer<typeof OpenFileRequest>;

export const ExportPdfRequest = z.object({
  suggestedName: SaveFileRequest.shape.suggestedName,
  pageSize: z.enum(['A4', 'Letter']).default('A4'),
});
export type ExportPdfRequest = z.infer<typeof ExportPdfRequest>;

/** Links the user opens from a citation: https only, no credentials, bounded length. */
export const OpenExternalRequest = z
  .object({
    url: z
      .string()
      .max(2048, 'url is longer than 2,048 characters')
      .refine((u) => {
        try {
          const x = new URL(u);
          return x.protocol === 'https:' && x.username === '' && x.password === '';
        } catch {
          return false;
        }
      }, 'url must be an https address without credentials'),
  })
  .strict();
export type OpenExternalRequest = z.infer<typeof OpenExternalRequest>;

export type { OpenedFile, OpenExternalResult, OpenResult, SaveResult } from './channels';

export { Channels, MENU_COMMANDS, isMenuCommand, type AppInfo, type MenuCommand } from './channels';
