// Trading status scenarios: a halted symbol refuses orders and replaces, trades nothing, lets cancels through; resume, snapshots, bracket legs.
import { describe, expect, it } from 'vitest';
import { Engine, type EngineSnapshot } from '../engine.ts';
import { A, ACME, B, BOOKS, BTC_USD, C, eventsOf, oneOf, setupMarket, typesOf } from '../test-support.ts';

describe.each(BOOKS)('trading status (%s book)', (_name, bookFactory) => {
  const market = () => setupMarket(new Engine({ bookFactory }));

  it('a halt refuses new orders, OCOs, brackets and replaces with INSTRUMENT_HALTED, lets cancels through and keeps resting orders; a resume trades again', () => {
    const m = market();
    const bid = m.limit(A, 'buy', 5, 9900);
    const ask = m.limit(B, 'sell', 5, 10100);
    const other = m.limit(C, 'buy', 1, 29000, { symbol: BTC_USD });

    const halt = m.apply({ type: 'setTradingStatus', symbol: ACME, status: 'halted', reason: 'news pending' });
    expect(halt).toEqual([{ type: 'TradingStatusChanged', seq: halt[0]!.seq, ts: halt[0]!.ts, symbol: ACME, status: 'halted', reason: 'news pending' }]);
    expect(m.engine.tradingStatus(ACME)).toEqual({ status: 'halted', reason: 'news pending' });
    expect(m.engine.tradingStatus(BTC_USD)).toEqual({ status: 'trading', reason: '' });

    // An order that would cross the resting ask is refused, as is any order on the symbol.
    expect(oneOf(m.place({ accountId: C, side: 'buy', type: 'limit', qty: 5, price: 10100 }), 'OrderRejected')).toMatchObject({ reason: 'INSTRUMENT_HALTED', symbol: ACME });
    expect(oneOf(m.place({ accountId: C, side: 'sell', type: 'market', qty: 1 }), 'OrderRejected').reason).toBe('INSTRUMENT_HALTED');
    const leg = { accountId: C, symbol: ACME, side: 'buy', qty: 1 } as const;
    expect(oneOf(m.apply({ type: 'placeOco', legs: [{ ...leg, type: 'limit', price: 9800 }, { ...leg, type: 'stop', stopPrice: 10200 }] }), 'OrderRejected').reason).toBe('INSTRUMENT_HALTED');
    expect(oneOf(m.apply({ type: 'placeBracket', entry: { ...leg, type: 'limit', price: 9900 }, takeProfitPrice: 10300, stopLossPrice: 9700 }), 'OrderRejected').reason).toBe('INSTRUMENT_HALTED');
    expect(m.engine.orderProblem({ ...leg, type: 'limit', price: 9900 })).toBe('INSTRUMENT_HALTED');
    // Even a pure quantity reduction is refused: the symbol takes no changes but cancels.
    expect(oneOf(m.replace(A, bid, { qty: 4 }), 'RequestRejected')).toMatchObject({ command: 'replaceOrder', reason: 'INSTRUMENT_HALTED', orderId: bid });
    expect(m.book('buy')).toEqual([[bid, 9900, 5]]);
    expect(m.book('sell')).toEqual([[ask, 10100, 5]]);

    // Cancels go through; other symbols trade on.
    expect(typesOf(m.cancel(A, bid))).toContain('OrderCancelled');
    expect(m.book('buy')).toEqual([]);
    expect(eventsOf(m.place({ accountId: B, symbol: BTC_USD, side: 'sell', type: 'limit', qty: 1, price: 29000 }), 'Fill').map((f) => f.orderId)).toContain(other);

    const resume = m.apply({ type: 'setTradingStatus', symbol: ACME, status: 'trading' });
    expect(typesOf(resume)).toEqual(['TradingStatusChanged']);
    expect(resume[0]).not.toHaveProperty('reason', expect.anything());
    expect(m.engine.tradingStatus(ACME)).toEqual({ status: 'trading', reason: '' });
    // The resting ask survived the halt and trades at once.
    const fills = eventsOf(m.place({ accountId: C, side: 'buy', type: 'limit', qty: 2, price: 10100 }), 'Fill');
    expect(fills.map((f) => [f.orderId, f.qty, f.price])).toEqual([
      [expect.any(Number), 2, 10100],
      [ask, 2, 10100],
    ]);
  });

  it('stops do not trigger while halted, and trigger on the first trade after the resume', () => {
    const m = market();
    const stop = m.placeId({ accountId: A, side: 'sell', type: 'stop', qty: 1, stopPrice: 9950 });
    m.apply({ type: 'setTradingStatus', symbol: ACME, status: 'halted' });
    // The band moves and time passes without a trade: the stop waits.
    m.apply({ type: 'setReferencePrice', symbol: ACME, price: 9900 });
    m.apply({ type: 'advanceTime' });
    expect(m.engine.order(stop)?.state).toBe('untriggered');
    m.apply({ type: 'setTradingStatus', symbol: ACME, status: 'trading' });
    expect(m.engine.order(stop)?.state).toBe('untriggered');
    const trade = m.trade(C, B, 1, 9900);
    expect(eventsOf(trade, 'OrderTriggered').map((e) => e.orderId)).toEqual([stop]);
  });

  it('a bracket whose entry is cancelled after a partial fill while halted keeps its legs waiting, sized for the fill, until the resume', () => {
    const m = market();
    const events = m.apply({ type: 'placeBracket', entry: { accountId: C, symbol: ACME, side: 'buy', type: 'limit', qty: 5, price: 10000 }, takeProfitPrice: 10100, stopLossPrice: 9700 });
    const [entry, takeProfit, stopLoss] = eventsOf(events, 'OrderAccepted').map((e) => e.orderId) as [number, number, number];
    m.limit(B, 'sell', 2, 10000);
    expect(m.engine.order(entry)?.filled).toBe(2);
    // A bid the take-profit would sell into at once.
    const bid = m.limit(A, 'buy', 3, 10150);

    m.apply({ type: 'setTradingStatus', symbol: ACME, status: 'halted' });
    const cancel = m.cancel(C, entry);
    expect(typesOf(cancel)).not.toContain('OrderTriggered');
    expect(typesOf(cancel)).not.toContain('Fill');
    expect(m.engine.order(takeProfit)).toMatchObject({ state: 'pending_parent', qty: 2 });
    expect(m.engine.order(stopLoss)).toMatchObject({ state: 'pending_parent', qty: 2 });

    // The waiting legs survive a snapshot.
    const restored = Engine.restore(JSON.parse(JSON.stringify(m.engine.snapshot())) as EngineSnapshot, { bookFactory });
    expect(restored.stateHash()).toBe(m.engine.stateHash());

    const resume = m.apply({ type: 'setTradingStatus', symbol: ACME, status: 'trading' });
    expect(eventsOf(resume, 'OrderTriggered').map((e) => [e.orderId, e.cause, e.qty])).toEqual([
      [takeProfit, 'parent', 2],
      [stopLoss, 'parent', 2],
    ]);
    // The take-profit sold into the bid; its sibling stop-loss was cancelled.
    expect(eventsOf(resume, 'Fill').map((f) => [f.orderId, f.qty, f.price])).toEqual([
      [takeProfit, 2, 10150],
      [bid, 2, 10150],
    ]);
    expect(m.engine.order(stopLoss)).toBeUndefined();
    expect(restored.apply({ ...m.commands.at(-1) as object, ts: m.now } as never)).toEqual(resume);
  });

  it('refuses an unknown symbol, an unknown status and a reason over 200 characters; setting the same status again records the new reason', () => {
    const m = market();
    const refusal = (command: object) => oneOf(m.raw({ type: 'setTradingStatus', ts: m.now + 1, ...command }), 'RequestRejected');
    expect(refusal({ symbol: 'NOPE', status: 'halted' })).toMatchObject({ command: 'setTradingStatus', reason: 'UNKNOWN_SYMBOL' });
    expect(refusal({ symbol: ACME, status: 'closed' }).reason).toBe('INVALID_REQUEST');
    expect(refusal({ symbol: ACME, status: 'halted', reason: 'x'.repeat(201) }).reason).toBe('INVALID_REQUEST');
    expect(refusal({ symbol: ACME, status: 'halted', reason: 7 }).reason).toBe('INVALID_REQUEST');
    expect(m.engine.tradingStatus(ACME)?.status).toBe('trading');
    m.apply({ type: 'setTradingStatus', symbol: ACME, status: 'halted', reason: 'x'.repeat(200) });
    m.apply({ type: 'setTradingStatus', symbol: ACME, status: 'halted', reason: 'bad print' });
    expect(m.engine.tradingStatus(ACME)).toEqual({ status: 'halted', reason: 'bad print' });
  });

  it('snapshots carry a halt; snapshots without a status (written before statuses existed) load as trading, with the hash they recorded', () => {
    const m = market();
    m.limit(A, 'buy', 5, 9900);
    const before = m.engine.snapshot();
    const hashBefore = m.engine.stateHash();
    expect(before.markets.every((entry) => !('status' in entry) && !('statusReason' in entry))).toBe(true);
    const old = Engine.restore(JSON.parse(JSON.stringify(before)) as EngineSnapshot, { bookFactory });
    expect(old.stateHash()).toBe(hashBefore);
    expect(old.tradingStatus(ACME)).toEqual({ status: 'trading', reason: '' });

    m.apply({ type: 'setTradingStatus', symbol: ACME, status: 'halted', reason: 'corporate action' });
    const halted = Engine.restore(JSON.parse(JSON.stringify(m.engine.snapshot())) as EngineSnapshot, { bookFactory });
    expect(halted.stateHash()).toBe(m.engine.stateHash());
    expect(halted.stateHash()).not.toBe(old.stateHash());
    expect(halted.tradingStatus(ACME)).toEqual({ status: 'halted', reason: 'corporate action' });
    expect(oneOf(halted.apply({ type: 'placeOrder', ts: m.now + 1, order: { accountId: B, symbol: ACME, side: 'sell', type: 'limit', qty: 1, price: 9900 } }), 'OrderRejected').reason).toBe('INSTRUMENT_HALTED');
  });
});
