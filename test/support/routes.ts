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
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/api/v1/no-such-route' },
];
