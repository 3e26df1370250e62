// Tests for the runtime's exact average-cost ledger: positions, realized and unrealized P&L, fees and cash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUnits } from '../core/decimal.ts';
import { formatFixed, toFixed } from './exact.ts';
import { AccountLedger } from './ledger.ts';
import type { PortFill, PortInstrument } from './ports.ts';

const ACME: PortInstrument = { symbol: 'ACME', base: 'ACME', quote: 'USD', tickSize: '0.01', lotSize: '1', minQty: '1', maxQty: '1000000' };
const instruments = new Map([[ACME.symbol, ACME]]);
let tradeId = 0;

function fill(side: 'buy' | 'sell', qty: string, price: string, fee = '0'): PortFill {
  tradeId++;
  return { orderId: 1, tradeId, symbol: 'ACME', side, price, qty, fee, liquidity: 'taker', ts: 0 };
}

function ledgerWith(usd: string, shares = '0'): AccountLedger {
  const ledger = new AccountLedger(instruments);
  ledger.open(
    [
      { asset: 'USD', available: usd, held: '0' },
      { asset: 'ACME', available: shares, held: '0' },
    ],
    ['ACME'],
  );
  return ledger;
}

describe('average-cost accounting', () => {
  it('applies a fill once per order and trade, small ids or large', () => {
    const ledger = ledgerWith('1000000');
    const ids: Array<readonly [number, number]> = [[1, 1], [1, 2], [2, 1], [2 ** 26, 1], [1, 2 ** 26], [2, 0], [2 ** 40, 3]];
    for (const [orderId, tradeId] of ids) {
      const once: PortFill = { orderId, tradeId, symbol: 'ACME', side: 'buy', price: '10', qty: '1', fee: '0', liquidity: 'taker', ts: 0 };
      expect(ledger.applyFill(once)).toBe(true);
      expect(ledger.applyFill({ ...once })).toBe(false);
    }
    expect(ledger.position('ACME').qty).toBe(ids.length);
  });

  it('follows partial buys, a partial sell and the close, with fees (worked by hand)', () => {
    const ledger = ledgerWith('10000');
    ledger.applyFill(fill('buy', '3', '100', '0.3'));
    ledger.applyFill(fill('buy', '2', '101', '0.2'));
    expect(ledger.position('ACME')).toMatchObject({ qty: 5, avgPrice: 100.4, realizedPnl: 0, fees: 0.5 });
    ledger.applyFill(fill('sell', '4', '102', '0.41'));
    // 4 of 5 units leave with 4/5 of the 502 basis: 408 - 401.6.
    expect(ledger.position('ACME')).toMatchObject({ qty: 1, avgPrice: 100.4, realizedPnl: 6.4 });
    ledger.mark('ACME', '103');
    expect(ledger.position('ACME')).toMatchObject({ unrealizedPnl: 2.6, marketValue: 103 });
    ledger.applyFill(fill('sell', '1', '99', '0.1'));
    expect(ledger.position('ACME')).toMatchObject({ qty: 0, avgPrice: 0, realizedPnl: 5, unrealizedPnl: 0, fees: 1.01 });
    expect(ledger.pnl()).toEqual({ realized: 5, unrealized: 0, fees: 1.01, total: 3.99 });
    expect(ledger.cash('USD')).toBe(10003.99);
    expect(ledger.cash('ACME')).toBe(0);
  });

  it('applies a fill once however often it is reported', () => {
    const ledger = ledgerWith('1000');
    const once = fill('buy', '2', '10', '0.01');
    expect(ledger.applyFill(once)).toBe(true);
    expect(ledger.applyFill(once)).toBe(false);
    expect(ledger.position('ACME').qty).toBe(2);
    expect(ledger.cash('USD')).toBe(979.99);
  });

  it('values holdings from before the start at the first price it learns', () => {
    const ledger = ledgerWith('0', '10');
    expect(ledger.position('ACME')).toMatchObject({ qty: 10, avgPrice: 0, unrealizedPnl: 0 });
    ledger.mark('ACME', '50');
    ledger.mark('ACME', '51');
    expect(ledger.position('ACME')).toMatchObject({ qty: 10, avgPrice: 50, unrealizedPnl: 10 });
    ledger.applyFill(fill('sell', '4', '55'));
    expect(ledger.position('ACME')).toMatchObject({ qty: 6, realizedPnl: 20 });
  });

  it('keeps the arithmetic right through a flip, should a venue ever allow one', () => {
    const ledger = ledgerWith('1000');
    ledger.applyFill(fill('sell', '2', '10'));
    expect(ledger.position('ACME')).toMatchObject({ qty: -2, avgPrice: 10 });
    ledger.applyFill(fill('buy', '3', '8'));
    expect(ledger.position('ACME')).toMatchObject({ qty: 1, avgPrice: 8, realizedPnl: 4 });
  });

  it('once flat, realized P&L is exactly proceeds minus costs, and cash moved by exactly that less fees', () => {
    const step = fc.record({ buy: fc.integer({ min: 1, max: 50 }), sellShare: fc.integer({ min: 0, max: 100 }), buyCents: fc.integer({ min: 1, max: 2_000_000 }), sellCents: fc.integer({ min: 1, max: 2_000_000 }), feeCents: fc.integer({ min: 0, max: 300 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const ledger = ledgerWith('100000000');
        let held = 0;
        let flow = 0n;
        let fees = 0n;
        const trade = (side: 'buy' | 'sell', qty: number, cents: number, feeCents: number) => {
          const price = fromUnits(cents, '0.01');
          const fee = fromUnits(feeCents, '0.01');
          ledger.applyFill(fill(side, String(qty), price, fee));
          flow += (side === 'sell' ? 1n : -1n) * BigInt(qty) * toFixed(price);
          fees += toFixed(fee);
        };
        for (const s of steps) {
          trade('buy', s.buy, s.buyCents, s.feeCents);
          held += s.buy;
          const sell = Math.floor((held * s.sellShare) / 100);
          if (sell > 0) trade('sell', sell, s.sellCents, s.feeCents);
          held -= sell;
        }
        if (held > 0) trade('sell', held, steps[0]!.sellCents, 0);
        const exact = ledger.exactPnl();
        expect(formatFixed(exact.realized)).toBe(formatFixed(flow));
        expect(formatFixed(exact.fees)).toBe(formatFixed(fees));
        expect(formatFixed(toFixed(String(ledger.cash('USD'))))).toBe(formatFixed(toFixed('100000000') + flow - fees));
      }),
      { numRuns: 300 },
    );
  });
});
