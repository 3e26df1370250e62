// The columns of each kind of historical data, their accepted names, and decoding one row's values into a record.
import { barProblem, compareDecimal, type HistoryBar, type HistoryKind, type HistoryQuote, type HistoryTrade } from '../../core/market-history.ts';
import { parseDecimal, parseSide, parseTime, sideFromBuyerMaker, type Field, type TimeUnit } from './fields.ts';

interface Column {
  /** The name used in messages, exports and documentation. */
  readonly name: string;
  /** Accepted names, after normalizeName, in order of preference. */
  readonly aliases: readonly string[];
  readonly required: boolean;
}

const TIME: Column = { name: 'time', aliases: ['time', 'timestamp', 'ts', 'datetime', 'date', 'open_time', 't'], required: true };
const QTY_NAMES = ['qty', 'quantity', 'size', 'amount', 'volume', 'q', 'sz'];

/** Every kind's columns; a row's values are passed to its decoder in this order. */
export const COLUMNS: Readonly<Record<HistoryKind, readonly Column[]>> = {
  bars: [
    TIME,
    { name: 'open', aliases: ['open', 'o'], required: true },
    { name: 'high', aliases: ['high', 'h'], required: true },
    { name: 'low', aliases: ['low', 'l'], required: true },
    { name: 'close', aliases: ['close', 'c'], required: true },
    { name: 'volume', aliases: ['volume', 'vol', 'v'], required: false },
  ],
  trades: [
    TIME,
    { name: 'price', aliases: ['price', 'p', 'px'], required: true },
    { name: 'qty', aliases: QTY_NAMES, required: true },
    { name: 'side', aliases: ['side', 'taker_side', 's'], required: false },
    { name: 'is_buyer_maker', aliases: ['is_buyer_maker', 'buyer_maker', 'm'], required: false },
  ],
  quotes: [
    TIME,
    { name: 'bid_price', aliases: ['bid_price', 'bid', 'bid_px', 'bp', 'best_bid'], required: true },
    { name: 'bid_qty', aliases: QTY_NAMES.map((name) => `bid_${name}`).concat(['bq', 'bs']), required: true },
    { name: 'ask_price', aliases: ['ask_price', 'ask', 'ask_px', 'ap', 'best_ask', 'offer', 'offer_price'], required: true },
    { name: 'ask_qty', aliases: QTY_NAMES.map((name) => `ask_${name}`).concat(['offer_size', 'offer_qty', 'aq', 'as']), required: true },
  ],
};

/** Header names compare case-blind, with spaces and dashes read as underscores: "Bid Size" is bid_size. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** For each column, the position of the first header name it accepts, or why the header will not do. */
export function resolveHeader(kind: HistoryKind, header: readonly string[]): { readonly positions: ReadonlyArray<number | undefined> } | { readonly error: string } {
  const names = header.map(normalizeName);
  const positions = COLUMNS[kind].map((column) => {
    for (const alias of column.aliases) {
      const at = names.indexOf(alias);
      if (at >= 0) return at;
    }
    return undefined;
  });
  const missing = COLUMNS[kind].filter((column, i) => column.required && positions[i] === undefined).map((column) => column.name);
  if (missing.length > 0) {
    return { error: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header has ${header.map((name) => JSON.stringify(name)).join(', ')})` };
  }
  return { positions };
}

/** A JSON object's values in column order: the first accepted key present wins; null counts as absent. */
export function objectValues(kind: HistoryKind, object: Readonly<Record<string, unknown>>): Field<Array<string | undefined>> {
  const byName = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object)) {
    const name = normalizeName(key);
    if (!byName.has(name)) byName.set(name, value);
  }
  const values: Array<string | undefined> = [];
  for (const column of COLUMNS[kind]) {
    const key = column.aliases.find((alias) => byName.has(alias));
    const value = key === undefined ? undefined : byName.get(key);
    if (value === undefined || value === null) values.push(undefined);
    else if (typeof value === 'string') values.push(value);
    else if (typeof value === 'boolean') values.push(String(value));
    else return { ok: false, reason: `${column.name} is not a number or string` };
  }
  return { ok: true, value: values };
}

/** A record without its place in the file's order (seq is assigned by the caller). */
export type Decoded<K extends HistoryKind> = K extends 'bars' ? HistoryBar : K extends 'trades' ? Omit<HistoryTrade, 'seq'> : Omit<HistoryQuote, 'seq'>;

type Decoder<K extends HistoryKind> = (values: ReadonlyArray<string | undefined>, unit: TimeUnit) => Field<Decoded<K>>;

/** Decodes one row's values (in COLUMNS order; undefined or empty for absent) into a record, or the first problem. */
export const DECODERS: { readonly [K in HistoryKind]: Decoder<K> } = {
  bars: (values, unit) => {
    const time = required(values, 0, 'time', (text) => parseTime(text, unit));
    if (!time.ok) return time;
    const prices: string[] = [];
    for (const [i, name] of [[1, 'open'], [2, 'high'], [3, 'low'], [4, 'close']] as const) {
      const price = required(values, i, name, (text) => parseDecimal(name, text, true));
      if (!price.ok) return price;
      prices.push(price.value);
    }
    const volume = optional(values, 5, (text) => parseDecimal('volume', text, false), '0');
    if (!volume.ok) return volume;
    const [open = '', high = '', low = '', close = ''] = prices;
    const bar: HistoryBar = { openTime: time.value, open, high, low, close, volume: volume.value };
    const problem = barProblem(bar);
    return problem === undefined ? { ok: true, value: bar } : { ok: false, reason: problem };
  },
  trades: (values, unit) => {
    const ts = required(values, 0, 'time', (text) => parseTime(text, unit));
    if (!ts.ok) return ts;
    const price = required(values, 1, 'price', (text) => parseDecimal('price', text, true));
    if (!price.ok) return price;
    const qty = required(values, 2, 'qty', (text) => parseDecimal('qty', text, true));
    if (!qty.ok) return qty;
    let side = optional(values, 3, parseSide, null);
    if (side.ok && side.value === null) side = optional(values, 4, sideFromBuyerMaker, null);
    if (!side.ok) return side;
    return { ok: true, value: { ts: ts.value, price: price.value, qty: qty.value, side: side.value } };
  },
  quotes: (values, unit) => {
    const ts = required(values, 0, 'time', (text) => parseTime(text, unit));
    if (!ts.ok) return ts;
    const parts: string[] = [];
    for (const [i, name, positive] of [[1, 'bid_price', true], [2, 'bid_qty', false], [3, 'ask_price', true], [4, 'ask_qty', false]] as const) {
      const value = required(values, i, name, (text) => parseDecimal(name, text, positive));
      if (!value.ok) return value;
      parts.push(value.value);
    }
    const [bidPrice = '', bidQty = '', askPrice = '', askQty = ''] = parts;
    // A locked book (bid = ask) happens in real feeds; a crossed one is a bad row.
    if (compareDecimal(bidPrice, askPrice) > 0) return { ok: false, reason: `bid_price ${bidPrice} is above ask_price ${askPrice}` };
    return { ok: true, value: { ts: ts.value, bidPrice, bidQty, askPrice, askQty } };
  },
};

function required<T>(values: ReadonlyArray<string | undefined>, i: number, name: string, parse: (text: string) => Field<T>): Field<T> {
  const text = values[i];
  if (text === undefined || text.trim() === '') return { ok: false, reason: `missing ${name}` };
  return parse(text.trim());
}

function optional<T>(values: ReadonlyArray<string | undefined>, i: number, parse: (text: string) => Field<T>, absent: T): Field<T> {
  const text = values[i];
  if (text === undefined || text.trim() === '') return { ok: true, value: absent };
  return parse(text.trim());
}
