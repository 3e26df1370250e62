// Every REST route of the server with a valid body template, for tests that sweep the whole API.

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** With `:name` placeholders for path parameters. */
  readonly path: string;
  /** A body the route accepts, for routes that take one. */
  readonly body?: Readonly<Record<string, unknown>>;
  /** The query parameters the route reads. */
  readonly query?: readonly string[];
}

const order = { symbol: 'S01', side: 'buy', type: 'limit', qty: '1', price: '100' };

export const ROUTES: readonly RouteSpec[] = [
  { method: 'POST', path: '/api/v1/auth/register', body: { username: 'fuzzy-user', password: 'long enough password' } },
  { method: 'POST', path: '/api/v1/auth/login', body: { username: 'fuzzy-user', password: 'long enough password' } },
  { method: 'POST', path: '/api/v1/auth/refresh', body: { refreshToken: 'AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } },
  { method: 'POST', path: '/api/v1/auth/logout', body: { refreshToken: 'AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } },
  // A wrong current password: the fuzzer must not lock the test user out.
  { method: 'POST', path: '/api/v1/auth/password', body: { currentPassword: 'not the password', newPassword: 'another long password' } },
  { method: 'GET', path: '/api/v1/me' },
  { method: 'POST', path: '/api/v1/account/deposits', body: { asset: 'USD', amount: '10', memo: 'm' } },
  { method: 'POST', path: '/api/v1/account/withdrawals', body: { asset: 'USD', amount: '1' } },
  { method: 'GET', path: '/api/v1/account/balances' },
  { method: 'GET', path: '/api/v1/account/holdings' },
  { method: 'GET', path: '/api/v1/account/positions' },
  { method: 'GET', path: '/api/v1/account/ledger', query: ['asset', 'limit', 'cursor'] },
  { method: 'GET', path: '/balance/:clientId' },
  { method: 'GET', path: '/holdings/:securityId/:clientId' },
  { method: 'POST', path: '/api/v1/orders', body: { ...order, tif: 'gtd', expireAt: 4_102_444_800_000, clientOrderId: 'c-1', stp: 'cancel_oldest', postOnly: false } },
  { method: 'POST', path: '/api/v1/orders/oco', body: { legs: [order, { ...order, type: 'stop', price: undefined, stopPrice: '105' }] } },
  { method: 'POST', path: '/api/v1/orders/bracket', body: { entry: order, takeProfitPrice: '105', stopLossPrice: '95', stopLossLimitPrice: '94' } },
  { method: 'GET', path: '/api/v1/orders', query: ['symbol', 'side', 'status', 'from', 'to', 'limit', 'cursor'] },
  { method: 'GET', path: '/api/v1/orders/:id' },
  { method: 'GET', path: '/api/v1/orders/by-client-id/:clientOrderId' },
  { method: 'DELETE', path: '/api/v1/orders/:id' },
  { method: 'DELETE', path: '/api/v1/orders', query: ['symbol'] },
  { method: 'PATCH', path: '/api/v1/orders/:id', body: { qty: '1', price: '100', stopPrice: '101' } },
  { method: 'GET', path: '/api/v1/fills', query: ['symbol', 'orderId', 'limit', 'cursor'] },
  { method: 'GET', path: '/api/v1/instruments' },
  { method: 'GET', path: '/api/v1/assets' },
  { method: 'GET', path: '/api/v1/markets/:symbol/book', query: ['depth'] },
  { method: 'GET', path: '/api/v1/markets/:symbol/trades', query: ['limit'] },
  { method: 'GET', path: '/api/v1/markets/:symbol/ticker' },
  { method: 'GET', path: '/api/v1/tickers' },
  { method: 'GET', path: '/api/v1/markets/:symbol/candles', query: ['interval', 'from', 'to', 'limit', 'cursor'] },
  { method: 'POST', path: '/api/v1/api-keys', body: { label: 'k', scopes: ['read'] } },
  { method: 'GET', path: '/api/v1/api-keys' },
  { method: 'DELETE', path: '/api/v1/api-keys/:keyId' },
  { method: 'GET', path: '/api/v1/admin/users', query: ['limit', 'cursor'] },
  // Promoting only: a fuzzed demotion of the admin would hide the admin routes from the rest of the run.
  { method: 'PUT', path: '/api/v1/admin/users/:id/role', body: { role: 'admin' } },
  { method: 'POST', path: '/api/v1/admin/users', body: { username: 'fuzzy-staff', password: 'long enough password' } },
  // The admin's own password is refused here (403); another user's is set, and sweeps that rely on a user's password set it back.
  { method: 'PUT', path: '/api/v1/admin/users/:id/password', body: { password: 'long enough password' } },
  // Enabling only: a fuzzed disable of the trader would lock the rest of the run out (the admin's own status is refused, 403).
  { method: 'PUT', path: '/api/v1/admin/users/:id/status', body: { status: 'active' } },
  // Resuming only: a fuzzed halt would refuse the orders of the rest of the run.
  { method: 'PUT', path: '/api/v1/admin/instruments/:symbol/status', body: { status: 'trading', reason: 'fuzz' } },
  { method: 'POST', path: '/api/v1/admin/instruments/:symbol/session/end' },
  { method: 'GET', path: '/api/v1/risk/limits', query: ['accountId'] },
  { method: 'PUT', path: '/api/v1/risk/limits', body: { maxGrossExposure: '100000', maxNetExposure: '50000', maxDailyLoss: '500', maxDrawdownPct: '20', maxOrdersPerSecond: 50 } },
  { method: 'GET', path: '/api/v1/risk/status', query: ['accountId'] },
  // The caller's own kill switch; a fuzzed reset of someone else's is refused.
  { method: 'POST', path: '/api/v1/risk/reset', body: { rebaseHighWaterMark: true } },
  { method: 'POST', path: '/api/v1/risk/kill-switch', body: { note: 'fuzz' } },
  { method: 'GET', path: '/api/v1/risk/events', query: ['accountId', 'limit', 'cursor'] },
  { method: 'GET', path: '/api/v1/risk/history', query: ['accountId', 'from', 'to'] },
  { method: 'GET', path: '/api/v1/risk/history/samples', query: ['accountId', 'from', 'to', 'limit', 'cursor'] },
  { method: 'GET', path: '/api/v1/admin/risk/limits/account/:id' },
  { method: 'PUT', path: '/api/v1/admin/risk/limits/account/:id', body: { maxDailyLoss: '1000' } },
  { method: 'GET', path: '/api/v1/admin/risk/limits/strategy/:name' },
  { method: 'PUT', path: '/api/v1/admin/risk/limits/strategy/:name', body: { maxOrdersPerSecond: 100 } },
  { method: 'PUT', path: '/api/v1/admin/risk/accounts/:id/strategy', body: { strategy: 'fuzz' } },
  { method: 'POST', path: '/api/v1/algo-orders', body: { type: 'twap', symbol: 'S01', side: 'buy', qty: '4', durationMs: 2_000, slices: 4, limitPrice: '90' } },
  { method: 'GET', path: '/api/v1/algo-orders' },
  { method: 'GET', path: '/api/v1/algo-orders/:id' },
  { method: 'DELETE', path: '/api/v1/algo-orders/:id' },
  { method: 'GET', path: '/api/v1/bots/strategies' },
  // Not started: the sweep must not leave traders running.
  { method: 'POST', path: '/api/v1/bots', body: { name: 'fuzz-bot', strategy: 'random-walk', symbols: ['S01'], params: { intervalMs: 1_000, referencePrice: 100, maxQty: 1 }, cash: '100' } },
  { method: 'GET', path: '/api/v1/bots' },
  { method: 'GET', path: '/api/v1/bots/:id' },
  { method: 'PATCH', path: '/api/v1/bots/:id', body: { params: { intervalMs: 1_000 }, symbols: ['S01'] } },
  { method: 'POST', path: '/api/v1/bots/:id/start' },
  { method: 'POST', path: '/api/v1/bots/:id/stop' },
  { method: 'DELETE', path: '/api/v1/bots/:id' },
  { method: 'GET', path: '/api/v1/leaderboard', },
  { method: 'GET', path: '/api/v1/backtests/strategies' },
  { method: 'GET', path: '/api/v1/backtests/data' },
  { method: 'POST', path: '/api/v1/backtests', body: { strategy: 'momentum', symbol: 'S01', params: { fast: 3, slow: 8 }, data: { source: 'synthetic', kind: 'bars', interval: '1m', count: 500, seed: 7 } } },
  { method: 'GET', path: '/api/v1/backtests' },
  { method: 'GET', path: '/api/v1/backtests/:id' },
  { method: 'DELETE', path: '/api/v1/backtests/:id' },
  { method: 'POST', path: '/api/v1/optimizations', body: { strategy: 'momentum', symbol: 'S01', data: { source: 'synthetic', kind: 'bars', interval: '1m', count: 500, seed: 7 }, space: { fast: [4, 8], slow: [20] }, objective: 'return' } },
  { method: 'GET', path: '/api/v1/optimizations' },
  { method: 'GET', path: '/api/v1/optimizations/:id' },
  { method: 'DELETE', path: '/api/v1/optimizations/:id' },
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/api/v1/no-such-route' },
];
