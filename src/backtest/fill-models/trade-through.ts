// Trade-through fills: a resting limit fills when a historical trade prints through its price (or at it, on touch), up to the trade's size.
import type { Side } from '../../core/orders.ts';
import { slippage, type FillModel, type MarketView } from '../fill-model.ts';
import type { MarketRecord } from '../types.ts';
import { printAt, quoteAround, reachPrice, type TouchOptions } from './price-touch.ts';

export interface TradeThroughOptions extends TouchOptions {
  /** Caps each trade's fills at the trade's own size (default true); false fills whole orders. */
  readonly limitToTradeSize?: boolean;
}

/**
 * Market and marketable orders take the last trade price, moved by the slippage; on data with
 * quotes they take the recorded bid or ask instead. Bars in the data count as a trade at the close.
 */
export class TradeThroughModel implements FillModel {
  constructor(private readonly options: TradeThroughOptions = {}) {}

  onRecord(record: MarketRecord, market: MarketView): void {
    if (record.kind === 'trade') {
      const cap = this.options.limitToTradeSize === false ? market.maxQty(record.symbol) : record.qty;
      reachPrice(record.symbol, record.price, cap, market, this.options);
    } else if (record.kind === 'bar') {
      reachPrice(record.symbol, record.close, market.maxQty(record.symbol), market, this.options);
    }
  }

  beforeOrder(symbol: string, sides: ReadonlySet<Side>, market: MarketView): void {
    takerQuotes(symbol, sides, market, this.options);
  }

  afterOrder(symbol: string, market: MarketView): void {
    market.liquidity.clear(symbol);
  }
}

/**
 * The liquidity a new order meets: the engine's last price is brought to the market's, then the
 * maker quotes the sides the order could take, at the recorded bid/ask or the last price, moved by
 * the slippage.
 */
export function takerQuotes(symbol: string, sides: ReadonlySet<Side>, market: MarketView, options: TradeThroughOptions): void {
  const last = market.lastPrice(symbol);
  if (last === undefined) return;
  if (stale(symbol, last, market)) printAt(symbol, last, market);
  const slip = slippage(last, options);
  const quote = market.lastQuote(symbol);
  const bid = (quote?.bid ?? last) - slip;
  const ask = (quote?.ask ?? last) + slip;
  // Both sides at the last price would cross each other; keep them a tick apart.
  quoteAround(symbol, sides.size === 2 && bid >= ask ? ask - 1 : bid, ask, sides, market);
}

/**
 * Whether the engine's last price must be brought to the market's before an order: when stops
 * wait (they trigger from it), or when it has drifted far enough that the price band around it
 * could refuse an order at the market's price. Otherwise the print's two commands are saved.
 */
function stale(symbol: string, last: number, market: MarketView): boolean {
  const engineLast = market.engineLastPrice(symbol);
  if (engineLast === undefined || market.exposure(symbol).stops) return true;
  return Math.abs(last - engineLast) * 10_000 > engineLast * (market.bandBps(symbol) / 4);
}
