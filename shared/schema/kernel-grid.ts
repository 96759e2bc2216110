/**
 * Measured efficiencies on a grid, stored compactly and interpolated.
 *
 * Storage: one byte per cell, q = round(ln(E_MAX ÷ efficiency) ÷ ln(STEP)), base64 — a 3% step,
 * so a stored value is within ±1.5% of the measured one; efficiencies from E_MAX = 2 down to
 * 2 ÷ 1.03^254 ≈ 0.0011 are representable (smaller ones are clamped there; the importer counts
 * them). 255 marks a cell nobody measured; decoding fills it from its nearest measured neighbour
 * (in log-axis distance), so every grid read by the engine is complete.
 * Reading: multilinear interpolation of ln(efficiency) in ln(axis) coordinates, clamped to the
 * grid's ends (no extrapolation: outside the measured range the edge value holds).
 */
export const E_MAX = 2;
export const STEP = 1.03;
export const MISSING = 255;

export function encodeEfficiency(eff: number | null): number {
  if (eff === null || !(eff > 0) || !Number.isFinite(eff)) return MISSING;
  const q = Math.round(Math.log(E_MAX / eff) / Math.log(STEP));
  return Math.min(254, Math.max(0, q));
}

export const decodeEfficiency = (q: number): number => E_MAX / Math.pow(STEP, q);

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    out += B64[a >> 2]! + B64[((a & 3) << 4) | (b >> 4)]!;
    out += i + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)]! : '=';
    out += i + 2 < bytes.length ? B64[c & 63]! : '=';
  }
  return out;
}

/** Decodes base64; null when the text is not base64 (a damaged file is refused by the schema). */
export function fromBase64(s: string): Uint8Array | null {
  if (s.length % 4 !== 0) return null;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const v = [0, 1, 2, 3].map((j) => (s[i + j] === '=' ? 0 : B64.indexOf(s[i + j]!)));
    if (v.some((x) => x < 0)) return null;
    const n = (v[0]! << 18) | (v[1]! << 12) | (v[2]! << 6) | v[3]!;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** A decoded grid: axes (ascending), and ln(efficiency) per cell, row-major (last axis fastest). */
export interface EffGrid {
  axes: Float64Array[];
  /** ln of each axis value, for interpolation. */
  logAxes: Float64Array[];
  logEff: Float64Array;
  /** Cells that were measured (not filled from a neighbour). */
  measured: number;
}

/**
 * Decodes stored bytes into a complete grid (missing cells from the nearest measured one). Axes
 * listed in `keep` are categories, not sizes (the MoE grid's shape rows): a missing cell is filled
 * only from cells with the same index on them.
 */
export function decodeGrid(
  axes: ReadonlyArray<readonly number[]>,
  bytes: Uint8Array,
  keep: readonly number[] = [],
): EffGrid {
  const ax = axes.map((a) => Float64Array.from(a));
  const logAxes = ax.map((a) => a.map((v) => Math.log(v)));
  const logEff = new Float64Array(bytes.length);
  const known: number[] = [];
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i] !== MISSING) {
      logEff[i] = Math.log(decodeEfficiency(bytes[i]!));
      known.push(i);
    }
  if (known.length < bytes.length) fillMissing(logAxes, bytes, logEff, known, keep);
  return { axes: ax, logAxes, logEff, measured: known.length };
}

function coordsOf(i: number, dims: number[]): number[] {
  const c = new Array<number>(dims.length);
  for (let d = dims.length - 1; d >= 0; d--) {
    c[d] = i % dims[d]!;
    i = Math.floor(i / dims[d]!);
  }
  return c;
}

function fillMissing(
  logAxes: Float64Array[],
  bytes: Uint8Array,
  logEff: Float64Array,
  known: number[],
  keep: readonly number[],
): void {
  const dims = logAxes.map((a) => a.length);
  const span = logAxes.map((a) => Math.max(1e-9, a[a.length - 1]! - a[0]!));
  // Candidates grouped by their indices on the `keep` axes: a cell looks only in its own group.
  const groupOf = (c: number[]): string => keep.map((a) => c[a]).join('|');
  const groups = new Map<string, Array<{ i: number; c: number[] }>>();
  for (const k of known) {
    const c = coordsOf(k, dims);
    const g = groups.get(groupOf(c)) ?? [];
    g.push({ i: k, c });
    groups.set(groupOf(c), g);
  }
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== MISSING) continue;
    const c = coordsOf(i, dims);
    let best = -1;
    let bestD = Infinity;
    for (const k of groups.get(groupOf(c)) ?? []) {
      let d = 0;
      for (let a = 0; a < dims.length; a++) {
        const x = (logAxes[a]![c[a]!]! - logAxes[a]![k.c[a]!]!) / span[a]!;
        d += x * x;
      }
      if (d < bestD) {
        bestD = d;
        best = k.i;
      }
    }
    logEff[i] = best >= 0 ? logEff[best]! : 0;
  }
}

/** Index of the cell below x on a sorted axis and the fraction towards the next (clamped). */
function locate(logAxis: Float64Array, lx: number, out: Float64Array, slot: number): void {
  const n = logAxis.length;
  if (n === 1 || lx <= logAxis[0]!) {
    out[slot] = 0;
    out[slot + 1] = 0;
    return;
  }
  if (lx >= logAxis[n - 1]!) {
    out[slot] = n - 2;
    out[slot + 1] = 1;
    return;
  }
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (logAxis[mid]! <= lx) lo = mid;
    else hi = mid;
  }
  out[slot] = lo;
  out[slot + 1] = (lx - logAxis[lo]!) / (logAxis[lo + 1]! - logAxis[lo]!);
}

/**
 * One axis of a grid with the other coordinates fixed: the log-efficiency read at each of the
 * axis's nodes once (`logEff`), then at x by the same piecewise-linear interpolation in log x that
 * effAt applies along that axis (clamped at the ends) — effAt's number, at a fraction of the work.
 */
export function logEffAlong(logAxis: Float64Array, logEff: Float64Array, x: number): number {
  const n = logAxis.length;
  const lx = Math.log(Math.max(x, 1e-30));
  if (n === 1 || lx <= logAxis[0]!) return logEff[0]!;
  if (lx >= logAxis[n - 1]!) return logEff[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (logAxis[mid]! <= lx) lo = mid;
    else hi = mid;
  }
  const f = (lx - logAxis[lo]!) / (logAxis[lo + 1]! - logAxis[lo]!);
  return (1 - f) * logEff[lo]! + f * logEff[lo + 1]!;
}

/**
 * Interpolated efficiency at a point (one coordinate per axis; up to 4 axes). `scratch` holds
 * 8 numbers (2 per axis) so that a hot caller allocates nothing.
 */
export function effAt(g: EffGrid, x: ArrayLike<number>, scratch: Float64Array): number {
  const nAx = g.axes.length;
  for (let a = 0; a < nAx; a++) locate(g.logAxes[a]!, Math.log(Math.max(x[a]!, 1e-30)), scratch, 2 * a);
  let acc = 0;
  const corners = 1 << nAx;
  for (let c = 0; c < corners; c++) {
    let w = 1;
    let idx = 0;
    for (let a = 0; a < nAx; a++) {
      const n = g.axes[a]!.length;
      const up = (c >> a) & 1;
      const base = scratch[2 * a]!;
      const f = scratch[2 * a + 1]!;
      const i = n === 1 ? 0 : base + up;
      w *= n === 1 ? (up ? 0 : 1) : up ? f : 1 - f;
      idx = idx * n + i;
    }
    if (w !== 0) acc += w * g.logEff[idx]!;
  }
  return Math.exp(acc);
}
