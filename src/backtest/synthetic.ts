// Synthetic market data: seeded geometric Brownian motion with optional Poisson jumps, as trades or OHLCV bars on a tick grid, streamed.
import { fromUnits, toUnits } from '../core/decimal.ts';
import { MAX_PRICE_TICKS } from '../core/limits.ts';
import type { HistoryBar, HistoryTrade } from '../core/market-history.ts';
import type { Side } from '../core/orders.ts';
import { SeededRandom } from '../core/rng.ts';

const YEAR_MS = 365.25 * 86_400_000;

export interface JumpOptions {
  /** Expected jumps per year (Poisson arrivals). */
  readonly perYear: number;
  /** Mean and standard deviation of one jump in log price (0.05 is about +5%). */
  readonly mean: number;
  readonly stdDev: number;
}

export interface SyntheticOptions {
  readonly seed: number;
  /** Epoch ms of the first trade or bar. */
  readonly startTime: number;
  /** Decimal strings: the first price, and the grid prices and sizes sit on. */
  readonly startPrice: string;
  readonly tickSize: string;
  readonly lotSize: string;
  /** Annual drift and volatility of the log price (0.05 and 0.2 are 5% and 20% a year). */
  readonly drift: number;
  readonly volatility: number;
  readonly jumps?: JumpOptions;
  /** Mean milliseconds between trades (exponential gaps, so several may share a millisecond). Default 1,000. */
  readonly meanTradeGapMs?: number;
  /** Mean size of a trade in lots (at least one lot). Default 10. */
  readonly meanLots?: number;
}

/**
 * A price path in continuous log space, rounded to the tick grid only on output, so the rounding
 * never feeds back into the path and the drift and volatility stay those asked for. Prices never
 * go below one tick.
 */
class PricePath {
  private logPrice: number;
  private spare: number | undefined;

  constructor(
    private readonly random: SeededRandom,
    startTicks: number,
    private readonly options: SyntheticOptions,
  ) {
    this.logPrice = Math.log(startTicks);
  }

  /** Advances by `ms` and returns the price in ticks. */
  step(ms: number): number {
    const { drift, volatility, jumps } = this.options;
    const dt = ms / YEAR_MS;
    if (dt > 0) {
      this.logPrice += (drift - (volatility * volatility) / 2) * dt + volatility * Math.sqrt(dt) * this.normal();
      if (jumps !== undefined) for (let n = this.poisson(jumps.perYear * dt); n > 0; n--) this.logPrice += jumps.mean + jumps.stdDev * this.normal();
    }
    return this.ticks();
  }

  ticks(): number {
    return Math.min(MAX_PRICE_TICKS, Math.max(1, Math.round(Math.exp(this.logPrice))));
  }

  /** Standard normal by Box-Muller, both values used. */
  normal(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    const u = 1 - this.random.next();
    const v = this.random.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Poisson count by Knuth's method: mean is tiny per step, so the loop runs once or twice. */
  private poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let count = 0;
    for (let p = this.random.next(); p > limit; p *= this.random.next()) count++;
    return count;
  }
}

/** The largest price an instrument with this tick size can carry (MAX_PRICE_TICKS ticks), as a decimal string. */
export function largestPrice(tickSize: string): string {
  return fromUnits(MAX_PRICE_TICKS, tickSize);
}

/**
 * Why a start price cannot begin a series on this grid, as the end of a sentence about it ("is above the largest price …"),
 * or undefined when it can. A price too large for any instrument is said to be so, not to be off the grid.
 */
export function startPriceProblem(startPrice: string, tickSize: string): string | undefined {
  const ticks = toUnits(startPrice, tickSize);
  // toUnits also fails past 2^53 ticks: the size then is the problem, whatever the grid.
  const above = ticks === undefined ? Number(startPrice) / Number(tickSize) > MAX_PRICE_TICKS : ticks > MAX_PRICE_TICKS;
  if (above) return `is above the largest price the instrument can carry, ${largestPrice(tickSize)} (${MAX_PRICE_TICKS} ticks of ${tickSize})`;
  if (ticks === undefined || ticks < 1) return `is not a positive multiple of the tick size ${tickSize}`;
  return undefined;
}

/** Why these options cannot make a series, or undefined: checked before a file is made or a run starts, and again by the generators. */
export function syntheticProblem(options: SyntheticOptions): string | undefined {
  const price = startPriceProblem(options.startPrice, options.tickSize);
  if (price !== undefined) return `start price ${options.startPrice} ${price}`;
  if (toUnits(options.lotSize, options.lotSize) !== 1) return `lot size ${options.lotSize} is not a positive decimal`;
  if (!(options.volatility >= 0) || !Number.isFinite(options.drift)) return 'volatility must be at least 0 and drift a finite number';
  // A negative gap would run time backwards.
  if (options.meanTradeGapMs !== undefined && !(options.meanTradeGapMs > 0 && Number.isFinite(options.meanTradeGapMs))) return 'the mean gap between trades must be above 0 ms';
  return undefined;
}

function setup(options: SyntheticOptions): { random: SeededRandom; path: PricePath; lots: () => number } {
  const problem = syntheticProblem(options);
  if (problem !== undefined) throw new Error(problem);
  const startTicks = toUnits(options.startPrice, options.tickSize)!;
  const random = new SeededRandom(options.seed);
  const meanLots = Math.max(1, options.meanLots ?? 10);
  // Exponential sizes with the given mean, rounded up to whole lots.
  const lots = () => Math.max(1, Math.ceil(-Math.log(1 - random.next()) * meanLots));
  return { random, path: new PricePath(random, startTicks, options), lots };
}

/**
 * `count` trades, one at a time. A trade on an up-tick is a buy and on a down-tick a sell; on an
 * unchanged price the side is drawn. The same options give the same trades.
 */
export function* syntheticTrades(options: SyntheticOptions, count: number): Generator<HistoryTrade> {
  const { random, path, lots } = setup(options);
  const meanGap = options.meanTradeGapMs ?? 1_000;
  let ts = options.startTime;
  let seq = 0;
  let last = path.ticks();
  for (let i = 0; i < count; i++) {
    const gap = i === 0 ? 0 : Math.round(-Math.log(1 - random.next()) * meanGap);
    const price = path.step(gap);
    seq = i > 0 && gap === 0 ? seq + 1 : 0;
    ts += gap;
    const side: Side = price > last ? 'buy' : price < last ? 'sell' : random.next() < 0.5 ? 'buy' : 'sell';
    last = price;
    yield { ts, seq, price: fromUnits(price, options.tickSize), qty: fromUnits(lots(), options.lotSize), side };
  }
}

/**
 * `count` bars of `intervalMs`, one at a time. Each bar walks `stepsPerBar` sub-steps (default 16)
 * for its high and low, opens at the previous close, and has a volume of one random size per step.
 */
export function* syntheticBars(options: SyntheticOptions, count: number, intervalMs: number, stepsPerBar = 16): Generator<HistoryBar> {
  if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) throw new Error('the bar interval must be a positive whole number of milliseconds');
  const steps = Math.max(1, Math.floor(stepsPerBar));
  const { path, lots } = setup(options);
  let open = path.ticks();
  for (let i = 0; i < count; i++) {
    let high = open;
    let low = open;
    let close = open;
    let volume = 0;
    for (let s = 0; s < steps; s++) {
      close = path.step(intervalMs / steps);
      if (close > high) high = close;
      if (close < low) low = close;
      volume += lots();
    }
    const unit = options.tickSize;
    yield { openTime: options.startTime + i * intervalMs, open: fromUnits(open, unit), high: fromUnits(high, unit), low: fromUnits(low, unit), close: fromUnits(close, unit), volume: fromUnits(volume, options.lotSize) };
    open = close;
  }
}
