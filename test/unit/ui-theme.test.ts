// Readable colours in both themes. The theme's text colours meet WCAG AA (4.5:1) on every
// background they are used on, control borders and chart colours meet 3:1 (WCAG 1.4.11, non-text),
// in light and in dark; the values are read from styles.css, so a change there is checked here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PALETTE, PART_COLORS } from '../../renderer/src/charts/colors';

const css = readFileSync('renderer/src/styles.css', 'utf8');

function vars(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})/gi)) out[m[1]!] = m[2]!.toLowerCase();
  return out;
}
const light = vars(css.slice(css.indexOf(':root {'), css.indexOf('@media (prefers-color-scheme: dark)')));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = { ...light, ...vars(css.slice(darkStart, css.indexOf('\n}\n', darkStart))) };

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_name, t) => {
  it('has every colour the checks need', () => {
    for (const k of ['bg', 'panel', 'panel-2', 'text', 'muted', 'accent', 'accent-text', 'good', 'bad', 'warn', 'best'])
      expect(t[k], k).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('text colours meet 4.5:1 on the backgrounds they sit on', () => {
    for (const fg of ['text', 'muted', 'accent', 'good', 'bad', 'warn'])
      for (const bg of ['bg', 'panel', 'panel-2'])
        expect(contrast(t[fg]!, t[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(t['accent-text']!, t['accent']!), 'button text on accent').toBeGreaterThanOrEqual(4.5);
    expect(contrast(t['text']!, t['best']!), 'text on the best-value highlight').toBeGreaterThanOrEqual(4.5);
  });
  it('control borders, focus ring and chart colours meet 3:1 on the panel', () => {
    for (const k of ['control-border', 'focus'])
      for (const bg of ['bg', 'panel']) expect(contrast(t[k]!, t[bg]!), `${k} on ${bg}`).toBeGreaterThanOrEqual(3);
    for (const c of [...PALETTE, ...Object.values(PART_COLORS)])
      expect(contrast(c, t['panel']!), `${c} on the chart panel`).toBeGreaterThanOrEqual(3);
  });
});

it('the plan palette has distinct colours', () => {
  expect(new Set(PALETTE).size).toBe(PALETTE.length);
});
