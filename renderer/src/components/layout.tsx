/**
 * Layout building blocks every page uses, so a page works from a 1280 × 720 laptop to a 1920 × 1080
 * screen without its own media queries (test/e2e/layout.spec.ts checks each sidebar page at three
 * sizes, light and dark, for horizontal overflow and with axe-core):
 *
 * - `Page`: the page's `<section>`, its `<h1>`, an optional one-line lead and actions on the right.
 * - `Split`: two columns (a form or list on the left, what it produces on the right) that reflow
 *   to one column when the main pane is narrower than 820 px (a container query on the main pane).
 * - `TableWrap`: a wide table scrolls inside its own box instead of widening the page.
 * - `Ellipsis`: one line cut with "…", the full text in a tooltip (plan names, model names).
 * - `EmptyState`: what this page is for and what to do next, with the buttons that do it.
 *
 * CSS: `.grid-auto` (cards that wrap; set `--min` for the card width), `.stack`, `.row`, `.cards`.
 */
import type { CSSProperties, ReactNode } from 'react';

export function Page({
  title,
  lead,
  actions,
  children,
  className,
  testId,
}: {
  title: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={`page${className ? ` ${className}` : ''}`} data-testid={testId}>
      <header className="page-head">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {lead && <p className="lead muted">{lead}</p>}
      {children}
    </section>
  );
}

export function Split({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={`split${className ? ` ${className}` : ''}`}>{children}</div>;
}

export function TableWrap({ children, label }: { children: ReactNode; label?: string }) {
  // Focusable with a name so a keyboard user can scroll it (axe: scrollable-region-focusable).
  return (
    <div className="table-wrap" data-scroll-x="allowed" tabIndex={0} role="region" aria-label={label ?? 'Table'}>
      {children}
    </div>
  );
}

export function Ellipsis({
  text,
  inline = false,
  style,
  className,
}: {
  text: string;
  inline?: boolean;
  style?: CSSProperties;
  className?: string;
}) {
  return (
    <span
      className={`ellipsis${inline ? ' inline' : ''}${className ? ` ${className}` : ''}`}
      title={text}
      style={style}
    >
      {text}
    </span>
  );
}

export function EmptyState({
  title,
  children,
  actions,
  testId,
}: {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="empty-state" data-testid={testId}>
      <h2>{title}</h2>
      {children}
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}
