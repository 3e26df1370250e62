// The market screen in a real browser on the shipped markets (USD kept to six decimals): the fee estimate's maker or taker label, money at the currency's full decimals and prices at the tick, the warning when an order needs more held than is available, one notice per fill, the kill-switch banner over the ticket, and a halt an admin sets on the admin page shown in the ticket.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserProblem, DESKTOP, ensureDashboardBuilt, PHONE, screenshot, TestBrowser } from '../support/browser.ts';
import { ADMIN, TestPlatform } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

const problem = browserProblem();
const REQUIRED = process.env.CI === 'true';
if (problem !== undefined && !REQUIRED) console.warn(`Dashboard browser tests skipped: ${problem}. CI=true turns this into a failure.`);

/** The markets the platform ships: USD at scale 6, BTC-USD with a 0.01 tick, 2 bps maker and 5 bps taker fees. */
const SHIPPED_MARKETS = new URL('../../config/markets.json', import.meta.url);

async function logIn(page: Page, trader: Trader): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(trader.name);
  await page.getByLabel('Password').fill(trader.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Every toast the page shows from now on, as its text, in order (toasts leave after a few seconds, so counting those on screen would not do). */
async function recordToasts(page: Page): Promise<string[]> {
  const shown: string[] = [];
  await page.exposeFunction('recordToast', (text: string) => void shown.push(text));
  // A script, not a function: the test code is compiled without the DOM's types.
  await page.evaluate(`new MutationObserver((changes) => {
    for (const change of changes) for (const node of change.addedNodes)
      if (node instanceof HTMLElement && ['status', 'alert'].includes(node.getAttribute('role') ?? '')) window.recordToast((node.textContent ?? '').replace(/×$/, ''));
  }).observe(document.body, { childList: true, subtree: true })`);
  return shown;
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

  it('labels the fee maker or taker by whether the limit crosses the best ask, and shows full decimals and ticks', async () => {
    const seller = await newTrader(platform.url, { BTC: '10' }, 'ask');
    await seller.api.placeOrder({ symbol: 'BTC-USD', side: 'sell', type: 'limit', qty: '0.5', price: '65000' });
    await seller.api.placeOrder({ symbol: 'BTC-USD', side: 'sell', type: 'limit', qty: '0.5', price: '65010' });
    const buyer = await newTrader(platform.url, { USD: '100000' }, 'bid');
    const page = await browser.newPage(platform.url, DESKTOP);
    await logIn(page, buyer);
    await page.goto('/markets/BTC-USD');
    const ticket = page.getByRole('form', { name: 'Order ticket' });
    await expect.poll(() => page.getByTestId('order-book').getByRole('button', { name: /Ask 65,?010\.00/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    const fee = ticket.getByTestId('ticket-fee');
    const feeLabel = ticket.locator('dt', { hasText: 'Fee' });

    // Below the best ask the limit rests: maker, 2 bps of 64.00 is 0.0128, shown at all six decimals USD is kept to.
    await ticket.getByRole('radio', { name: 'Buy' }).check();
    await ticket.getByLabel('Order type').selectOption('limit');
    await ticket.getByLabel('Limit price (USD)').fill('64000');
    await ticket.getByLabel(/^Quantity/).fill('0.001');
    await expect.poll(() => feeLabel.textContent()).toBe('Fee (maker 0.02%)');
    expect(await fee.textContent()).toBe('0.012800 USD');
    expect(await ticket.getByTestId('ticket-total').textContent()).toBe('64.012800 USD');
    // The venue holds the 5 bps taker fee while it rests (64.032): 0.0192 more than the estimate.
    expect(await ticket.getByTestId('ticket-total-note').textContent()).toBe('+ up to 0.019200 fee (held 64.032000)');
    await screenshot(page, 'ticket-maker');

    // At the best ask it takes: taker, 5 bps of 65.00 is 0.0325.
    await ticket.getByLabel('Limit price (USD)').fill('65000');
    await expect.poll(() => feeLabel.textContent()).toBe('Fee (taker 0.05%)');
    expect(await fee.textContent()).toBe('0.032500 USD');

    // A market buy of 0.7 walks the book: 0.5 at 65,000 and 0.2 at 65,010, an average of 65,002.857… shown at the tick.
    await ticket.getByLabel('Order type').selectOption('market');
    await ticket.getByLabel(/^Quantity/).fill('0.7');
    await expect.poll(() => ticket.getByTestId('ticket-price').textContent()).toBe('65,002.86');
    expect(await feeLabel.textContent()).toBe('Fee (taker 0.05%)');
    // 5 bps of 45,502.00 is 22.751.
    expect(await fee.textContent()).toBe('22.751000 USD');
    await screenshot(page, 'ticket-market');
    expect(browser.problems).toEqual([]);
  });

  it('shows one notice per fill: each partial fill of a resting order, and a ticket order\'s fills in its placement notice only', async () => {
    const maker = await newTrader(platform.url, { ETH: '10' }, 'fm');
    const taker = await newTrader(platform.url, { USD: '100000' }, 'ft');
    const makerPage = await browser.newPage(platform.url, DESKTOP);
    await logIn(makerPage, maker);
    await makerPage.goto('/markets/ETH-USD');
    await makerPage.getByRole('form', { name: 'Order ticket' }).waitFor();
    await makerPage.waitForLoadState('networkidle');
    const makerToasts = await recordToasts(makerPage);
    const first = await maker.api.placeOrder({ symbol: 'ETH-USD', side: 'sell', type: 'limit', qty: '0.5', price: '3500' });
    const second = await maker.api.placeOrder({ symbol: 'ETH-USD', side: 'sell', type: 'limit', qty: '0.5', price: '3501' });
    // Two partial fills of the first order, by another trader over the API.
    await taker.api.placeOrder({ symbol: 'ETH-USD', side: 'buy', type: 'limit', qty: '0.2', price: '3500' });
    await taker.api.placeOrder({ symbol: 'ETH-USD', side: 'buy', type: 'limit', qty: '0.1', price: '3500' });
    await expect.poll(() => makerToasts.length, { timeout: 10_000 }).toBe(2);

    // The taker buys 0.4 from the ticket across both levels: two fills, told once by the placement notice.
    const takerPage = await browser.newPage(platform.url, DESKTOP);
    await logIn(takerPage, taker);
    await takerPage.goto('/markets/ETH-USD');
    const ticket = takerPage.getByRole('form', { name: 'Order ticket' });
    await ticket.waitFor();
    await takerPage.waitForLoadState('networkidle');
    const takerToasts = await recordToasts(takerPage);
    await ticket.getByRole('radio', { name: 'Buy' }).check();
    await ticket.getByLabel('Order type').selectOption('market');
    await ticket.getByLabel(/^Quantity/).fill('0.4');
    await ticket.getByRole('button', { name: 'Buy ETH' }).click();
    await expect.poll(() => makerToasts.length, { timeout: 10_000 }).toBe(4);
    // Give a late duplicate time to show.
    await takerPage.waitForTimeout(1_000);
    expect(takerToasts).toHaveLength(1);
    expect(takerToasts[0]).toMatch(/^Bought 0\.4/);
    expect(makerToasts).toEqual([
      `Sold 0.2000 ETH at 3,500.00 (maker, order #${first.id}).`,
      `Sold 0.1000 ETH at 3,500.00 (maker, order #${first.id}).`,
      `Sold 0.2000 ETH at 3,500.00 (maker, order #${first.id}).`,
      `Sold 0.2000 ETH at 3,501.00 (maker, order #${second.id}).`,
    ]);
    expect(browser.problems).toEqual([]);
  });

  it('fits the open orders of every kind in the panel beside the book at 1100 px wide, with Cancel in view', async () => {
    const seller = await newTrader(platform.url, { BTC: '1' }, 'fit-ask');
    // Below the asks the first test leaves at 65000 and 65010, so the buy below fills this one only: partly.
    await seller.api.placeOrder({ symbol: 'BTC-USD', side: 'sell', type: 'limit', qty: '0.05', price: '64990' });
    const trader = await newTrader(platform.url, { USD: '1000000', BTC: '10' }, 'fit');
    const S = 'BTC-USD';
    // Five-digit prices and four-decimal quantities: the widest figures the shipped markets have.
    await trader.api.placeOrder({ symbol: S, side: 'buy', type: 'limit', qty: '0.5', price: '64990' });
    await trader.api.placeOrder({ symbol: S, side: 'buy', type: 'limit', qty: '0.0005', price: '60001.00', postOnly: true, tif: 'gtd', expireAt: Date.now() + 86_400_000 });
    await trader.api.placeOrder({ symbol: S, side: 'sell', type: 'stop_limit', qty: '1.2345', price: '60900.00', stopPrice: '61000.00', tif: 'gtc' });
    await trader.api.placeOrder({ symbol: S, side: 'sell', type: 'trailing_stop', qty: '0.01', trailAmount: '100.00', tif: 'gtc' });
    await trader.api.placeOrder({ symbol: S, side: 'sell', type: 'trailing_stop', qty: '0.01', trailPercent: '1.25', tif: 'gtc' });
    await trader.api.placeOco([
      { symbol: S, side: 'sell', type: 'limit', qty: '0.25', price: '70000.00', tif: 'gtc' },
      { symbol: S, side: 'sell', type: 'stop_limit', qty: '0.25', stopPrice: '60000.00', price: '59900.00', tif: 'gtc' },
    ]);
    await trader.api.placeBracket({ entry: { symbol: S, side: 'buy', type: 'limit', qty: '0.1234', price: '60000.00', tif: 'gtc' }, takeProfitPrice: '70000.00', stopLossPrice: '59000.00', stopLossLimitPrice: '58900.00' });
    const page = await browser.newPage(platform.url, { width: 1100, height: 900 });
    await logIn(page, trader);
    await page.goto(`/markets/${S}`);
    const table = page.getByRole('table', { name: `Your open orders in ${S}` });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBe(10);
    await expect.poll(() => table.getByText('0.0500 filled').isVisible()).toBe(true);
    await expect.poll(() => table.getByText('WAITS FOR ENTRY').count()).toBe(2);
    // The GTD order says when it expires; the legs of the OCO and the bracket name their group as such, not as a bare "#12", which reads as their own number.
    expect(await table.getByText(/^until \S/).count()).toBe(1);
    expect(await table.getByText(/^group #\d+$/).count()).toBe(5);
    // How far the table's scroller scrolls sideways (the test code has no DOM types: the element is described by what is read).
    const overflow = () => table.evaluate((element: { parentElement: { scrollWidth: number; clientWidth: number } }) => element.parentElement.scrollWidth - element.parentElement.clientWidth);
    expect(await overflow()).toBe(0);
    const viewport = page.viewportSize()!;
    for (const button of await table.getByRole('button', { name: /^Cancel order #/ }).all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    }
    // The placing time shows only where the panel has room for it.
    expect(await table.getByRole('columnheader', { name: 'Placed' }).isVisible()).toBe(false);
    await screenshot(page, 'market-open-orders');
    await page.setViewportSize({ width: 1400, height: 900 });
    await expect.poll(() => table.getByRole('columnheader', { name: 'Placed' }).isVisible()).toBe(true);
    expect(await overflow()).toBe(0);
    await screenshot(page, 'market-open-orders');
    expect(browser.problems).toEqual([]);
  });

  it('warns when the order needs more held than is available, in the figures the exchange then refuses it with', async () => {
    // AAPL has not traded here: last 190.00, so a market buy is held at the band's limit, 209.00, plus the 1 bp taker fee.
    const seller = await newTrader(platform.url, { AAPL: '10' }, 'hold-ask');
    await seller.api.placeOrder({ symbol: 'AAPL', side: 'sell', type: 'limit', qty: '5', price: '188.54' });
    const buyer = await newTrader(platform.url, { USD: '200' }, 'hold');
    const page = await browser.newPage(platform.url, DESKTOP);
    await logIn(page, buyer);
    await page.goto('/markets/AAPL');
    const ticket = page.getByRole('form', { name: 'Order ticket' });
    await expect.poll(() => page.getByTestId('order-book').getByRole('button', { name: /Ask 188\.54/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    await ticket.getByRole('radio', { name: 'Buy' }).check();
    await ticket.getByLabel('Order type').selectOption('market');
    await ticket.getByLabel(/^Quantity/).fill('1');
    // The estimated cost fits; what the exchange holds does not.
    await expect.poll(() => ticket.getByTestId('ticket-total').textContent()).toBe('188.558854 USD');
    const shortfall = ticket.getByTestId('ticket-shortfall');
    await expect.poll(() => shortfall.textContent()).toBe('More than your available USD: this order needs 209.020900 USD held; 200.000000 available. The exchange would refuse it.');
    await screenshot(page, 'ticket-hold-shortfall');
    await ticket.getByRole('button', { name: 'Buy AAPL' }).click();
    await expect.poll(() => ticket.getByText("This order holds up to 209.0209 USD (a market buy is held at the price band's limit, 209) and 200 USD is available.").count()).toBeGreaterThan(0);

    // A limit buy held within the cash gets no warning; a sell of shares the account does not hold does.
    await ticket.getByLabel('Order type').selectOption('limit');
    await ticket.getByLabel('Limit price (USD)').fill('188.54');
    await expect.poll(() => shortfall.count()).toBe(0);
    await ticket.getByRole('radio', { name: 'Sell' }).check();
    await expect.poll(() => shortfall.textContent()).toBe('More than your available AAPL: this order needs 1 AAPL held; 0 available. The exchange would refuse it.');
    // The refusal is the one failed request (the browser logs it too), and an expected one.
    expect(browser.problems.splice(0)).toEqual([`HTTP 422 for POST ${platform.url}/api/v1/orders`, expect.stringMatching(/^console error on .*: Failed to load resource: the server responded with a status of 422/)]);
  });

  it('deposits the asset chosen in the ticket\'s deposit dialog while the market moves behind it, checked as the balances dialog checks it', async () => {
    const trader = await newTrader(platform.url, { USD: '1000' }, 'ticket-deposit');
    const mover = await newTrader(platform.url, { USD: '100000', BTC: '10' }, 'ticket-mover');
    const page = await browser.newPage(platform.url, DESKTOP);
    await logIn(page, trader);
    await page.goto('/markets/BTC-USD');
    const ticket = page.getByRole('form', { name: 'Order ticket' });
    await ticket.getByRole('radio', { name: 'Buy' }).check();
    await ticket.getByRole('button', { name: 'Deposit' }).click();
    const dialog = page.getByRole('form', { name: 'Deposit' });
    // The asset paid with comes first: USD on the buy side.
    await expect.poll(() => dialog.getByLabel('Asset').inputValue()).toBe('USD');
    await dialog.getByLabel('Asset').selectOption('BTC');
    await dialog.getByLabel(/^Amount/).fill('-5');
    await dialog.getByRole('button', { name: 'Deposit' }).click();
    await expect.poll(() => dialog.getByText(/more than 0|positive/i).count()).toBeGreaterThan(0);
    await dialog.getByLabel(/^Amount/).fill('0.5');
    // Book and ticker updates re-render the ticket behind the dialog; the choice stays.
    for (let i = 0; i < 4; i++) {
      await mover.api.placeOrder({ symbol: 'BTC-USD', side: 'buy', type: 'limit', qty: '0.01', price: String(60_000 + i * 10) });
      await page.waitForTimeout(400);
    }
    expect(await dialog.getByLabel('Asset').inputValue()).toBe('BTC');
    await dialog.getByRole('button', { name: 'Deposit' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await trader.api.balance('BTC')).toMatchObject({ available: '0.5' });
    expect((await trader.api.balance('USD')).available).toMatch(/^1000(\.0+)?$/);
    // Opened again, it starts afresh.
    await ticket.getByRole('button', { name: 'Deposit' }).click();
    expect(await dialog.getByLabel(/^Amount/).inputValue()).toBe('');
    await page.keyboard.press('Escape');
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
  it('an admin halts a symbol on the admin page: the trader\'s ticket says so, with the reason, and sends nothing until the admin resumes it', async () => {
    const trader = await newTrader(platform.url, { USD: '1000' }, 'halt');
    const page = await browser.newPage(platform.url, DESKTOP);
    await logIn(page, trader);
    await page.goto('/markets/ETH-USD');
    const ticket = page.getByRole('form', { name: 'Order ticket' });
    await ticket.waitFor();
    await page.waitForLoadState('networkidle');
    const banner = page.getByTestId('halted-banner');
    expect(await banner.count()).toBe(0);

    const admin = await browser.newPage(platform.url, DESKTOP);
    await logIn(admin, { name: ADMIN.username, password: ADMIN.password } as Trader);
    await admin.goto('/admin');
    await admin.getByRole('tab', { name: 'Instruments' }).click();
    const row = admin.getByRole('table', { name: 'Instruments' }).getByRole('row').filter({ hasText: 'ETH-USD' });
    await row.getByRole('button', { name: 'Halt' }).click();
    await admin.getByRole('dialog').getByLabel('Reason (shown to traders)').fill('news pending');
    await admin.getByRole('dialog').getByRole('button', { name: 'Halt trading' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Resume' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect((await platform.api().get<{ instruments: Array<{ symbol: string; status: string; statusReason: string | null }> }>('/api/v1/instruments')).instruments.find((i) => i.symbol === 'ETH-USD')).toMatchObject({ status: 'halted', statusReason: 'news pending' });

    // Pushed on status:ETH-USD: no reload.
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await banner.textContent()).toContain('Trading in ETH-USD is halted');
    expect(await banner.textContent()).toContain('news pending');
    expect(await ticket.getByRole('button', { name: /^Buy/ }).isDisabled()).toBe(true);
    await screenshot(page, 'market-halted');

    await row.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
    expect(await ticket.getByRole('button', { name: /^Buy/ }).isDisabled()).toBe(false);
    await page.context().close();
    await admin.context().close();
    expect(browser.problems).toEqual([]);
  });
});
