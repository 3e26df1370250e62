// Built-in bot "momentum": a long-only trend follower; buys when the fast average crosses above the slow one, sells out on the way down.
//
// The averages (EMA or SMA) run on 1-minute bar closes, warmed up from history so a restarted bot
// acts at once, or on every trade price for fast simulated markets. A cross is a change of sign of
// fast - slow between two ready updates (equal counts as below); the first ready update only sets
// the side, so a bot started mid-trend waits for the next cross.
import { defineStrategy, EMA, SMA, z, type Indicator, type PriceInput, type StrategyContext } from '../../strategy/index.ts';
import { grid, lotsText, noteRefusal, sellable, wholeLots } from './common.ts';
import { buyLots, percent } from './sizing.ts';
import { BAR_INTERVAL, sourceParam, warmUp } from './price-series.ts';

/** The default buy, as a share of the bot's worth (see sizing.ts). */
const ORDER_SHARE = 0.02;

export const momentumParams = z
  .object({
    fast: z.number().int().min(1).default(10).describe('Fast average period'),
    slow: z.number().int().min(2).default(30).describe('Slow average period'),
    average: z.enum(['ema', 'sma']).default('ema').describe('Exponential or simple moving averages'),
    source: sourceParam,
    qty: z.number().positive().optional().describe(`Base units bought on each upward cross (default: ${percent(ORDER_SHARE)} of the bot's worth)`),
    maxPosition: z.number().positive().optional().describe('Most units held per symbol (default: qty)'),
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be shorter than slow', path: ['fast'] });

type Params = z.output<typeof momentumParams>;

interface Trend {
  readonly fast: Indicator<PriceInput>;
  readonly slow: Indicator<PriceInput>;
  /** Whether fast was above slow at the last ready update; undefined until both are ready. */
  above: boolean | undefined;
  signal: 'up' | 'down' | undefined;
}

function update(trend: Trend, price: number): void {
  const fast = trend.fast.update(price);
  const slow = trend.slow.update(price);
  trend.signal = undefined;
  if (fast === undefined || slow === undefined) return;
  const before = trend.above;
  trend.above = fast > slow;
  if (before !== undefined && before !== trend.above) trend.signal = trend.above ? 'up' : 'down';
}

async function onPrice(ctx: StrategyContext<Params, Map<string, Trend>>, symbol: string, price: number): Promise<void> {
  const trend = ctx.state.get(symbol);
  const g = grid(ctx, symbol);
  if (!trend || !g) return;
  update(trend, price);
  if (trend.signal === 'up') {
    const lots = buyLots(ctx, symbol, price, g, ORDER_SHARE);
    if (lots > 0) noteRefusal(ctx, 'buy', await ctx.buy(symbol, lotsText(lots, g.lot, g.lotDigits)));
  } else if (trend.signal === 'down') {
    const lots = wholeLots(sellable(ctx, symbol), g.lot);
    if (lots > 0) noteRefusal(ctx, 'sell', await ctx.sell(symbol, lotsText(lots, g.lot, g.lotDigits)));
  }
}

export const momentum = defineStrategy({
  name: 'momentum',
  params: momentumParams,
  bars: [BAR_INTERVAL],
  // Per run: a definition is shared by every run, its indicators must not be.
  state: () => new Map<string, Trend>(),
  onStart(ctx) {
    const { fast, slow, average } = ctx.params;
    const make = (period: number) => (average === 'ema' ? new EMA(period) : new SMA(period));
    warmUp(ctx, (): Trend => ({ fast: make(fast), slow: make(slow), above: undefined, signal: undefined }), update, slow * 2);
  },
  async onBar(ctx, bar) {
    if (ctx.params.source === 'bars') await onPrice(ctx, bar.symbol, bar.close);
  },
  async onTrade(ctx, trade) {
    if (ctx.params.source === 'trades') await onPrice(ctx, trade.symbol, trade.price);
  },
});
