// Example strategy: long-only fast/slow SMA crossover on 1-minute bars (buy when fast crosses above slow, sell out when it crosses below).
import { defineStrategy, SMA, z, type Bar } from '../src/strategy/index.ts';

interface Crossing {
  readonly fast: SMA;
  readonly slow: SMA;
  /** Whether fast was above slow at the last ready bar; undefined until both averages are ready. */
  above: boolean | undefined;
}

/** Feeds one bar; returns 'up' or 'down' on the bar where fast crosses slow. */
function cross(crossing: Crossing, bar: Bar): 'up' | 'down' | undefined {
  const fast = crossing.fast.update(bar);
  const slow = crossing.slow.update(bar);
  if (fast === undefined || slow === undefined) return undefined;
  const before = crossing.above;
  crossing.above = fast > slow;
  if (before === undefined || before === crossing.above) return undefined;
  return crossing.above ? 'up' : 'down';
}

export default defineStrategy({
  name: 'sma-crossover',
  params: z
    .object({
      fast: z.number().int().min(1).default(10),
      slow: z.number().int().min(2).default(30),
      /** Shares (or lots' worth of base asset) to buy on an upward cross. */
      qty: z.number().positive().default(1),
    })
    .refine((p) => p.fast < p.slow, { message: 'fast must be shorter than slow', path: ['fast'] }),
  symbols: ['ACME'],
  bars: ['1m'],
  // Per run: a definition is shared by every run, its indicators must not be.
  state: () => new Map<string, Crossing>(),

  onStart(ctx) {
    for (const symbol of ctx.symbols) {
      const crossing: Crossing = { fast: new SMA(ctx.params.fast), slow: new SMA(ctx.params.slow), above: undefined };
      // Warm up on the preloaded history, so a restart does not wait `slow` minutes to act again.
      for (const bar of ctx.history(symbol, '1m', ctx.params.slow)) cross(crossing, bar);
      ctx.state.set(symbol, crossing);
    }
    ctx.log.info('started', { fast: ctx.params.fast, slow: ctx.params.slow, symbols: ctx.symbols });
  },

  async onBar(ctx, bar) {
    const crossing = ctx.state.get(bar.symbol);
    if (!crossing) return;
    const signal = cross(crossing, bar);
    const held = ctx.position(bar.symbol).qty;
    if (signal === 'up' && held === 0) {
      const result = await ctx.buy(bar.symbol, ctx.params.qty);
      if (!result.ok) ctx.log.warn('buy refused', { code: result.code, message: result.message });
    } else if (signal === 'down' && held > 0) {
      const result = await ctx.sell(bar.symbol, held);
      if (!result.ok) ctx.log.warn('sell refused', { code: result.code, message: result.message });
    }
  },

  onFill(ctx, fill) {
    ctx.log.info('filled', { side: fill.side, qty: fill.qty, price: fill.price, pnl: ctx.pnl().total });
  },
});
