import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PositionBook, type PositionFill } from './position-book.ts';

/** One tick times one lot is 1 minor unit here: notionals are price x qty. */
const book = () => new PositionBook((symbol) => (symbol === 'ACME' ? 1 : undefined));
let seq = 0;
const fill = (side: 'buy' | 'sell', qty: number, price: number, fee = 0): PositionFill => ({ seq: ++seq, symbol: 'ACME', side, price, qty, fee });

describe('PositionBook', () => {
  it('averages the cost of buys and realizes sells against it, the last sell taking what cost is left', () => {
    const b = book();
    b.apply(fill('buy', 10, 100, 3));
    b.apply(fill('buy', 20, 115, 4));
    expect(b.get('ACME')).toEqual({ costedLots: 30, cost: 3_300, realized: 0, fees: 7 });
    // 7 of 30 lots take 3,300 x 7 / 30 = 770 of the cost.
    b.apply(fill('sell', 7, 120, 2));
    expect(b.get('ACME')).toEqual({ costedLots: 23, cost: 2_530, realized: 7 * 120 - 770, fees: 9 });
    b.apply(fill('sell', 23, 100));
    expect(b.get('ACME')).toEqual({ costedLots: 0, cost: 0, realized: 70 + 2_300 - 2_530, fees: 9 });
  });

  it('rounds a cost share down and leaves the remainder with the lots still held', () => {
    const b = book();
    b.apply(fill('buy', 3, 100));
    b.apply(fill('sell', 1, 100));
    expect(b.get('ACME')).toEqual({ costedLots: 2, cost: 200, realized: 0, fees: 0 });
    b.apply(fill('buy', 1, 101));
    b.apply(fill('sell', 1, 100)); // 301 x 1 / 3 = 100.33: 100 out, 201 stays
    expect(b.get('ACME')).toMatchObject({ costedLots: 2, cost: 201, realized: 0 });
  });

  it('realizes nothing on units sold beyond those bought through fills, and ignores repeated or unknown fills', () => {
    const b = book();
    const bought = fill('buy', 2, 50);
    b.apply(bought);
    b.apply(bought);
    b.apply({ ...fill('buy', 1, 10), symbol: 'NONE' });
    b.apply(fill('sell', 5, 60));
    expect(b.get('ACME')).toEqual({ costedLots: 0, cost: 0, realized: 20, fees: 0 });
    expect(b.symbols()).toEqual(['ACME']);
  });

  it('keeps realized + remaining cost equal to proceeds less purchases, exactly, for any trading', () => {
    const trade = fc.record({ buy: fc.boolean(), qty: fc.integer({ min: 1, max: 1_000 }), price: fc.integer({ min: 1, max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.array(trade, { maxLength: 200 }), (trades) => {
        const b = book();
        let held = 0;
        let proceeds = 0;
        let purchases = 0;
        for (const t of trades) {
          // Sells never exceed what was bought: every unit has a cost.
          const qty = t.buy ? t.qty : Math.min(t.qty, held);
          if (qty === 0) continue;
          b.apply(fill(t.buy ? 'buy' : 'sell', qty, t.price));
          held += t.buy ? qty : -qty;
          if (t.buy) purchases += qty * t.price;
          else proceeds += qty * t.price;
          const p = b.get('ACME');
          expect(p.costedLots).toBe(held);
          expect(p.cost).toBeGreaterThanOrEqual(0);
          if (held === 0) expect(p.cost).toBe(0);
          // What was paid either left with a sale (realized against it) or is still the cost of what is held.
          expect(p.realized).toBe(proceeds - purchases + p.cost);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
