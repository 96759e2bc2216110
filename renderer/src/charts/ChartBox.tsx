/**
 * What every chart shares (recharts). Each chart takes the width its box gets (measured, so it reflows
 * from a laptop to a wide screen and prints at the width of the page), draws without animation,
 * carries units on both axes, and keeps its legend outside the plot (an HTML list above it), so a
 * legend never covers data. Tooltips show the configuration behind a point. Colours come from
 * colors.ts and follow the OS theme; a plan keeps its colour everywhere and a second series is also
 * dashed.
 *
 * A new chart: `<ChartBox title legend={[…]}>{(width) => <LineChart width={width} height={CHART_H}>…}</ChartBox>`,
 * axis props from `axisStyle(useChartTheme())` with the unit in the axis label, a `<Tooltip content={…}>`
 * that returns a `TooltipBox` naming what produced the point, and colours from colors.ts.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { formatTick } from '@shared/units';
import { usePlatform } from '../app/platform-context';
import { chartSvgText, slug, svgToPngBase64 } from './export';
import type { ChartTheme } from './colors';

/** The default (and widest) chart width; charts shrink to their box below it. */
export const CHART_W = 720;
export const CHART_H = 250;
const MIN_W = 260;

/** A plan name short enough for an axis label. */
export const shortName = (name: string, max = 22): string => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

export interface Series<T> {
  id: string;
  name: string;
  color: string;
  data: T;
}

export interface LegendItem {
  label: string;
  color: string;
  /** line: a stroke (dash gives its pattern); box: a filled square; dot / ring: a point marker. */
  kind: 'line' | 'box' | 'dot' | 'ring';
  dash?: string;
}

function LegendMark({ item }: { item: LegendItem }) {
  return (
    <svg width="18" height="10" aria-hidden="true">
      {item.kind === 'line' && (
        <line x1="1" y1="5" x2="17" y2="5" stroke={item.color} strokeWidth="2.5" strokeDasharray={item.dash} />
      )}
      {item.kind === 'box' && <rect x="4" y="0" width="10" height="10" rx="2" fill={item.color} />}
      {item.kind === 'dot' && <circle cx="9" cy="5" r="4" fill={item.color} />}
      {item.kind === 'ring' && <circle cx="9" cy="5" r="3.5" fill="none" stroke={item.color} strokeWidth="1.8" />}
    </svg>
  );
}

export function ChartLegend({ items }: { items: LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend" data-testid="chart-legend">
      {items.map((it) => (
        <li key={`${it.kind}:${it.label}`} title={it.label}>
          <LegendMark item={it} />
          <span className="ellipsis">{it.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** A tooltip box: a title and label/value rows. */
export function TooltipBox({ title, rows }: { title: string; rows: Array<[string, string]> }) {
  return (
    <div className="chart-tooltip" data-testid="chart-tooltip">
      <div className="tt-title">{title}</div>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChartBox({
  title,
  children,
  testId,
  legend = [],
  note,
}: {
  title: string;
  /** The plot, drawn for the width the box leaves (measured with a ResizeObserver). */
  children: ReactNode | ((width: number) => ReactNode);
  testId?: string;
  legend?: LegendItem[];
  note?: ReactNode;
}) {
  const platform = usePlatform();
  const ref = useRef<HTMLElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(CHART_W);
  useLayoutEffect(() => {
    const el = plot.current;
    if (!el) return;
    const measure = (): void => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(Math.max(MIN_W, Math.min(CHART_W, w)));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const save = async (kind: 'svg' | 'png'): Promise<void> => {
    const svg = ref.current ? chartSvgText(ref.current) : null;
    if (!svg) return;
    if (kind === 'svg')
      await platform.saveFile(`${slug(title)}.svg`, svg, [{ name: 'SVG image', extensions: ['svg'] }]);
    else
      await platform.saveFile(
        `${slug(title)}.png`,
        await svgToPngBase64(svg),
        [{ name: 'PNG image', extensions: ['png'] }],
        'base64',
      );
  };
  return (
    <figure className="chart-box" data-testid={testId} data-chart-title={title} ref={ref}>
      <figcaption className="chart-head">
        <h3>{title}</h3>
        <span className="no-print chart-actions">
          <button type="button" className="link" onClick={() => void save('svg')} aria-label={`Save “${title}” as SVG`}>
            SVG
          </button>
          <button type="button" className="link" onClick={() => void save('png')} aria-label={`Save “${title}” as PNG`}>
            PNG
          </button>
        </span>
      </figcaption>
      <ChartLegend items={legend} />
      <div className="chart-plot" ref={plot}>
        {typeof children === 'function' ? children(width) : children}
      </div>
      {note && <div className="chart-note">{note}</div>}
    </figure>
  );
}

export const num = (v: unknown): string => (typeof v === 'number' ? formatTick(v) : String(v));

/** Axis props in the theme's colours; the label sits outside the ticks. */
export function axisStyle(t: ChartTheme) {
  return {
    tick: { fill: t.muted, fontSize: 11 },
    axisLine: { stroke: t.muted },
    tickLine: { stroke: t.muted },
  };
}
export const xLabel = (t: ChartTheme, value: string) => ({
  value,
  position: 'insideBottom' as const,
  offset: -14,
  fill: t.text,
  fontSize: 12,
});
export const yLabel = (t: ChartTheme, value: string) => ({
  value,
  angle: -90,
  position: 'insideLeft' as const,
  fill: t.text,
  fontSize: 12,
  style: { textAnchor: 'middle' as const },
});

/** A category label that fits `px` pixels (about 6.5 px per character at 11 px). */
export const fitLabel = (name: string, px: number): string => shortName(name, Math.max(6, Math.floor(px / 6.5)));

export interface TipProps<T> {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: T; name?: unknown; value?: unknown; color?: string }>;
}
