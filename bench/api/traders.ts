// Benchmark traders: users with API keys and deposits, and a seeded stream of limit orders around a mid price.
import { SeededRandom } from '../../src/core/rng.ts';

export interface Trader {
  readonly headers: Record<string, string>;
  readonly keyId: string;
  readonly secret: string;
}

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Registers `count` users, each with a trade-scoped API key, plenty of cash and shares. */
export async function createTraders(base: string, count: number, prefix: string): Promise<Trader[]> {
  const traders: Trader[] = [];
  for (let i = 0; i < count; i++) {
    const username = `${prefix}${i}`;
    await post(base, '/api/v1/auth/register', { username, password: 'benchmark password' });
    const session = await post(base, '/api/v1/auth/login', { username, password: 'benchmark password' });
    const bearer = { authorization: `Bearer ${String(session.accessToken)}` };
    const { key } = (await post(base, '/api/v1/api-keys', { label: 'bench', scopes: ['read', 'trade'] }, bearer)) as { key: { id: string; secret: string } };
    const headers = { 'x-bourse-key-id': key.id, 'x-bourse-key-secret': key.secret };
    for (const [asset, amount] of [['USD', '10000000'], ['AAPL', '10000000'], ['MSFT', '10000000']] as const) {
      await post(base, '/api/v1/account/deposits', { asset, amount }, headers);
    }
    traders.push({ headers, keyId: key.id, secret: key.secret });
  }
  return traders;
}

/** Returns once the server's read models hold everything answered so far: every GET waits for that. */
export async function settle(base: string, trader: Trader): Promise<void> {
  const response = await fetch(`${base}/api/v1/account/balances`, { headers: trader.headers });
  await response.arrayBuffer();
}

/** Limit orders a few cents around a mid: about half rest, the rest trade against them. */
export class OrderStream {
  private readonly rng: SeededRandom;

  constructor(
    seed: number,
    private readonly symbol = 'AAPL',
    private readonly midCents = 19_000,
  ) {
    this.rng = new SeededRandom(seed);
  }

  next(): { symbol: string; side: 'buy' | 'sell'; type: 'limit'; qty: string; price: string } {
    const buy = this.rng.next() < 0.5;
    const offset = this.rng.int(-5, 10);
    const cents = buy ? this.midCents - offset : this.midCents + offset;
    return { symbol: this.symbol, side: buy ? 'buy' : 'sell', type: 'limit', qty: String(this.rng.int(1, 10)), price: (cents / 100).toFixed(2) };
  }
}
