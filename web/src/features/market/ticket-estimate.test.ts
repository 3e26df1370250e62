// Cost and proceeds estimates with the maker or taker fee, market orders walked through the book, the affordable quantity, and the book ladder.
import { describe, expect, it } from 'vitest';
import type { BookState } from '../../lib/book.ts';
import { buildLadder } from './book-ladder.ts';
import { EMPTY_TICKET, updateTicket, type TicketForm } from './ticket-form.ts';
import { buyHoldPrice, cashText, estimateBasis, estimateTicket, heldText, fractionOfQty, marketBuyHoldPrice, maxAffordableQty, walkBook } from './ticket-estimate.ts';
import type { TicketInstrument } from './ticket-validation.ts';

const AAPL: TicketInstrument = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 1, bandBps: 1000 };
const BTC: TicketInstrument = { symbol: 'BTC-USD', base: 'BTC', quote: 'USD', tickSize: '0.01', lotSize: '0.0001', minQty: '0.0001', maxQty: '1000', makerFeeBps: 2, takerFeeBps: 5, bandBps: 1000 };
const BOOK: BookState = {
  seq: 7,
  bids: [
    ['189.99', '10'],
    ['189.98', '5'],
  ],
  asks: [
    ['190.01', '3'],
    ['190.05', '4'],
  ],
};
const context = { instrument: AAPL, quoteScale: 6, book: BOOK, lastPrice: '190.00' };

function ticket(change: Partial<TicketForm>): TicketForm {
  return updateTicket(EMPTY_TICKET, change);
}

describe('order estimates', () => {
  it('prices a limit buy at the best ask at its limit plus the taker fee', () => {
    expect(estimateTicket(ticket({ qty: '3', price: '190.01' }), context)).toEqual({
      basis: 'limit',
      qty: '3',
      price: '190.01',
      notional: '570.030000',
      liquidity: 'taker',
      fee: '0.057003',
      total: '570.087003',
      held: '570.087003',
      unfilled: '0',
    });
  });

  it('nets the fee off a sell’s proceeds', () => {
    const book: BookState = { seq: 1, bids: [['65000.25', '1']], asks: [] };
    const estimate = estimateTicket(ticket({ side: 'sell', qty: '0.0003', price: '65000.25' }), { ...context, instrument: BTC, book });
    expect(estimate).toMatchObject({ notional: '19.500075', liquidity: 'taker', fee: '0.009750', total: '19.490325' });
  });

  it('charges the maker fee for a limit that would rest, the taker fee for one that crosses the best price', () => {
    const at = (side: 'buy' | 'sell', price: string) => estimateTicket(ticket({ side, qty: '1', price }), { ...context, instrument: BTC })?.liquidity;
    // BOOK: best bid 189.99, best ask 190.01.
    expect([at('buy', '190.00'), at('buy', '190.01'), at('buy', '191')]).toEqual(['maker', 'taker', 'taker']);
    expect([at('sell', '190.00'), at('sell', '189.99'), at('sell', '189')]).toEqual(['maker', 'taker', 'taker']);
    // BTC: maker 2 bps, taker 5 bps of 190.00.
    expect(estimateTicket(ticket({ qty: '1', price: '190.00' }), { ...context, instrument: BTC })).toMatchObject({ liquidity: 'maker', fee: '0.038000' });
    // Nothing on the other side: the limit rests.
    expect(at('buy', '500')).toBe('taker');
    expect(estimateTicket(ticket({ qty: '1', price: '500' }), { ...context, book: { seq: 0, bids: [], asks: [] } })?.liquidity).toBe('maker');
    // Market orders, stops and stop-limits are counted as takers.
    expect(estimateTicket(ticket({ kind: 'market', qty: '1' }), context)?.liquidity).toBe('taker');
    expect(estimateTicket(ticket({ kind: 'stop', qty: '1', stopPrice: '195' }), context)?.liquidity).toBe('taker');
    expect(estimateTicket(ticket({ kind: 'stop_limit', qty: '1', price: '150', stopPrice: '195' }), context)?.liquidity).toBe('taker');
  });

  it('walks the book for a market order and reports what it cannot fill', () => {
    const buy = estimateTicket(ticket({ kind: 'market', qty: '5' }), context);
    // 3 at 190.01 + 2 at 190.05 = 950.13; average 190.026 (two places finer than the tick)
    expect(buy).toMatchObject({ basis: 'book', qty: '5', notional: '950.130000', price: '190.0260', fee: '0.095013', unfilled: '0' });
    const sell = estimateTicket(ticket({ kind: 'market', side: 'sell', qty: '20' }), context);
    expect(sell).toMatchObject({ qty: '15', notional: '2849.800000', unfilled: '5' });
    expect(estimateTicket(ticket({ kind: 'market', qty: '5' }), { ...context, book: { seq: 0, bids: [], asks: [] } })).toBeUndefined();
  });

  it('uses the trigger for a stop, the last price for a trailing stop, the limit leg for an OCO, the book for a market bracket', () => {
    expect(estimateTicket(ticket({ kind: 'stop', qty: '2', stopPrice: '195' }), context)).toMatchObject({ basis: 'trigger', notional: '390.000000' });
    expect(estimateTicket(ticket({ kind: 'trailing_stop', qty: '2', trail: '1' }), context)).toMatchObject({ basis: 'last', price: '190.00' });
    expect(estimateTicket(ticket({ kind: 'oco', qty: '2', price: '185', stopPrice: '195' }), context)).toMatchObject({ basis: 'limit', price: '185' });
    expect(estimateTicket(ticket({ kind: 'bracket', entryType: 'market', qty: '1' }), context)).toMatchObject({ basis: 'book', price: '190.0100' });
  });

  it('gives no estimate until quantity and price are usable', () => {
    expect(estimateTicket(ticket({ qty: '', price: '190' }), context)).toBeUndefined();
    expect(estimateTicket(ticket({ qty: '1.5', price: '190' }), context)).toBeUndefined();
    expect(estimateTicket(ticket({ qty: '1', price: 'abc' }), context)).toBeUndefined();
  });

  it('shows what a limit buy holds beyond its cost: the taker fee, since a resting limit may still take', () => {
    // Below the best ask it rests at the 0% maker fee, but the venue holds 1 bp on top: 925.0925.
    const estimate = estimateTicket(ticket({ qty: '5', price: '185' }), context)!;
    expect(estimate).toMatchObject({ liquidity: 'maker', fee: '0.000000', total: '925.000000', held: '925.092500' });
    expect(heldText(estimate, 6)).toBe('+ up to 0.092500 fee (held 925.092500)');
    // A crossing limit already pays the larger fee: nothing more is held.
    expect(heldText(estimateTicket(ticket({ qty: '3', price: '190.01' }), context)!, 6)).toBeUndefined();
    // Maker 2 bps, taker 5: the extra is the 3 bps between them.
    const btc = estimateTicket(ticket({ qty: '1', price: '190.00' }), { ...context, instrument: BTC })!;
    expect(btc).toMatchObject({ total: '190.038000', held: '190.095000' });
    expect(heldText(btc, 6)).toBe('+ up to 0.057000 fee (held 190.095000)');
    // Sells, market-style buys and OCOs are not held at a limit plus the fee.
    expect(estimateTicket(ticket({ side: 'sell', qty: '1', price: '200' }), context)?.held).toBeUndefined();
    expect(estimateTicket(ticket({ kind: 'market', qty: '1' }), context)?.held).toBeUndefined();
    expect(estimateTicket(ticket({ kind: 'oco', qty: '1', price: '185', stopPrice: '195' }), context)?.held).toBeUndefined();
    expect(estimateTicket(ticket({ kind: 'stop_limit', qty: '1', price: '185', stopPrice: '195' }), context)?.held).toBe('185.018500');
  });

  it('shows cash at all of the currency decimals, never rounded up', () => {
    expect(cashText('0.040668', 6)).toBe('0.040668');
    expect(cashText('0.004', 6)).toBe('0.004000');
    expect(cashText('48886.998711', 6)).toBe('48,886.998711');
    expect(cashText(undefined, 6)).toBe('—');
  });

  it('walks levels best first', () => {
    expect(walkBook(BOOK.asks, '4')).toEqual({ filled: '4', notional: '760.08' });
  });
});

describe('estimate basis before any price is entered', () => {
  it('names the price each kind is estimated at: a stop at its stop price, never a limit price it does not have', () => {
    expect(estimateBasis(ticket({ kind: 'market' }))).toBe('book');
    expect(estimateBasis(ticket({ kind: 'limit' }))).toBe('limit');
    expect(estimateBasis(ticket({ kind: 'stop' }))).toBe('trigger');
    expect(estimateBasis(ticket({ kind: 'trailing_stop' }))).toBe('last');
  });
});

describe('affordable quantity', () => {
  it('divides cash by the price plus the larger fee, in whole lots', () => {
    // 1000 / (190.01 × 1.0001) = 5.2623... -> 5
    expect(maxAffordableQty('buy', '1000', '190.01', AAPL)).toBe('5');
    // 1000 / (65000 × 1.0005) = 0.015377 -> 0.0153
    expect(maxAffordableQty('buy', '1000', '65000', BTC)).toBe('0.0153');
    expect(maxAffordableQty('buy', '100', '190', AAPL)).toBeUndefined();
    expect(maxAffordableQty('buy', '1000', undefined, AAPL)).toBeUndefined();
  });

  it('sells what is available, capped at the maximum quantity', () => {
    expect(maxAffordableQty('sell', '0.12345678', undefined, BTC)).toBe('0.1234');
    expect(maxAffordableQty('sell', '5000', undefined, BTC)).toBe('1000');
    expect(maxAffordableQty('sell', '0', undefined, AAPL)).toBeUndefined();
  });

  it('reserves a market buy at the band edge, as the engine does', () => {
    // 190.00 + floor(19000 ticks × 1000 / 10000) ticks = 209.00
    expect(marketBuyHoldPrice('190.00', 1000, '0.01')).toBe('209.00');
    // 190.07 + floor(19007 × 0.1) = 190.07 + 19.00 = 209.07
    expect(marketBuyHoldPrice('190.07', 1000, '0.01')).toBe('209.07');
    expect(marketBuyHoldPrice(null, 1000, '0.01')).toBeUndefined();
  });

  it('reserves each kind at its worst price', () => {
    expect(buyHoldPrice(ticket({ kind: 'limit', price: '189.5' }), '190.00', AAPL)).toBe('189.5');
    expect(buyHoldPrice(ticket({ kind: 'market' }), '190.00', AAPL)).toBe('209.00');
    expect(buyHoldPrice(ticket({ kind: 'stop', stopPrice: '200.00' }), '190.00', AAPL)).toBe('220.00');
    expect(buyHoldPrice(ticket({ kind: 'bracket', entryType: 'market' }), '190.00', AAPL)).toBe('209.00');
    expect(buyHoldPrice(ticket({ kind: 'limit', price: '' }), '190.00', AAPL)).toBeUndefined();
  });

  it('takes fractions of the affordable quantity in whole lots', () => {
    expect(fractionOfQty('7', '0.25', '1')).toBe('1');
    expect(fractionOfQty('3', '0.25', '1')).toBeUndefined();
    expect(fractionOfQty('0.0153', '0.5', '0.0001')).toBe('0.0076');
    expect(fractionOfQty('0.0153', '1', '0.0001')).toBe('0.0153');
  });
});

describe('book ladder', () => {
  it('stacks asks above bids with cumulative size, depth bars, spread and mid', () => {
    const ladder = buildLadder(BOOK, 10, '0.01', { buy: new Set(['189.98']), sell: new Set() });
    expect(ladder.asks.map((row) => [row.price, row.total])).toEqual([
      ['190.05', '7'],
      ['190.01', '3'],
    ]);
    expect(ladder.bids.map((row) => [row.price, row.total, row.mine])).toEqual([
      ['189.99', '10', false],
      ['189.98', '15', true],
    ]);
    expect(ladder.bids[1]?.depth).toBe(1);
    expect(ladder.asks[0]?.depth).toBeCloseTo(7 / 15);
    expect(ladder.spread).toBe('0.02');
    expect(ladder.mid).toBe('190.000');
    expect(ladder.spreadBps).toBe('1.05');
  });

  it('shows only the requested levels and no spread for a one-sided book', () => {
    const ladder = buildLadder({ seq: 1, bids: BOOK.bids, asks: [] }, 1, '0.01');
    expect(ladder.bids).toHaveLength(1);
    expect(ladder.spread).toBeUndefined();
    expect(ladder.mid).toBeUndefined();
  });
});
