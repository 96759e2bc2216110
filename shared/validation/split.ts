/**
 * The fit / held-out split of the validation cases (docs/validation.md): cases in the table before
 * 2026-12-07 are fit cases; a newer case is a fit case when the FNV-1a 32-bit hash of its id is
 * 0 mod 3, held out otherwise. Mechanical, so no case can move after its error is known.
 */
export type Split = 'fit' | 'held-out';

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The split a case added on or after 2026-12-07 belongs to. */
export const splitOf = (id: string): Split => (fnv1a(id) % 3 === 0 ? 'fit' : 'held-out');
