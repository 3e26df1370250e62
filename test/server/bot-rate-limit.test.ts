// A bot's orders spend its user's request budget, as an API client's REST calls and WebSocket order entry do: the in-process client is no way around the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_HASHING, TEST_MARKETS, TestPlatform } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

const LIMIT = 30;
let platform: TestPlatform;
beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS, rateLimitPerMinute: LIMIT, passwordHashing: FAST_HASHING });
});
afterAll(async () => {
  await platform.dispose();
});

interface BotStatus {
  readonly id: number;
  readonly accountId: number;
  readonly ordersSent: number;
  readonly refusals: { count: number; last: { code: string; message: string } | null };
}

/** Creates and starts a walker that acts every 10 ms (about 100 orders a second), and waits until its budget refuses it. */
async function hastyBot(params: Record<string, unknown> = {}): Promise<{ owner: Trader; status: BotStatus }> {
  const owner = await newTrader(platform.url);
  const created = await owner.api.post<BotStatus>('/api/v1/bots', { name: 'hasty', strategy: 'random-walk', symbols: ['S01'], params: { intervalMs: 10, referencePrice: 100, maxQty: 2, ...params }, deposits: { S01: '20' }, start: true });
  let status = created;
  for (let i = 0; i < 100 && status.refusals.last?.code !== 'RATE_LIMITED'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    status = await owner.api.get<BotStatus>(`/api/v1/bots/${created.id}`);
  }
  return { owner, status };
}

describe('a bot past its request budget', () => {
  it('is refused RATE_LIMITED, with no more orders reaching the exchange in the minute than the budget allows, and keeps running', async () => {
    const { owner, status } = await hastyBot();
    expect(status.refusals.last).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining(`at most ${LIMIT} per minute`) as unknown });
    await platform.running.ctx.exchange.settled();
    const { accountId } = status;
    // Every order the exchange took for the bot's account, open or gone, fits in the budget.
    const orders = await platform.running.ctx.store.orders.list(accountId, { limit: 500 });
    expect(orders.items.length).toBeGreaterThan(0);
    expect(orders.items.length).toBeLessThanOrEqual(LIMIT);
    expect((await owner.api.get<{ state: string }>(`/api/v1/bots/${status.id}`)).state).toBe('running');
  });

  it('still has its open orders cancelled when its owner stops it: that clean-up is the server\'s, not the bot\'s', async () => {
    const { owner, status } = await hastyBot({ marketRatio: 0, maxOpenOrders: 50 });
    expect(status.refusals.last?.code).toBe('RATE_LIMITED');
    const { engine } = platform.running.ctx.exchange;
    expect(engine.liveOrders(status.accountId).length).toBeGreaterThan(0);
    await owner.api.post(`/api/v1/bots/${status.id}/stop`, {});
    await platform.running.ctx.exchange.settled();
    expect(engine.liveOrders(status.accountId)).toEqual([]);
  });
});
