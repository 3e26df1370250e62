import { describe, expect, it } from 'vitest';
import type { InstrumentSpec } from '../../core/instrument.ts';
import { serverHistory, type PublicGet } from './server-history.ts';

const SPEC: InstrumentSpec = { symbol: 'S1', base: 'S1', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 1000 };
const candle = (openTime: number, close: string) => ({ interval: '1m', openTime, open: '100.00', high: '101.00', low: '99.00', close, volume: '5' });

/** A server with candles newest first, handed out two a page. */
function server(candles: ReturnType<typeof candle>[]): { get: PublicGet; paths: string[] } {
  const paths: string[] = [];
  const get = ((path: string) => {
    paths.push(path);
    const query = new URL(path, 'http://x').searchParams;
    const from = Number(query.get('cursor') ?? 0);
    return Promise.resolve({ items: query.get('interval') === '1m' ? candles.slice(from, from + 2) : [], nextCursor: from + 2 < candles.length && query.get('interval') === '1m' ? String(from + 2) : null });
  }) as PublicGet;
  return { get, paths };
}

describe('history from the server', () => {
  it('reads closed candles page by page, up to the size, oldest first, in the instrument’s units', async () => {
    const now = 600_000;
    // The candle opened at 540 000 closes at 600 000: closed. One opened at 600 000 is still open.
    const { get, paths } = server([candle(600_000, '100.50'), candle(540_000, '100.40'), candle(480_000, '100.30'), candle(420_000, '100.20'), candle(360_000, '100.10')]);
    const bars = await serverHistory(get, SPEC, ['1m', '7m'], 3, now);
    expect(bars.map((b) => [b.openTime, b.ts, b.close])).toEqual([
      [420_000, 480_000, 10020],
      [480_000, 540_000, 10030],
      [540_000, 600_000, 10040],
    ]);
    expect(bars[0]).toMatchObject({ kind: 'bar', symbol: 'S1', interval: '1m', open: 10000, high: 10100, low: 9900, volume: 5 });
    // 7m is not kept by the server: not asked for.
    expect(paths).toEqual(['/api/v1/markets/S1/candles?interval=1m&limit=500', '/api/v1/markets/S1/candles?interval=1m&limit=500&cursor=2']);
  });

  it('asks for nothing when the strategy keeps no history', async () => {
    const { get, paths } = server([candle(0, '100.00')]);
    expect(await serverHistory(get, SPEC, ['1m'], 0, 600_000)).toEqual([]);
    expect(paths).toEqual([]);
  });
});
