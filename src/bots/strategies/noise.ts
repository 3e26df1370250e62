// Built-in bot "noise": small random market orders at random (exponentially spaced) times, taking liquidity.
//
// The gap to the next arrival is drawn from an exponential distribution with mean `meanIntervalMs`
// and rounded up to whole `tickMs`, and the timer is set to fire once that gap is over, so arrivals
// form a Poisson process at the timer's resolution and the bot wakes only when it trades (a timer
// polling every `tickMs` would cost a wake-up per tick for nothing). Sells never exceed what is
// held, buys stop at `maxPosition` and at what the cash pays for; sizes not set default to shares of
// the bot's worth (sizing.ts), so a noise bot needs a price to trade.
import { defineStrategy, z, type StrategyContext } from '../../strategy/index.ts';
import { exponential, grid, lastOrFair, lotsText, minLots, noteRefusal, sellable, wholeLots } from './common.ts';
import { affordableLots, orderRange, percent, shareOfWorth } from './sizing.ts';

/** Default order sizes and position cap, as shares of the bot's worth (see sizing.ts). */
const ORDER_SHARES = { min: 0.005, max: 0.01 };
const POSITION_SHARE = 0.25;

export const noiseParams = z
  .object({
    meanIntervalMs: z.number().min(1).default(2_000).describe('Mean time between orders, in milliseconds'),
    tickMs: z.number().int().min(10).default(100).describe('Resolution of the arrival timer, in milliseconds'),
    minQty: z.number().positive().optional().describe(`Smallest order, in base units (default: ${percent(ORDER_SHARES.min)} of the bot's worth)`),
    maxQty: z.number().positive().optional().describe(`Largest order, in base units (default: ${percent(ORDER_SHARES.max)} of the bot's worth)`),
    buyProbability: z.number().min(0).max(1).default(0.5).describe('Chance that an order is a buy'),
    maxPosition: z.number().positive().optional().describe(`No buys once the position reaches this, in base units (default: ${percent(POSITION_SHARE)} of the bot's worth)`),
  })
  .refine((p) => p.minQty === undefined || p.maxQty === undefined || p.minQty <= p.maxQty, { message: 'minQty must not exceed maxQty', path: ['minQty'] });

type Params = z.output<typeof noiseParams>;

type Ctx = StrategyContext<Params, undefined>;

/** The longest delay a wall-clock timer takes (about 24.8 days); a longer gap fires then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Sets the arrival timer to the next arrival: one exponential gap, in whole ticks (at least one). */
function schedule(ctx: Ctx): void {
  const { meanIntervalMs, tickMs } = ctx.params;
  const ticks = Math.max(1, Math.ceil(exponential(meanIntervalMs, ctx.random.next()) / tickMs));
  ctx.setTimer('arrivals', Math.min(ticks, Math.floor(MAX_DELAY_MS / tickMs)) * tickMs);
}

async function trade(ctx: Ctx): Promise<void> {
  const p = ctx.params;
  const [symbolRoll, sideRoll, qtyRoll] = [ctx.random.next(), ctx.random.next(), ctx.random.next()];
  const symbol = ctx.symbols[Math.floor(symbolRoll * ctx.symbols.length)];
  const g = symbol === undefined ? undefined : grid(ctx, symbol);
  const price = symbol === undefined ? undefined : lastOrFair(ctx, symbol);
  if (symbol === undefined || !g || price === undefined) return;
  const fewest = minLots(g);
  const range = orderRange(ctx, symbol, price, p, ORDER_SHARES);
  const lots = Math.max(fewest, wholeLots(range.min + qtyRoll * (range.max - range.min), g.lot));
  const side: 'buy' | 'sell' = sideRoll < p.buyProbability ? 'buy' : 'sell';
  const maxPosition = p.maxPosition ?? shareOfWorth(ctx, symbol, POSITION_SHARE, price);
  const room = Math.min(affordableLots(ctx, symbol, price, g, 'market'), wholeLots(maxPosition - ctx.position(symbol).qty, g.lot));
  const size = side === 'sell' ? Math.min(lots, wholeLots(sellable(ctx, symbol), g.lot)) : Math.min(lots, room);
  if (size < fewest) return;
  noteRefusal(ctx, side, await ctx.order({ symbol, side, qty: lotsText(size, g.lot, g.lotDigits) }));
}

export const noise = defineStrategy({
  name: 'noise',
  params: noiseParams,
  historySize: 0,
  onStart(ctx) {
    schedule(ctx);
  },
  async onTimer(ctx) {
    // The next arrival is timed from this one; a stall delays it rather than releasing a burst.
    schedule(ctx);
    await trade(ctx);
  },
});
