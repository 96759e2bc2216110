/**
 * Images per request for a vision-language model, as a plan's and a sizing spec's workload give
 * them: how many, and their size in pixels (model/vision.ts turns them into tiles, patches and
 * language-model tokens by the model's processor).
 */
import { z } from 'zod';

const px = (f: string) =>
  z
    .number({ error: `workload.images.${f} must be a number` })
    .int(`workload.images.${f} must be a whole number`)
    .min(1, `workload.images.${f} must be at least 1`)
    .max(65_536, `workload.images.${f} must be at most 65536`);

export const ImagesPerRequest = z.object({
  perRequest: z
    .number({ error: 'workload.images.perRequest must be a number' })
    .int('workload.images.perRequest must be a whole number')
    .min(0, 'workload.images.perRequest must be ≥ 0')
    .max(1024, 'workload.images.perRequest must be at most 1024'),
  widthPx: px('widthPx'),
  heightPx: px('heightPx'),
});
export type ImagesPerRequest = z.infer<typeof ImagesPerRequest>;
