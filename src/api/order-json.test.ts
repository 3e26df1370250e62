// The hand-written order JSON gives exactly JSON.stringify's bytes, for any view the formatter can produce and any client text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_TYPES, SIDES, STP_MODES, TIME_IN_FORCE } from '../core/orders.ts';
import { Engine } from '../engine/engine.ts';
import { generateCommands } from '../journal/bench-support.ts';
import { acceptedOrders } from '../store/index.ts';
import { orderJson, ordersJson } from './order-json.ts';
import { Formatter, orderView, type OrderView } from './views.ts';

const decimal = fc.tuple(fc.nat(), fc.option(fc.nat(), { nil: undefined })).map(([w, f]) => (f === undefined ? String(w) : `${w}.${f}`));
const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const view: fc.Arbitrary<OrderView> = fc.record({
  id: fc.maxSafeNat(),
  clientOrderId: orNull(fc.string({ unit: 'binary' })),
  symbol: fc.string(),
  side: fc.constantFrom(...SIDES),
  type: fc.constantFrom(...ORDER_TYPES),
  tif: fc.constantFrom(...TIME_IN_FORCE),
  status: fc.constantFrom('open', 'untriggered', 'pending_parent', 'partially_filled', 'filled', 'cancelled', 'expired' as const),
  qty: decimal,
  filledQty: decimal,
  leavesQty: decimal,
  price: orNull(decimal),
  stopPrice: orNull(decimal),
  trailAmount: orNull(decimal),
  trailPercent: orNull(decimal),
  waterMark: orNull(decimal),
  avgFillPrice: orNull(decimal),
  expireAt: orNull(fc.maxSafeNat()),
  postOnly: fc.boolean(),
  stp: fc.constantFrom(...STP_MODES),
  groupId: orNull(fc.maxSafeNat()),
  parentId: orNull(fc.maxSafeNat()),
  reason: orNull(fc.string({ unit: 'binary' })),
  createdAt: fc.maxSafeNat(),
  updatedAt: fc.maxSafeNat(),
});

describe('order JSON', () => {
  it('is JSON.stringify of the view, byte for byte, whatever the text in it', () => {
    const same = fc.property(fc.array(view, { minLength: 1, maxLength: 3 }), (views) => {
      expect(orderJson(views[0]!)).toBe(JSON.stringify(views[0]));
      expect(ordersJson(views)).toBe(JSON.stringify(views));
    });
    fc.assert(same, { numRuns: 2_000 });
  });

  it('holds for the views of orders an engine accepts', () => {
    const engine = new Engine();
    const format = new Formatter(engine);
    let checked = 0;
    for (const command of generateCommands({ seed: 9, count: 2_000 })) {
      for (const row of acceptedOrders(engine.apply(command))) {
        const v = orderView(format, row);
        expect(orderJson(v)).toBe(JSON.stringify(v));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
