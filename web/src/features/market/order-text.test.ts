// The notices the market screen shows when an order is accepted, and the type, status and trigger labels of every order table.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../lib/api.ts';
import { orderStatusLabel, orderTypeLabel, orderTypeName, placedNotice, stopText, trailText } from './order-text.ts';

const TERMS = { base: 'AAPL', tickSize: '0.01', lotSize: '1' };
const BASE: Order = {
  id: 12,
  clientOrderId: null,
  symbol: 'AAPL',
  side: 'buy',
  type: 'limit',
  tif: 'gtc',
  status: 'open',
  qty: '5',
  filledQty: '0',
  leavesQty: '5',
  price: '189.5',
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
};

describe('order notices', () => {
  it('says a resting order is in the book', () => {
    expect(placedNotice([BASE], TERMS, false)).toEqual({ text: 'Buy 5 AAPL limit at 189.50 is in the book (order #12).', tone: 'success' });
  });

  it('reports fills on arrival and orders that ended without one', () => {
    expect(placedNotice([{ ...BASE, type: 'market', status: 'filled', filledQty: '5', leavesQty: '0', avgFillPrice: '190.014' }], TERMS, false).text).toBe('Bought 5 AAPL at 190.01 (order #12).');
    expect(placedNotice([{ ...BASE, type: 'market', side: 'sell', status: 'cancelled', reason: 'NO_LIQUIDITY' }], TERMS, false)).toEqual({
      text: 'Sell 5 AAPL market was cancelled without a fill (NO_LIQUIDITY).',
      tone: 'info',
    });
    expect(placedNotice([{ ...BASE, status: 'partially_filled', filledQty: '2', leavesQty: '3', avgFillPrice: '189.5' }], TERMS, false).text).toBe(
      'Buy 5 AAPL limit: 2 filled at 189.50, 3 resting (order #12).',
    );
  });

  it('describes groups and replays', () => {
    const stop: Order = { ...BASE, id: 13, type: 'stop', status: 'untriggered', price: null, stopPrice: '200' };
    expect(placedNotice([BASE, stop], TERMS, false).text).toBe('OCO placed: limit #12 and stop #13; when one fills the other is cancelled.');
    expect(placedNotice([BASE, { ...BASE, id: 13, side: 'sell', status: 'pending_parent' }, { ...stop, id: 14, side: 'sell', status: 'pending_parent' }], TERMS, false).text).toBe(
      'Bracket placed. Buy 5 AAPL limit at 189.50 is in the book (order #12). Take-profit and stop-loss go live once it fills.',
    );
    expect(placedNotice([BASE], TERMS, true).text).toMatch(/^Already placed with this client order id: /);
  });

  it('labels trailing stops with their distance and its unit', () => {
    expect(orderTypeLabel({ type: 'trailing_stop', trailAmount: null, trailPercent: '1.50' }, '0.01')).toBe('Trailing stop (trail 1.5%)');
    expect(orderTypeLabel({ type: 'trailing_stop', trailAmount: null, trailPercent: '1.00' }, '0.01')).toBe('Trailing stop (trail 1%)');
    expect(orderTypeLabel({ type: 'trailing_stop', trailAmount: '1', trailPercent: null }, '0.01')).toBe('Trailing stop (trail 1.00)');
    expect(orderTypeLabel({ type: 'stop_limit', trailAmount: null, trailPercent: null }, '0.01')).toBe('Stop limit');
    expect(trailText({ trailAmount: '0.5', trailPercent: null }, '0.01')).toBe('trail 0.50');
    expect(trailText({ trailAmount: null, trailPercent: null }, '0.01')).toBeUndefined();
    // Tables show the name and the trail apart, so a narrow column wraps between them.
    expect(orderTypeName('trailing_stop')).toBe('Trailing stop');
    const trailing: Order = { ...BASE, type: 'trailing_stop', side: 'sell', status: 'untriggered', price: null, stopPrice: '188.5', trailAmount: '1' };
    expect(placedNotice([trailing], TERMS, false).text).toBe('Sell 5 AAPL trailing stop (trail 1.00) placed; it waits for its trigger at 188.50 (order #12).');
  });

  it('names a status and a trigger one way in every table', () => {
    expect(orderStatusLabel('untriggered')).toBe('waiting');
    expect(orderStatusLabel('pending_parent')).toBe('waits for entry');
    expect(orderStatusLabel('partially_filled')).toBe('partial');
    expect(orderStatusLabel('open')).toBe('open');
    expect(stopText('180', '0.01')).toBe('stop 180.00');
    expect(stopText(null, '0.01')).toBeUndefined();
  });
});
