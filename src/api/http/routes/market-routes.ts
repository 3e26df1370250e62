// Public market data: instruments, assets, L2 depth, recent trades, 24h tickers and OHLCV candles.
import { z } from 'zod';
import { CANDLE_INTERVALS } from '../../../marketdata/index.ts';
import type { ApiContext } from '../../context.ts';
import { unknownSymbol } from '../../field-refusal.ts';
import { candleView, depthView, instrumentView, tickerView, tradeView } from '../../views.ts';
import { namedSymbol, page, ranged, timeRange, wholeNumber } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { assetSchema, candleSchema, depthSchema, instrumentSchema, pageSchema, tickerSchema, tradeSchema } from '../../response-schemas.ts';
import { pageOf } from './paging.ts';

const tags = ['market data'];
// A symbol in the path that is not listed, however long, is UNKNOWN_SYMBOL (404).
const symbolParam = z.object({ symbol: namedSymbol });

export function marketRoutes(app: ZodApp, ctx: ApiContext): void {
  const engine = ctx.exchange.engine;
  const listed = (symbol: string): string => {
    // A symbol in the path names a resource, so an unknown one is 404 (in an order body it stays 422).
    if (!engine.instrument(symbol)) throw unknownSymbol(symbol, { path: 'symbol', status: 404 });
    return symbol;
  };

  app.get('/api/v1/instruments', { config: { responses: { 200: z.object({ instruments: z.array(instrumentSchema) }) } }, schema: { tags, summary: 'Every listed instrument with its terms, last price, trading status and session close' } }, () => {
    const now = ctx.exchange.now();
    return { instruments: engine.instruments().map((i) => instrumentView(engine, i, ctx.exchange.sessions.view(i.symbol, now))) };
  });

  app.get('/api/v1/assets', { config: { responses: { 200: z.object({ assets: z.array(assetSchema) }) } }, schema: { tags, summary: 'Every asset and its decimal places' } }, () => {
    return { assets: engine.assets() };
  });

  app.get(
    '/api/v1/markets/:symbol/book',
    { config: { responses: { 200: depthSchema } }, schema: { tags, summary: 'L2 depth snapshot; its seq continues in the WebSocket book channel', params: symbolParam, querystring: z.object({ depth: wholeNumber(1, 50).optional() }).strict() } },
    (request) => {
      const snapshot = ctx.exchange.feed.depth(listed(request.params.symbol));
      const depth = request.query.depth ?? 50;
      return depthView(ctx.format, { ...snapshot, bids: snapshot.bids.slice(0, depth), asks: snapshot.asks.slice(0, depth) });
    },
  );

  app.get(
    '/api/v1/markets/:symbol/trades',
    { config: { responses: { 200: z.object({ trades: z.array(tradeSchema) }) } }, schema: { tags, summary: 'Recent trades, oldest first', params: symbolParam, querystring: z.object({ limit: wholeNumber(1, 1000).optional() }).strict() } },
    (request) => {
      const trades = ctx.exchange.feed.recentTrades(listed(request.params.symbol), request.query.limit ?? 100);
      return { trades: trades.map((t) => tradeView(ctx.format, t)) };
    },
  );

  app.get('/api/v1/markets/:symbol/ticker', { config: { responses: { 200: z.object({ ticker: tickerSchema.nullable().describe('Null before the first trade') }) } }, schema: { tags, summary: '24h ticker of one symbol', params: symbolParam } }, (request) => {
    const ticker = ctx.exchange.feed.ticker(listed(request.params.symbol));
    return { ticker: ticker ? tickerView(ctx.format, ticker) : null };
  });

  app.get('/api/v1/tickers', { config: { responses: { 200: z.object({ tickers: z.array(tickerSchema) }) } }, schema: { tags, summary: '24h tickers of every symbol that traded' } }, () => {
    return { tickers: ctx.exchange.feed.tickersAll().map((t) => tickerView(ctx.format, t)) };
  });

  app.get(
    '/api/v1/markets/:symbol/candles',
    {
      config: { responses: { 200: pageSchema(candleSchema) } },
      schema: {
        tags,
        summary: 'OHLCV candles over a time range, newest first',
        params: symbolParam,
        querystring: ranged(
          z
            .object({
              interval: z.enum(CANDLE_INTERVALS as ['1s', '1m', '5m', '15m', '1h', '1d']),
              ...timeRange('Open time'),
              ...page,
            })
            .strict(),
        ),
      },
    },
    async (request) => {
      const { interval, from, to, limit } = request.query;
      const result = await pageOf(request, undefined, (cursor) => ctx.store.candles.candles(listed(request.params.symbol), interval, { from, to, limit, cursor }));
      return { items: result.items.map((c) => candleView(ctx.format, c)), nextCursor: result.nextCursor };
    },
  );
}
