// Engine-wide scenarios: event numbering and time, determinism, snapshot and restore. The detailed
// order-flow scenarios live in engine-scenarios/*.test.ts; all of them run against both order books.
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands.ts';
import type { EngineEvent } from '../core/events.ts';
import { Engine, type LiveOrder } from './engine.ts';
import { A, ACME, B, BOOKS, BTC_USD, C, D, eventsOf, MarketHarness, setupMarket, T0, typesOf, USD } from './test-support.ts';

/** Builds a busy market: resting orders on both books, a partial fill, stops of every kind, an OCO, brackets, GTD and DAY orders, limits and fees. */
function busyMarket(engine: Engine): MarketHarness {
  const m = setupMarket(engine);
  m.apply({ type: 'setRiskLimits', accountId: A, symbol: ACME, maxOrderQty: 1000, maxPosition: 5000 });
  m.limit(A, 'sell', 10, 10100);
  m.limit(A, 'sell', 5, 10200, { clientOrderId: 'a-ask' });
  m.limit(B, 'buy', 5, 9900, { tif: 'day' });
  m.limit(B, 'buy', 3, 9950, { tif: 'gtd', expireAt: m.now + 1000 });
  m.limit(C, 'buy', 12, 10100); // takes A's 10 and rests 2
  m.placeId({ accountId: D, side: 'sell', type: 'stop', qty: 3, stopPrice: 9800 });
  m.placeId({ accountId: D, side: 'sell', type: 'trailing_stop', qty: 2, trailAmount: 150 });
  m.placeId({ accountId: C, side: 'buy', type: 'stop_limit', qty: 2, stopPrice: 10300, price: 10350 });
  m.apply({
    type: 'placeOco',
    legs: [
      { accountId: D, symbol: ACME, side: 'sell', type: 'limit', qty: 4, price: 10400 },
      { accountId: D, symbol: ACME, side: 'sell', type: 'stop', qty: 4, stopPrice: 9700 },
    ],
  });
  m.apply({ type: 'placeBracket', entry: { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 3, price: 10000 }, takeProfitPrice: 10500, stopLossPrice: 9600 });
  m.apply({ type: 'placeBracket', entry: { accountId: B, symbol: ACME, side: 'buy', type: 'limit', qty: 2, price: 10200 }, takeProfitPrice: 10500, stopLossPrice: 9650, stopLossLimitPrice: 9640 });
  m.limit(A, 'sell', 50, 31000, { symbol: BTC_USD });
  m.limit(B, 'buy', 20, 30500, { symbol: BTC_USD, clientOrderId: 'b-btc' });
  m.limit(B, 'buy', 4, 30400, { symbol: BTC_USD, clientOrderId: 'b-btc-2' });
  m.placeId({ accountId: A, symbol: BTC_USD, side: 'buy', type: 'trailing_stop', qty: 5, trailBps: 200 });
  return m;
}

/** Every field of a live order, with the objects it points to named rather than compared whole. */
function fieldsOf(order: LiveOrder): Record<string, unknown> {
  const named = (value: unknown): unknown => {
    if (value === order) return 'itself';
    if (value && typeof value === 'object') return 'id' in value ? `#${String(value.id)}` : 'asset' in value ? `balance ${String(value.asset)}` : value;
    return value;
  };
  return Object.fromEntries(Object.entries(order).map(([key, value]) => [key, key === 'market' ? order.market.instrument.symbol : named(value)]));
}

/** Commands that exercise everything the busy market has waiting: cascades, expiry, replace, sessions. */
function followUp(m: MarketHarness): Command[] {
  const now = m.now;
  const btcBid = m.engine.liveOrders(B).find((order) => order.clientOrderId === 'b-btc-2')!.id;
  return [
    { type: 'placeOrder', ts: now + 1, order: { accountId: D, symbol: ACME, side: 'sell', type: 'limit', qty: 10, price: 9800 } },
    { type: 'placeOrder', ts: now + 2, order: { accountId: B, symbol: ACME, side: 'sell', type: 'market', qty: 20 } },
    { type: 'placeOrder', ts: now + 3, order: { accountId: C, symbol: ACME, side: 'buy', type: 'limit', qty: 7, price: 9700, tif: 'gtd', expireAt: now + 50 } },
    { type: 'replaceOrder', ts: now + 4, accountId: B, orderId: btcBid, qty: 10, price: 30600 },
    { type: 'placeOrder', ts: now + 5, order: { accountId: C, symbol: BTC_USD, side: 'buy', type: 'limit', qty: 60, price: 31000 } },
    { type: 'advanceTime', ts: now + 2000 },
    { type: 'cancelOrder', ts: now + 2001, accountId: B, clientOrderId: 'b-btc' },
    { type: 'deposit', ts: now + 2002, accountId: C, asset: USD, amount: 12345 },
    { type: 'withdraw', ts: now + 2003, accountId: D, asset: ACME, amount: 1 },
    { type: 'endSession', ts: now + 2004 },
    { type: 'cancelAll', ts: now + 2005, accountId: D },
    { type: 'placeOrder', ts: now + 2006, order: { accountId: A, symbol: ACME, side: 'buy', type: 'market', qty: 30 } },
  ];
}

describe.each(BOOKS)('engine (%s book)', (_name, bookFactory) => {
  it('numbers every event seq + 1 with no gaps, stamps it with its command time, and never lets time run back', () => {
    const engine = new Engine({ bookFactory });
    const all: EngineEvent[] = [];
    const times: number[] = [];
    const send = (command: Command) => {
      const events = engine.apply(command);
      engine.validate();
      all.push(...events);
      times.push(engine.time);
      return events;
    };
    send({ type: 'addAsset', ts: T0, asset: { code: USD, scale: 2 } });
    send({ type: 'addAsset', ts: T0 + 5, asset: { code: ACME, scale: 0 } });
    send({ type: 'openAccount', ts: T0 + 3, accountId: A }); // earlier than the engine's time
    send({ type: 'openAccount', ts: T0 + 3, accountId: B });
    send({ type: 'openAccount', ts: T0 + 6, accountId: A }); // rejected: rejections are numbered too
    send({ type: 'deposit', ts: T0 + 10, accountId: A, asset: USD, amount: 1_000_000 });
    send({ type: 'deposit', ts: T0 + 1, accountId: B, asset: ACME, amount: 100 });
    expect(times).toEqual([T0, T0 + 5, T0 + 5, T0 + 5, T0 + 6, T0 + 10, T0 + 10]);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all.map((e) => e.ts)).toEqual([T0, T0 + 5, T0 + 5, T0 + 5, T0 + 6, T0 + 10, T0 + 10]);
    expect(engine.eventSeq).toBe(all.length);

    // The same holds through a busy market with many events per command.
    const m = busyMarket(new Engine({ bookFactory }));
    for (const command of followUp(m)) m.raw(command);
    const times2 = m.events.map((e) => e.ts);
    expect(m.events.map((e) => e.seq)).toEqual(m.events.map((_, i) => i + 1));
    expect(times2.every((t, i) => i === 0 || t >= times2[i - 1]!)).toBe(true);
    expect(new Set(typesOf(m.events))).toEqual(
      new Set(['AssetAdded', 'InstrumentAdded', 'AccountOpened', 'RiskLimitsSet', 'OrderAccepted', 'OrderTriggered', 'Fill', 'OrderCancelled', 'OrderExpired', 'OrderReplaced', 'StopMoved', 'LedgerEntry', 'SessionEnded']),
    );
  });

  it('gives the same events and state hash when the same commands are replayed', () => {
    const m = busyMarket(new Engine({ bookFactory }));
    for (const command of followUp(m)) m.raw(command);
    const replay = new Engine({ bookFactory });
    const events = m.commands.flatMap((command) => replay.apply(command as Command));
    expect(events).toEqual(m.events);
    expect(replay.stateHash()).toBe(m.engine.stateHash());
    expect(replay.stateHash()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('restores a snapshot sent through JSON to the same state hash, and both then give identical events', () => {
    const m = busyMarket(new Engine({ bookFactory }));
    const json = JSON.stringify(m.engine.snapshot());
    const restored = Engine.restore(JSON.parse(json) as ReturnType<Engine['snapshot']>, { bookFactory });
    restored.validate();
    expect(restored.stateHash()).toBe(m.engine.stateHash());
    expect(restored.eventSeq).toBe(m.engine.eventSeq);
    expect(restored.time).toBe(m.engine.time);
    expect(JSON.stringify(restored.snapshot())).toBe(json);

    const copy = new MarketHarness(restored);
    let triggered = 0;
    let fills = 0;
    for (const command of followUp(m)) {
      const original = m.raw(command);
      const again = copy.raw(command);
      expect(again).toEqual(original);
      expect(restored.stateHash()).toBe(m.engine.stateHash());
      triggered += eventsOf(original, 'OrderTriggered').length;
      fills += eventsOf(original, 'Fill').length;
    }
    // The follow-up really exercised the waiting orders.
    expect(triggered).toBeGreaterThanOrEqual(4);
    expect(fills).toBeGreaterThanOrEqual(10);
  });

  it('restores into the other order book implementation with the same hash and the same events', () => {
    const otherFactory = BOOKS.find(([name]) => name !== _name)![1];
    const m = busyMarket(new Engine({ bookFactory }));
    const restored = Engine.restore(JSON.parse(JSON.stringify(m.engine.snapshot())) as ReturnType<Engine['snapshot']>, { bookFactory: otherFactory });
    expect(restored.stateHash()).toBe(m.engine.stateHash());
    const copy = new MarketHarness(restored);
    for (const command of followUp(m)) expect(copy.raw(command)).toEqual(m.raw(command));
    expect(restored.stateHash()).toBe(m.engine.stateHash());
  });

  it('changes the state hash with the state, and keeps it for a snapshot of a fresh engine', () => {
    const engine = new Engine({ bookFactory });
    const fresh = engine.stateHash();
    expect(Engine.restore(engine.snapshot(), { bookFactory }).stateHash()).toBe(fresh);
    const m = setupMarket(engine);
    const before = engine.stateHash();
    expect(before).not.toBe(fresh);
    m.limit(A, 'sell', 1, 10100);
    expect(engine.stateHash()).not.toBe(before);
  });

  it('conserves every asset through the busy market: balances always sum to deposits less withdrawals', () => {
    const m = busyMarket(new Engine({ bookFactory }));
    for (const command of followUp(m)) {
      m.raw(command);
      for (const [asset, { supply, balances }] of m.engine.totals()) expect(balances, asset).toBe(supply);
    }
    // All fees collected sit in account 0 and equal the fees on the fills.
    const fees = m.events.filter((e) => e.type === 'Fill').reduce((sum, e) => sum + (e.type === 'Fill' ? e.fee : 0), 0);
    expect(m.balance(0, USD)).toEqual({ available: fees, held: 0 });
  });
});

describe('engine bookkeeping', () => {
  it('keeps its own copy of an instrument: editing the spec afterwards changes nothing', () => {
    const engine = new Engine();
    engine.apply({ type: 'addAsset', ts: T0, asset: { code: USD, scale: 2 } });
    engine.apply({ type: 'addAsset', ts: T0, asset: { code: ACME, scale: 0 } });
    const spec = { symbol: ACME, base: ACME, quote: USD, tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000', makerFeeBps: 1, takerFeeBps: 2, referencePrice: '100', bandBps: 500 };
    engine.apply({ type: 'addInstrument', ts: T0, instrument: spec });
    const before = engine.stateHash();
    (spec as { takerFeeBps: number }).takerFeeBps = 5_000;
    expect(engine.instrument(ACME)!.takerFeeBps).toBe(2);
    expect(engine.snapshot().markets[0]!.spec.takerFeeBps).toBe(2);
    expect(engine.stateHash()).toBe(before);
  });

  it('reuses the object of an ended order without carrying anything over to the next one', () => {
    // Ended orders of every kind leave their objects for reuse, the most recent first...
    const m = busyMarket(new Engine());
    for (const command of followUp(m)) m.raw(command);
    const acme = m.engine.lastPrice(ACME)!;
    const btc = m.engine.lastPrice(BTC_USD)!;
    m.placeId({ accountId: D, side: 'sell', type: 'trailing_stop', qty: 2, trailBps: 100 });
    m.apply({ type: 'placeOco', legs: [
      { accountId: D, symbol: ACME, side: 'sell', type: 'limit', qty: 4, price: acme + 200 },
      { accountId: D, symbol: ACME, side: 'sell', type: 'stop_limit', qty: 4, stopPrice: acme - 300, price: acme - 310 },
    ] });
    m.apply({ type: 'placeBracket', entry: { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 3, price: acme - 50 }, takeProfitPrice: acme + 300, stopLossPrice: acme - 400 });
    m.limit(B, 'buy', 2, acme - 60, { clientOrderId: 'reused', tif: 'gtd', expireAt: m.now + 5_000, stp: 'cancel_both' });
    m.limit(C, 'sell', 1, btc + 500, { symbol: BTC_USD, postOnly: true });
    for (const accountId of [D, C, B, A]) m.apply({ type: 'cancelAll', ts: m.now, accountId });
    // ...and a restored engine has only fresh objects. Both must now place the same orders alike.
    const fresh = new MarketHarness(Engine.restore(m.engine.snapshot()));
    const orders = [
      { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 3, price: acme - 10 },
      { accountId: B, symbol: ACME, side: 'sell', type: 'stop', qty: 2, stopPrice: acme - 100 },
      { accountId: C, symbol: BTC_USD, side: 'sell', type: 'limit', qty: 1, price: btc + 10, tif: 'day' },
      { accountId: D, symbol: ACME, side: 'sell', type: 'limit', qty: 1, price: acme + 20 },
      { accountId: A, symbol: BTC_USD, side: 'buy', type: 'limit', qty: 1, price: btc - 20 },
      { accountId: B, symbol: ACME, side: 'buy', type: 'limit', qty: 2, price: acme - 30 },
      { accountId: C, symbol: ACME, side: 'sell', type: 'limit', qty: 2, price: acme + 40 },
      { accountId: D, symbol: ACME, side: 'buy', type: 'limit', qty: 1, price: acme - 40 },
    ] as const;
    for (const order of orders) {
      const command: Command = { type: 'placeOrder', ts: m.now, order };
      const events = m.raw(command);
      expect(fresh.raw(command)).toEqual(events);
      const id = eventsOf(events, 'OrderAccepted')[0]!.orderId;
      expect(fieldsOf(m.engine.order(id)!)).toEqual(fieldsOf(fresh.engine.order(id)!));
    }
    expect(fresh.engine.stateHash()).toBe(m.engine.stateHash());
    m.engine.validate();
  });

  it('does not keep expiry entries of cancelled GTD orders without bound', () => {
    const m = setupMarket(new Engine());
    for (let i = 0; i < 5_000; i++) {
      const id = m.placeId({ accountId: A, side: 'buy', type: 'limit', qty: 1, price: 9600, tif: 'gtd', expireAt: m.now + 1_000_000_000 });
      m.cancel(A, id);
    }
    const snapshot = m.engine.snapshot();
    expect(snapshot.orders.length).toBe(0);
    // Internal, but the point of the test: the heap was rebuilt instead of growing to 5,000 entries.
    expect((m.engine as unknown as { s: { expiries: { size: number } } }).s.expiries.size).toBeLessThan(2_100);
  });
});

describe('engine orderProblem', () => {
  it('answers with the reason placing would give, and changes nothing: no events, the same state hash', () => {
    const m = busyMarket(new Engine());
    const hash = m.engine.stateHash();
    const seq = m.engine.eventSeq;
    const order = { accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty: 5, price: 10000 } as const;
    const cases = [
      { ...order },
      { ...order, price: 20000 },
      { ...order, qty: 0 },
      { ...order, qty: 1001 },
      { ...order, symbol: 'NOPE' },
      { ...order, accountId: 999 },
      { ...order, clientOrderId: 'a-ask' },
    ];
    const problems = cases.map((request) => m.engine.orderProblem(request));
    expect(problems).toEqual([undefined, 'PRICE_OUT_OF_BAND', 'INVALID_QUANTITY', 'QUANTITY_ABOVE_MAX', 'UNKNOWN_SYMBOL', 'UNKNOWN_ACCOUNT', 'DUPLICATE_CLIENT_ORDER_ID']);
    expect(m.engine.stateHash()).toBe(hash);
    expect(m.engine.eventSeq).toBe(seq);
    // Placing gives the same reasons, as rejections.
    const placed = cases.slice(1).map((request) => eventsOf(m.engine.apply({ type: 'placeOrder', ts: m.now, order: request }), 'OrderRejected')[0]?.reason);
    expect(placed).toEqual(problems.slice(1));
  });
});

describe('engine orderHold', () => {
  it('is what placing the order reserves, from the balance placing reserves it from, and changes nothing', () => {
    const m = busyMarket(new Engine());
    const hash = m.engine.stateHash();
    const seq = m.engine.eventSeq;
    const order = { accountId: B, symbol: ACME, side: 'buy', type: 'limit', qty: 5, price: 9800 } as const;
    const { available, held } = m.engine.balance(B, USD)!;
    const hold = m.engine.orderHold(order)!;
    expect(hold).toMatchObject({ asset: USD, available, price: 9800 });
    const sell = m.engine.orderHold({ ...order, side: 'sell', type: 'market', price: undefined })!;
    expect(sell).toMatchObject({ asset: ACME, need: 5, available: m.engine.balance(B, ACME)!.available });
    expect(m.engine.orderHold({ ...order, qty: 0 })).toBeUndefined();
    expect(m.engine.stateHash()).toBe(hash);
    expect(m.engine.eventSeq).toBe(seq);
    m.engine.apply({ type: 'placeOrder', ts: m.now, order });
    expect(m.engine.balance(B, USD)!.held - held).toBe(hold.need);
  });
});
