// Page object for the app frame: every locator the specs use lives here.
import { expect, type Locator, type Page } from '@playwright/test';

export class AppFrame {
  readonly page: Page;
  readonly sidebar: Locator;
  readonly main: Locator;
  readonly status: Locator;
  readonly errorBoundary: Locator;
  readonly consoleErrors: string[] = [];

  constructor(page: Page) {
    this.page = page;
    this.sidebar = page.getByRole('navigation', { name: 'Main' });
    this.main = page.locator('main#main');
    this.status = page.getByTestId('status-message');
    this.errorBoundary = page.getByTestId('error-boundary');
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(e.message));
  }

  /** Opens a page and waits until the app shows it: ready (its code loaded), for this address. */
  async open(path = '/plans'): Promise<void> {
    await this.page.goto(`/#${path}`);
    await this.waitShown();
  }

  /** The app is ready and shows the page of the current address (not the one before it). */
  async waitShown(): Promise<void> {
    await this.page.waitForFunction(
      () => document.querySelector('[data-app-state="ready"] main')?.getAttribute('data-route') === location.hash,
    );
  }

  nav(label: string): Locator {
    return this.sidebar.getByRole('link', { name: label, exact: true });
  }

  async goTo(label: string): Promise<void> {
    await this.nav(label).click();
    await expect(this.nav(label)).toHaveAttribute('aria-current', 'page');
  }

  heading(): Locator {
    return this.main.getByRole('heading', { level: 1 });
  }

  async shortcut(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Ctrl+O, then give the file chooser `path`. Playwright switches its chooser interception on
   * without waiting for the browser (and drops a chooser whose element it cannot adopt); three CI
   * runs lost the chooser of a key press, which is one immediate message, while the button
   * clicks elsewhere (which wait for actionability first) never did. So the press is repeated
   * until a chooser is intercepted: a shortcut that never opens one still fails the test. */
  async openWithShortcut(path: string): Promise<void> {
    await expect(async () => {
      const chooser = this.page.waitForEvent('filechooser', { timeout: 10_000 });
      await this.page.keyboard.press('Control+O');
      await (await chooser).setFiles(path);
    }).toPass({ timeout: 50_000, intervals: [0] });
  }
}
