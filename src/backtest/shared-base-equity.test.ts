// Tests for a backtest's equity when two symbols trade one base asset: the asset is valued once, not once per symbol.
import { describe, expect, it } from 'vitest';
import { defineStrategy, z } from '../strategy/index.ts';
import { runBacktest } from './run-backtest.ts';
import type { BacktestMarket, MarketRecord } from './types.ts';

const T0 = 1_700_000_000_000;
const listing = (symbol: string, quote: string) => ({ symbol, base: 'ACME', quote, tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 10_000 });
/** ACME trades as ACME and ACME2 in USD, and as ACME-EUR in EUR; ACME is listed first. */
const MARKET: BacktestMarket = {
  assets: [{ code: 'USD', scale: 2 }, { code: 'EUR', scale: 2 }, { code: 'ACME', scale: 0 }],
  instruments: [listing('ACME', 'USD'), listing('ACME2', 'USD'), listing('ACME-EUR', 'EUR')],
};

const trade = (symbol: string, seconds: number, price: number): MarketRecord => ({ kind: 'trade', symbol, ts: T0 + seconds * 1000, price: Math.round(price * 100), qty: 1 });

/** Holds what it was given and never trades: its equity is the deposits at the last prices. */
const holder = defineStrategy({ name: 'holder', params: z.object({}), symbols: ['ACME'], bars: [], state: () => ({}) });

const endEquity = async (data: MarketRecord[]) => {
  const result = await runBacktest({ market: MARKET, strategy: holder, data, deposits: { USD: '1000', EUR: '500', ACME: '10' } });
  expect(result.error).toBeUndefined();
  expect(result.equity.at(-1)?.equity).toBe(result.metrics.endEquity);
  return result.metrics.endEquity;
};

describe('backtest equity on a shared base asset', () => {
  it('values the asset once, at the first listed symbol of its base quoted in the currency', async () => {
    // 10 ACME at ACME's 120, not also at ACME2's 150; ACME-EUR and the EUR cash are in another currency.
    expect(await endEquity([trade('ACME', 0, 110), trade('ACME2', 1, 150), trade('ACME-EUR', 2, 90), trade('ACME', 3, 120)])).toBe(1_000 + 10 * 120);
  });

  it('values the asset at the next symbol of its base while the first has no price yet', async () => {
    expect(await endEquity([trade('ACME2', 0, 150), trade('ACME2', 1, 140)])).toBe(1_000 + 10 * 140);
  });
});
