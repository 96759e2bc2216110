/**
 * The pieces every metric definition is written with (metrics/index.ts, run-defs.ts): the
 * direction that is better, the shape of a definition, and the formats shared between them.
 */
import { formatCount, formatUsd } from '../units';

export type Better = 'lower' | 'higher';

/** A metric as defined in a table (its id, and its short name unless given, are added by index.ts). */
export interface DefShape {
  label: string;
  short?: string;
  unit: string;
  better: Better | null;
  formula: string;
  includes: string;
  format: (v: number) => string;
}

/** Output tokens per second, written for people: "1,667 tokens/s", "2.05 k tokens/s". */
export const formatTokensPerS = (v: number): string =>
  v >= 10_000 ? `${formatCount(v)} tokens/s` : `${Number(v.toPrecision(4)).toLocaleString('en-US')} tokens/s`;
export const usd = (v: number): string => formatUsd(v);
export const whole = (v: number): string => Math.round(v).toLocaleString('en-US');
