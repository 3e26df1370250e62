// Candles: UTC-aligned OHLCV buckets per symbol and interval, built trade by trade and drained in batches.
import { CANDLE_INTERVALS, intervalMs, isCandleInterval, type CandleInterval } from '../core/candle-intervals.ts';
import { checkTime, checkTrade } from './checks.ts';

export { CANDLE_INTERVALS, intervalMs, isCandleInterval, type CandleInterval } from '../core/candle-intervals.ts';

/** Start of the bucket holding `ts`. Epoch milliseconds have no leap seconds, so 1d buckets start at UTC midnight. */
export function bucketStart(ts: number, interval: CandleInterval): number {
  const ms = intervalMs[interval];
  return Math.floor(ts / ms) * ms;
}

/**
 * One candle. Prices are ticks, `volume` is lots, `quoteVolume` is the sum of price x qty in
 * ticks x lots (multiply by the instrument's notionalPerTickLot for quote minor units). The sums are
 * exact while they stay below 2^53; see docs/marketdata.md for when that holds.
 */
export interface Candle {
  readonly symbol: string;
  readonly interval: CandleInterval;
  /** Bucket start, epoch ms; the candle covers [openTime, openTime + intervalMs). */
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly quoteVolume: number;
  readonly trades: number;
}

/** A candle that changed since the last drain. A closed candle never changes again. */
export interface CandleUpdate {
  readonly candle: Candle;
  readonly closed: boolean;
}

export interface CandleBuilderOptions {
  /** Intervals to build; all of CANDLE_INTERVALS by default. */
  readonly intervals?: readonly CandleInterval[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Slot = Mutable<Candle> & { closed: boolean };

interface SymbolCandles {
  /** Newest trade, tick or seeded bucket start for this symbol; trades are never placed before it. */
  clock: number;
  /** The latest candle per interval, indexed like `CandleBuilder.intervals`. */
  readonly slots: Array<Slot | undefined>;
}

/**
 * Builds candles from trades. Rules:
 * - a bucket with no trades has no candle; filling gaps (with the previous close, say) is the reader's choice;
 * - time never goes back: a trade stamped before the newest time seen for its symbol (trade or
 *   `tick`) is counted at that newest time, i.e. folded into the current bucket. So a candle reported
 *   closed is final, and out-of-order input cannot corrupt one;
 * - a candle closes when a later trade opens the next bucket or `tick(now)` passes its end.
 * Memory: one candle per (symbol, interval), plus the changed candles held until the next drain.
 */
export class CandleBuilder {
  readonly intervals: readonly CandleInterval[];
  private readonly symbols = new Map<string, SymbolCandles>();
  /** Candles changed since the last drain, in order of their first change; each bucket appears once. */
  private changed = new Set<Slot>();
  /** The newest `tick` time; every symbol's clock is at least this, new symbols included. */
  private ticked = Number.NEGATIVE_INFINITY;

  constructor(options: CandleBuilderOptions = {}) {
    const intervals = options.intervals ?? CANDLE_INTERVALS;
    for (const interval of intervals) if (!isCandleInterval(interval)) throw new RangeError(`unknown candle interval ${String(interval)}`);
    this.intervals = [...new Set(intervals)];
  }

  onTrade(symbol: string, price: number, qty: number, ts: number): void {
    checkTrade(price, qty, ts);
    const state = this.symbol(symbol);
    const time = Math.max(ts, state.clock);
    state.clock = time;
    for (let i = 0; i < this.intervals.length; i++) {
      const interval = this.intervals[i] as CandleInterval;
      const openTime = bucketStart(time, interval);
      let slot = state.slots[i];
      if (slot && !slot.closed && slot.openTime === openTime) {
        if (price > slot.high) slot.high = price;
        if (price < slot.low) slot.low = price;
        slot.close = price;
        slot.volume += qty;
        slot.quoteVolume += price * qty;
        slot.trades++;
      } else {
        if (slot) this.close(slot);
        slot = { symbol, interval, openTime, open: price, high: price, low: price, close: price, volume: qty, quoteVolume: price * qty, trades: 1, closed: false };
        state.slots[i] = slot;
      }
      this.changed.add(slot);
    }
  }

  /** Closes every candle whose bucket has ended by `now`; later trades stamped before `now` count at `now`. */
  tick(now: number): void {
    checkTime(now);
    if (now <= this.ticked) return;
    this.ticked = now;
    for (const state of this.symbols.values()) {
      if (now > state.clock) state.clock = now;
      for (const slot of state.slots) {
        if (slot && !slot.closed && slot.openTime + intervalMs[slot.interval] <= now) this.close(slot);
      }
    }
  }

  /** The latest candle of a symbol and interval, open or closed, or undefined before its first trade. */
  current(symbol: string, interval: CandleInterval): Candle | undefined {
    const slot = this.symbols.get(symbol)?.slots[this.intervals.indexOf(interval)];
    return slot && freeze(slot);
  }

  /** Whether current(symbol, interval) is closed; undefined when there is none. */
  isClosed(symbol: string, interval: CandleInterval): boolean | undefined {
    return this.symbols.get(symbol)?.slots[this.intervals.indexOf(interval)]?.closed;
  }

  /**
   * Every candle changed since the previous drain, once each with its latest values, in order of
   * first change. Persist them as upserts keyed by (symbol, interval, openTime).
   */
  drainChanged(): CandleUpdate[] {
    const out: CandleUpdate[] = [];
    for (const slot of this.changed) out.push(Object.freeze({ candle: freeze(slot), closed: slot.closed }));
    this.changed = new Set();
    return out;
  }

  /**
   * Loads stored candles after a restart so the open bucket continues where it stopped. Only the
   * newest row per (symbol, interval) matters; rows not newer than what the builder holds and rows of
   * intervals it does not build are ignored. Call it before the first trade. A seeded candle is not
   * reported until a trade changes it or it closes.
   */
  seed(rows: readonly Candle[]): void {
    for (const row of rows) {
      checkCandle(row);
      const index = this.intervals.indexOf(row.interval);
      if (index < 0) continue;
      const state = this.symbol(row.symbol);
      const held = state.slots[index];
      if (held && held.openTime >= row.openTime) continue;
      state.slots[index] = { ...pick(row), closed: false };
      // The stored bucket proves trades up to its start; later trades never land before it.
      if (row.openTime > state.clock) state.clock = row.openTime;
    }
  }

  private close(slot: Slot): void {
    if (slot.closed) return;
    slot.closed = true;
    this.changed.add(slot);
  }

  private symbol(symbol: string): SymbolCandles {
    let state = this.symbols.get(symbol);
    if (!state) {
      state = { clock: this.ticked, slots: this.intervals.map(() => undefined) };
      this.symbols.set(symbol, state);
    }
    return state;
  }
}

function pick(c: Candle): Mutable<Candle> {
  return {
    symbol: c.symbol,
    interval: c.interval,
    openTime: c.openTime,
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume: c.volume,
    quoteVolume: c.quoteVolume,
    trades: c.trades,
  };
}

function freeze(c: Candle): Candle {
  return Object.freeze(pick(c));
}

/** A stored row that breaks these rules means the store is damaged; continuing would spread it. */
function checkCandle(row: Candle): void {
  const fail = (why: string): never => {
    throw new RangeError(`cannot seed candle ${row.symbol} ${row.interval} ${row.openTime}: ${why}`);
  };
  if (typeof row.symbol !== 'string' || row.symbol === '') fail('symbol must be a non-empty string');
  if (!isCandleInterval(row.interval)) fail('unknown interval');
  if (!Number.isSafeInteger(row.openTime) || bucketStart(row.openTime, row.interval) !== row.openTime) fail('openTime must be a bucket start');
  const counts = [row.open, row.high, row.low, row.close, row.volume, row.quoteVolume, row.trades];
  if (!counts.every((n) => Number.isSafeInteger(n) && n > 0)) fail('prices, volumes and trades must be positive integers');
  if (row.low > Math.min(row.open, row.close) || row.high < Math.max(row.open, row.close)) fail('open and close must lie within low..high');
}
