// One notice per own fill: repeats dropped, fills a placement notice tells left to it, the rest told once its answer is in.
import { describe, expect, it } from 'vitest';
import type { FillEvent } from '../../lib/api.ts';
import { FillNotices, fillText } from './fill-notices.ts';

const BTC = { base: 'BTC', lotSize: '0.0001', tickSize: '0.01' };

function fill(orderId: number, tradeId: number, qty: string, filledQty: string, extra: Partial<FillEvent> = {}): FillEvent {
  return { type: 'fill', id: tradeId, orderId, tradeId, symbol: 'BTC-USD', side: 'buy', liquidity: 'taker', price: '65000', qty, fee: '0', feeAsset: 'USD', leavesQty: '0', filledQty, ts: 0, ...extra };
}

function setup() {
  const shown: string[] = [];
  const notices = new FillNotices((f) => shown.push(`#${f.orderId}/${f.tradeId} ${f.qty}`));
  return { notices, shown };
}

/** Lets a settled placement's answer reach the notices. */
const answered = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('fillText', () => {
  it('says the side, quantity, price, liquidity and order', () => {
    expect(fillText(fill(6, 3, '0.3', '0.3', { side: 'sell', liquidity: 'maker', price: '65010' }), BTC)).toBe('Sold 0.3000 BTC at 65,010.00 (maker, order #6).');
  });
});

describe('FillNotices', () => {
  it('tells each fill once: the partial fills of a resting order each, a repeated event not again', () => {
    const { notices, shown } = setup();
    notices.heard(fill(1, 10, '0.2', '0.2'));
    notices.heard(fill(1, 11, '0.3', '0.5'));
    notices.heard(fill(1, 11, '0.3', '0.5'));
    notices.heard(fill(2, 11, '0.3', '0.3'));
    // A self-trade: one trade, a fill of each of the viewer's two orders.
    expect(shown).toEqual(['#1/10 0.2', '#1/11 0.3', '#2/11 0.3']);
  });

  it('leaves the fills a placement notice tells to that notice, even when they come before its answer, and tells later ones', async () => {
    const { notices, shown } = setup();
    let answer!: (orders: Array<{ id: number; filledQty: string }>) => void;
    notices.placing(new Promise((resolve) => (answer = resolve)));
    notices.heard(fill(6, 20, '0.3', '0.3'));
    notices.heard(fill(6, 21, '0.1', '0.4'));
    // Another order's fill meanwhile (a resting one): told once the answer is in.
    notices.heard(fill(2, 22, '0.1', '0.1', { liquidity: 'maker' }));
    expect(shown).toEqual([]);
    answer([{ id: 6, filledQty: '0.4' }]);
    await answered();
    expect(shown).toEqual(['#2/22 0.1']);
    // The rest of order 6 fills later: the notice did not tell that.
    notices.heard(fill(6, 23, '0.1', '0.5'));
    expect(shown).toEqual(['#2/22 0.1', '#6/23 0.1']);
  });

  it('tells the fills an answer does not count, and every fill heard during a placement that failed', async () => {
    const { notices, shown } = setup();
    notices.placing(Promise.resolve([{ id: 7, filledQty: '0.1' }]));
    notices.heard(fill(7, 30, '0.1', '0.1'));
    notices.heard(fill(7, 31, '0.2', '0.3'));
    await answered();
    expect(shown).toEqual(['#7/31 0.2']);

    notices.placing(Promise.reject(new Error('network down')));
    notices.heard(fill(8, 32, '1', '1'));
    expect(shown).toEqual(['#7/31 0.2']);
    await answered();
    expect(shown).toEqual(['#7/31 0.2', '#8/32 1']);
  });

  it('waits for every placement on its way', async () => {
    const { notices, shown } = setup();
    let first!: (orders: Array<{ id: number; filledQty: string }>) => void;
    notices.placing(new Promise((resolve) => (first = resolve)));
    notices.placing(Promise.resolve([{ id: 9, filledQty: '1' }]));
    notices.heard(fill(9, 40, '1', '1'));
    notices.heard(fill(10, 41, '2', '2'));
    await answered();
    expect(shown).toEqual([]);
    first([{ id: 10, filledQty: '0' }]);
    await answered();
    expect(shown).toEqual(['#10/41 2']);
  });
});
