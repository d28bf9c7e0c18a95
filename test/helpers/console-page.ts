// The console in a real Chromium against a real host (test/helpers/console-host.ts): a page at
// phone size (360×740, touch) or desktop size (1366×768), signed in through the sign-in form as
// an operator would, and screenshots kept under test/.tmp/screenshots/ to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { consoleHost, PASSWORD, type ConsoleHost } from './console-host.js';

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1366, height: 768 } as const;
export const SCREENSHOTS = join(process.cwd(), 'test', '.tmp', 'screenshots');

export interface ConsolePage {
  host: ConsoleHost;
  browser: Browser;
  /** A fresh browser context (its own cookies) with a page at the given size. */
  open(size?: { width: number; height: number }, hash?: string): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs in through the form (the host's password is PASSWORD). */
  signIn(page: Page): Promise<void>;
  /** Saves a full-page screenshot as test/.tmp/screenshots/console-<name>-<width>.png. */
  shot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function consolePage(o: Parameters<typeof consoleHost>[0] = {}): Promise<ConsolePage> {
  const host = await consoleHost(o);
  const browser = await launchChromium();
  return {
    host, browser,
    async open(size = PHONE, hash = '') {
      const context = await browser.newContext({
        viewport: size, hasTouch: size.width < 600, isMobile: size.width < 600, locale: 'vi-VN', timezoneId: 'UTC',
      });
      const page = await context.newPage();
      await page.goto(`${host.host.url}/console/${hash}`);
      return { context, page };
    },
    async signIn(page) {
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('navigation').waitFor();
    },
    async shot(page, name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      // Nothing still loading (the page's own requests done), so the picture is what stays.
      await page.waitForLoadState('networkidle');
      await page.waitForFunction('!document.querySelector(\'[aria-busy="true"]\')');
      const path = join(SCREENSHOTS, `console-${name}-${page.viewportSize()?.width ?? 0}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await host.close();
    },
  };
}
