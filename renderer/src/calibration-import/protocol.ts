// Messages between the Calibration page and the AIConfigurator import worker.
import type { KernelProfile } from '@shared/schema/kernels';
import type { PickedFile } from './aic-files';

export type AicImportRequest = { type: 'start'; files: PickedFile[]; origin: string } | { type: 'cancel' };

export type AicImportMessage =
  | { type: 'progress'; done: number; total: number; label: string }
  | { type: 'done'; profiles: KernelProfile[]; skipped: string[]; cancelled: boolean }
  | { type: 'error'; message: string };
