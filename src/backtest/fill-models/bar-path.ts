// Bar-based fills: the price is assumed to travel open, nearer extreme, farther extreme, close inside each bar; limits and stops fill on the way.
import type { Side } from '../../core/orders.ts';
import type { FillModel, MarketView } from '../fill-model.ts';
import type { BarRecord, MarketRecord } from '../types.ts';
import { reachPrice, untouched, type TouchOptions } from './price-touch.ts';
import { takerQuotes } from './trade-through.ts';

export type BarPathOptions = TouchOptions;

/**
 * The path goes to the high first when the high is no farther from the open than the low (a
 * common, neutral assumption); every point on it fills what it passes without a size cap, since a
 * bar says nothing about the size traded at each price. Market orders fill at the last close, moved
 * by the slippage.
 */
export class BarPathModel implements FillModel {
  constructor(private readonly options: BarPathOptions = {}) {}

  onRecord(record: MarketRecord, market: MarketView): void {
    if (record.kind === 'bar') {
      // Every point of the path lies between these, even on a bar whose extremes do not hold its open and close.
      const { open, high, low, close } = record;
      if (untouched(market.exposure(record.symbol), Math.min(open, high, low, close), Math.max(open, high, low, close), this.options)) return;
      const cap = market.maxQty(record.symbol);
      for (const price of barPath(record)) reachPrice(record.symbol, price, cap, market, this.options);
    } else if (record.kind === 'trade') {
      reachPrice(record.symbol, record.price, market.maxQty(record.symbol), market, this.options);
    }
  }

  beforeOrder(symbol: string, sides: ReadonlySet<Side>, market: MarketView): void {
    takerQuotes(symbol, sides, market, this.options);
  }

  afterOrder(symbol: string, market: MarketView): void {
    market.liquidity.clear(symbol);
  }
}

export function barPath(bar: Pick<BarRecord, 'open' | 'high' | 'low' | 'close'>): readonly number[] {
  const highFirst = bar.high - bar.open <= bar.open - bar.low;
  return highFirst ? [bar.open, bar.high, bar.low, bar.close] : [bar.open, bar.low, bar.high, bar.close];
}
