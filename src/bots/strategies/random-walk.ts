// Built-in bot "random-walk": on a timer, a random buy or sell, limit or market, around the last price.
//
// Limit prices are drawn uniformly within `maxOffsetBps` of the last price, so some orders rest and
// some cross: the last price wanders, which is the point. Sells never exceed what the bot holds
// (less what its live sells reserve) and buys stop at `maxPosition` and at what its cash pays for,
// so the venue never has to refuse for shares or funds; sizes not set default to shares of the
// bot's worth (sizing.ts); the oldest resting orders are cancelled to keep at most `maxOpenOrders`.
import { defineStrategy, z, type StrategyContext } from '../../strategy/index.ts';
import { grid, lastOrFair, lotsText, minLots, noteRefusal, openQty, sellable, wholeLots } from './common.ts';
import { affordableLots, orderRange, percent, shareOfWorth } from './sizing.ts';

/** Default order sizes and position cap, as shares of the bot's worth (see sizing.ts). */
const ORDER_SHARES = { min: 0.005, max: 0.02 };
const POSITION_SHARE = 0.5;

export const randomWalkParams = z
  .object({
    intervalMs: z.number().int().min(10).default(1_000).describe('Milliseconds between orders'),
    minQty: z.number().positive().optional().describe(`Smallest order, in base units (default: ${percent(ORDER_SHARES.min)} of the bot's worth)`),
    maxQty: z.number().positive().optional().describe(`Largest order, in base units (default: ${percent(ORDER_SHARES.max)} of the bot's worth)`),
    marketRatio: z.number().min(0).max(1).default(0.2).describe('Share of orders sent as market orders'),
    maxOffsetBps: z.number().min(0).max(5_000).default(50).describe('Limit prices fall within this many basis points of the last price'),
    maxPosition: z.number().positive().optional().describe(`Buys stop when position plus open buys would exceed this, in base units (default: ${percent(POSITION_SHARE)} of the bot's worth)`),
    maxOpenOrders: z.number().int().min(1).default(10).describe('Resting orders kept per symbol; the oldest are cancelled'),
    referencePrice: z.number().positive().optional().describe('Price to start from before the market has one'),
  })
  .refine((p) => p.minQty === undefined || p.maxQty === undefined || p.minQty <= p.maxQty, { message: 'minQty must not exceed maxQty', path: ['minQty'] });

type Params = z.output<typeof randomWalkParams>;

async function step(ctx: StrategyContext<Params, undefined>, symbol: string): Promise<void> {
  const p = ctx.params;
  // Draw every random number up front, whatever branch is taken, so one step always consumes the
  // same amount of randomness and a changed branch cannot shift every later draw.
  const [sideRoll, qtyRoll, typeRoll, offsetRoll] = [ctx.random.next(), ctx.random.next(), ctx.random.next(), ctx.random.next()];
  const g = grid(ctx, symbol);
  const last = lastOrFair(ctx, symbol, p.referencePrice);
  if (!g || last === undefined) return;

  // One look at the open orders serves the whole step: the cancels below change nothing the runner
  // knows until their updates arrive, and those wait for this handler to finish.
  const orders = ctx.openOrders(symbol);
  const open = orders.filter((o) => o.type === 'limit');
  for (const stale of open.slice(0, Math.max(0, open.length - p.maxOpenOrders + 1))) noteRefusal(ctx, 'cancel', await ctx.cancel(stale.id));

  const market = typeRoll < p.marketRatio;
  const price = last * (1 + ((offsetRoll * 2 - 1) * p.maxOffsetBps) / 10_000);
  const fewest = minLots(g);
  const range = orderRange(ctx, symbol, last, p, ORDER_SHARES);
  const lots = Math.max(fewest, wholeLots(range.min + qtyRoll * (range.max - range.min), g.lot));
  const maxPosition = p.maxPosition ?? shareOfWorth(ctx, symbol, POSITION_SHARE, last);
  const afford = affordableLots(ctx, symbol, market ? last : price, g, market ? 'market' : 'limit');
  const room = Math.min(afford, wholeLots(maxPosition - ctx.position(symbol).qty - openQty(ctx, symbol, 'buy', orders), g.lot));
  const held = wholeLots(sellable(ctx, symbol, orders), g.lot);
  // Prefer the side the roll chose; fall back to the other when this one has no room.
  let side: 'buy' | 'sell' = sideRoll < 0.5 ? 'buy' : 'sell';
  if (side === 'sell' && held < fewest) side = 'buy';
  else if (side === 'buy' && room < lots) side = 'sell';
  const size = side === 'buy' ? Math.min(lots, room) : Math.min(lots, held);
  if (size < fewest) return;

  const qty = lotsText(size, g.lot, g.lotDigits);
  if (market) {
    noteRefusal(ctx, side, await ctx.order({ symbol, side, qty }));
    return;
  }
  if (price < g.tick) return;
  noteRefusal(ctx, side, await ctx.order({ symbol, side, qty, price }));
}

export const randomWalk = defineStrategy({
  name: 'random-walk',
  params: randomWalkParams,
  historySize: 0,
  onStart(ctx) {
    ctx.setTimer('step', ctx.params.intervalMs);
  },
  async onTimer(ctx) {
    for (const symbol of ctx.symbols) await step(ctx, symbol);
  },
});
