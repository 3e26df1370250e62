// Series of bars kept by symbol, then interval: two lookups of strings the feed reuses rather than a key built per bar, and the last one found at two comparisons.

export interface Series {
  readonly symbol: string;
  readonly interval: string;
}

export class SeriesIndex<T extends Series> {
  private readonly bySymbol = new Map<string, Map<string, T>>();
  /** The series asked for last: a feed of one symbol and interval finds it again at two comparisons. */
  private last: T | undefined;

  constructor(private readonly make: (symbol: string, interval: string) => T) {}

  /** The series of `symbol` and `interval`, made the first time it is asked for. */
  of(symbol: string, interval: string): T {
    const last = this.last;
    if (last !== undefined && last.symbol === symbol && last.interval === interval) return last;
    let intervals = this.bySymbol.get(symbol);
    if (!intervals) this.bySymbol.set(symbol, (intervals = new Map<string, T>()));
    let series = intervals.get(interval);
    if (!series) intervals.set(interval, (series = this.make(symbol, interval)));
    this.last = series;
    return series;
  }

  /** The series if one was made; nothing is made. */
  find(symbol: string, interval: string): T | undefined {
    return this.bySymbol.get(symbol)?.get(interval);
  }
}
