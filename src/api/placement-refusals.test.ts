// A placement refused for its quantity names the limit it broke: the instrument's least and most, or the account's own limits.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { A, ACME, setupMarket } from '../engine/test-support.ts';
import { quantityRefusal } from './placement-refusals.ts';

describe('quantityRefusal', () => {
  it('names the instrument limit or the account limit the qty broke, with details at the qty', () => {
    const m = setupMarket(new Engine(), { acme: { minQty: '5', maxQty: '1000' } });
    m.apply({ type: 'setRiskLimits', accountId: A, symbol: ACME, maxOrderQty: 100, maxPosition: 20 });
    const order = (qty: number) => ({ accountId: A, symbol: ACME, side: 'buy', type: 'limit', qty, price: 10000 }) as const;
    const told = (qty: number, prefix = '') => {
      const request = order(qty);
      const reason = m.engine.orderProblem(request)!;
      const refusal = quantityRefusal(m.engine, reason, [{ request, prefix }]);
      return { code: refusal?.code, message: refusal?.message, details: refusal?.details };
    };
    expect(told(2)).toEqual({ code: 'QUANTITY_BELOW_MIN', message: 'qty 2 is below the least ACME takes in one order, 5.', details: [{ path: 'qty', message: 'qty 2 is below the least ACME takes in one order, 5.' }] });
    expect(told(2000, 'entry.')).toMatchObject({ code: 'QUANTITY_ABOVE_MAX', message: 'qty 2000 is above the most ACME takes in one order, 1000.', details: [{ path: 'entry.qty' }] });
    expect(told(500)).toMatchObject({ code: 'QUANTITY_ABOVE_MAX', message: "qty 500 is above this account's limit for ACME, 100 in one order." });
    expect(told(50)).toMatchObject({ code: 'POSITION_LIMIT', message: "Buying qty 50 would take this account's ACME position (holdings plus open buys) past its limit, 20." });
    // Any other reason is left to the caller.
    expect(quantityRefusal(m.engine, 'INVALID_PRICE', [{ request: order(50), prefix: '' }])).toBeUndefined();
  });
});
