// Rolling 24-hour tickers: last trade, window OHLC and volumes over time buckets, and the caller's top of book.
import { divideRounded } from '../core/rounding.ts';
import { checkTime, checkTrade } from './checks.ts';
import { Ring } from './ring.ts';

/**
 * A symbol's ticker. Prices are ticks, quantities lots, `quoteVolume` ticks x lots. 0 means "none":
 * no trade in the window (open, high, low, change), never traded (lastPrice, lastQty), or an empty
 * book side (bid, ask).
 */
export interface Ticker {
  readonly symbol: string;
  /** The time the window ends at: the newest trade or tick seen, epoch ms. */
  readonly time: number;
  /** Trades at or after this time are in the window. */
  readonly windowStart: number;
  /** The last trade ever seen, which may be older than the window. */
  readonly lastPrice: number;
  readonly lastQty: number;
  /** Price of the first trade in the window. */
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly volume: number;
  readonly quoteVolume: number;
  readonly trades: number;
  /** lastPrice - open, when the window holds a trade. */
  readonly change: number;
  /** change in basis points of open, truncated toward zero. */
  readonly changeBps: number;
  readonly bidPrice: number;
  readonly bidQty: number;
  readonly askPrice: number;
  readonly askQty: number;
}

export interface TickerOptions {
  /** Window length; 24 hours by default. */
  readonly windowMs?: number;
  /** Window granularity; one minute by default. Must divide windowMs. */
  readonly bucketMs?: number;
}

interface Totals {
  volume: number;
  quoteVolume: number;
  trades: number;
}

interface Bucket extends Totals {
  /** floor(time / bucketMs) */
  readonly no: number;
  readonly open: number;
  high: number;
  low: number;
}

interface SymbolTicker {
  /** Newest trade or tick time for this symbol; trades are never placed before it. */
  clock: number;
  lastPrice: number;
  lastQty: number;
  bidPrice: number;
  bidQty: number;
  askPrice: number;
  askQty: number;
  /** Sums over `buckets`, kept in step as buckets enter and leave. */
  totals: Totals;
  /** Non-empty buckets in the window, oldest first. */
  readonly buckets: Ring<Bucket>;
  /** Monotonic queues: bucket highs strictly falling and lows strictly rising, so the window max and min are at the front. */
  readonly highs: Ring<Bucket>;
  readonly lows: Ring<Bucket>;
}

/**
 * Keeps a sliding window per symbol made of `windowMs / bucketMs` time buckets. The window is whole
 * buckets: it holds the current bucket and the ones before it, so it spans between
 * windowMs - bucketMs and windowMs, and a trade leaves it when its whole bucket does. Each bucket
 * enters and leaves the queues once, so sliding is O(1) amortized, and a symbol never holds more than
 * windowMs / bucketMs buckets whatever the trade rate. As with candles, time never goes back: a
 * trade stamped before the newest time seen for its symbol counts at that newest time.
 */
export class TickerBook {
  readonly windowMs: number;
  readonly bucketMs: number;
  private readonly bucketCount: number;
  private readonly symbols = new Map<string, SymbolTicker>();
  /** The newest `tick` time; every symbol's clock is at least this, new symbols included. */
  private ticked = Number.NEGATIVE_INFINITY;

  constructor(options: TickerOptions = {}) {
    this.windowMs = options.windowMs ?? 86_400_000;
    this.bucketMs = options.bucketMs ?? 60_000;
    const ok = Number.isSafeInteger(this.windowMs) && Number.isSafeInteger(this.bucketMs) && this.bucketMs > 0 && this.windowMs > 0 && this.windowMs % this.bucketMs === 0;
    if (!ok) throw new RangeError('windowMs and bucketMs must be positive integers and bucketMs must divide windowMs');
    this.bucketCount = this.windowMs / this.bucketMs;
  }

  onTrade(symbol: string, price: number, qty: number, ts: number): void {
    checkTrade(price, qty, ts);
    const state = this.symbol(symbol);
    this.slide(state, Math.max(ts, state.clock));
    const no = Math.floor(state.clock / this.bucketMs);
    let bucket = state.buckets.last();
    if (bucket?.no !== no) {
      bucket = { no, open: price, high: price, low: price, volume: 0, quoteVolume: 0, trades: 0 };
      state.buckets.push(bucket);
    }
    bucket.high = Math.max(bucket.high, price);
    bucket.low = Math.min(bucket.low, price);
    bucket.volume += qty;
    bucket.quoteVolume += price * qty;
    bucket.trades++;
    state.totals.volume += qty;
    state.totals.quoteVolume += price * qty;
    state.totals.trades++;
    // The newest bucket is at the back of a queue if anywhere, so re-queuing it keeps both queues ordered.
    while ((state.highs.last()?.high ?? Infinity) <= bucket.high) state.highs.pop();
    state.highs.push(bucket);
    while ((state.lows.last()?.low ?? -Infinity) >= bucket.low) state.lows.pop();
    state.lows.push(bucket);
    state.lastPrice = price;
    state.lastQty = qty;
  }

  /** Sets the top of book shown with a symbol's ticker; pass 0 for an empty side. */
  setTopOfBook(symbol: string, bidPrice: number, bidQty: number, askPrice: number, askQty: number): void {
    for (const n of [bidPrice, bidQty, askPrice, askQty]) if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`top of book values must be non-negative integers, got ${n}`);
    const state = this.symbol(symbol);
    state.bidPrice = bidPrice;
    state.bidQty = bidQty;
    state.askPrice = askPrice;
    state.askQty = askQty;
  }

  /** Slides every symbol's window to `now`, so trades fall out even when none arrive. */
  tick(now: number): void {
    checkTime(now);
    if (now <= this.ticked) return;
    this.ticked = now;
    for (const state of this.symbols.values()) this.slide(state, Math.max(state.clock, now));
  }

  get(symbol: string): Ticker | undefined {
    const state = this.symbols.get(symbol);
    return state && this.view(symbol, state);
  }

  all(): Ticker[] {
    return [...this.symbols].map(([symbol, state]) => this.view(symbol, state));
  }

  /** How many buckets a symbol holds now; at most windowMs / bucketMs. For metrics and tests. */
  retainedBuckets(symbol: string): number {
    return this.symbols.get(symbol)?.buckets.length ?? 0;
  }

  private slide(state: SymbolTicker, time: number): void {
    state.clock = time;
    const oldest = Math.floor(time / this.bucketMs) - this.bucketCount + 1;
    while ((state.buckets.first()?.no ?? oldest) < oldest) {
      const gone = state.buckets.shift() as Bucket;
      state.totals.volume -= gone.volume;
      state.totals.quoteVolume -= gone.quoteVolume;
      state.totals.trades -= gone.trades;
    }
    while ((state.highs.first()?.no ?? oldest) < oldest) state.highs.shift();
    while ((state.lows.first()?.no ?? oldest) < oldest) state.lows.shift();
  }

  private view(symbol: string, state: SymbolTicker): Ticker {
    const open = state.buckets.first()?.open ?? 0;
    const change = open === 0 ? 0 : state.lastPrice - open;
    const time = Number.isFinite(state.clock) ? state.clock : 0;
    return Object.freeze({
      symbol,
      time,
      windowStart: (Math.floor(time / this.bucketMs) - this.bucketCount + 1) * this.bucketMs,
      lastPrice: state.lastPrice,
      lastQty: state.lastQty,
      open,
      high: state.highs.first()?.high ?? 0,
      low: state.lows.first()?.low ?? 0,
      volume: state.totals.volume,
      quoteVolume: state.totals.quoteVolume,
      trades: state.totals.trades,
      change,
      changeBps: open === 0 ? 0 : changeInBps(change, open),
      bidPrice: state.bidPrice,
      bidQty: state.bidQty,
      askPrice: state.askPrice,
      askQty: state.askQty,
    });
  }

  private symbol(symbol: string): SymbolTicker {
    let state = this.symbols.get(symbol);
    if (!state) {
      const n = this.bucketCount;
      state = {
        clock: this.ticked,
        lastPrice: 0,
        lastQty: 0,
        bidPrice: 0,
        bidQty: 0,
        askPrice: 0,
        askQty: 0,
        totals: { volume: 0, quoteVolume: 0, trades: 0 },
        buckets: new Ring(n),
        highs: new Ring(n),
        lows: new Ring(n),
      };
      this.symbols.set(symbol, state);
    }
    return state;
  }
}

/**
 * change / open in basis points, rounded to the nearest with halves away from zero, so a rise and a
 * fall of the same size show the same figure. BigInt: change x 10,000 can pass 2^53 for prices near
 * the 2^40 bound.
 */
function changeInBps(change: number, open: number): number {
  const size = divideRounded(BigInt(Math.abs(change)) * 10_000n, BigInt(open), 'nearest');
  return Number(change < 0 ? -size : size);
}
