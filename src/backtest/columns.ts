// Market records packed into typed columns in shared memory: loaded once, read by every backtest of an optimization on any thread.
import type { Side } from '../core/orders.ts';
import { intervalToMs } from '../core/market-history.ts';
import type { BarRecord, TradeRecord } from './types.ts';

/** Values per row: trades hold price, qty, side (1 buy, -1 sell, 0 unknown); bars hold open, high, low, close, volume. */
const WIDTH = { trades: 3, bars: 5 } as const;

export interface RecordColumns {
  readonly kind: 'trades' | 'bars';
  readonly symbols: readonly string[];
  /** The bars' interval ('' for trades). */
  readonly interval: string;
  readonly length: number;
  /** Index into `symbols`, per row. */
  readonly symbol: Uint16Array;
  /** Trade time, or bar open time. */
  readonly ts: Float64Array;
  readonly values: Float64Array;
}

type Packable = TradeRecord | BarRecord;

/** Packs records of one kind (the first record's) into shared columns; the source is read once. */
export async function packRecords(source: Iterable<Packable> | AsyncIterable<Packable>): Promise<RecordColumns> {
  const builder = new ColumnBuilder();
  for await (const record of source) builder.add(record);
  return builder.finish();
}

export class ColumnBuilder {
  private kind: 'trades' | 'bars' | undefined;
  private interval = '';
  private readonly symbols: string[] = [];
  private readonly index = new Map<string, number>();
  private length = 0;
  private symbol = new Uint16Array(1024);
  private ts = new Float64Array(1024);
  private values = new Float64Array(1024 * 5);

  add(record: Packable): void {
    const kind = record.kind === 'trade' ? 'trades' : 'bars';
    this.kind ??= kind;
    if (kind !== this.kind) throw new RangeError(`cannot mix ${kind} with ${this.kind} in one set of columns`);
    if (record.kind === 'bar') {
      if (this.interval === '') this.interval = record.interval;
      else if (record.interval !== this.interval) throw new RangeError(`cannot mix ${record.interval} bars with ${this.interval} bars`);
    }
    if (this.length === this.ts.length) this.grow();
    const row = this.length++;
    this.symbol[row] = this.symbolIndex(record.symbol);
    const width = WIDTH[kind];
    const at = row * width;
    if (record.kind === 'trade') {
      this.ts[row] = record.ts;
      this.values[at] = record.price;
      this.values[at + 1] = record.qty;
      this.values[at + 2] = record.takerSide === 'buy' ? 1 : record.takerSide === 'sell' ? -1 : 0;
    } else {
      this.ts[row] = record.openTime;
      this.values[at] = record.open;
      this.values[at + 1] = record.high;
      this.values[at + 2] = record.low;
      this.values[at + 3] = record.close;
      this.values[at + 4] = record.volume;
    }
  }

  finish(): RecordColumns {
    const kind = this.kind ?? 'trades';
    const n = this.length;
    const width = WIDTH[kind];
    return {
      kind,
      symbols: [...this.symbols],
      interval: this.interval,
      length: n,
      symbol: shared(Uint16Array, this.symbol.subarray(0, n)),
      ts: shared(Float64Array, this.ts.subarray(0, n)),
      values: shared(Float64Array, this.values.subarray(0, n * width)),
    };
  }

  private symbolIndex(symbol: string): number {
    let at = this.index.get(symbol);
    if (at === undefined) {
      at = this.symbols.push(symbol) - 1;
      if (at > 0xffff) throw new RangeError('too many symbols in one set of columns');
      this.index.set(symbol, at);
    }
    return at;
  }

  private grow(): void {
    const capacity = this.ts.length * 2;
    const symbol = new Uint16Array(capacity);
    symbol.set(this.symbol);
    const ts = new Float64Array(capacity);
    ts.set(this.ts);
    const values = new Float64Array(capacity * 5);
    values.set(this.values);
    this.symbol = symbol;
    this.ts = ts;
    this.values = values;
  }
}

function shared<T extends Uint16Array | Float64Array>(Type: { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }, data: T): T {
  const copy = new Type(new SharedArrayBuffer(data.length * Type.BYTES_PER_ELEMENT));
  copy.set(data);
  return copy;
}

/** Rows `from` (inclusive) to `to` (exclusive) whose time lies in [fromTs, toTs): for walk-forward windows. */
export function rowRange(columns: RecordColumns, fromTs: number, toTs: number): { readonly from: number; readonly to: number } {
  return { from: lowerBound(columns.ts, columns.length, fromTs), to: lowerBound(columns.ts, columns.length, toTs) };
}

function lowerBound(ts: Float64Array, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const SIDES: readonly (Side | undefined)[] = ['sell', undefined, 'buy'];

/**
 * The rows as records, through one reused object per kind: the venue reads a record's fields while
 * it handles it and keeps no reference, so millions of rows cost no allocation.
 */
export function* unpackRecords(columns: RecordColumns, from = 0, to = columns.length): Generator<TradeRecord | BarRecord> {
  const { symbols, symbol, ts, values } = columns;
  if (columns.kind === 'trades') {
    const trade: { -readonly [K in keyof TradeRecord]: TradeRecord[K] } = { kind: 'trade', symbol: '', ts: 0, price: 0, qty: 0, takerSide: undefined };
    for (let row = from; row < to; row++) {
      const at = row * 3;
      trade.symbol = symbols[symbol[row]!]!;
      trade.ts = ts[row]!;
      trade.price = values[at]!;
      trade.qty = values[at + 1]!;
      trade.takerSide = SIDES[values[at + 2]! + 1];
      yield trade;
    }
    return;
  }
  const ms = intervalMs(columns.interval);
  const bar: { -readonly [K in keyof BarRecord]: BarRecord[K] } = { kind: 'bar', symbol: '', interval: columns.interval, ts: 0, openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  for (let row = from; row < to; row++) {
    const at = row * 5;
    bar.symbol = symbols[symbol[row]!]!;
    bar.openTime = ts[row]!;
    bar.ts = bar.openTime + ms;
    bar.open = values[at]!;
    bar.high = values[at + 1]!;
    bar.low = values[at + 2]!;
    bar.close = values[at + 3]!;
    bar.volume = values[at + 4]!;
    yield bar;
  }
}

/**
 * A row's time as the backtest sees the record: a trade's time, a bar's close (open + interval,
 * when it becomes known), as a backtest's startTs and endTs are.
 */
export function recordTime(columns: RecordColumns, row: number): number {
  return columns.ts[row]! + (columns.kind === 'bars' ? intervalMs(columns.interval) : 0);
}

function intervalMs(interval: string): number {
  const ms = intervalToMs(interval);
  if (ms === undefined) throw new RangeError(`unknown bar interval ${interval}`);
  return ms;
}
