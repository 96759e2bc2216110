// Holds each search worker's last progress report (the one that carries its ranked heads), or the
// refined candidates of the ranking step, in the page until the test lets them through, so a search is still running when the test acts on it —
// whatever the machine's speed. The app's code is untouched: the page's Worker is wrapped before
// the app loads (an init script), and only messages are delayed, never changed.
import type { Page } from '@playwright/test';

export async function installSearchHold(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.Worker;
    const state = { hold: null as 'final' | 'ranking' | null, held: [] as Array<() => void> };
    (window as unknown as { __searchHold: (on: 'final' | 'ranking' | null) => void }).__searchHold = (on) => {
      state.hold = on;
      if (!on) for (const f of state.held.splice(0)) f();
    };
    class HeldWorker extends Real {
      private handler: ((e: MessageEvent) => void) | null = null;
      constructor(url: string | URL, opts?: WorkerOptions) {
        super(url, opts);
        super.onmessage = (e: MessageEvent) => {
          const d = e.data as { type?: string; heads?: unknown } | null;
          const held =
            (state.hold === 'final' && d?.type === 'progress' && d.heads) ||
            (state.hold === 'ranking' && d?.type === 'refined');
          if (held) state.held.push(() => this.handler?.(e));
          else this.handler?.(e);
        };
      }
      override get onmessage(): ((e: MessageEvent) => void) | null {
        return this.handler;
      }
      override set onmessage(fn: ((e: MessageEvent) => void) | null) {
        this.handler = fn;
      }
    }
    window.Worker = HeldWorker as typeof Worker;
  });
}

/**
 * While on, searches cannot finish: with 'final' every worker's last report waits in the page (the
 * search stays 'running'); with 'ranking' the refined candidates do (it stays 'ranking'). null
 * lets everything held through.
 */
export async function holdSearchEnd(page: Page, on: 'final' | 'ranking' | null): Promise<void> {
  await page.evaluate(
    (v) => (window as unknown as { __searchHold: (on: 'final' | 'ranking' | null) => void }).__searchHold(v),
    on,
  );
}
