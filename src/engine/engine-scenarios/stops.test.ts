// Stop scenarios: stop-market and stop-limit triggers, stops reached on arrival, cascades, re-sized
// reservations at trigger time, and trailing stops by amount and by basis points.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../core/events.ts';
import { Engine } from '../engine.ts';
import { A, ACME, B, BOOKS, C, CASH, D, eventsOf, ledgerOf, oneOf, setupMarket, SHARES, USD } from '../test-support.ts';

/** Trigger and taker-fill events in order, as [type, orderId, price or trigger price, qty]. */
function triggerTrail(events: readonly EngineEvent[]): Array<[string, number, number | undefined, number]> {
  const out: Array<[string, number, number | undefined, number]> = [];
  for (const event of events) {
    if (event.type === 'OrderTriggered') out.push(['triggered', event.orderId, event.triggerPrice, event.qty]);
    if (event.type === 'Fill' && event.liquidity === 'taker') out.push(['fill', event.orderId, event.price, event.qty]);
  }
  return out;
}

describe.each(BOOKS)('stops (%s book)', (_name, bookFactory) => {
  const market = () => setupMarket(new Engine({ bookFactory }));

  it('triggers a buy stop-market once a trade reaches its stop price, after that trade', () => {
    const m = market();
    const placed = m.place({ accountId: C, side: 'buy', type: 'stop', qty: 5, stopPrice: 10100 });
    const stop = oneOf(placed, 'OrderAccepted');
    expect(stop).toMatchObject({ orderType: 'stop', state: 'untriggered', stopPrice: 10100, tif: 'gtc' });
    // Reserved at the band edge around the stop price: 5 x 10605 + 106.
    expect(ledgerOf(placed)).toEqual([{ accountId: C, asset: USD, reason: 'hold', refId: stop.orderId, deltaAvailable: -53131, deltaHeld: 53131, available: CASH - 53131, held: 53131 }]);
    m.limit(A, 'sell', 5, 10100);
    m.limit(A, 'sell', 5, 10200);
    // A trade below the stop does nothing.
    m.trade(B, D, 1, 10050);
    expect(m.engine.order(stop.orderId)!.state).toBe('untriggered');

    const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 1, price: 10100 });
    const buyer = oneOf(events, 'OrderAccepted').orderId;
    expect(triggerTrail(events)).toEqual([
      ['fill', buyer, 10100, 1],
      ['triggered', stop.orderId, 10100, 5],
      ['fill', stop.orderId, 10100, 4],
      ['fill', stop.orderId, 10200, 1],
    ]);
    expect(oneOf(events, 'OrderTriggered')).toMatchObject({ accountId: C, symbol: ACME, cause: 'stop' });
    expect(m.engine.order(stop.orderId)).toBeUndefined();
    // Spent 40400 + 80 and 10200 + 20; the rest of the hold is released.
    expect(m.balance(C, USD)).toEqual({ available: CASH - 50700, held: 0 });
    expect(m.balance(C, ACME)).toEqual({ available: SHARES + 5, held: 0 });
    expect(m.engine.lastPrice(ACME)).toBe(10200);
  });

  it('triggers a sell stop-market when the price falls to its stop price', () => {
    const m = market();
    const stop = m.placeId({ accountId: D, side: 'sell', type: 'stop', qty: 5, stopPrice: 9900 });
    expect(m.balance(D, ACME)).toEqual({ available: SHARES - 5, held: 5 });
    m.limit(A, 'buy', 3, 9900);
    m.limit(A, 'buy', 5, 9800);
    const events = m.place({ accountId: B, side: 'sell', type: 'limit', qty: 1, price: 9900 });
    const seller = oneOf(events, 'OrderAccepted').orderId;
    expect(triggerTrail(events)).toEqual([
      ['fill', seller, 9900, 1],
      ['triggered', stop, 9900, 5],
      ['fill', stop, 9900, 2],
      ['fill', stop, 9800, 3],
    ]);
    // 19800 + 29400, less taker fees of 39 and 58.
    expect(m.balance(D, USD)).toEqual({ available: CASH + 49200 - 97, held: 0 });
    expect(m.balance(D, ACME)).toEqual({ available: SHARES - 5, held: 0 });
    expect(m.book('buy')).toEqual([[expect.any(Number), 9800, 2]]);
  });

  it('turns a triggered stop-limit into a resting limit order', () => {
    const m = market();
    const stop = m.placeId({ accountId: C, side: 'buy', type: 'stop_limit', qty: 5, stopPrice: 10100, price: 10100 });
    expect(m.balance(C, USD).held).toBe(50500 + 101);
    const events = m.trade(B, A, 1, 10100);
    expect(oneOf(events, 'OrderTriggered')).toMatchObject({ orderId: stop, cause: 'stop', triggerPrice: 10100, qty: 5 });
    expect(eventsOf(events, 'Fill').filter((f) => f.orderId === stop)).toEqual([]);
    expect(m.engine.order(stop)).toMatchObject({ state: 'open', execType: 'limit', price: 10100 });
    expect(m.book('buy')).toEqual([[stop, 10100, 5]]);
    // It now trades as a maker.
    const sold = m.place({ accountId: D, side: 'sell', type: 'limit', qty: 5, price: 10100 });
    expect(eventsOf(sold, 'Fill').map((f) => [f.orderId, f.liquidity])).toEqual([
      [expect.any(Number), 'taker'],
      [stop, 'maker'],
    ]);
    expect(m.balance(C, USD)).toEqual({ available: CASH - 50500 - 50, held: 0 });
  });

  it('keeps stop-limit prices inside the band: around the stop price on arrival, around the last price when triggered', () => {
    const m = market();
    // Band 5%: around a 10100 stop, limits from 9595 to 10605 are allowed.
    expect(oneOf(m.place({ accountId: C, side: 'buy', type: 'stop_limit', qty: 1, stopPrice: 10100, price: 20000 }), 'OrderRejected').reason).toBe('PRICE_OUT_OF_BAND');
    // In band around its stop (9120..10080), but the last price is 10000: triggered at once, its limit is out of band.
    const events = m.place({ accountId: C, side: 'buy', type: 'stop_limit', qty: 1, stopPrice: 9600, price: 9150 });
    const id = oneOf(events, 'OrderAccepted').orderId;
    expect(oneOf(events, 'OrderTriggered')).toMatchObject({ orderId: id, cause: 'stop' });
    expect(oneOf(events, 'OrderCancelled')).toMatchObject({ orderId: id, reason: 'PRICE_OUT_OF_BAND', cancelledQty: 1 });
    expect(m.balance(C, USD).held).toBe(0);
  });

  it('triggers a stop at once when its condition already holds on arrival', () => {
    const m = market();
    m.limit(A, 'sell', 5, 10000);
    const events = m.place({ accountId: C, side: 'buy', type: 'stop', qty: 3, stopPrice: 9900 });
    const stop = oneOf(events, 'OrderAccepted');
    expect(stop.state).toBe('untriggered');
    expect(triggerTrail(events)).toEqual([
      ['triggered', stop.orderId, 10000, 3],
      ['fill', stop.orderId, 10000, 3],
    ]);
    expect(m.balance(C, ACME)).toEqual({ available: SHARES + 3, held: 0 });

    // A sell stop above the last price triggers at once too; with no bids it finds no liquidity.
    const sell = m.place({ accountId: D, side: 'sell', type: 'stop', qty: 2, stopPrice: 10100 });
    expect(oneOf(sell, 'OrderTriggered')).toMatchObject({ triggerPrice: 10000, qty: 2 });
    expect(oneOf(sell, 'OrderCancelled')).toMatchObject({ reason: 'NO_LIQUIDITY', cancelledQty: 2, filledQty: 0 });
    expect(m.balance(D, ACME)).toEqual({ available: SHARES, held: 0 });
  });

  it('cascades: a triggered stop trades, and its trade triggers the next stop', () => {
    const m = market();
    m.limit(A, 'buy', 2, 9900);
    m.limit(A, 'buy', 2, 9800);
    m.limit(A, 'buy', 5, 9700);
    const first = m.placeId({ accountId: D, side: 'sell', type: 'stop', qty: 2, stopPrice: 9900 });
    const second = m.placeId({ accountId: C, side: 'sell', type: 'stop', qty: 2, stopPrice: 9800 });
    const third = m.placeId({ accountId: C, side: 'sell', type: 'stop', qty: 1, stopPrice: 9500 });
    const events = m.place({ accountId: B, side: 'sell', type: 'limit', qty: 1, price: 9900 });
    const seller = oneOf(events, 'OrderAccepted').orderId;
    expect(triggerTrail(events)).toEqual([
      ['fill', seller, 9900, 1],
      ['triggered', first, 9900, 2],
      ['fill', first, 9900, 1],
      ['fill', first, 9800, 1],
      ['triggered', second, 9800, 2],
      ['fill', second, 9800, 1],
      ['fill', second, 9700, 1],
    ]);
    expect(m.engine.lastPrice(ACME)).toBe(9700);
    expect(m.engine.order(third)!.state).toBe('untriggered');
    expect(m.book('buy')).toEqual([[expect.any(Number), 9700, 4]]);
  });

  it('re-sizes a triggered stop-market buy to the band around the current price, cancelling it with INSUFFICIENT_FUNDS when that cannot be held', () => {
    const m = market();
    const poor = m.placeId({ accountId: C, side: 'buy', type: 'stop', qty: 1, stopPrice: 10100 });
    const rich = m.placeId({ accountId: D, side: 'buy', type: 'stop', qty: 1, stopPrice: 10100 });
    // 1 x 10605 + 21 held; everything else withdrawn.
    expect(m.balance(C, USD)).toEqual({ available: CASH - 10626, held: 10626 });
    m.withdraw(C, USD, CASH - 10626);
    m.limit(A, 'sell', 1, 10000);
    m.limit(A, 'sell', 1, 10400);
    // One buyer sweeps to 10400, so the stops trigger with the last price at 10400 (band edge 10920).
    const events = m.place({ accountId: B, side: 'buy', type: 'limit', qty: 2, price: 10400 });
    expect(eventsOf(events, 'OrderTriggered').map((e) => [e.orderId, e.triggerPrice])).toEqual([
      [poor, 10400],
      [rich, 10400],
    ]);
    const cancels = eventsOf(events, 'OrderCancelled');
    expect(cancels.map((e) => [e.orderId, e.reason, e.cancelledQty])).toEqual([
      [poor, 'INSUFFICIENT_FUNDS', 1],
      [rich, 'NO_LIQUIDITY', 1],
    ]);
    const ledger = ledgerOf(events);
    expect(ledger.filter((e) => e.accountId === C)).toEqual([{ accountId: C, asset: USD, reason: 'release', refId: poor, deltaAvailable: 10626, deltaHeld: -10626, available: 10626, held: 0 }]);
    // The other one could pay: it held 10941 - 10626 = 315 more before trading.
    expect(ledger.filter((e) => e.accountId === D).map((e) => [e.reason, e.deltaHeld])).toEqual([
      ['hold', 315],
      ['release', -10941],
    ]);
    expect(eventsOf(events, 'Fill').filter((f) => f.accountId === C)).toEqual([]);
  });

  it('follows the high with a sell trailing stop by amount, never loosens it, and triggers on the way down', () => {
    const m = market();
    const trailing = m.place({ accountId: D, side: 'sell', type: 'trailing_stop', qty: 2, trailAmount: 100 });
    const id = oneOf(trailing, 'OrderAccepted').orderId;
    expect(oneOf(trailing, 'OrderAccepted')).toMatchObject({ orderType: 'trailing_stop', trailAmount: 100, state: 'untriggered' });
    expect(m.engine.order(id)).toMatchObject({ stopPrice: 9900, trail: { extreme: 10000 } });
    m.limit(A, 'buy', 2, 10000);

    m.trade(B, A, 1, 10200);
    expect(m.engine.order(id)).toMatchObject({ stopPrice: 10100, trail: { extreme: 10200 }, state: 'untriggered' });
    m.trade(B, A, 1, 10150);
    expect(m.engine.order(id)).toMatchObject({ stopPrice: 10100, trail: { extreme: 10200 }, state: 'untriggered' });

    const events = m.trade(B, A, 1, 10100);
    expect(triggerTrail(events).slice(1)).toEqual([
      ['triggered', id, 10100, 2],
      ['fill', id, 10000, 2],
    ]);
    expect(m.engine.order(id)).toBeUndefined();
    expect(m.balance(D, ACME)).toEqual({ available: SHARES - 2, held: 0 });
  });

  it('follows the low with a buy trailing stop by basis points and triggers on the way up', () => {
    const m = market();
    const id = m.placeId({ accountId: C, side: 'buy', type: 'trailing_stop', qty: 2, trailBps: 100 });
    expect(m.engine.order(id)).toMatchObject({ stopPrice: 10100, trail: { extreme: 10000 } });
    m.limit(A, 'sell', 5, 10300);

    m.trade(B, A, 1, 9800);
    // 1% of 9800 is 98.
    expect(m.engine.order(id)).toMatchObject({ stopPrice: 9898, trail: { extreme: 9800 } });
    m.trade(B, A, 1, 9850);
    expect(m.engine.order(id)).toMatchObject({ stopPrice: 9898, trail: { extreme: 9800 }, state: 'untriggered' });

    const events = m.trade(B, A, 1, 9898);
    expect(triggerTrail(events).slice(1)).toEqual([
      ['triggered', id, 9898, 2],
      ['fill', id, 10300, 2],
    ]);
    expect(m.balance(C, ACME)).toEqual({ available: SHARES + 2, held: 0 });
    expect(m.balance(C, USD)).toEqual({ available: CASH - 20600 - 41, held: 0 });
  });

  it('moves an untriggered stop with replace, and triggers it at once when the new stop is reached', () => {
    const m = market();
    const stop = m.placeId({ accountId: D, side: 'sell', type: 'stop', qty: 2, stopPrice: 9500 });
    m.limit(A, 'buy', 2, 9990);
    const moved = m.replace(D, stop, { stopPrice: 9600 });
    expect(oneOf(moved, 'OrderReplaced')).toMatchObject({ orderId: stop, stopPrice: 9600, qty: 2 });
    expect(eventsOf(moved, 'OrderTriggered')).toEqual([]);
    const reached = m.replace(D, stop, { stopPrice: 10000 });
    expect(triggerTrail(reached)).toEqual([
      ['triggered', stop, 10000, 2],
      ['fill', stop, 9990, 2],
    ]);
  });
  // Every print of a sweep counts: this one trades at 10200 on its way down to 9800.
  it('triggers a buy stop on a trade inside a sweep that reached its stop price, even if the sweep ends below it', () => {
    const m = market();
    const stop = m.placeId({ accountId: C, side: 'buy', type: 'stop', qty: 1, stopPrice: 10150 });
    m.limit(A, 'sell', 1, 10300);
    m.limit(B, 'buy', 1, 10200);
    m.limit(B, 'buy', 1, 9800);
    const events = m.place({ accountId: D, side: 'sell', type: 'limit', qty: 2, price: 9800 });
    expect(eventsOf(events, 'Fill').filter((f) => f.liquidity === 'taker').map((f) => f.price)).toEqual([10200, 9800]);
    expect(oneOf(events, 'OrderTriggered')).toMatchObject({ orderId: stop, cause: 'stop' });
  });

  it('announces each move of a trailing stop with StopMoved, and only a move', () => {
    const m = market();
    const id = m.placeId({ accountId: D, side: 'sell', type: 'trailing_stop', qty: 2, trailAmount: 100 });
    m.limit(A, 'buy', 2, 10000);

    const up = m.trade(B, A, 1, 10200);
    const moved = oneOf(up, 'StopMoved');
    expect(moved).toEqual({ type: 'StopMoved', seq: moved.seq, ts: moved.ts, orderId: id, accountId: D, symbol: ACME, stopPrice: 10100, waterMark: 10200 });
    // Numbered as the trade's price becomes the last price, before that trade's fills.
    for (const fill of eventsOf(up, 'Fill')) expect(moved.seq).toBeLessThan(fill.seq);
    // Lower, equal and again lower trades leave the stop where it is: no event.
    expect(eventsOf(m.trade(B, A, 1, 10150), 'StopMoved')).toEqual([]);
    expect(eventsOf(m.trade(B, A, 1, 10200), 'StopMoved')).toEqual([]);
    expect(oneOf(m.trade(B, A, 1, 10210), 'StopMoved')).toMatchObject({ orderId: id, stopPrice: 10110, waterMark: 10210 });
    expect(m.engine.order(id)).toMatchObject({ stopPrice: 10110 });

    // The trade that reaches the stop triggers it without another move.
    const down = m.trade(B, A, 1, 10110);
    expect(eventsOf(down, 'StopMoved')).toEqual([]);
    expect(oneOf(down, 'OrderTriggered')).toMatchObject({ orderId: id, triggerPrice: 10110 });
  });

  it('announces a trailing stop by basis points only when its stop price changes, not its high alone', () => {
    const m = market();
    const id = m.placeId({ accountId: D, side: 'sell', type: 'trailing_stop', qty: 2, trailBps: 100 });
    expect(oneOf(m.trade(B, A, 1, 10099), 'StopMoved')).toMatchObject({ orderId: id, accountId: D, stopPrice: 9999, waterMark: 10099 });
    // 10100 less 1% (101) is 9999, the stop 10099 less 1% floored (100) gave: the high moved, the stop did not.
    expect(eventsOf(m.trade(B, A, 1, 10100), 'StopMoved')).toEqual([]);
    expect(m.engine.order(id)).toMatchObject({ stopPrice: 9999, trail: { extreme: 10100 } });
    expect(oneOf(m.trade(B, A, 1, 10200), 'StopMoved')).toMatchObject({ orderId: id, stopPrice: 10098, waterMark: 10200 });
  });

  it('accepts a trailing stop with the last price as its water mark, and other orders with none', () => {
    const m = market();
    m.trade(B, A, 1, 10040);
    const sell = oneOf(m.place({ accountId: D, side: 'sell', type: 'trailing_stop', qty: 1, trailAmount: 100 }), 'OrderAccepted');
    expect(sell).toMatchObject({ orderType: 'trailing_stop', stopPrice: 9940, waterMark: 10040 });
    const buy = oneOf(m.place({ accountId: C, side: 'buy', type: 'trailing_stop', qty: 1, trailBps: 100 }), 'OrderAccepted');
    // 10040 plus 1% floored (100).
    expect(buy).toMatchObject({ orderType: 'trailing_stop', stopPrice: 10140, waterMark: 10040 });
    expect(oneOf(m.place({ accountId: D, side: 'sell', type: 'stop', qty: 1, stopPrice: 9900 }), 'OrderAccepted').waterMark).toBeUndefined();
  });

  it('rests a sell trailing stop wider than the price at one tick until a high lifts it past the trail', () => {
    const m = market();
    m.trade(B, A, 1, 10040);
    const sell = oneOf(m.place({ accountId: D, side: 'sell', type: 'trailing_stop', qty: 1, trailAmount: 10_100 }), 'OrderAccepted');
    expect(sell).toMatchObject({ stopPrice: 1, waterMark: 10040, state: 'untriggered' });
    // A high below the trail leaves it at the floor; one past it lifts it by what it is past.
    expect(eventsOf(m.trade(B, A, 1, 10090), 'StopMoved')).toEqual([]);
    expect(eventsOf(m.trade(B, A, 1, 10150), 'StopMoved')).toMatchObject([{ orderId: sell.orderId, stopPrice: 50, waterMark: 10150 }]);
  });

  it('announces a buy trailing stop following the low down', () => {
    const m = market();
    const id = m.placeId({ accountId: C, side: 'buy', type: 'trailing_stop', qty: 2, trailAmount: 50 });
    expect(oneOf(m.trade(B, A, 1, 9900), 'StopMoved')).toMatchObject({ orderId: id, accountId: C, stopPrice: 9950, waterMark: 9900 });
    expect(eventsOf(m.trade(B, A, 1, 9920), 'StopMoved')).toEqual([]);
  });

  // A sell trailing stop follows the high of every trade (10200 here), not only where the sweep ended.
  it('lets a trailing stop follow the best trade price inside one sweep', () => {
    const m = market();
    const trailing = m.placeId({ accountId: D, side: 'sell', type: 'trailing_stop', qty: 1, trailAmount: 100 });
    m.limit(B, 'buy', 1, 10200);
    m.limit(B, 'buy', 1, 10150);
    m.place({ accountId: A, side: 'sell', type: 'limit', qty: 2, price: 10150 });
    expect(m.engine.order(trailing)).toMatchObject({ trail: { extreme: 10200 }, stopPrice: 10100 });
  });
});
