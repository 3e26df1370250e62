// Historical data (exact decimal strings, as imported and stored) turned into backtest records in an instrument's ticks and lots.
//
// A value off the instrument's grid cannot trade there; it is reported with what it is and where,
// never rounded silently.
import { toUnits } from '../core/decimal.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import { intervalToMs, type HistoryBar, type HistoryQuote, type HistoryTrade } from '../core/market-history.ts';
import type { BarRecord, QuoteRecord, TradeRecord } from './types.ts';

export class OffGridError extends RangeError {
  constructor(symbol: string, field: string, value: string, unit: string, ts: number) {
    super(`${symbol} at ${new Date(ts).toISOString()}: ${field} ${value} is not a multiple of ${unit}`);
  }
}

/** Converts exactly, or throws OffGridError. */
function units(spec: InstrumentSpec, field: string, value: string, unit: string, ts: number): number {
  const result = toUnits(value, unit);
  if (result === undefined) throw new OffGridError(spec.symbol, field, value, unit, ts);
  return result;
}

export function tradeRecord(spec: InstrumentSpec, trade: HistoryTrade): TradeRecord {
  return {
    kind: 'trade',
    symbol: spec.symbol,
    ts: trade.ts,
    price: units(spec, 'price', trade.price, spec.tickSize, trade.ts),
    qty: units(spec, 'qty', trade.qty, spec.lotSize, trade.ts),
    takerSide: trade.side ?? undefined,
  };
}

export function barRecord(spec: InstrumentSpec, interval: string, bar: HistoryBar): BarRecord {
  const ms = intervalToMs(interval);
  if (ms === undefined) throw new RangeError(`unknown bar interval ${interval}`);
  const at = bar.openTime;
  const tick = spec.tickSize;
  return {
    kind: 'bar',
    symbol: spec.symbol,
    interval,
    openTime: at,
    // A bar is known when it closes: that is when the strategy hears of it.
    ts: at + ms,
    open: units(spec, 'open', bar.open, tick, at),
    high: units(spec, 'high', bar.high, tick, at),
    low: units(spec, 'low', bar.low, tick, at),
    close: units(spec, 'close', bar.close, tick, at),
    volume: units(spec, 'volume', bar.volume, spec.lotSize, at),
  };
}

export function quoteRecord(spec: InstrumentSpec, quote: HistoryQuote): QuoteRecord {
  const tick = spec.tickSize;
  const lot = spec.lotSize;
  return {
    kind: 'quote',
    symbol: spec.symbol,
    ts: quote.ts,
    bid: units(spec, 'bid price', quote.bidPrice, tick, quote.ts),
    bidQty: units(spec, 'bid qty', quote.bidQty, lot, quote.ts),
    ask: units(spec, 'ask price', quote.askPrice, tick, quote.ts),
    askQty: units(spec, 'ask qty', quote.askQty, lot, quote.ts),
  };
}

/** Maps a stream of items lazily, sync or async as the source is. */
export function mapRecords<T, R>(source: Iterable<T>, convert: (item: T) => R): Iterable<R>;
export function mapRecords<T, R>(source: AsyncIterable<T>, convert: (item: T) => R): AsyncIterable<R>;
export function mapRecords<T, R>(source: Iterable<T> | AsyncIterable<T>, convert: (item: T) => R): Iterable<R> | AsyncIterable<R> {
  if (Symbol.asyncIterator in source) {
    return (async function* () {
      for await (const item of source) yield convert(item);
    })();
  }
  return (function* () {
    for (const item of source) yield convert(item);
  })();
}
