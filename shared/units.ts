/**
 * Units: the one place where scale factors live.
 *
 * Every quantity in the engine is held in a base unit — bytes, FLOP, seconds, US dollars, joules,
 * watts — and results name theirs (ttftS, memoryPerDeviceBytes, costPerMillionOutputTokensUSD).
 * Where a module boundary passes bare numbers of different kinds (the unit converters, the
 * network and memory builders), a zero-cost branded type keeps a Bytes from going where Seconds
 * is expected.
 * Decimal (GB = 10^9 bytes) versus binary (GiB = 2^30 bytes) is decided only at the edges: preset
 * parsing (datasheets use decimal GB, GB/s and TFLOPS) and display. No other module multiplies by
 * 1e9, 1e12 or 1024^3; they call the converters here.
 */

type Brand<T, B extends string> = T & { readonly __unit: B };

export type Bytes = Brand<number, 'bytes'>;
export type BytesPerSecond = Brand<number, 'B/s'>;
export type Flop = Brand<number, 'FLOP'>;
export type Seconds = Brand<number, 's'>;
export type Watts = Brand<number, 'W'>;

// ---- scale factors (the only ones in the code base) -------------------------------------------
export const KILO = 1e3;
export const MEGA = 1e6;
export const GIGA = 1e9;
export const TERA = 1e12;
export const PETA = 1e15;
export const KIBI = 1024;
export const MEBI = 1024 ** 2;
export const GIBI = 1024 ** 3;
export const TEBI = 1024 ** 4;
export const MILLI = 1e-3;
export const MICRO = 1e-6;
export const NANO = 1e-9;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
export const HOURS_PER_YEAR = 8760;
export const BITS_PER_BYTE = 8;

// ---- constructors from edge units --------------------------------------------------------------
export const bytes = (n: number): Bytes => n as Bytes;
export const kb = (n: number): Bytes => (n * KILO) as Bytes;
export const kib = (n: number): Bytes => (n * KIBI) as Bytes;
export const gb = (n: number): Bytes => (n * GIGA) as Bytes;
export const gib = (n: number): Bytes => (n * GIBI) as Bytes;
export const tb = (n: number): Bytes => (n * TERA) as Bytes;
export const gbPerS = (n: number): BytesPerSecond => (n * GIGA) as BytesPerSecond;
export const tbPerS = (n: number): BytesPerSecond => (n * TERA) as BytesPerSecond;
/** Network line rates are quoted in gigabits per second (400G IB = 400 Gb/s = 50 GB/s). */
export const gbitPerS = (n: number): BytesPerSecond => ((n * GIGA) / BITS_PER_BYTE) as BytesPerSecond;
export const flop = (n: number): Flop => n as Flop;
export const gflop = (n: number): Flop => (n * GIGA) as Flop;
export const seconds = (n: number): Seconds => n as Seconds;
export const ms = (n: number): Seconds => (n * MILLI) as Seconds;
export const us = (n: number): Seconds => (n * MICRO) as Seconds;
export const hours = (n: number): Seconds => (n * SECONDS_PER_HOUR) as Seconds;
export const watts = (n: number): Watts => n as Watts;

// ---- readers to edge units ---------------------------------------------------------------------
export const toKB = (b: Bytes): number => b / KILO;
export const toGB = (b: Bytes): number => b / GIGA;
export const toGiB = (b: Bytes): number => b / GIBI;
export const toGBPerS = (b: BytesPerSecond): number => b / GIGA;
export const toGFlop = (f: Flop): number => f / GIGA;
export const toMs = (s: Seconds): number => s / MILLI;
export const toUs = (s: Seconds): number => s / MICRO;
export const toHours = (s: Seconds): number => s / SECONDS_PER_HOUR;
export const toDays = (s: Seconds): number => s / SECONDS_PER_DAY;

// ---- arithmetic that keeps units honest --------------------------------------------------------
export const transferTime = (b: Bytes, bw: BytesPerSecond): Seconds => (b / bw) as Seconds;
export const sum = <T extends number>(...xs: T[]): T => xs.reduce<number>((a, b) => a + b, 0) as T;
export const scale = <T extends number>(x: T, k: number): T => (x * k) as T;
export const maxOf = <T extends number>(...xs: T[]): T => Math.max(...xs) as T;

// ---- formatting (used by the renderer, the CLI and the PDF report) ----------------------------
const trim = (x: number, digits: number): string => {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  const d = abs >= 100 ? Math.max(0, digits - 3) : abs >= 10 ? Math.max(0, digits - 2) : digits - 1;
  return x.toFixed(Math.max(0, d));
};

/** Decimal bytes: 70.3 KB, 1.34 TB. */
export function formatBytes(b: number, digits = 3): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = b;
  let i = 0;
  while (Math.abs(v) >= KILO && i < units.length - 1) {
    v /= KILO;
    i++;
  }
  return `${trim(v, digits)} ${units[i]}`;
}

/** Binary bytes: 74.5 GiB. */
export function formatBytesBinary(b: number, digits = 3): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = b;
  let i = 0;
  while (Math.abs(v) >= KIBI && i < units.length - 1) {
    v /= KIBI;
    i++;
  }
  return `${trim(v, digits)} ${units[i]}`;
}

function formatSi(x: number, unit: string, digits: number): string {
  const prefixes: Array<[number, string]> = [
    [1e18, 'E'],
    [PETA, 'P'],
    [TERA, 'T'],
    [GIGA, 'G'],
    [MEGA, 'M'],
    [KILO, 'k'],
  ];
  for (const [f, p] of prefixes) {
    if (Math.abs(x) >= f) return `${trim(x / f, digits)} ${p}${unit}`;
  }
  return `${trim(x, digits)} ${unit}`;
}

export const formatFlop = (f: number, digits = 3): string => formatSi(f, 'FLOP', digits);
export const formatFlopPerS = (f: number, digits = 3): string => formatSi(f, 'FLOP/s', digits);
export const formatBytesPerS = (b: number, digits = 3): string => formatBytes(b, digits).replace(/B$/, 'B/s');
export const formatCount = (n: number, digits = 3): string => formatSi(n, '', digits).trim();
export const formatParams = (n: number, digits = 3): string => {
  if (Math.abs(n) >= TERA) return `${trim(n / TERA, digits)}T`;
  if (Math.abs(n) >= GIGA) return `${trim(n / GIGA, digits)}B`;
  if (Math.abs(n) >= MEGA) return `${trim(n / MEGA, digits)}M`;
  return formatCount(n, digits);
};

/** Seconds shown in the most readable of µs, ms, s, h, days. */
export function formatSeconds(s: number, digits = 3): string {
  const a = Math.abs(s);
  if (a === 0) return '0 s';
  if (a < MILLI) return `${trim(s / MICRO, digits)} µs`;
  if (a < 1) return `${trim(s / MILLI, digits)} ms`;
  if (a < 2 * SECONDS_PER_HOUR) return `${trim(s, digits)} s`;
  if (a < 3 * SECONDS_PER_DAY) return `${trim(s / SECONDS_PER_HOUR, digits)} h`;
  return `${trim(s / SECONDS_PER_DAY, digits)} days`;
}

export function formatUsd(x: number): string {
  const a = Math.abs(x);
  if (a >= GIGA) return `$${trim(x / GIGA, 3)}B`;
  if (a >= MEGA) return `$${trim(x / MEGA, 3)}M`;
  if (a >= 10 * KILO) return `$${trim(x / KILO, 3)}k`;
  if (a >= 1) return `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${x.toPrecision(2)}`;
}

/**
 * A plain number to `digits` significant digits, never in exponent notation: "20,500", "0.000123",
 * "3.14" (toPrecision writes 2.05e+4).
 */
export const formatSig = (x: number, digits = 3): string =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumSignificantDigits: digits }) : String(x);
/** An axis or chart tick value: whole numbers from 100 up ("12,345"), else 3 significant digits. */
export const formatTick = (x: number): string =>
  Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : formatSig(x, 3);
export const formatPercent = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
export const formatRate = (x: number, unit: string, digits = 3): string => `${formatCount(x, digits)} ${unit}`;
/** "1 device", "3 devices", "1,024 devices" (a whole count with its noun). */
export const formatCountOf = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
/** A mean batch: whole above 10, two significant digits below ("0.32", "3.5", "96"). */
export const formatBatch = (b: number): string => (b >= 10 ? `${Math.round(b)}` : `${Number(b.toPrecision(2))}`);
