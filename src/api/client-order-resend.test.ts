// The comparison of a resent placement with the stored orders its client order id placed: placed terms first, current ones for orders stored before them.
import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../core/orders.ts';
import { resolveInstrument, type Instrument } from '../core/instrument.ts';
import type { OrderRow } from '../store/index.ts';
import { clientOrderIdsOf, resendRefusal, type Placement } from './client-order-resend.ts';

const resolved = resolveInstrument(
  { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.05', lotSize: '0.2', minQty: '0.2', maxQty: '1000', makerFeeBps: 0, takerFeeBps: 0, referencePrice: '100', bandBps: 1000 },
  (code) => (code === 'USD' ? 2 : 1),
);
if (!resolved.ok) throw new Error(resolved.message);
const ACME: Instrument = resolved.instrument;
const lookup = (symbol: string) => (symbol === 'ACME' ? ACME : undefined);

/** A limit buy of 3 (15 lots) at 99 (1980 ticks), accepted with those terms and replaced to 2 at 98.5. */
const replacedRow: OrderRow = {
  id: 7, accountId: 1, clientOrderId: 'c-1', symbol: 'ACME', side: 'buy', orderType: 'limit', tif: 'gtc',
  qty: 10, price: 1970, stopPrice: null, trailAmount: null, trailBps: null, waterMark: null,
  placedQty: 15, placedPrice: 1980, placedStopPrice: null,
  expireAt: null, postOnly: false, stp: 'cancel_newest', groupId: null, parentId: null, status: 'open',
  filledQty: 0, leavesQty: 10, filledNotional: 0, reason: null, createdAt: 1, updatedAt: 2,
};
const request: OrderRequest = { accountId: 1, symbol: 'ACME', side: 'buy', type: 'limit', qty: 15, price: 1980, clientOrderId: 'c-1' };
const place = (order: OrderRequest): Placement => ({ type: 'placeOrder', ts: 1, order });

describe('resendRefusal', () => {
  it('compares with the placed terms, and names each difference in the instrument units', () => {
    expect(resendRefusal(place(request), [replacedRow], 'c-1', lookup)).toBeUndefined();
    expect(resendRefusal(place({ ...request, tif: 'gtc', stp: 'cancel_newest', postOnly: false }), [replacedRow], 'c-1', lookup)).toBeUndefined();
    const refusal = resendRefusal(place({ ...request, qty: 10, price: 1970 }), [replacedRow], 'c-1', lookup);
    expect({ code: refusal?.code, status: refusal?.statusCode, details: refusal?.details }).toEqual({
      code: 'DUPLICATE_CLIENT_ORDER_ID',
      status: 409,
      details: [
        { path: 'qty', message: 'qty is 2 here but 3 when order 7 was placed' },
        { path: 'price', message: 'price is 98.5 here but 99 when order 7 was placed' },
      ],
    });
  });

  it('compares an order stored before placed terms were kept with its current terms', () => {
    const older: OrderRow = { ...replacedRow, placedQty: null, placedPrice: null, placedStopPrice: null };
    expect(resendRefusal(place({ ...request, qty: 10, price: 1970 }), [older], 'c-1', lookup)).toBeUndefined();
    expect(resendRefusal(place(request), [older], 'c-1', lookup)?.details).toEqual([
      { path: 'qty', message: 'qty is 3 here but 2 when order 7 was placed' },
      { path: 'price', message: 'price is 99 here but 98.5 when order 7 was placed' },
    ]);
  });

  it('lists the client order ids of a placement in request order', () => {
    const legs: [OrderRequest, OrderRequest] = [{ ...request, clientOrderId: undefined }, { ...request, clientOrderId: 'leg-2' }];
    expect(clientOrderIdsOf({ type: 'placeOco', ts: 1, legs })).toEqual(['leg-2']);
    expect(clientOrderIdsOf({ type: 'placeBracket', ts: 1, entry: request, takeProfitPrice: 2000, stopLossPrice: 1900 })).toEqual(['c-1']);
  });
});
