// What the ticket says the exchange will hold, as the engine holds it, and when that is more than is available.
import { describe, expect, it } from 'vitest';
import { EMPTY_TICKET, updateTicket, type TicketForm } from './ticket-form.ts';
import { holdShortfall, ticketHold } from './ticket-hold.ts';
import type { TicketInstrument } from './ticket-validation.ts';

const AAPL: TicketInstrument = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 1, bandBps: 1000 };

function ticket(change: Partial<TicketForm>): TicketForm {
  return updateTicket(EMPTY_TICKET, change);
}

describe('the hold on the ticket', () => {
  it('holds a market buy at the band limit above the last price, with the larger fee', () => {
    // 190.00 last, 10% band: 209.00; 1 bp of 209 is 0.0209.
    expect(ticketHold(ticket({ kind: 'market', qty: '1' }), '190.00', AAPL, 6)).toBe('209.020900');
  });

  it('holds a limit buy at its price and a stop buy at the band limit around its stop', () => {
    expect(ticketHold(ticket({ kind: 'limit', qty: '5', price: '185' }), '190.00', AAPL, 6)).toBe('925.092500');
    expect(ticketHold(ticket({ kind: 'stop', qty: '1', stopPrice: '200' }), '190.00', AAPL, 6)).toBe('220.022000');
  });

  it('holds a trailing stop buy at the band limit around where its stop starts: the last price plus the trail', () => {
    // Stop 191.00, band 10%: 210.10; 1 bp of 210.10 is 0.02101.
    expect(ticketHold(ticket({ kind: 'trailing_stop', qty: '1', trailBy: 'amount', trail: '1' }), '190.00', AAPL, 6)).toBe('210.121010');
    // 1.5% of 190.00 is 2.85: stop 192.85, band limit 212.13.
    expect(ticketHold(ticket({ kind: 'trailing_stop', qty: '1', trailBy: 'percent', trail: '1.5' }), '190.00', AAPL, 6)).toBe('212.151213');
    // A percent under one tick trails by one tick, as the engine does: stop 0.11, band limit 0.12.
    expect(ticketHold(ticket({ kind: 'trailing_stop', qty: '1', trailBy: 'percent', trail: '1' }), '0.10', AAPL, 6)).toBe('0.120012');
    expect(ticketHold(ticket({ kind: 'trailing_stop', qty: '1', trail: '' }), '190.00', AAPL, 6)).toBeUndefined();
  });

  it('holds an OCO buy once, for its dearer leg', () => {
    expect(ticketHold(ticket({ kind: 'oco', qty: '1', price: '180', stopPrice: '200' }), '190.00', AAPL, 6)).toBe('220.022000');
    expect(ticketHold(ticket({ kind: 'oco', qty: '1', price: '180', stopPrice: '200', stopLimitPrice: '201' }), '190.00', AAPL, 6)).toBe('201.020100');
  });

  it('holds a sell’s qty of the base asset, and nothing while the qty or price is not usable', () => {
    expect(ticketHold(ticket({ side: 'sell', kind: 'market', qty: '5' }), '190.00', AAPL, 6)).toBe('5');
    expect(ticketHold(ticket({ kind: 'market', qty: '' }), '190.00', AAPL, 6)).toBeUndefined();
    expect(ticketHold(ticket({ kind: 'market', qty: '1' }), null, AAPL, 6)).toBeUndefined();
    expect(ticketHold(ticket({ kind: 'limit', qty: '1', price: 'x' }), '190.00', AAPL, 6)).toBeUndefined();
  });

  it('is short only when the hold is more than is available', () => {
    expect(holdShortfall('209.020900', '200')).toEqual({ held: '209.020900', available: '200' });
    expect(holdShortfall('209.020900', '209.0209')).toBeUndefined();
    expect(holdShortfall(undefined, '200')).toBeUndefined();
    expect(holdShortfall('209.020900', undefined)).toBeUndefined();
  });
});
