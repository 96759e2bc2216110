// Page object for the text scan: moves between pages by address (no reload) and reads every text
// a reader can meet on the page shown, its labels, tooltips and field values included.
import { expect, type Locator } from '@playwright/test';
import { AppFrame } from './app';

/**
 * What must never reach a reader: NaN, Infinity (AMD's "Infinity Fabric" is a name), undefined,
 * [object Object], and exponent notation ("2.05e+4").
 */
export const BAD_TEXT = /\bNaN\b|-?Infinity(?! Fabric)|\bundefined\b|\[object Object\]|\d(?:\.\d+)?e[+-]\d+/g;

export class ScanFrame extends AppFrame {
  /** Shows `path` by changing the address, as a link does, and waits for the page of that address. */
  async go(path: string): Promise<void> {
    await this.page.evaluate((h) => {
      location.hash = h;
    }, path);
    await this.waitShown();
  }

  /** Nothing on the page is still being computed (results, figures, reports). */
  async waitSettled(): Promise<void> {
    await expect(this.main.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
    await expect(this.main.locator('[data-report-ready="false"]')).toHaveCount(0, { timeout: 60_000 });
  }

  results(): Locator {
    return this.page.getByTestId('results');
  }

  /** Each bad match on the page with 40 characters either side, and where it was read. */
  async badText(): Promise<string[]> {
    const source = BAD_TEXT.source;
    return this.page.evaluate((src) => {
      const re = new RegExp(src, 'g');
      const root = document.getElementById('root') ?? document.body;
      const texts: Array<[string, string]> = [['text', root.textContent ?? '']];
      for (const el of root.querySelectorAll('[title], [aria-label], [placeholder], input, textarea, option')) {
        for (const a of ['title', 'aria-label', 'placeholder'])
          if (el.hasAttribute(a)) texts.push([a, el.getAttribute(a)!]);
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) texts.push(['value', el.value]);
      }
      const out: string[] = [];
      for (const [where, t] of texts)
        for (const m of t.matchAll(re))
          out.push(`${where}: …${t.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}…`);
      return out;
    }, source);
  }
}
