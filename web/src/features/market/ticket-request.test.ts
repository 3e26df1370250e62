// The order ticket's rules, validation and request building: what each kind sends, what is refused before sending, and where a server refusal is shown.
import { describe, expect, it } from 'vitest';
import { EMPTY_TICKET, postOnlyAllowed, TIF_HINTS, tifHint, tifOptions, updateTicket, visibleFields, type TicketForm } from './ticket-form.ts';
import { formatDateTime } from '../../lib/format.ts';
import { buildTicketRequest, refusalNote, ticketFieldOfCode, ticketFieldOfPath } from './ticket-request.ts';
import { cleanNumber, parseLocalDateTime, validateTicket, type TicketInstrument } from './ticket-validation.ts';

const AAPL: TicketInstrument = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 1, bandBps: 1000 };
const BTC: TicketInstrument = { symbol: 'BTC-USD', base: 'BTC', quote: 'USD', tickSize: '0.01', lotSize: '0.0001', minQty: '0.0001', maxQty: '1000', makerFeeBps: 2, takerFeeBps: 5, bandBps: 1000 };
const NOW = new Date(2030, 0, 15, 12, 0).getTime();
const aapl = { instrument: AAPL, now: NOW };

function ticket(change: Partial<TicketForm>): TicketForm {
  return updateTicket(EMPTY_TICKET, change);
}

describe('ticket rules', () => {
  it('offers only the time in force that fits the kind, and fixes a stale choice', () => {
    expect(tifOptions('market', 'limit')).toEqual(['ioc', 'fok']);
    expect(tifOptions('oco', 'limit')).not.toContain('ioc');
    expect(tifOptions('bracket', 'market')).toEqual(['ioc', 'fok']);
    expect(ticket({ kind: 'limit', tif: 'fok' }).tif).toBe('fok');
    expect(updateTicket(ticket({ kind: 'limit', tif: 'day' }), { kind: 'market' }).tif).toBe('ioc');
    expect(updateTicket(ticket({ kind: 'limit', tif: 'ioc' }), { kind: 'stop' }).tif).toBe('gtc');
  });

  it('brings back GTC when a market ticket turns into a limit one, but keeps a choice made for a resting kind', () => {
    const market = updateTicket(ticket({ kind: 'limit' }), { kind: 'market' });
    expect(market.tif).toBe('ioc');
    expect(updateTicket(market, { kind: 'limit' }).tif).toBe('gtc');
    expect(updateTicket(updateTicket(market, { tif: 'fok' }), { kind: 'limit' }).tif).toBe('gtc');
    const marketEntry = updateTicket(ticket({ kind: 'bracket' }), { entryType: 'market' });
    expect(updateTicket(marketEntry, { entryType: 'limit' }).tif).toBe('gtc');
    // A limit's own IOC or DAY was chosen for a limit: it stays when nothing else changes, and where the new kind offers it.
    expect(updateTicket(ticket({ kind: 'limit', tif: 'ioc' }), { qty: '5' }).tif).toBe('ioc');
    expect(updateTicket(ticket({ kind: 'limit', tif: 'day' }), { kind: 'stop' }).tif).toBe('day');
  });

  it('allows post-only only on a resting limit order', () => {
    expect(postOnlyAllowed({ kind: 'limit', entryType: 'limit', tif: 'gtc' })).toBe(true);
    expect(postOnlyAllowed({ kind: 'limit', entryType: 'limit', tif: 'ioc' })).toBe(false);
    expect(postOnlyAllowed({ kind: 'stop_limit', entryType: 'limit', tif: 'gtc' })).toBe(false);
    expect(postOnlyAllowed({ kind: 'bracket', entryType: 'market', tif: 'ioc' })).toBe(false);
    const form = ticket({ kind: 'limit', postOnly: true });
    expect(form.postOnly).toBe(true);
    expect(updateTicket(form, { tif: 'fok' }).postOnly).toBe(false);
  });

  it('shows the fields of each kind', () => {
    expect([...visibleFields(ticket({ kind: 'market' }))].sort()).toEqual(['clientOrderId', 'kind', 'qty', 'side', 'tif']);
    expect(visibleFields(ticket({ kind: 'stop_limit' }))).toContain('stopPrice');
    expect(visibleFields(ticket({ kind: 'trailing_stop' }))).toContain('trail');
    expect(visibleFields(ticket({ kind: 'bracket', entryType: 'market' }))).not.toContain('price');
    expect(visibleFields(ticket({ kind: 'limit', tif: 'gtd' }))).toContain('expireAt');
  });
});

describe('ticket validation', () => {
  it('requires the kind’s fields and names what is missing', () => {
    const errors = validateTicket(ticket({ kind: 'stop_limit' }), aapl);
    expect(errors.qty).toBe('Enter a quantity.');
    expect(errors.price).toBe('Enter a limit price.');
    expect(errors.stopPrice).toBe('Enter a stop (trigger) price.');
    expect(errors.trail).toBeUndefined();
  });

  it('checks tick size, lot size, min and max quantity and the number format', () => {
    expect(validateTicket(ticket({ qty: '1.5', price: '190.001' }), aapl)).toEqual({ qty: 'Must be a multiple of the lot size 1.', price: 'Must be a multiple of the tick size 0.01.' });
    expect(validateTicket(ticket({ qty: '0', price: '190' }), aapl).qty).toBe('Must be more than 0.');
    expect(validateTicket(ticket({ qty: '200000', price: '190' }), aapl).qty).toBe('The maximum is 100000 AAPL.');
    expect(validateTicket(ticket({ qty: '1e3', price: '190' }), aapl).qty).toBe('Enter a plain number such as 10 or 0.5.');
    expect(validateTicket(ticket({ qty: '-1', price: '190' }), aapl).qty).toBe('Must be more than 0.');
    expect(validateTicket(ticket({ qty: '0.00005', price: '65000' }), { instrument: BTC, now: NOW }).qty).toBe('Must be a multiple of the lot size 0.0001.');
    expect(validateTicket(ticket({ qty: ' .5 ', price: '65000.10' }), { instrument: BTC, now: NOW })).toEqual({});
  });

  it('checks trailing distances by amount and by percent', () => {
    expect(validateTicket(ticket({ kind: 'trailing_stop', qty: '1', trail: '0.005' }), aapl).trail).toBe('Must be a multiple of the tick size 0.01.');
    expect(validateTicket(ticket({ kind: 'trailing_stop', qty: '1', trailBy: 'percent', trail: '1.255' }), aapl).trail).toBe('Use at most two decimals, e.g. 1.25.');
    expect(validateTicket(ticket({ kind: 'trailing_stop', qty: '1', trailBy: 'percent', trail: '100' }), aapl).trail).toBe('At most 99.99%.');
    expect(validateTicket(ticket({ kind: 'trailing_stop', qty: '1', trailBy: 'percent', trail: '2.5' }), aapl)).toEqual({});
  });

  it('wants a future GTD expiry', () => {
    expect(validateTicket(ticket({ qty: '1', price: '190', tif: 'gtd' }), aapl).expireAt).toBe('Pick the date and time the order expires.');
    expect(validateTicket(ticket({ qty: '1', price: '190', tif: 'gtd', expireAt: '2030-01-15T11:59' }), aapl).expireAt).toBe('Pick a time in the future.');
    expect(validateTicket(ticket({ qty: '1', price: '190', tif: 'gtd', expireAt: '2030-01-15T12:30' }), aapl)).toEqual({});
    expect(parseLocalDateTime('2030-02-30T10:00')).toBeUndefined();
    expect(parseLocalDateTime('2030-01-15T12:30')).toBe(new Date(2030, 0, 15, 12, 30).getTime());
  });

  it('keeps a bracket’s take-profit on the winning side of its stop-loss', () => {
    const long = ticket({ kind: 'bracket', qty: '1', price: '190', takeProfitPrice: '185', stopLossPrice: '186' });
    expect(validateTicket(long, aapl).takeProfitPrice).toBe('For a buy, the take-profit must be above the stop-loss.');
    expect(validateTicket({ ...long, side: 'sell' }, aapl)).toEqual({});
  });

  it('checks the client order id', () => {
    expect(validateTicket(ticket({ qty: '1', price: '190', clientOrderId: 'has space' }), aapl).clientOrderId).toBe('1 to 64 printable characters, no spaces.');
    expect(validateTicket(ticket({ qty: '1', price: '190', clientOrderId: 'x'.repeat(65) }), aapl).clientOrderId).toBeDefined();
    expect(validateTicket(ticket({ qty: '1', price: '190', clientOrderId: 'my-order_1' }), aapl)).toEqual({});
  });
});

describe('ticket requests', () => {
  it('sends a limit order with only its fields', () => {
    const result = buildTicketRequest(ticket({ qty: '5', price: '189.50', postOnly: true, clientOrderId: 'a1', stopPrice: '180' }), aapl);
    expect(result).toEqual({ ok: true, request: { path: '/api/v1/orders', body: { symbol: 'AAPL', side: 'buy', type: 'limit', qty: '5', price: '189.50', tif: 'gtc', postOnly: true, clientOrderId: 'a1' } } });
  });

  it('sends numbers as the API reads them: trimmed, with a leading 0 before a point and no redundant leading zeros', () => {
    const result = buildTicketRequest(ticket({ qty: ' 05 ', price: '00189.50' }), aapl);
    expect(result.ok && result.request.body).toMatchObject({ qty: '5', price: '189.50' });
    expect(cleanNumber('.5')).toBe('0.5');
    expect(cleanNumber('00.5')).toBe('0.5');
    expect(cleanNumber('000')).toBe('0');
    expect(cleanNumber('0.05')).toBe('0.05');
    expect(cleanNumber('1e3')).toBe('1e3');
    expect(cleanNumber('5.')).toBe('5');
    expect(cleanNumber('-5')).toBe('-5');
  });

  it('sends a market sell as IOC without a price', () => {
    const result = buildTicketRequest(ticket({ kind: 'market', side: 'sell', qty: '3', price: '190' }), aapl);
    expect(result).toEqual({ ok: true, request: { path: '/api/v1/orders', body: { symbol: 'AAPL', side: 'sell', type: 'market', qty: '3', tif: 'ioc' } } });
  });

  it('sends stops, trailing stops and GTD expiries', () => {
    const stop = buildTicketRequest(ticket({ kind: 'stop_limit', qty: '2', price: '191', stopPrice: '190.5', tif: 'gtd', expireAt: '2030-01-16T09:00' }), aapl);
    expect(stop.ok && stop.request.body).toEqual({ symbol: 'AAPL', side: 'buy', type: 'stop_limit', qty: '2', price: '191', stopPrice: '190.5', tif: 'gtd', expireAt: new Date(2030, 0, 16, 9, 0).getTime() });
    const trailing = buildTicketRequest(ticket({ kind: 'trailing_stop', side: 'sell', qty: '2', trailBy: 'percent', trail: '1.5' }), aapl);
    expect(trailing.ok && trailing.request.body).toEqual({ symbol: 'AAPL', side: 'sell', type: 'trailing_stop', qty: '2', trailPercent: '1.5', tif: 'gtc' });
  });

  it('sends an OCO as a limit leg and a stop leg of one side and quantity', () => {
    const result = buildTicketRequest(ticket({ kind: 'oco', side: 'sell', qty: '4', price: '200', stopPrice: '180', stopLimitPrice: '179.5', tif: 'day', clientOrderId: 'oco-1' }), aapl);
    expect(result).toEqual({
      ok: true,
      request: {
        path: '/api/v1/orders/oco',
        body: {
          legs: [
            { symbol: 'AAPL', side: 'sell', type: 'limit', qty: '4', price: '200', tif: 'day', clientOrderId: 'oco-1' },
            { symbol: 'AAPL', side: 'sell', type: 'stop_limit', qty: '4', stopPrice: '180', price: '179.5', tif: 'day' },
          ],
        },
      },
    });
    const stopMarket = buildTicketRequest(ticket({ kind: 'oco', qty: '4', price: '180', stopPrice: '200' }), aapl);
    expect(stopMarket.ok && stopMarket.request.body).toMatchObject({ legs: [{ type: 'limit' }, { type: 'stop', stopPrice: '200' }] });
  });

  it('sends a bracket with its entry, take-profit, stop-loss and optional stop-loss limit', () => {
    const result = buildTicketRequest(ticket({ kind: 'bracket', entryType: 'market', qty: '1', price: '190', takeProfitPrice: '200', stopLossPrice: '180', stopLossLimitPrice: '179' }), aapl);
    expect(result).toEqual({
      ok: true,
      request: { path: '/api/v1/orders/bracket', body: { entry: { symbol: 'AAPL', side: 'buy', type: 'market', qty: '1', tif: 'ioc' }, takeProfitPrice: '200', stopLossPrice: '180', stopLossLimitPrice: '179' } },
    });
  });

  it('refuses to build an invalid ticket and returns its errors', () => {
    const result = buildTicketRequest(ticket({ qty: '' }), aapl);
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['price', 'qty']);
  });

  it('maps server refusals back to ticket fields', () => {
    expect(ticketFieldOfPath('qty')).toBe('qty');
    expect(ticketFieldOfPath('entry.price')).toBe('price');
    expect(ticketFieldOfPath('legs.0.price')).toBe('price');
    expect(ticketFieldOfPath('legs.1.price')).toBe('stopLimitPrice');
    expect(ticketFieldOfPath('legs.1.stopPrice')).toBe('stopPrice');
    expect(ticketFieldOfPath('trailPercent')).toBe('trail');
    expect(ticketFieldOfPath('stp')).toBeUndefined();
    expect(ticketFieldOfCode('PRICE_OUT_OF_BAND')).toBe('price');
    expect(ticketFieldOfCode('INSUFFICIENT_FUNDS')).toBe('qty');
    expect(ticketFieldOfCode('KILL_SWITCH_ACTIVE')).toBeUndefined();
  });

  it('notes the band a refused price left at the price field, else the code', () => {
    expect(refusalNote('PRICE_OUT_OF_BAND', { low: '90', high: '110', reference: '100' })).toBe('Outside the price band: 90 to 110');
    expect(refusalNote('PRICE_OUT_OF_BAND', null)).toBe('Refused: PRICE_OUT_OF_BAND');
    expect(refusalNote('INSUFFICIENT_FUNDS', null)).toBe('Refused: INSUFFICIENT_FUNDS');
  });
});

describe('the time in force hint', () => {
  const session = { close: '16:00', timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'], nextClose: Date.UTC(2030, 0, 15, 21, 0) };

  it('says when a DAY order expires: the session close, in local time and as the exchange states it', () => {
    expect(tifHint('day', session, session.nextClose - 1)).toBe(`Expires when the trading session closes: ${formatDateTime(session.nextClose)} (16:00 America/New_York).`);
  });

  it('falls back to the general hint once the listed close has passed, and for every other time in force', () => {
    expect(tifHint('day', session, session.nextClose)).toBe(TIF_HINTS.day);
    expect(tifHint('day', undefined, 0)).toBe(TIF_HINTS.day);
    expect(tifHint('gtc', session, 0)).toBe(TIF_HINTS.gtc);
  });
});
