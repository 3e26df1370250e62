// The dashboard in a real browser (Debian's chromium through playwright-core) against a real platform: a trade between two users, algo orders, a bot, a backtest, and screenshots of every screen at desktop and phone sizes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserProblem, DESKTOP, ensureDashboardBuilt, PHONE, screenshot, TestBrowser } from '../support/browser.ts';
import { MarketHistoryRepo } from '../../src/store/index.ts';
import { MISSING_FIGURE } from '../../web/src/lib/format.ts';
import { Api } from '../support/http-client.ts';
import { ADMIN, TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { adminApi, newTrader, PASSWORD, uniqueName } from '../support/traders.ts';

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
  // On a phone the user menu sits behind the Menu button.
  const phone = (page.viewportSize()?.width ?? 0) < 640;
  if (phone) await page.getByRole('button', { name: 'Menu' }).click();
  await expect.poll(() => page.getByText(username).filter({ visible: true }).count()).toBe(1);
  if (phone) await page.getByRole('button', { name: 'Close' }).click();
  return username;
}

/** The REST API as a user the browser registered, logged in with their password. */
async function apiAs(url: string, username: string): Promise<Api> {
  const anonymous = new Api(url);
  return anonymous.withToken((await anonymous.login(username, PASSWORD)).accessToken);
}

/** Deposits through the market screen's ticket (the Deposit dialog). */
async function depositOnMarket(page: Page, asset: string, amount: string): Promise<void> {
  await page.getByRole('button', { name: 'Deposit' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Deposit' });
  await dialog.getByLabel('Asset').selectOption(asset);
  await dialog.getByLabel(`Amount (${asset})`).fill(amount);
  await dialog.getByRole('button', { name: 'Deposit' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Places a limit order through the market screen's order ticket. */
async function placeLimit(page: Page, symbol: string, side: 'Buy' | 'Sell', qty: string, price: string): Promise<void> {
  const ticket = page.getByRole('form', { name: 'Order ticket' });
  await ticket.getByRole('radio', { name: side }).check();
  await ticket.getByLabel('Order type').selectOption('limit');
  await ticket.getByLabel('Limit price (USD)').fill(price);
  await ticket.getByLabel(`Quantity (${symbol})`).fill(qty);
  await ticket.getByRole('button', { name: `${side} ${symbol}` }).click();
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

  it('two users trade: a limit order shows in the book, the other user takes it, both see the fill', async () => {
    const maker = await browser.newPage(platform.url, DESKTOP);
    await registerInBrowser(maker, 'maker');
    await maker.goto('/markets/S02');
    await depositOnMarket(maker, 'USD', '10000');
    await placeLimit(maker, 'S02', 'Buy', '10', '99.50');
    const book = maker.getByTestId('order-book');
    await expect.poll(() => book.getByRole('button', { name: /Bid 99\.50, size 10, your order/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => maker.getByRole('table', { name: 'Your open orders in S02' }).getByText('99.50').first().isVisible()).toBe(true);
    await screenshot(maker, 'market');

    const taker = await browser.newPage(platform.url, PHONE);
    await registerInBrowser(taker, 'taker');
    await taker.goto('/markets/S02');
    await taker.getByRole('tab', { name: 'Book' }).click();
    await expect.poll(() => taker.getByTestId('order-book').getByRole('button', { name: /Bid 99\.50, size 10/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    await depositOnMarket(taker, 'S02', '10');
    await placeLimit(taker, 'S02', 'Sell', '10', '99.50');
    await screenshot(taker, 'market');

    // The maker's order leaves the book and the open orders: it filled.
    await expect.poll(() => maker.getByText('No open orders in S02.').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => book.getByRole('button', { name: /Bid 99\.50/ }).count()).toBe(0);

    // Both see the fill in their trading screen; the buyer holds a position with its P&L, the seller's shares are gone.
    for (const page of [maker, taker]) {
      await page.goto('/trading');
      await page.getByRole('tab', { name: 'Fills' }).click();
      await expect.poll(() => page.getByRole('table', { name: 'Fills' }).getByText('99.50').first().isVisible(), { timeout: 15_000 }).toBe(true);
    }
    await maker.getByRole('tab', { name: 'Positions' }).click();
    await expect.poll(() => maker.getByTestId('unrealized-S02').isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(maker, 'trading');
    await taker.getByRole('tab', { name: 'Balances' }).click();
    await expect.poll(() => taker.getByRole('table', { name: 'Balances' }).getByText('USD').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(taker, 'trading');
    expect(browser.problems).toEqual([]);
  });

  it('a user starts a TWAP from the trading screen and sees it fill, then cancels an iceberg that still works', async () => {
    const seller = await newTrader(platform.url, { S06: '100' }, 'algo-ask');
    await seller.api.placeOrder({ symbol: 'S06', side: 'sell', type: 'limit', qty: '50', price: '101' });
    const page = await browser.newPage(platform.url, DESKTOP);
    const username = await registerInBrowser(page, 'algo');
    await (await apiAs(platform.url, username)).deposit('USD', '100000');
    await page.goto('/trading');
    await page.getByRole('tab', { name: 'Algos' }).click();
    const form = page.getByRole('form', { name: 'Algo order' });
    await form.getByLabel('Symbol').selectOption('S06');
    await form.getByLabel('Quantity (S06)', { exact: true }).fill('4');
    await form.getByLabel('Duration (minutes)').fill('0.05');
    await form.getByLabel('Slices').fill('2');
    await form.getByRole('button', { name: 'Start TWAP buy' }).click();
    const table = page.getByRole('table', { name: 'Algo orders' });
    await expect.poll(() => table.getByText('2 slices over 3.0 s, market').isVisible(), { timeout: 15_000 }).toBe(true);
    // Two market slices take 2 each from the ask at 101; the list polls while the TWAP works.
    await expect.poll(() => table.getByText('done', { exact: true }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await table.getByText('4 / 4').isVisible()).toBe(true);
    expect(await table.getByText('@ 101.00').isVisible()).toBe(true);
    expect(await table.getByText('2 sent').isVisible()).toBe(true);

    // A check before sending: an iceberg needs its limit price.
    await form.getByLabel('Algorithm').selectOption('iceberg');
    await form.getByLabel('Quantity (S06)', { exact: true }).fill('10');
    await form.getByLabel('Display quantity (S06)').fill('2');
    await form.getByRole('button', { name: 'Start Iceberg buy' }).click();
    await expect.poll(() => form.getByText('Enter a limit price.').isVisible()).toBe(true);
    await form.getByLabel('Limit price (USD)').fill('99');
    await form.getByRole('button', { name: 'Start Iceberg buy' }).click();
    await expect.poll(() => table.getByText('shows 2 at a time at 99.00').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => table.getByText('running', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'trading-algos');
    await table.getByRole('button', { name: /Cancel algo order/ }).click();
    await expect.poll(() => table.getByText('cancelled', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await table.getByRole('button', { name: /Cancel algo order/ }).count()).toBe(0);
    await page.setViewportSize(PHONE);
    await screenshot(page, 'trading-algos');
    expect(browser.problems).toEqual([]);
  });

  it('a bot started from the dashboard trades and appears on the leaderboard', async () => {
    const page = await browser.newPage(platform.url, DESKTOP);
    await registerInBrowser(page, 'botter');
    await page.goto('/bots');
    await page.getByRole('button', { name: 'New bot' }).click();
    const dialog = page.getByRole('dialog', { name: 'New bot' });
    // A name the API would refuse is marked before anything is sent, in the API's words.
    await dialog.getByLabel('Name').fill('bad name!');
    await dialog.getByRole('button', { name: 'Create bot' }).click();
    await expect.poll(() => dialog.getByText('A bot name is 1 to 20 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit, and not digits only (those are bot ids).').isVisible()).toBe(true);
    await dialog.getByLabel('Name').fill('walker1');
    await dialog.getByLabel('Strategy').selectOption('random-walk');
    await dialog.getByLabel('S03', { exact: true }).check();
    await dialog.getByLabel('Interval ms').fill('200');
    // S03 has no trades yet: the walker needs a price to start from.
    await dialog.getByLabel('Reference price').fill('100');
    await dialog.getByRole('button', { name: 'Create bot' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const state = page.getByRole('table', { name: 'Bots' }).getByTestId('bot-state').first();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('running');
    await screenshot(page, 'bots');

    // With its kill switch on, the bot's buys are refused: its detail shows how many, and the last one.
    const admin = await adminApi(platform.url);
    const bot = (await admin.get<{ bots: Array<{ name: string; accountId: number }> }>('/api/v1/bots')).bots.find((b) => b.name === 'walker1')!;
    await admin.post('/api/v1/risk/kill-switch', { accountId: bot.accountId, note: 'refusals on the dashboard' });
    await page.getByRole('button', { name: 'Details of walker1' }).click();
    const refusal = page.getByRole('dialog', { name: 'Bot walker1' }).getByTestId('bot-last-refusal');
    await expect.poll(() => refusal.textContent(), { timeout: 20_000 }).toMatch(/^KILL_SWITCH_ACTIVE: ./);
    await screenshot(page, 'bot-detail');
    await page.getByRole('dialog', { name: 'Bot walker1' }).getByRole('button', { name: 'Close' }).first().click();

    await page.goto('/leaderboard');
    await expect.poll(() => page.getByRole('table', { name: 'Leaderboard' }).getByText('walker1').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await screenshot(page, 'leaderboard');
    expect(browser.problems).toEqual([]);
  });

  it('a backtest run from the dashboard shows its progress, equity chart and metrics', async () => {
    const page = await browser.newPage(platform.url, DESKTOP);
    await registerInBrowser(page, 'quant');
    await page.goto('/backtests');
    // The optimizer's form is mounted too (hidden behind its tab): address the visible fields.
    await page.getByLabel('Strategy', { exact: true }).filter({ visible: true }).selectOption({ label: 'examples/sma-crossover' });
    await page.getByLabel('Synthetic', { exact: true }).filter({ visible: true }).check();
    await page.getByLabel('Bars', { exact: true }).filter({ visible: true }).fill('20000');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const results = page.getByTestId('backtest-results');
    await results.waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(() => page.getByTestId('equity-chart').locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('table', { name: 'Metrics' }).locator('[data-metric]').count()).toBeGreaterThan(5);
    // The metrics and the trade list count round trips alike (and say so when one is still open).
    const trades = await page.getByRole('table', { name: 'Metrics' }).locator('[data-metric="trades"] td').textContent();
    expect(await page.getByRole('tab', { name: /^Round trips/ }).textContent()).toBe(`Round trips (${trades})`);
    await screenshot(page, 'backtest');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'backtest');
    expect(browser.problems).toEqual([]);
  });

  it('a backtest on stored history says how many rows it skipped as off the grid', async () => {
    const start = Date.UTC(2024, 0, 2);
    const bars = Array.from({ length: 100 }, (_, i) => ({ openTime: start + i * 60_000, open: '100', high: '101', low: '99', close: i % 20 < 10 ? '100.5' : '99.5', volume: '10' }));
    // Stored before imports checked the grid: 100.005 is off S08's 0.01 tick.
    bars[50] = { ...bars[50]!, close: '100.005' };
    await new MarketHistoryRepo(platform.running.ctx.store.db).insert('bars', { symbol: 'S08', interval: '1m' }, bars, 'off-grid bars');
    const page = await browser.newPage(platform.url, DESKTOP);
    await registerInBrowser(page, 'grid');
    await page.goto('/backtests');
    await page.getByLabel('Strategy', { exact: true }).filter({ visible: true }).selectOption('momentum');
    await page.getByLabel('Symbol', { exact: true }).filter({ visible: true }).selectOption('S08');
    await page.getByLabel('Stored history (1)', { exact: true }).filter({ visible: true }).check();
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const results = page.getByTestId('backtest-results');
    await results.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await results.getByTestId('skipped-rows').textContent()).toBe("1 stored row was skipped: off S08's tick or lot grid.");
    expect(await results.textContent()).toContain('99 records');
    expect(browser.problems).toEqual([]);
  });

  it('a backtest on stored history with a hole in it warns of the gap above the metrics', async () => {
    // Two sessions of one-minute bars, four years apart.
    const sessions = [Date.UTC(2019, 0, 2, 14, 30), Date.UTC(2023, 0, 3, 14, 30)];
    const bars = sessions.flatMap((open) => Array.from({ length: 100 }, (_, i) => ({ openTime: open + i * 60_000, open: '100', high: '101', low: '99', close: i % 20 < 10 ? '100.5' : '99.5', volume: '10' })));
    await new MarketHistoryRepo(platform.running.ctx.store.db).insert('bars', { symbol: 'S09', interval: '1m' }, bars, 'bars with a hole');
    const page = await browser.newPage(platform.url, DESKTOP);
    await registerInBrowser(page, 'gaps');
    await page.goto('/backtests');
    await page.getByLabel('Strategy', { exact: true }).filter({ visible: true }).selectOption('momentum');
    await page.getByLabel('Symbol', { exact: true }).filter({ visible: true }).selectOption('S09');
    await page.getByLabel('Stored history (1)', { exact: true }).filter({ visible: true }).check();
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const results = page.getByTestId('backtest-results');
    await results.waitFor({ state: 'visible', timeout: 60_000 });
    const note = results.getByTestId('data-gaps');
    expect(await note.locator('p').textContent()).toBe('A gap in the data, replayed as trading time without prices: the equity curve holds still across it, and CAGR, volatility and exposure count it as time in the market.');
    expect(await note.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^S09 .+ to .+ \(1461 d\)$/)]);
    await screenshot(page, 'backtest-data-gaps');
    expect(browser.problems).toEqual([]);
  });

  it('every screen renders at desktop and phone sizes without errors', async () => {
    const page = await browser.newPage(platform.url, DESKTOP);
    await registerInBrowser(page, 'tour');
    for (const [path, heading] of [['/risk', 'Risk'], ['/api-keys', 'API keys'], ['/account', undefined], ['/trading', 'My trading'], ['/bots', 'Bots'], ['/leaderboard', 'Leaderboard']] as const) {
      for (const size of [DESKTOP, PHONE]) {
        await page.setViewportSize(size);
        await page.goto(path);
        if (heading !== undefined) await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        await screenshot(page, `new-user-${path.slice(1)}`);
      }
    }
    expect(browser.problems).toEqual([]);
  });

  it('a walk-forward with no in-sample edge shows its efficiency as the missing-figure dash', async () => {
    const page = await browser.newPage(platform.url, DESKTOP);
    const username = await registerInBrowser(page, 'walk');
    const api = await apiAs(platform.url, username);
    // Slow averages longer than a fold never cross: no trades, a score of 0 in sample, so no efficiency.
    const body = { strategy: 'examples/sma-crossover', symbol: 'S01', data: { source: 'synthetic', kind: 'bars', interval: '1m', count: 400, seed: 7 }, space: { fast: [5, 10], slow: 300 }, objective: 'return', walkForward: { folds: 2 } };
    const run = await api.ok<{ id: number }>('POST', '/api/v1/optimizations', { json: body }, [202]);
    await page.goto(`/backtests?run=optimization-${run.id}`);
    const efficiency = page.getByTestId('wf-efficiency');
    await efficiency.waitFor({ timeout: 60_000 });
    expect(await efficiency.textContent()).toBe(`Efficiency ${MISSING_FIGURE}`);
    await expect.poll(() => page.getByText(`(${MISSING_FIGURE} here: it is undefined without an in-sample edge, or when a fold failed)`, { exact: false }).isVisible()).toBe(true);
    expect(browser.problems).toEqual([]);
  });

  it('a user sets a limit of 0 where the API takes it, and is told in the API\'s words where it does not', async () => {
    const page = await browser.newPage(platform.url, DESKTOP);
    const username = await registerInBrowser(page, 'limits');
    await page.goto('/risk');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save my limits' }) });
    await form.getByLabel('Max gross exposure (USD)').fill('0');
    await form.getByLabel('Max orders per second').fill('0');
    await form.getByRole('button', { name: 'Save my limits' }).click();
    // Refused before any request (a 400 would be among the problems).
    await expect.poll(() => form.getByText('maxOrdersPerSecond must be positive (more than 0)').isVisible()).toBe(true);
    await form.getByLabel('Max orders per second').fill('');
    await form.getByRole('button', { name: 'Save my limits' }).click();
    await expect.poll(() => page.getByText('Your risk limits are saved and apply now.').isVisible()).toBe(true);
    const api = await apiAs(platform.url, username);
    expect((await api.get<{ self: Record<string, string> }>('/api/v1/risk/limits')).self).toEqual({ maxGrossExposure: '0' });
    expect(browser.problems).toEqual([]);
  });

  it('a user turns the kill switch on from the risk screen, sees trading blocked, and turns it off again', async () => {
    const page = await browser.newPage(platform.url, DESKTOP);
    await registerInBrowser(page, 'kill');
    await page.goto('/risk');
    const state = page.getByTestId('trading-state');
    await state.getByRole('button', { name: 'Turn kill switch on' }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn the kill switch on?' });
    await dialog.getByLabel('Note (optional)').fill('stepping away');
    await dialog.getByRole('button', { name: 'Turn kill switch on' }).click();
    await expect.poll(() => state.getByText('Trading is blocked: reduce-only').isVisible()).toBe(true);
    await expect.poll(() => state.getByText('Turned on by you').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Kill switch turned on by the account owner: stepping away').first().isVisible()).toBe(true);
    await screenshot(page, 'risk-kill-switch-on');
    await state.getByRole('button', { name: 'Reset kill switch' }).click();
    await page.getByRole('dialog', { name: 'Reset the kill switch?' }).getByRole('button', { name: 'Reset kill switch' }).click();
    await expect.poll(() => page.getByTestId('trading-state').getByText('trading open').isVisible()).toBe(true);
    expect(browser.problems).toEqual([]);
  });

  it('on a phone, past orders say why they ended and how they were priced, and open orders their status', async () => {
    const page = await browser.newPage(platform.url, PHONE);
    const username = await registerInBrowser(page, 'phone-orders');
    const api = await apiAs(platform.url, username);
    await api.deposit('USD', '1000');
    await api.placeOrder({ symbol: 'S03', side: 'buy', type: 'limit', qty: '2', price: '95.25' });
    // The kill switch cancels it: the history must tell that apart from a cancel of one's own.
    await api.post('/api/v1/risk/kill-switch', {});
    await api.post('/api/v1/risk/reset', {});
    await api.placeOrder({ symbol: 'S03', side: 'buy', type: 'limit', qty: '1', price: '94.50' });
    await page.goto('/trading');
    const open = page.getByRole('table', { name: 'Open orders' });
    await expect.poll(() => open.getByText('open', { exact: true }).filter({ visible: true }).count(), { timeout: 15_000 }).toBe(1);
    const history = page.getByRole('table', { name: 'Order history' });
    const ended = history.getByRole('row').filter({ hasText: 'cancelled' });
    await expect.poll(() => ended.getByText("RISK_KILL_SWITCH").filter({ visible: true }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => ended.getByText(/95\.25/).filter({ visible: true }).count()).toBe(1);
    await screenshot(page, 'trading-phone-orders');
    expect(browser.problems).toEqual([]);
  });

  it('an admin logs in and sees the users and the instruments', async () => {
    const page = await browser.newPage(platform.url, DESKTOP);
    await page.goto('/login');
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/admin');
    await expect.poll(() => page.getByRole('table', { name: 'Users' }).getByText(ADMIN.username).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'admin');
    // A new user from the dialog, then a forgotten password set for them: both work at the API.
    const name = uniqueName('staff');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Username').fill(name);
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Users' }).getByText(name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: `Set the password of ${name}` }).click();
    await page.getByRole('dialog').getByLabel('New password').fill('set by an admin 1');
    await page.getByRole('dialog').getByRole('button', { name: 'Set password' }).click();
    await expect.poll(async () => (await platform.api().call('POST', '/api/v1/auth/login', { json: { username: name, password: 'set by an admin 1' } })).status, { timeout: 15_000 }).toBe(200);
    // Disabled from the list, after a confirmation: the login is refused and the row says so; then enabled again. One's own row cannot be disabled.
    expect(await page.getByRole('button', { name: `Disable ${ADMIN.username}` }).isDisabled()).toBe(true);
    const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: name });
    await page.getByRole('button', { name: `Disable ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
    await expect.poll(() => row.getByText('disabled').isVisible(), { timeout: 15_000 }).toBe(true);
    const refused = await platform.api().call<{ code: string }>('POST', '/api/v1/auth/login', { json: { username: name, password: 'set by an admin 1' } });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'ACCOUNT_DISABLED' });
    await screenshot(page, 'admin-user-disabled');
    await page.getByRole('button', { name: `Enable ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enable user' }).click();
    await expect.poll(() => row.getByText('active').isVisible(), { timeout: 15_000 }).toBe(true);
    expect((await platform.api().call('POST', '/api/v1/auth/login', { json: { username: name, password: 'set by an admin 1' } })).status).toBe(200);
    await page.getByRole('tab', { name: 'Instruments' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Instruments' }).getByText('S01').first().isVisible()).toBe(true);
    // The tab is in the address: a reload opens the same one.
    expect(new URL(page.url()).search).toBe('?tab=instruments');
    await page.reload();
    await expect.poll(() => page.getByRole('table', { name: 'Instruments' }).getByText('S01').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.setViewportSize(PHONE);
    await screenshot(page, 'admin');
    // On a phone a row's actions are one menu, on screen beside the name: disabling from it asks first, as the buttons do.
    await page.getByRole('tab', { name: 'Users' }).click();
    const menu = page.getByRole('combobox', { name: `Actions for ${name}` });
    await expect.poll(() => menu.isVisible(), { timeout: 15_000 }).toBe(true);
    const box = (await menu.boundingBox())!;
    const scroller = (await page.getByRole('table', { name: 'Users' }).locator('..').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(scroller.x + scroller.width);
    expect(await page.getByRole('combobox', { name: `Actions for ${ADMIN.username}` }).locator('option', { hasText: 'Disable' }).isDisabled()).toBe(true);
    await menu.selectOption({ label: 'Disable' });
    await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
    await expect.poll(() => row.getByText('disabled').isVisible(), { timeout: 15_000 }).toBe(true);
    expect((await platform.api().call('POST', '/api/v1/auth/login', { json: { username: name, password: 'set by an admin 1' } })).status).toBe(403);
    await screenshot(page, 'admin-users-phone');
    expect(browser.problems).toEqual([]);
  });

  it('a user an admin disables while signed in is sent to the login screen, which says why', async () => {
    const page = await browser.newPage(platform.url, DESKTOP);
    const username = await registerInBrowser(page, 'leaver');
    await expect.poll(() => page.getByRole('link', { name: 'Trading' }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const admin = await adminApi(platform.url);
    const { items } = await admin.get<{ items: Array<{ id: number; username: string }> }>('/api/v1/admin/users', { limit: 500 });
    const id = items.find((user) => user.username === username.toLowerCase())!.id;
    const seen = browser.problems.length;
    await admin.ok('PUT', `/api/v1/admin/users/${id}/status`, { json: { status: 'disabled' } });
    // The page's next request (its own refresh of the tickers, or the click) answers 403 ACCOUNT_DISABLED: the session ends here,
    // public data loads again without it, and a private page sends the user to log in.
    const trading = page.getByRole('link', { name: 'Trading' }).first();
    if (await trading.isVisible()) await trading.click({ timeout: 2_000 }).catch(() => undefined);
    await expect.poll(async () => page.url().endsWith('/login') || (await page.getByRole('link', { name: 'Log in' }).first().isVisible()), { timeout: 15_000 }).toBe(true);
    expect(await page.getByText('ACCOUNT_DISABLED').count()).toBe(0);
    if (!page.url().endsWith('/login')) await page.getByRole('link', { name: 'Log in' }).first().click();
    await page.waitForURL((url) => url.pathname === '/login', { timeout: 15_000 });
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await expect.poll(() => page.getByText('This user is disabled; an admin can enable them again.').isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'login-disabled');
    // The refusals were the expected ones: the disabled user's requests (403, or 401 once the login had ended), nothing else.
    const refusals = browser.problems.splice(seen);
    expect(refusals.some((line) => line.startsWith('HTTP 403 for POST') && line.endsWith('/api/v1/auth/login'))).toBe(true);
    expect(refusals.filter((line) => !/HTTP 40[13] for |status of 40[13]/.test(line))).toEqual([]);
    await admin.ok('PUT', `/api/v1/admin/users/${id}/status`, { json: { status: 'active' } });
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 });
    expect(browser.problems).toEqual([]);
  });
});
