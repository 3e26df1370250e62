// The order ticket's hold (web/src/features/market/ticket-hold.ts) is what the engine reserves for the same order: the request the ticket sends, converted as the API converts it, put to Engine.orderHold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstrumentSpec } from '../src/core/instrument.ts';
import { Engine } from '../src/engine/engine.ts';
import { listingCommands } from '../src/platform/markets-config.ts';
import { toOrderRequest } from '../src/platform/order-requests.ts';
import { formatAmount } from '../src/platform/units.ts';
import { EMPTY_TICKET, updateTicket, type TicketForm } from '../web/src/features/market/ticket-form.ts';
import { ticketHold } from '../web/src/features/market/ticket-hold.ts';
import { buildTicketRequest } from '../web/src/features/market/ticket-request.ts';
import type { TicketInstrument } from '../web/src/features/market/ticket-validation.ts';

const AAPL: InstrumentSpec = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 1, referencePrice: '190', bandBps: 1000 };
const TICKET_AAPL: TicketInstrument = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', makerFeeBps: 0, takerFeeBps: 1, bandBps: 1000 };
const USD_SCALE = 6;
const ACCOUNT = 1;

/** An engine with AAPL last traded at `lastTicks`, and an account rich enough for any order. */
function engineAt(lastTicks: number): Engine {
  const engine = new Engine();
  const config = { assets: [{ code: 'USD', scale: USD_SCALE }, { code: 'AAPL', scale: 0 }], instruments: [AAPL] };
  for (const command of listingCommands(config, engine, 0).commands) engine.apply(command);
  engine.apply({ type: 'openAccount', accountId: ACCOUNT, ts: 0 });
  engine.apply({ type: 'deposit', accountId: ACCOUNT, asset: 'USD', amount: 10 ** 13, ts: 0 });
  engine.apply({ type: 'deposit', accountId: ACCOUNT, asset: 'AAPL', amount: 1_000_000, ts: 0 });
  engine.apply({ type: 'setReferencePrice', symbol: 'AAPL', price: lastTicks, ts: 0 });
  return engine;
}

/** What the engine would hold for the order the ticket sends, as decimal text; undefined when the ticket sends none. */
function engineHold(engine: Engine, form: TicketForm): string | undefined {
  const built = buildTicketRequest(form, { instrument: TICKET_AAPL, now: 0 });
  if (!built.ok || built.request.path !== '/api/v1/orders') return undefined;
  const request = toOrderRequest((symbol) => engine.instrument(symbol), ACCOUNT, built.request.body);
  if ('problem' in request) return undefined;
  const hold = engine.orderHold(request);
  if (!hold) return undefined;
  return formatAmount(engine.asset(hold.asset)!, hold.need);
}

const price = (ticks: number): string => (ticks / 100).toFixed(2);
/** The same number whatever trailing zeros it is written with ("27.502750" and "27.50275"). */
const trimmed = (text: string | undefined): string | undefined => (text?.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);

describe('the ticket holds what the engine holds', () => {
  it('for single orders of every kind, either side, at any last price', () => {
    const ticket = fc.record({
      side: fc.constantFrom<TicketForm['side']>('buy', 'sell'),
      kind: fc.constantFrom<TicketForm['kind']>('market', 'limit', 'stop', 'stop_limit', 'trailing_stop'),
      qty: fc.integer({ min: 1, max: 500 }),
      // Prices near the last one, so the band does not refuse most orders.
      priceOffset: fc.integer({ min: -1500, max: 1500 }),
      stopOffset: fc.integer({ min: -1500, max: 1500 }),
      trailBy: fc.constantFrom<TicketForm['trailBy']>('amount', 'percent'),
      trailTicks: fc.integer({ min: 1, max: 2000 }),
      trailBps: fc.integer({ min: 1, max: 2500 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 5_000_000 }), ticket, (lastTicks, t) => {
        const engine = engineAt(lastTicks);
        const form = updateTicket(EMPTY_TICKET, {
          side: t.side,
          kind: t.kind,
          qty: String(t.qty),
          price: price(Math.max(1, lastTicks + t.priceOffset)),
          stopPrice: price(Math.max(1, lastTicks + t.stopOffset)),
          trailBy: t.trailBy,
          trail: t.trailBy === 'amount' ? price(t.trailTicks) : (t.trailBps / 100).toFixed(2),
        });
        const expected = engineHold(engine, form);
        fc.pre(expected !== undefined);
        expect(trimmed(ticketHold(form, price(lastTicks), TICKET_AAPL, USD_SCALE))).toBe(trimmed(expected));
      }),
      { numRuns: 400 },
    );
  });
});
