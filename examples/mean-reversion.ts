// Example strategy: Bollinger-band mean reversion on 1-minute bars (buy a close below the lower band, sell out above the upper band).
import { BollingerBands, defineStrategy, z } from '../src/strategy/index.ts';

export default defineStrategy({
  name: 'mean-reversion',
  params: z.object({
    period: z.number().int().min(2).default(20),
    deviations: z.number().positive().default(2),
    qty: z.number().positive().default(1),
    /** At most this many units held per symbol: each close below the band adds `qty` up to it. */
    maxPosition: z.number().positive().default(1),
  }),
  symbols: ['ACME'],
  bars: ['1m'],
  state: () => new Map<string, BollingerBands>(),

  onStart(ctx) {
    for (const symbol of ctx.symbols) {
      const bands = new BollingerBands(ctx.params.period, ctx.params.deviations);
      for (const bar of ctx.history(symbol, '1m', ctx.params.period)) bands.update(bar);
      ctx.state.set(symbol, bands);
    }
  },

  async onBar(ctx, bar) {
    const bands = ctx.state.get(bar.symbol);
    // The bands include this bar's close, as most charting tools draw them.
    if (!bands || bands.update(bar) === undefined || bands.lower === undefined || bands.upper === undefined) return;
    const held = ctx.position(bar.symbol).qty;
    if (bar.close < bands.lower && held + ctx.params.qty <= ctx.params.maxPosition) {
      const result = await ctx.buy(bar.symbol, ctx.params.qty);
      if (!result.ok) ctx.log.warn('buy refused', { code: result.code, message: result.message });
    } else if (bar.close > bands.upper && held > 0) {
      const result = await ctx.sell(bar.symbol, held);
      if (!result.ok) ctx.log.warn('sell refused', { code: result.code, message: result.message });
    }
  },
});
