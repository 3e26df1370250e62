// The TWAP sample in docs/algos.md is examples/accumulate.ts word for word, and it trades whichever symbol the run names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import accumulate from '../../../examples/accumulate.ts';
import { runBacktest } from '../run-backtest.ts';
import type { BacktestMarket, MarketRecord } from '../types.ts';

const T0 = 1_700_000_000_000;
const AAPL = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '190', bandBps: 1_000 };
const MARKET: BacktestMarket = { assets: [{ code: 'USD', scale: 2 }, { code: 'AAPL', scale: 0 }], instruments: [AAPL] };

describe('examples/accumulate.ts', () => {
  it('is the sample docs/algos.md shows', () => {
    const docs = readFileSync(new URL('../../../docs/algos.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../../../examples/accumulate.ts', import.meta.url), 'utf8');
    expect(docs).toContain('```ts\n' + example + '```\n');
  });

  it('buys its quantity over ten minutes on the symbol the run names, not the default ACME', async () => {
    const data: MarketRecord[] = Array.from({ length: 120 }, (_, i) => ({ kind: 'trade', symbol: 'AAPL', ts: T0 + i * 10_000, price: 19_000, qty: 5 }));
    const logs: Array<{ message: string; fields?: unknown }> = [];
    const result = await runBacktest({ strategy: accumulate, market: MARKET, data, symbols: ['AAPL'], log: (entry) => logs.push(entry) });
    expect(result.error).toBeUndefined();
    expect(result.fills.reduce((sum, f) => sum + f.qty, 0)).toBe(10);
    expect(logs.find((l) => l.message === 'twap finished')?.fields).toMatchObject({ state: 'done', filled: 10 });
    expect(logs.some((l) => l.message === 'twap refused')).toBe(false);
  });
});
