// The market screen in a real browser on the shipped markets (USD kept to six decimals): the kill-switch banner over the ticket.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserProblem, DESKTOP, ensureDashboardBuilt, PHONE, screenshot, TestBrowser } from '../support/browser.ts';
import { TestPlatform } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

const problem = browserProblem();
const REQUIRED = process.env.CI === 'true';
if (problem !== undefined && !REQUIRED) console.warn(`Dashboard browser tests skipped: ${problem}. CI=true turns this into a failure.`);

/** The markets the platform ships (USD at scale 6). */
const SHIPPED_MARKETS = new URL('../../config/markets.json', import.meta.url);

async function logIn(page: Page, trader: Trader): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(trader.name);
  await page.getByLabel('Password').fill(trader.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

describe.skipIf(problem !== undefined && !REQUIRED)('the order ticket and the kill switch in a real browser', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;

  beforeAll(async () => {
    if (problem !== undefined) throw new Error(`the browser tests are required (CI=true) but ${problem}`);
    ensureDashboardBuilt();
    platform = await TestPlatform.start({ marketsFile: SHIPPED_MARKETS });
    browser = await TestBrowser.launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it('shows a banner over the ticket while the kill switch is on, and none once it is reset', async () => {
    const trader = await newTrader(platform.url, { USD: '1000' }, 'ks');
    for (const size of [DESKTOP, PHONE]) {
      const page = await browser.newPage(platform.url, size);
      await logIn(page, trader);
      await page.goto('/markets/AAPL');
      await page.getByRole('form', { name: 'Order ticket' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('kill-switch-banner').count()).toBe(0);

      await trader.api.post('/api/v1/risk/kill-switch', { note: 'stepping away' });
      const banner = page.getByTestId('kill-switch-banner');
      // The status is read every few seconds.
      await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await banner.textContent()).toContain('It was turned on by the account owner.');
      expect(await banner.textContent()).toContain('Buys are refused until it is reset');
      await screenshot(page, 'market-kill-switch-on');

      await trader.api.post('/api/v1/risk/reset', {});
      await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
      await page.context().close();
    }
    expect(browser.problems).toEqual([]);
  });
});
