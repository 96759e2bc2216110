/**
 * Chart colours. One palette serves both themes: every colour has a relative luminance between
 * 0.16 and 0.26, which gives at least 3:1 contrast (WCAG 1.4.11, graphics) against the light panel
 * (#ffffff) and the dark one (#1f2228); test/unit/theme.test.ts checks it against styles.css.
 * Hues follow Okabe & Ito's colour-blind-safe set where its colours are dark enough, and a series
 * also differs by dash pattern (SERIES_DASH) so colour is never the only cue.
 */
import { useSyncExternalStore } from 'react';

export const PALETTE = [
  '#3a7bd5', // blue
  '#d55e00', // vermillion
  '#00966a', // bluish green
  '#b54ea8', // reddish purple
  '#0a8a94', // teal
  '#9a7700', // ochre
  '#7b61d9', // violet
  '#c4455a', // rose
] as const;

/** Dash patterns by series index: the second plan in a comparison is dashed, and so on. */
export const SERIES_DASH = ['', '7 3', '2 3', '10 3 2 3'] as const;

/** A stable colour per plan: the same plan keeps its colour on every chart and page. */
export function planColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

/**
 * Colours for the plans of one comparison, by position: the first four palette colours differ most
 * in hue, which hashed per-plan colours cannot promise (two plans may hash to neighbours).
 */
export const comparisonColor = (index: number): string => PALETTE[index % PALETTE.length]!;

export const PART_COLORS = {
  compute: '#3a7bd5',
  memory: '#d55e00',
  communication: '#b54ea8',
  overhead: '#7d8590',
  bubble: '#9a7700',
  weights: '#3a7bd5',
  kvCache: '#d55e00',
  activations: '#00966a',
  reserve: '#7d8590',
  gradients: '#b54ea8',
  optimizer: '#c4455a',
} as const;

/** Axis, grid and label colours per theme (the same values as styles.css). */
export interface ChartTheme {
  dark: boolean;
  text: string;
  muted: string;
  grid: string;
  panel: string;
  bad: string;
  roof: string;
}

const LIGHT: ChartTheme = {
  dark: false,
  text: '#1b1d22',
  muted: '#5d6470',
  grid: '#d8dce3',
  panel: '#ffffff',
  bad: '#c0392b',
  roof: '#5d6470',
};
const DARK: ChartTheme = {
  dark: true,
  text: '#e6e8ec',
  muted: '#9aa3b2',
  grid: '#343a45',
  panel: '#1f2228',
  bad: '#ef6b5e',
  roof: '#9aa3b2',
};

let query: MediaQueryList | null | undefined;
/** One MediaQueryList for the app (matchMedia per chart render showed up in profiles). */
const darkQuery = (): MediaQueryList | null =>
  (query ??=
    typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null);
function subscribe(fn: () => void): () => void {
  const m = darkQuery();
  if (!m) return () => {};
  m.addEventListener('change', fn);
  return () => m.removeEventListener('change', fn);
}
const isDark = (): boolean => !!darkQuery()?.matches;

/** The chart colours for the OS theme, following it live (charts export with the same colours). */
export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, isDark, () => false) ? DARK : LIGHT;
}
