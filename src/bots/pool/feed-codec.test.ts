// Tests for the feed codec: every event comes back field for field, whatever text a port put in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarketEvent, PortOrderState } from '../../strategy/index.ts';
import { decodeFeed, encodeFeed } from './feed-codec.ts';

/** Any text, separators and `%` included, and the empty text. */
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('', '%', '%25', '\t', '\n', '=', '=x', '100.25'));
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const int = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const side = fc.constantFrom<'buy' | 'sell'>('buy', 'sell');

const event: fc.Arbitrary<MarketEvent> = fc.oneof(
  fc.record({ symbol: text, price: text, qty: text, takerSide: side, ts: int }).map((trade): MarketEvent => ({ kind: 'trade', trade })),
  fc.record({ symbol: text, bidPrice: orNull(text), bidQty: text, askPrice: orNull(text), askQty: text, ts: int }).map((quote): MarketEvent => ({ kind: 'quote', quote })),
  fc.record({ symbol: text, interval: text, openTime: int, open: text, high: text, low: text, close: text, volume: text }).map((bar): MarketEvent => ({ kind: 'bar', bar })),
  fc
    .record({
      id: int,
      clientOrderId: orNull(text),
      symbol: text,
      side,
      type: fc.constantFrom<PortOrderState['type']>('market', 'limit', 'stop', 'stop_limit', 'trailing_stop'),
      status: fc.constantFrom<PortOrderState['status']>('open', 'filled', 'cancelled', 'partially_filled'),
      qty: text,
      filledQty: text,
      leavesQty: text,
      price: orNull(text),
      stopPrice: orNull(text),
      avgFillPrice: orNull(text),
      reason: orNull(text),
    })
    .map((order): MarketEvent => ({ kind: 'order', order })),
  fc
    .record({ orderId: int, tradeId: int, symbol: text, side, price: text, qty: text, fee: text, liquidity: fc.constantFrom<'maker' | 'taker'>('maker', 'taker'), ts: int })
    .map((fill): MarketEvent => ({ kind: 'fill', fill })),
);

function roundTrip(subs: readonly number[], events: readonly MarketEvent[]) {
  const back: Array<[number, MarketEvent]> = [];
  decodeFeed(encodeFeed(subs, events), (sub, e) => back.push([sub, e]));
  return back;
}

describe('feed codec', () => {
  it('gives back every event, for its subscription, in order, field for field', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), event), { maxLength: 30 }), (entries) => {
        const subs = entries.map(([sub]) => sub);
        const events = entries.map(([, e]) => e);
        expect(roundTrip(subs, events)).toEqual(entries);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a turn as one line per event and keeps null apart from the empty text', () => {
    const order: MarketEvent = { kind: 'order', order: { id: 7, clientOrderId: '', symbol: 'ACME', side: 'buy', type: 'limit', status: 'open', qty: '5', filledQty: '0', leavesQty: '5', price: '100.25', stopPrice: null, avgFillPrice: null, reason: null } };
    const quote: MarketEvent = { kind: 'quote', quote: { symbol: 'ACME', bidPrice: null, bidQty: '0', askPrice: '101', askQty: '3', ts: 1 } };
    const lines = encodeFeed([3, 4], [order, quote]);
    expect(lines.split('\n')).toHaveLength(2);
    expect(roundTrip([3, 4], [order, quote])).toEqual([
      [3, order],
      [4, quote],
    ]);
  });

  it('leaves out a bar view, which the runtime makes from the bar', () => {
    const bar = { symbol: 'ACME', interval: '1m', openTime: 60_000, open: '1', high: '2', low: '0.5', close: '1.5', volume: '10' };
    const withView = { kind: 'bar', bar, view: { ...bar, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 } } as MarketEvent;
    expect(roundTrip([1], [withView])).toEqual([[1, { kind: 'bar', bar }]]);
  });
});
