import { describe, expect, it } from 'vitest';
import type { Order } from '../../lib/api.ts';
import { editableFields, initialValues, notReplaceable, replaceEffect, replaceFieldOfCode, replaceRequest, type ReplaceInstrument } from './replace-form.ts';

const AAPL: ReplaceInstrument = { symbol: 'AAPL', base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '100000', takerFeeBps: 1, makerFeeBps: 0, bandBps: 1000 };

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: 7,
    clientOrderId: null,
    symbol: 'AAPL',
    side: 'buy',
    type: 'limit',
    tif: 'gtc',
    status: 'open',
    qty: '10',
    filledQty: '0',
    leavesQty: '10',
    price: '190.00',
    stopPrice: null,
    trailAmount: null,
    trailPercent: null,
    waterMark: null,
    avgFillPrice: null,
    expireAt: null,
    postOnly: false,
    stp: null,
    groupId: null,
    parentId: null,
    reason: null,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

describe('which orders and fields can be replaced', () => {
  it('refuses market orders, trailing stops, waiting bracket legs and finished orders', () => {
    expect(notReplaceable(order())).toBeUndefined();
    expect(notReplaceable(order({ type: 'market' }))).toMatch(/market/);
    expect(notReplaceable(order({ type: 'trailing_stop' }))).toMatch(/trailing/);
    expect(notReplaceable(order({ status: 'pending_parent' }))).toMatch(/entry/);
    expect(notReplaceable(order({ status: 'filled' }))).toMatch(/live/);
  });

  it('offers a price for limits, a trigger for waiting stops, and the quantity unless a group shares it', () => {
    expect([...editableFields(order())]).toEqual(['qty', 'price']);
    expect([...editableFields(order({ type: 'stop', price: null, stopPrice: '180.00', status: 'untriggered' }))]).toEqual(['qty', 'stopPrice']);
    expect([...editableFields(order({ type: 'stop_limit', stopPrice: '180.00', status: 'untriggered' }))]).toEqual(['qty', 'price', 'stopPrice']);
    // Once triggered, a stop limit rests as a limit: its trigger is history.
    expect([...editableFields(order({ type: 'stop_limit', stopPrice: '180.00', status: 'open' }))]).toEqual(['qty', 'price']);
    expect([...editableFields(order({ groupId: 5 }))]).toEqual(['price']);
    expect([...editableFields(order({ id: 5, groupId: 5 }))]).toEqual(['qty', 'price']);
  });
});

describe('replaceRequest', () => {
  it('sends only what changed, as typed', () => {
    expect(replaceRequest(order(), AAPL, { ...initialValues(order()), qty: ' 6 ' })).toEqual({ ok: true, body: { qty: '6' } });
    expect(replaceRequest(order(), AAPL, { ...initialValues(order()), price: '191.5' })).toEqual({ ok: true, body: { price: '191.5' } });
    expect(replaceRequest(order(), AAPL, { qty: '12', price: '.5', stopPrice: '' })).toEqual({ ok: true, body: { qty: '12', price: '0.5' } });
  });

  it('says when nothing changed (190 is 190.00)', () => {
    expect(replaceRequest(order(), AAPL, { qty: '10.0', price: '190', stopPrice: '' })).toEqual({ ok: false, errors: {}, unchanged: true });
  });

  it('checks format, tick and lot size, bounds and the filled part', () => {
    const check = (values: Partial<Record<'qty' | 'price', string>>, o = order()) => {
      const result = replaceRequest(o, AAPL, { ...initialValues(o), ...values });
      return result.ok ? {} : result.errors;
    };
    expect(check({ qty: '' }).qty).toMatch(/Enter a quantity/);
    expect(check({ qty: '1.5' }).qty).toMatch(/lot size 1/);
    expect(check({ qty: '200000' }).qty).toMatch(/maximum/);
    expect(check({ qty: 'ten' }).qty).toMatch(/plain number/);
    expect(check({ price: '190.001' }).price).toMatch(/tick size 0.01/);
    expect(check({ price: '-1' }).price).toBe('Must be more than 0.');
    expect(check({ qty: '4' }, order({ filledQty: '4', leavesQty: '6', status: 'partially_filled' })).qty).toMatch(/more than the 4 already filled/);
  });

  it('ignores fields the order cannot change', () => {
    const leg = order({ groupId: 3 });
    expect(replaceRequest(leg, AAPL, { qty: 'anything', price: '189.00', stopPrice: 'x' })).toEqual({ ok: true, body: { price: '189.00' } });
  });
});

describe('replaceEffect', () => {
  it('keeps priority only for a smaller quantity at the same prices', () => {
    expect(replaceEffect(order(), { qty: '6' })).toBe('keeps-priority');
    expect(replaceEffect(order(), { qty: '12' })).toBe('loses-priority');
    expect(replaceEffect(order(), { price: '189.00' })).toBe('loses-priority');
    expect(replaceEffect(order(), { qty: '6', price: '189.00' })).toBe('loses-priority');
    expect(replaceEffect(order(), {})).toBe('none');
    expect(replaceEffect(order({ type: 'stop', status: 'untriggered' }), { stopPrice: '170.00' })).toBe('waits');
  });
});

describe('replaceFieldOfCode', () => {
  it('puts engine refusals next to their field', () => {
    expect(replaceFieldOfCode('PRICE_OUT_OF_BAND')).toBe('price');
    expect(replaceFieldOfCode('POST_ONLY_WOULD_TAKE')).toBe('price');
    expect(replaceFieldOfCode('INSUFFICIENT_FUNDS')).toBe('qty');
    expect(replaceFieldOfCode('INVALID_STOP_PRICE')).toBe('stopPrice');
    expect(replaceFieldOfCode('KILL_SWITCH_ACTIVE')).toBeUndefined();
  });
});
