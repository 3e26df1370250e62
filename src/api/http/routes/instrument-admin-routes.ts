// Admin instrument routes: halt and resume trading in one symbol, and end its trading session by hand.
import { z } from 'zod';
import { MAX_STATUS_REASON, TRADING_STATUSES } from '../../../core/commands.ts';
import type { ApiContext } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { unknownSymbol } from '../../field-refusal.ts';
import { tradingStatusView } from '../../views.ts';
import { requireAdmin } from '../authenticate.ts';
import { symbol, text } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { sessionEndSchema, tradingStatusSchema } from '../../response-schemas.ts';
import { audit } from '../audit.ts';

const tags = ['admin', 'market data'];
// Any text: a symbol in the path that is not listed, however long, is UNKNOWN_SYMBOL (404).
const symbolParam = z.object({ symbol: text().min(1).describe(symbol.description ?? '') });

export function instrumentAdminRoutes(app: ZodApp, ctx: ApiContext): void {
  const engine = ctx.exchange.engine;
  const listed = (symbol: string): string => {
    // A symbol in the path names a resource, so an unknown one is 404.
    if (!engine.instrument(symbol)) throw unknownSymbol(symbol, { path: 'symbol', status: 404 });
    return symbol;
  };

  app.put(
    '/api/v1/admin/instruments/:symbol/status',
    {
      onRequest: requireAdmin('trade'),
      config: { responses: { 200: tradingStatusSchema } },
      schema: {
        tags,
        summary: 'Halt or resume trading in one symbol. While halted, new orders and replaces are refused (INSTRUMENT_HALTED) and nothing trades; cancels go through and resting orders stay',
        params: symbolParam,
        body: z
          .object({
            status: z.enum(TRADING_STATUSES).describe('halted: no new orders, replaces or trades; trading: continuous matching again'),
            reason: text().max(MAX_STATUS_REASON).optional().describe(`Why, in words (news pending, a bad price, a corporate action); at most ${MAX_STATUS_REASON} characters`),
          })
          .strict(),
      },
    },
    async (request) => {
      const symbol = listed(request.params.symbol);
      const { status, reason } = request.body;
      const events = await ctx.exchange.execute({ type: 'setTradingStatus', ts: ctx.exchange.now(), symbol, status, ...(reason === undefined ? {} : { reason }) });
      for (const event of events) {
        if (event.type === 'RequestRejected') throw new ApiError(event.reason, event.message);
        if (event.type !== 'TradingStatusChanged') continue;
        audit(request, status === 'halted' ? 'instrument halted' : 'instrument resumed', { symbol, reason: reason ?? null });
        return tradingStatusView(event.symbol, event.status, event.reason, event.ts);
      }
      throw new Error(`setTradingStatus on ${symbol} emitted neither TradingStatusChanged nor a refusal`);
    },
  );

  app.post(
    '/api/v1/admin/instruments/:symbol/session/end',
    {
      onRequest: requireAdmin('trade'),
      config: { responses: { 200: sessionEndSchema } },
      schema: {
        tags,
        summary: 'End the trading session of one symbol now, as its scheduled close does: its DAY orders expire (EXPIRED_DAY) and their holds are released. The next scheduled close still comes',
        params: symbolParam,
      },
    },
    async (request) => {
      const symbol = listed(request.params.symbol);
      const events = await ctx.exchange.execute({ type: 'endSession', ts: ctx.exchange.now(), symbol });
      const expiredOrders: number[] = [];
      for (const event of events) {
        if (event.type === 'RequestRejected') throw new ApiError(event.reason, event.message);
        if (event.type === 'OrderExpired') expiredOrders.push(event.orderId);
        if (event.type !== 'SessionEnded') continue;
        audit(request, 'session ended', { symbol, expiredOrders: expiredOrders.length });
        return { symbol, expiredOrders, ts: event.ts };
      }
      throw new Error(`endSession on ${symbol} emitted neither SessionEnded nor a refusal`);
    },
  );
}
