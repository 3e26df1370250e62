// Streaming indicators with one interface (update -> value or undefined, value, ready), wrapping trading-signals.
//
// Each indicator takes one input per update: a price (or anything with a `close`, such as a Bar)
// for SMA, EMA, RSI, MACD and Bollinger bands; a bar (high, low, close) for ATR; a bar or a trade
// (price, qty) for VWAP. `value` stays undefined until the indicator has seen enough inputs to be
// meaningful (`ready`), so a strategy never acts on a half-warmed average.
import { ATR as TsAtr, BollingerBands as TsBollinger, EMA as TsEma, MACD as TsMacd, RSI as TsRsi, VWAP as TsVwap } from 'trading-signals';
import { ExactSum } from './exact-sum.ts';

/** A price, or anything carrying a close (a Bar). */
export type PriceInput = number | { readonly close: number };
export interface Candle {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}
/** A bar with volume, or a trade (its price and quantity). */
export type VolumeInput = (Candle & { readonly volume: number }) | { readonly price: number; readonly qty: number };

export interface Indicator<Input> {
  /** Feeds one input; returns the new value, or undefined while not ready. */
  update(input: Input): number | undefined;
  readonly value: number | undefined;
  readonly ready: boolean;
}

function priceOf(input: PriceInput): number {
  const price = typeof input === 'number' ? input : input.close;
  // NaN would poison every later value silently; fail where the bad input enters instead.
  if (!Number.isFinite(price)) throw new RangeError(`indicator input must be a finite number, got ${price}`);
  return price;
}

function checkPeriod(period: number, name: string): number {
  if (!Number.isSafeInteger(period) || period < 1) throw new RangeError(`${name} period must be a positive integer, got ${period}`);
  return period;
}

/** Shared by the price indicators whose single output is a number. */
abstract class Streaming<Input> implements Indicator<Input> {
  protected current: number | undefined;

  get value(): number | undefined {
    return this.current;
  }

  get ready(): boolean {
    return this.current !== undefined;
  }

  update(input: Input): number | undefined {
    this.current = this.next(input);
    return this.current;
  }

  protected abstract next(input: Input): number | undefined;
}

/**
 * Simple moving average of the last `period` prices, in constant time per price whatever the
 * period: the window's sum is kept exactly (each price added as it enters, taken away as it
 * leaves), so the average is the window's exact sum rounded once, divided by the period. It never
 * drifts, and the same window gives the same double however the prices came to be in it.
 */
export class SMA extends Streaming<PriceInput> {
  private readonly window: Float64Array;
  private readonly sum = new ExactSum();
  /** Where the next price goes; once the window is full, also where the oldest price is. */
  private slot = 0;
  private count = 0;
  constructor(readonly period: number) {
    super();
    this.window = new Float64Array(checkPeriod(period, 'SMA'));
  }
  protected next(input: PriceInput): number | undefined {
    const { window, period } = this;
    const price = priceOf(input);
    if (this.count === period) this.sum.subtract(window[this.slot]!);
    else this.count++;
    this.sum.add(price);
    window[this.slot] = price;
    this.slot = this.slot + 1 === period ? 0 : this.slot + 1;
    return this.count < period ? undefined : this.sum.value / period;
  }
}

/**
 * Exponential moving average with weight 2 / (period + 1). As in trading-signals, it starts at the
 * first price and is ready after `period` prices.
 */
export class EMA extends Streaming<PriceInput> {
  private readonly inner: TsEma;
  constructor(readonly period: number) {
    super();
    this.inner = new TsEma(checkPeriod(period, 'EMA'));
  }
  protected next(input: PriceInput): number | undefined {
    const value = this.inner.add(priceOf(input));
    return this.inner.isStable ? (value ?? undefined) : undefined;
  }
}

/** Wilder's RSI (0..100): ready after period + 1 prices (period changes). */
export class RSI extends Streaming<PriceInput> {
  private readonly inner: TsRsi;
  constructor(readonly period: number = 14) {
    super();
    this.inner = new TsRsi(checkPeriod(period, 'RSI'));
  }
  protected next(input: PriceInput): number | undefined {
    return this.inner.add(priceOf(input)) ?? undefined;
  }
}

/** Average true range with Wilder smoothing; the first bar's true range is its high - low. */
export class ATR extends Streaming<Candle> {
  private readonly inner: TsAtr;
  constructor(readonly period: number = 14) {
    super();
    this.inner = new TsAtr(checkPeriod(period, 'ATR'));
  }
  protected next(input: Candle): number | undefined {
    return this.inner.add({ high: priceOf(input.high), low: priceOf(input.low), close: priceOf(input.close) }) ?? undefined;
  }
}

/** Volume-weighted average price since construction (or the last reset), over typical price (h+l+c)/3 or trade prices. */
export class VWAP extends Streaming<VolumeInput> {
  private inner = new TsVwap();
  /** Starts a new session: forgets everything seen so far. */
  reset(): void {
    this.inner = new TsVwap();
    this.current = undefined;
  }
  protected next(input: VolumeInput): number | undefined {
    const candle = 'price' in input ? { high: input.price, low: input.price, close: input.price, volume: input.qty } : input;
    if (!Number.isFinite(candle.volume) || candle.volume < 0) throw new RangeError(`VWAP volume must be a finite non-negative number, got ${candle.volume}`);
    // Zero volume carries no weight: the value stays what it was.
    return this.inner.add({ high: priceOf(candle.high), low: priceOf(candle.low), close: priceOf(candle.close), volume: candle.volume }) ?? this.current;
  }
}

/** Bollinger bands: SMA middle, +/- `deviations` population standard deviations. `value` is the middle band. */
export class BollingerBands extends Streaming<PriceInput> {
  private readonly inner: TsBollinger;
  upper: number | undefined;
  lower: number | undefined;
  constructor(
    readonly period: number = 20,
    readonly deviations: number = 2,
  ) {
    super();
    this.inner = new TsBollinger(checkPeriod(period, 'Bollinger'), deviations);
  }
  get middle(): number | undefined {
    return this.current;
  }
  protected next(input: PriceInput): number | undefined {
    const bands = this.inner.add(priceOf(input));
    this.upper = bands?.upper;
    this.lower = bands?.lower;
    return bands?.middle;
  }
}

/**
 * MACD: EMA(fast) - EMA(slow), with an EMA(signal) of that line. `value` is the MACD line; it is
 * ready once the signal EMA is (slow + signal - 1 prices).
 */
export class MACD extends Streaming<PriceInput> {
  private readonly inner: TsMacd;
  private readonly signalEma: TsEma;
  signal: number | undefined;
  histogram: number | undefined;
  constructor(
    readonly fast: number = 12,
    readonly slow: number = 26,
    readonly signalPeriod: number = 9,
  ) {
    super();
    if (checkPeriod(fast, 'MACD fast') >= checkPeriod(slow, 'MACD slow')) throw new RangeError('MACD fast period must be shorter than the slow period');
    this.signalEma = new TsEma(checkPeriod(signalPeriod, 'MACD signal'));
    this.inner = new TsMacd(new TsEma(fast), new TsEma(slow), this.signalEma);
  }
  protected next(input: PriceInput): number | undefined {
    const result = this.inner.add(priceOf(input));
    const ready = result !== null && this.signalEma.isStable;
    this.signal = ready ? result.signal : undefined;
    this.histogram = ready ? result.histogram : undefined;
    return ready ? result.macd : undefined;
  }
}
