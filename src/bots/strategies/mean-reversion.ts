// Built-in bot "mean-reversion": Bollinger bands; buys a price below the lower band up to a maximum position, sells out above the upper band.
//
// Adapted from examples/mean-reversion.ts, with trades as an optional price source. The bands
// include the price being judged, as most charting tools draw them.
import { BollingerBands, defineStrategy, z, type StrategyContext } from '../../strategy/index.ts';
import { grid, lotsText, noteRefusal, sellable, wholeLots } from './common.ts';
import { buyLots, percent } from './sizing.ts';
import { BAR_INTERVAL, sourceParam, warmUp } from './price-series.ts';

/** The default buy, as a share of the bot's worth (see sizing.ts). */
const ORDER_SHARE = 0.02;

export const meanReversionParams = z.object({
  period: z.number().int().min(2).default(20).describe('Bollinger band period'),
  deviations: z.number().positive().default(2).describe('Band width in standard deviations'),
  source: sourceParam,
  qty: z.number().positive().optional().describe(`Base units bought on each price below the lower band (default: ${percent(ORDER_SHARE)} of the bot's worth)`),
  maxPosition: z.number().positive().optional().describe('Most units held per symbol (default: qty)'),
});

type Params = z.output<typeof meanReversionParams>;

async function onPrice(ctx: StrategyContext<Params, Map<string, BollingerBands>>, symbol: string, price: number): Promise<void> {
  const bands = ctx.state.get(symbol);
  const g = grid(ctx, symbol);
  if (!bands || !g || bands.update(price) === undefined || bands.lower === undefined || bands.upper === undefined) return;
  if (price < bands.lower) {
    const lots = buyLots(ctx, symbol, price, g, ORDER_SHARE);
    if (lots > 0) noteRefusal(ctx, 'buy', await ctx.buy(symbol, lotsText(lots, g.lot, g.lotDigits)));
  } else if (price > bands.upper) {
    const lots = wholeLots(sellable(ctx, symbol), g.lot);
    if (lots > 0) noteRefusal(ctx, 'sell', await ctx.sell(symbol, lotsText(lots, g.lot, g.lotDigits)));
  }
}

export const meanReversion = defineStrategy({
  name: 'mean-reversion',
  params: meanReversionParams,
  bars: [BAR_INTERVAL],
  state: () => new Map<string, BollingerBands>(),
  onStart(ctx) {
    const { period, deviations } = ctx.params;
    warmUp(ctx, () => new BollingerBands(period, deviations), (bands, price) => void bands.update(price), period);
  },
  async onBar(ctx, bar) {
    if (ctx.params.source === 'bars') await onPrice(ctx, bar.symbol, bar.close);
  },
  async onTrade(ctx, trade) {
    if (ctx.params.source === 'trades') await onPrice(ctx, trade.symbol, trade.price);
  },
});
