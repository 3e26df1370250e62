// What happens when the market reaches a price: resting strategy limits it passes fill, and stops it crosses trigger. Shared by the fill models.
//
// Invariants:
// - the market's own orders never cross a strategy order they were not meant to fill: quotes and
//   prints stay strictly outside the strategy's resting limits;
// - every maker quote placed here is taken down before control returns.
import type { Side } from '../../core/orders.ts';
import { slippage, type Exposure, type MarketView, type SlippageOptions } from '../fill-model.ts';

export interface TouchOptions extends SlippageOptions {
  /** A limit fills when the market trades at its price (true) or only through it (false, the default). */
  readonly fillOnTouch?: boolean;
}

/**
 * Whether the market trading anywhere in [low, high] leaves the strategy's orders as they are: no
 * stop waits and no resting limit is reached. `reachPrice` does nothing at such a price, so a
 * record whose prices all lie there needs no command (the common case on a long run).
 */
export function untouched(exposure: Exposure, low: number, high: number, options: TouchOptions): boolean {
  const step = options.fillOnTouch ? 0 : 1;
  return !exposure.stops && exposure.maxBuy < low + step && exposure.minSell > high - step;
}

/**
 * The market traded at `price`: sweeps strategy buys above it (or at it, on touch) and sells below,
 * up to `cap` lots each, at the orders' own prices; then, if stops wait, prints the price so they
 * trigger, with quotes around it for the orders they release.
 */
export function reachPrice(symbol: string, price: number, cap: number, market: MarketView, options: TouchOptions): void {
  const step = options.fillOnTouch ? 0 : 1;
  const { liquidity } = market;
  const before = market.exposure(symbol);
  if (untouched(before, price, price, options)) return;
  if (before.maxBuy >= price + step) liquidity.sweep(symbol, 'sell', price + step, cap);
  if (market.exposure(symbol).minSell <= price - step) liquidity.sweep(symbol, 'buy', price - step, cap);
  const exposure = market.exposure(symbol);
  if (!exposure.stops || market.engineLastPrice(symbol) === price) return;
  const away = Math.max(1, slippage(price, options));
  quoteAround(symbol, price - away, price + away, ['buy', 'sell'], market);
  printAt(symbol, price, market);
  liquidity.clear(symbol);
}

/** Quotes on `sides`, clamped so neither quote reaches a resting strategy order. */
export function quoteAround(symbol: string, bid: number, ask: number, sides: Iterable<Side>, market: MarketView): void {
  const exposure = market.exposure(symbol);
  let bidPrice: number | undefined;
  let askPrice: number | undefined;
  for (const side of sides) {
    // A buy takes the maker's ask; a sell takes its bid.
    if (side === 'buy') askPrice = Math.max(ask, exposure.maxBuy + 1);
    else bidPrice = Math.min(bid, exposure.minSell - 1);
  }
  market.liquidity.quote(symbol, bidPrice, askPrice);
}

/**
 * Moves the engine's last price to `price` without filling the strategy: a print at p fills any
 * strategy buy at or above p and any sell at or below it, so the print goes to the nearest price
 * strictly inside the strategy's own spread. That differs from `price` only when a strategy order
 * rests exactly there (the model has just filled everything through it), and then stops at that
 * very price wait for the next move.
 */
export function printAt(symbol: string, price: number, market: MarketView): void {
  const exposure = market.exposure(symbol);
  const safe = Math.min(Math.max(price, exposure.maxBuy + 1), exposure.minSell - 1);
  if (safe <= exposure.maxBuy || market.engineLastPrice(symbol) === safe) return;
  market.liquidity.print(symbol, safe, 'buy');
}
