import type { UnitLabel } from '@shared/explain';
import {
  formatBytes,
  formatBytesPerS,
  formatCount,
  formatFlop,
  formatFlopPerS,
  formatParams,
  formatSeconds,
  formatUsd,
} from '@shared/units';

/** Formats a value by its unit label (the same labels explain traces carry). */
export function formatValue(v: number, unit?: UnitLabel): string {
  if (!Number.isFinite(v)) return String(v);
  switch (unit) {
    case 'bytes':
      return formatBytes(v);
    case 'B/s':
      return formatBytesPerS(v);
    case 'FLOP':
      return formatFlop(v);
    case 'FLOP/s':
      return formatFlopPerS(v);
    case 's':
      return formatSeconds(v);
    case 'USD':
      return formatUsd(v);
    case 'params':
      return formatParams(v);
    case 'ratio':
      return v.toPrecision(3);
    case 'W':
      return `${formatCount(v)} W`;
    case 'J':
      return `${v.toPrecision(3)} J`;
    case 'tokens':
      return `${formatCount(v)} tokens`;
    case 'tokens/s':
      return `${formatCount(v)} tokens/s`;
    default:
      return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toPrecision(4);
  }
}
