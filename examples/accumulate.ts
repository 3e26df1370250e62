// Example strategy: buys `qty` of the run's symbol by TWAP, in 10 slices over ten minutes.
import { AlgoRunner, defineStrategy, z } from '../src/strategy/index.ts';

export default defineStrategy({
  name: 'accumulate',
  params: z.object({ qty: z.number().positive().default(10) }),
  symbols: ['ACME'], // the default; `bourse backtest --symbol AAPL` (or a bot's symbols) replaces it
  state: () => ({ algos: new AlgoRunner() }),
  async onStart(ctx) {
    const symbol = ctx.symbols[0]!; // the symbol this run trades, whichever was named
    const algo = ctx.state.algos.twap(ctx, { symbol, side: 'buy', qty: ctx.params.qty, durationMs: 600_000, slices: 10 });
    algo.onFill((fill, status) => ctx.log.info('slice filled', { price: fill.price, qty: fill.qty, done: status.filledQty }));
    algo.onDone((status) => ctx.log.info('twap finished', { state: status.state, filled: status.filledQty, avg: status.avgPrice, why: status.lastError }));
    const started = await algo.start();
    if (!started.ok) ctx.log.warn('twap refused', { code: started.code, message: started.message });
  },
  onTimer: (ctx, name) => ctx.state.algos.onTimer(name).then(() => undefined),
  onQuote: (ctx, quote) => ctx.state.algos.onQuote(quote),
  onOrder: (ctx, order) => ctx.state.algos.onOrder(order),
  onFill: (ctx, fill) => ctx.state.algos.onFill(fill),
});
