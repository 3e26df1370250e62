// Shared fixtures for engine tests: a small market (USD, a stock, BTC), a command harness that stamps
// times and checks every invariant after every command, and small readers for events, books and balances.
import type { Command } from '../core/commands.ts';
import type { EngineEvent, EventType } from '../core/events.ts';
import type { InstrumentSpec } from '../core/instrument.ts';
import type { OrderRequest, Side } from '../core/orders.ts';
import { FastBook } from './book/fast-book.ts';
import { NO_ORDER, type OrderBook } from './book/order-book.ts';
import { ReferenceBook } from './book/reference-book.ts';
import type { Engine, EngineSnapshot } from './engine.ts';

/** Cash, scale 2: amounts are cents. */
export const USD = 'USD';
/** A stock, scale 0: amounts are whole shares. Also the stock's symbol. */
export const ACME = 'ACME';
/** Bitcoin, scale 8: amounts are satoshis. */
export const BTC = 'BTC';
export const BTC_USD = 'BTC-USD';

/** Time of the first command the fixture applies. */
export const T0 = 1_700_000_000_000;

/** Both order book implementations, for `describe.each(BOOKS)`. */
export const BOOKS: ReadonlyArray<readonly [name: string, bookFactory: () => OrderBook]> = [
  ['reference', () => new ReferenceBook()],
  ['fast', () => new FastBook()],
];

/**
 * ACME/USD: tick 0.01 USD and lot 1 share, so a notional in cents is exactly price (ticks) x qty (lots).
 * Reference price 100.00 (10000 ticks), band +/-5% (9500..10500), maker 10 bps, taker 20 bps.
 */
export function acmeSpec(overrides: Partial<InstrumentSpec> = {}): InstrumentSpec {
  return {
    symbol: ACME,
    base: ACME,
    quote: USD,
    tickSize: '0.01',
    lotSize: '1',
    minQty: '1',
    maxQty: '1000000000000',
    makerFeeBps: 10,
    takerFeeBps: 20,
    referencePrice: '100.00',
    bandBps: 500,
    ...overrides,
  };
}

/**
 * BTC-USD: tick 1 USD and lot 0.01 BTC (1,000,000 sat), so one tick x one lot is 1 cent.
 * Reference price 30000 (ticks), band +/-10%, maker 0 bps, taker 10 bps.
 */
export function btcSpec(overrides: Partial<InstrumentSpec> = {}): InstrumentSpec {
  return {
    symbol: BTC_USD,
    base: BTC,
    quote: USD,
    tickSize: '1',
    lotSize: '0.01',
    minQty: '0.01',
    maxQty: '1000',
    makerFeeBps: 0,
    takerFeeBps: 10,
    referencePrice: '30000',
    bandBps: 1000,
    ...overrides,
  };
}

export interface MarketOptions {
  /** Accounts to open; each gets `deposits`. Default [1, 2, 3, 4]. */
  readonly accounts?: readonly number[];
  /** Minor units deposited into every account, per asset, over DEFAULT_DEPOSITS; 0 deposits nothing. */
  readonly deposits?: Partial<Record<string, number>>;
  /** Overrides for the ACME instrument. */
  readonly acme?: Partial<InstrumentSpec>;
  /** Overrides for the BTC-USD instrument. */
  readonly btc?: Partial<InstrumentSpec>;
  /** Time of the first command. */
  readonly startTs?: number;
}

/** $1,000,000.00, 1,000 shares and 10 BTC per account. */
export const DEFAULT_DEPOSITS: Readonly<Record<string, number>> = { [USD]: 100_000_000, [ACME]: 1_000, [BTC]: 1_000_000_000 };

/** The four funded accounts every scenario starts with, and what each holds by default. */
export const A = 1;
export const B = 2;
export const C = 3;
export const D = 4;
export const CASH = DEFAULT_DEPOSITS[USD]!;
export const SHARES = DEFAULT_DEPOSITS[ACME]!;

/** A command without its time; the harness stamps it. */
export type CommandInput = Command extends infer C ? (C extends Command ? Omit<C, 'ts'> & { ts?: number } : never) : never;

/** An order request whose symbol defaults to ACME. */
export type OrderInput = Omit<OrderRequest, 'symbol'> & { symbol?: string };

export type EventOf<T extends EventType> = Extract<EngineEvent, { type: T }>;

/** The events of one type, typed. */
export function eventsOf<T extends EventType>(events: readonly EngineEvent[], type: T): Array<EventOf<T>> {
  return events.filter((event): event is EventOf<T> => event.type === type);
}

/** The single event of a type; throws when there is not exactly one. */
export function oneOf<T extends EventType>(events: readonly EngineEvent[], type: T): EventOf<T> {
  const found = eventsOf(events, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, got ${found.length}: ${JSON.stringify(events)}`);
  return found[0]!;
}

/** The id of the first order accepted among `events`; throws when none was. */
export function acceptedId(events: readonly EngineEvent[]): number {
  const accepted = eventsOf(events, 'OrderAccepted')[0];
  if (!accepted) throw new Error(`no order was accepted: ${JSON.stringify(events)}`);
  return accepted.orderId;
}

/** The event types in order, for compact assertions on what a command did. */
export function typesOf(events: readonly EngineEvent[]): EventType[] {
  return events.map((event) => event.type);
}

/** A LedgerEntry without its numbering, for comparing whole ledgers. */
export function ledgerOf(events: readonly EngineEvent[]) {
  return eventsOf(events, 'LedgerEntry').map(({ accountId, asset, reason, refId, deltaAvailable, deltaHeld, available, held }) => ({
    accountId,
    asset,
    reason,
    refId,
    deltaAvailable,
    deltaHeld,
    available,
    held,
  }));
}

/** Resting orders of one side in priority order: [orderId, price, open qty]. */
export function bookOf(engine: Engine, side: Side, symbol: string = ACME): Array<[orderId: number, price: number, qty: number]> {
  const book = engine.book(symbol);
  if (!book) throw new Error(`no book for ${symbol}`);
  const rows: Array<[number, number, number]> = [];
  for (let h = book.head(side); h !== NO_ORDER; h = book.next(h)) rows.push([book.orderIdAt(h), book.priceAt(h), book.qtyAt(h)]);
  return rows;
}

/** An account's balance in an asset, zeros when it never had one. */
export function balanceOf(engine: Engine, accountId: number, asset: string): { available: number; held: number } {
  const balance = engine.balance(accountId, asset);
  return { available: balance?.available ?? 0, held: balance?.held ?? 0 };
}

/** The snapshot without the event number and time, so states can be compared across commands. */
export function stateOf(engine: Engine): Omit<EngineSnapshot, 'eventSeq' | 'ts'> {
  const { eventSeq: _seq, ts: _ts, ...rest } = engine.snapshot();
  return JSON.parse(JSON.stringify(rest)) as Omit<EngineSnapshot, 'eventSeq' | 'ts'>;
}

/** Throws unless `events` are numbered lastSeq+1, lastSeq+2, ... and all carry time `ts`. */
export function checkNumbering(events: readonly EngineEvent[], lastSeq: number, ts: number): void {
  let seq = lastSeq;
  for (const event of events) {
    if (event.seq !== ++seq) throw new Error(`event ${event.type} has seq ${event.seq}, expected ${seq}`);
    if (event.ts !== ts) throw new Error(`event ${event.type} has ts ${event.ts}, expected ${ts}`);
  }
}

/**
 * Drives an engine: stamps each command with a time (one millisecond after the previous one unless
 * given), then checks `engine.validate()`, the event numbering and the event times.
 */
export class MarketHarness {
  /** Time of the last command sent. */
  now: number;
  /** Every command applied through this harness, as sent (for replay tests). */
  readonly commands: unknown[] = [];
  /** Every event those commands returned, in order. */
  readonly events: EngineEvent[] = [];
  private lastSeq: number;
  private lastTime: number;

  constructor(
    readonly engine: Engine,
    startTs: number = T0,
  ) {
    this.now = Math.max(startTs - 1, engine.time);
    this.lastSeq = engine.eventSeq;
    this.lastTime = engine.time;
  }

  /** Applies a command at `command.ts`, or one millisecond after the previous command. */
  apply(command: CommandInput): EngineEvent[] {
    return this.raw({ ...command, ts: command.ts ?? this.now + 1 });
  }

  /** Applies anything at all, as a gateway bug or a hostile client might send it. */
  raw(command: unknown): EngineEvent[] {
    const events = this.engine.apply(command as Command);
    this.commands.push(command);
    for (const event of events) this.events.push(event);
    this.engine.validate();
    const time = this.engine.time;
    if (time < this.lastTime) throw new Error(`engine time went back from ${this.lastTime} to ${time}`);
    checkNumbering(events, this.lastSeq, time);
    if (this.engine.eventSeq !== this.lastSeq + events.length) throw new Error('eventSeq does not match the events returned');
    this.lastSeq = this.engine.eventSeq;
    this.lastTime = time;
    const stamped = (command as { ts?: unknown } | null)?.ts;
    if (typeof stamped === 'number' && Number.isFinite(stamped)) this.now = Math.max(this.now, stamped);
    return events;
  }

  place(order: OrderInput, ts?: number): EngineEvent[] {
    return this.apply({ type: 'placeOrder', order: { symbol: ACME, ...order }, ts });
  }

  /** Places an order that must be accepted and returns its id. */
  placeId(order: OrderInput, ts?: number): number {
    return acceptedId(this.place(order, ts));
  }

  /** Places a resting limit order (GTC) and returns its id. */
  limit(accountId: number, side: Side, qty: number, price: number, extra: Partial<OrderInput> = {}): number {
    return this.placeId({ accountId, side, type: 'limit', qty, price, ...extra });
  }

  /** Makes one trade at `price` between two accounts (the buyer rests first), moving the last price. */
  trade(buyer: number, seller: number, qty: number, price: number, symbol: string = ACME): EngineEvent[] {
    this.place({ accountId: buyer, symbol, side: 'buy', type: 'limit', qty, price });
    return this.place({ accountId: seller, symbol, side: 'sell', type: 'limit', qty, price });
  }

  cancel(accountId: number, orderId: number): EngineEvent[] {
    return this.apply({ type: 'cancelOrder', accountId, orderId });
  }

  replace(accountId: number, orderId: number, change: { qty?: number; price?: number; stopPrice?: number }): EngineEvent[] {
    return this.apply({ type: 'replaceOrder', accountId, orderId, ...change });
  }

  deposit(accountId: number, asset: string, amount: number): EngineEvent[] {
    return this.apply({ type: 'deposit', accountId, asset, amount });
  }

  withdraw(accountId: number, asset: string, amount: number): EngineEvent[] {
    return this.apply({ type: 'withdraw', accountId, asset, amount });
  }

  balance(accountId: number, asset: string): { available: number; held: number } {
    return balanceOf(this.engine, accountId, asset);
  }

  book(side: Side, symbol: string = ACME): Array<[orderId: number, price: number, qty: number]> {
    return bookOf(this.engine, side, symbol);
  }
}

/**
 * Lists USD (scale 2), ACME (scale 0) and BTC (scale 8), the ACME and BTC-USD instruments, opens the
 * accounts and deposits into each. Every command is validated. Returns the harness for what follows.
 */
export function setupMarket(engine: Engine, opts: MarketOptions = {}): MarketHarness {
  const market = new MarketHarness(engine, opts.startTs ?? T0);
  const expect = (events: EngineEvent[], type: EventType) => {
    if (!events.some((event) => event.type === type)) throw new Error(`setup expected ${type}: ${JSON.stringify(events)}`);
  };
  expect(market.apply({ type: 'addAsset', asset: { code: USD, scale: 2 } }), 'AssetAdded');
  expect(market.apply({ type: 'addAsset', asset: { code: ACME, scale: 0 } }), 'AssetAdded');
  expect(market.apply({ type: 'addAsset', asset: { code: BTC, scale: 8 } }), 'AssetAdded');
  expect(market.apply({ type: 'addInstrument', instrument: acmeSpec(opts.acme) }), 'InstrumentAdded');
  expect(market.apply({ type: 'addInstrument', instrument: btcSpec(opts.btc) }), 'InstrumentAdded');
  const deposits = { ...DEFAULT_DEPOSITS, ...opts.deposits };
  for (const accountId of opts.accounts ?? [1, 2, 3, 4]) {
    expect(market.apply({ type: 'openAccount', accountId }), 'AccountOpened');
    for (const asset of [USD, ACME, BTC]) {
      const amount = deposits[asset] ?? 0;
      if (amount > 0) expect(market.deposit(accountId, asset, amount), 'LedgerEntry');
    }
  }
  return market;
}
