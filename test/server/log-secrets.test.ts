// No password, refresh token, access token or API-key secret ever reaches the logs, even at trace level and on failures.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN, TestPlatform } from '../support/platform.ts';
import { adminApi, newTrader } from '../support/traders.ts';
import type { SessionView } from '../support/views.ts';
import { WsClient } from '../support/ws-client.ts';

let platform: TestPlatform;
beforeAll(async () => {
  // No grace for a reused refresh token: its refusal is one of the failures whose log is checked.
  platform = await TestPlatform.start({ logLevel: 'trace', refreshReuseGraceMs: 0 });
});
afterAll(async () => {
  await platform.dispose();
});

it('keeps every secret out of the log text', async () => {
  const anonymous = platform.api();
  const secrets: string[] = [ADMIN.password];
  const remember = (session: SessionView) => secrets.push(session.accessToken, session.refreshToken, session.refreshToken.split('.')[1]!, session.accessToken.split('.')[2]!);

  const trader = await newTrader(platform.url, { USD: '1000' });
  secrets.push(trader.password);
  remember(trader.session);
  await anonymous.call('POST', '/api/v1/auth/login', { json: { username: trader.name, password: 'wrong-but-secret-password' } });
  secrets.push('wrong-but-secret-password');

  const refreshed = await anonymous.refresh(trader.session.refreshToken);
  remember(refreshed.body as SessionView);
  expect((await anonymous.refresh(trader.session.refreshToken)).status).toBe(401);
  const again = await anonymous.login(trader.name, trader.password);
  remember(again);
  const api = anonymous.withToken(again.accessToken);

  const key = await api.createKey('logged?', ['read', 'trade']);
  secrets.push(key.secret);
  const bot = anonymous.withKey(key.id, key.secret);
  await bot.placeOrder({ symbol: 'AAPL', side: 'buy', type: 'limit', qty: '1', price: '180' });
  await bot.call('POST', '/api/v1/orders', { json: { symbol: 'AAPL', side: 'buy', type: 'limit', qty: '1', price: '999' } });
  await anonymous.withKey(key.id, `${key.secret.slice(0, -2)}zz`).call('GET', '/api/v1/me');
  await anonymous.call('GET', '/api/v1/me', { headers: { authorization: `Bearer ${again.accessToken}x` } });
  // A body that is not JSON, and one that fails validation, both carrying a password.
  await anonymous.call('POST', '/api/v1/auth/login', { raw: `{"username":"${trader.name}","password":"${trader.password}"`, headers: { 'content-type': 'application/json' } });
  await anonymous.call('POST', '/api/v1/auth/register', { json: { username: 'no spaces allowed', password: trader.password } });

  const ws = await WsClient.connect(platform.wsUrl, { authorization: `Bearer ${again.accessToken}` });
  await ws.request({ op: 'auth', token: again.accessToken });
  await ws.request({ op: 'auth', keyId: key.id, secret: key.secret });
  await ws.request({ op: 'auth', token: `${again.accessToken}tampered` });
  await ws.request({ op: 'place', order: { symbol: 'AAPL', side: 'buy', type: 'limit', qty: '1', price: '181' } });
  await ws.close();

  const newPassword = 'the new secret passphrase';
  secrets.push(newPassword);
  await api.call('POST', '/api/v1/auth/password', { json: { currentPassword: 'wrong current secret', newPassword } });
  secrets.push('wrong current secret');
  expect((await api.call('POST', '/api/v1/auth/password', { json: { currentPassword: trader.password, newPassword } })).status).toBe(204);
  expect((await api.call('POST', '/api/v1/auth/logout', { json: { refreshToken: again.refreshToken } })).status).toBe(204);
  await (await adminApi(platform.url)).get('/api/v1/admin/users');
  await platform.close();

  const text = platform.logs.text;
  // The logs were really written, refusals included, so their silence about secrets means something.
  expect(text).toContain('Bourse is listening');
  expect(text).toContain('request refused');
  expect(platform.logs.lines().length).toBeGreaterThan(10);
  for (const secret of secrets) expect(text.includes(secret), `a secret of ${secret.length} characters is in the logs`).toBe(false);
});
