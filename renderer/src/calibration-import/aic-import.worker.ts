// The AIConfigurator import off the page's thread: the picked files are read as the data folder,
// each (system, stack, version) converted to a kernel profile (shared/kernels/aic-folder.ts, the
// same conversion as `npm run import:aic`), with progress per profile and a cancel between them.
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { importAicFolder } from '@shared/kernels/aic-folder';
import type { Row } from '@shared/kernels/aic';
import { acceleratorPresets } from '@presets/load';
import { folderFromFiles } from './aic-files';
import type { AicImportMessage, AicImportRequest } from './protocol';

let cancelled = false;
const post = (m: AicImportMessage): void => self.postMessage(m);

const readParquet = async (ab: ArrayBuffer): Promise<Row[]> =>
  (await parquetReadObjects({
    file: { byteLength: ab.byteLength, slice: (s: number, e?: number) => ab.slice(s, e) },
    compressors,
  })) as Row[];

async function start(req: Extract<AicImportRequest, { type: 'start' }>): Promise<void> {
  cancelled = false;
  const folder = folderFromFiles(req.files);
  if (!folder)
    return post({
      type: 'error',
      message:
        'no AIConfigurator tables in this folder: pick the aiconfigurator checkout, its systems folder or systems/data (each system folder holds gemm/, attention/, moe/, comm/ … with .parquet files)',
    });
  const r = await importAicFolder(folder, {
    accelerators: acceleratorPresets(),
    readParquet,
    origin: req.origin,
    onProgress: (done, total, label) => {
      post({ type: 'progress', done, total, label });
      return !cancelled;
    },
  });
  post({ type: 'done', ...r });
}

self.onmessage = (e: MessageEvent<AicImportRequest>) => {
  if (e.data.type === 'cancel') {
    cancelled = true;
    return;
  }
  start(e.data).catch((err: unknown) => post({ type: 'error', message: (err as Error).message }));
};
