// Where the indicator bots take their prices from: closed 1-minute bars (warmed up from history) or every trade.
import { z, type StrategyContext } from '../../strategy/index.ts';

/** The bar interval the indicator bots subscribe to; fixed because a definition's bars are fixed. */
export const BAR_INTERVAL = '1m';

export const sourceParam = z.enum(['bars', 'trades']).default('bars').describe(`Feed the indicators ${BAR_INTERVAL} bar closes or every trade price`);

/** Per symbol, whatever indicator state a bot keeps; made on start and warmed up from history when on bars. */
export function warmUp<T, P extends { readonly source: 'bars' | 'trades' }>(
  ctx: StrategyContext<P, Map<string, T>>,
  make: () => T,
  feed: (state: T, price: number) => void,
  bars: number,
): void {
  for (const symbol of ctx.symbols) {
    const state = make();
    if (ctx.params.source === 'bars') for (const bar of ctx.history(symbol, BAR_INTERVAL, bars)) feed(state, bar.close);
    ctx.state.set(symbol, state);
  }
}
