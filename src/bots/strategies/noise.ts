// Built-in bot "noise": small random market orders at random (exponentially spaced) times, taking liquidity.
//
// A fine timer polls; an order goes out when the clock passes the next arrival time, drawn from an
// exponential distribution with mean `meanIntervalMs`, so arrivals form a Poisson process at the
// timer's resolution. Sells never exceed what is held, buys stop at `maxPosition`.
import { defineStrategy, z, type StrategyContext } from '../../strategy/index.ts';
import { exponential, grid, lotsText, noteRefusal, sellable, wholeLots } from './common.ts';

export const noiseParams = z
  .object({
    meanIntervalMs: z.number().min(1).default(2_000).describe('Mean time between orders, in milliseconds'),
    tickMs: z.number().int().min(10).default(100).describe('Resolution of the arrival timer, in milliseconds'),
    minQty: z.number().positive().default(1).describe('Smallest order, in base units'),
    maxQty: z.number().positive().default(2).describe('Largest order, in base units'),
    buyProbability: z.number().min(0).max(1).default(0.5).describe('Chance that an order is a buy'),
    maxPosition: z.number().positive().default(50).describe('No buys once the position reaches this'),
  })
  .refine((p) => p.minQty <= p.maxQty, { message: 'minQty must not exceed maxQty', path: ['minQty'] });

type Params = z.output<typeof noiseParams>;

interface NoiseState {
  /** Clock time of the next order. */
  nextAt: number;
}

async function trade(ctx: StrategyContext<Params, NoiseState>): Promise<void> {
  const p = ctx.params;
  const [symbolRoll, sideRoll, qtyRoll] = [ctx.random.next(), ctx.random.next(), ctx.random.next()];
  const symbol = ctx.symbols[Math.floor(symbolRoll * ctx.symbols.length)];
  const g = symbol === undefined ? undefined : grid(ctx, symbol);
  if (symbol === undefined || !g) return;
  const minLots = Math.max(1, Math.ceil(g.minQty / g.lot - 1e-9));
  const lots = Math.max(minLots, wholeLots(p.minQty + qtyRoll * (p.maxQty - p.minQty), g.lot));
  const side: 'buy' | 'sell' = sideRoll < p.buyProbability ? 'buy' : 'sell';
  const size = side === 'sell' ? Math.min(lots, wholeLots(sellable(ctx, symbol), g.lot)) : Math.min(lots, wholeLots(p.maxPosition - ctx.position(symbol).qty, g.lot));
  if (size < minLots) return;
  noteRefusal(ctx, side, await ctx.order({ symbol, side, qty: lotsText(size, g.lot, g.lotDigits) }));
}

export const noise = defineStrategy({
  name: 'noise',
  params: noiseParams,
  historySize: 0,
  state: (): NoiseState => ({ nextAt: 0 }),
  onStart(ctx) {
    ctx.state.nextAt = ctx.clock.now() + exponential(ctx.params.meanIntervalMs, ctx.random.next());
    ctx.setTimer('arrivals', ctx.params.tickMs);
  },
  async onTimer(ctx) {
    const now = ctx.clock.now();
    if (now < ctx.state.nextAt) return;
    // One order per tick at most: a burst after a stall would not be noise, it would be a stampede.
    ctx.state.nextAt = now + exponential(ctx.params.meanIntervalMs, ctx.random.next());
    await trade(ctx);
  },
});
