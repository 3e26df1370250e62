// Validation errors over REST name each bad field once: a huge number breaks several bounds but is told only the field's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/expect-error.ts';
import { TestPlatform, TEST_MARKETS } from '../support/platform.ts';
import { newTrader, type Trader } from '../support/traders.ts';

let platform: TestPlatform;
let trader: Trader;

beforeAll(async () => {
  platform = await TestPlatform.start({ marketsFile: TEST_MARKETS });
  trader = await newTrader(platform.url, { USD: '1000' });
}, 60_000);

afterAll(async () => {
  await platform?.dispose();
});

describe('validation details', () => {
  const twap = { type: 'twap', symbol: 'S01', side: 'buy', qty: '1', slices: 2 };

  it('gives a huge number one message, the tightest bound, not the safe-integer range as well', async () => {
    const body = expectError(await trader.api.call('POST', '/api/v1/algo-orders', { json: { ...twap, durationMs: 1e20 } }), 400, 'INVALID_REQUEST');
    expect(body.details).toEqual([{ path: 'durationMs', message: 'durationMs must be at most 604800000' }]);
    expect(body.message).not.toContain('9007199254740991');
  });

  it('gives a hugely negative number only the field lower bound', async () => {
    const body = expectError(await trader.api.call('POST', '/api/v1/algo-orders', { json: { ...twap, durationMs: -1e20 } }), 400, 'INVALID_REQUEST');
    expect(body.details).toEqual([{ path: 'durationMs', message: 'durationMs must be at least 1000' }]);
  });

  it('still names every bad field, each once', async () => {
    const body = expectError(await trader.api.call('POST', '/api/v1/algo-orders', { json: { ...twap, durationMs: 1e20, slices: 1e20 } }), 400, 'INVALID_REQUEST');
    expect((body.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual(['durationMs', 'slices']);
  });
});
