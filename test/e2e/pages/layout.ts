// Page object for the layout, accessibility and keyboard checks: which pages exist (read from the
// sidebar, so a page added there is covered without touching the specs), when a page has settled,
// and what overflows.
import { expect, type Page } from '@playwright/test';
import { AppFrame } from './app';

/** Views reached from inside a sidebar page (a plan open, a detail view, a report). */
export const DEEP_ROUTES = [
  '/plans/deepseek-v3-hgx-h800-ep144',
  '/plans/deepseek-v3-train-2048-h800',
  '/hardware/h800',
  '/models/deepseek-v3',
  '/report/llama-3.1-8b-h100',
];

export const SIZES: Array<[number, number]> = [
  [1280, 720],
  [1440, 900],
  [1920, 1080],
];

export class LayoutProbe extends AppFrame {
  constructor(page: Page) {
    super(page);
  }

  /** Every page the sidebar links to (main list and footer), as routes like "/plans". */
  async sidebarRoutes(): Promise<string[]> {
    const hrefs = await this.sidebar
      .locator('a[href^="#/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    return [...new Set(hrefs.filter((h): h is string => !!h).map((h) => h.slice(1)))];
  }

  /** Every route the layout checks cover: the sidebar's pages and the views inside them. */
  async allRoutes(): Promise<string[]> {
    return [...(await this.sidebarRoutes()), ...DEEP_ROUTES];
  }

  /** Opens a route by its hash (no reload) and waits until nothing in the main pane is busy. */
  async visit(route: string): Promise<void> {
    await this.page.evaluate((r) => {
      window.location.hash = r;
    }, route);
    await expect(this.main).toHaveAttribute('data-route', `#${route}`);
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(this.main.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(this.errorBoundary).toHaveCount(0);
    // Two frames: React commits, ResizeObserver-driven chart widths settle.
    await this.page.evaluate(
      () => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))),
    );
  }

  /** Picks the example comparison on the Compare page (the selection is stored, so /compare shows it after). */
  async pickExampleComparison(): Promise<void> {
    await this.visit('/compare');
    const example = this.page.getByRole('button', { name: /Compare DeepSeek-V3 on H800 with GB200 NVL72/ });
    const table = this.page.getByTestId('compare-table');
    // The plan list loads after the page (a live query): wait for the table or the example button.
    await expect(table.or(example)).toBeVisible();
    if (await example.isVisible()) await example.click();
    await expect(table).toBeVisible();
  }

  /**
   * What overflows horizontally: the document, the main pane, and any box inside it that hides or
   * scrolls what does not fit (content cut off), except boxes that scroll on purpose
   * (data-scroll-x="allowed"), text cut with an ellipsis (its full text is in a tooltip) and form
   * controls (a long value scrolls inside its field).
   */
  async overflow(): Promise<string[]> {
    // A problem counts when it is still there two frames later: a resize observer that has not yet
    // run (it runs before the next paint) is not something anyone sees.
    const first = await this.measureOverflow();
    if (first.length === 0) return first;
    await this.page.evaluate(
      () => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))),
    );
    const again = await this.measureOverflow();
    const where = (p: string): string => p.replace(/ cuts .*$|:.*$/, '');
    return again.filter((p) => first.some((f) => where(f) === where(p)));
  }

  /**
   * Select boxes whose chosen label does not fit (the browser cuts it without an ellipsis), and
   * table headers cut short: each with its text.
   */
  async cutLabels(): Promise<string[]> {
    return this.page.evaluate(() => {
      const out: string[] = [];
      const ctx = document.createElement('canvas').getContext('2d')!;
      for (const sel of document.querySelectorAll<HTMLSelectElement>('main select')) {
        if (sel.offsetParent === null) continue;
        const cs = getComputedStyle(sel);
        ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const text = sel.selectedOptions[0]?.text ?? '';
        // Room for the text: the box less its padding, border and the drop-down arrow (about 20 px).
        const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
        if (ctx.measureText(text).width > room) out.push(`select “${text}” is cut (${sel.clientWidth}px wide)`);
      }
      for (const th of document.querySelectorAll<HTMLElement>('main th'))
        if (th.offsetParent !== null && th.scrollWidth > th.clientWidth + 1 && !th.closest('[title]'))
          out.push(`column header “${(th.textContent ?? '').slice(0, 40)}” is cut`);
      return out;
    });
  }

  private measureOverflow(): Promise<string[]> {
    return this.page.evaluate(() => {
      const out: string[] = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > doc.clientWidth) out.push(`document: ${doc.scrollWidth} > ${doc.clientWidth}`);
      const main = document.querySelector<HTMLElement>('main#main');
      if (!main) return ['no main pane'];
      const mainStyle = getComputedStyle(main).overflowX;
      if (mainStyle === 'hidden' || mainStyle === 'clip') out.push(`main hides overflow (${mainStyle})`);
      if (main.scrollWidth > main.clientWidth) out.push(`main: scrollWidth ${main.scrollWidth} > ${main.clientWidth}`);
      const name = (el: Element): string =>
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''}`;
      for (const el of main.querySelectorAll<HTMLElement>('*')) {
        if (!(el instanceof HTMLElement)) continue;
        if (['INPUT', 'SELECT', 'TEXTAREA', 'OPTION'].includes(el.tagName)) continue;
        const cs = getComputedStyle(el);
        if (cs.overflowX === 'visible' || cs.display === 'none') continue;
        if (cs.textOverflow === 'ellipsis' && el.closest('[title]')) continue;
        if (el.closest('[data-scroll-x="allowed"]')) continue;
        if (el.scrollWidth > el.clientWidth + 1)
          out.push(`${name(el)} cuts ${el.scrollWidth - el.clientWidth}px (“${(el.textContent ?? '').slice(0, 40)}”)`);
      }
      return out;
    });
  }
}
