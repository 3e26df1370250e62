import { describe, expect, it } from 'vitest';
import type { Balance } from '../../lib/api.ts';
import { shownBalances, transferProblems } from './amounts.ts';

const ASSETS = [
  { code: 'USD', scale: 6 },
  { code: 'AAPL', scale: 0 },
  { code: 'BTC', scale: 8 },
];
const BALANCES = new Map<string, Balance>([['USD', { asset: 'USD', available: '150.000000', held: '50.000000', total: '200.000000' }]]);

describe('transferProblems', () => {
  const check = (kind: 'deposit' | 'withdrawal', asset: string, amount: string) => transferProblems(kind, { asset, amount }, ASSETS, BALANCES);

  it('accepts a plain positive amount within the asset’s decimals', () => {
    expect(check('deposit', 'USD', '1000')).toEqual({});
    expect(check('deposit', 'BTC', '.00000001')).toEqual({});
    // A point with nothing after it is the whole number, as a leading point is a zero before it.
    expect(check('deposit', 'USD', '5.')).toEqual({});
    expect(check('withdrawal', 'USD', '150')).toEqual({});
  });

  it('names the problem of the amount', () => {
    expect(check('deposit', 'USD', '').amount).toMatch(/Enter an amount/);
    expect(check('deposit', 'USD', '1e3').amount).toMatch(/plain number/);
    expect(check('deposit', 'USD', '0').amount).toMatch(/more than 0/);
    // A negative amount is told to be more than 0, not to be a plain number.
    expect(check('deposit', 'USD', '-5').amount).toBe('Must be more than 0.');
    expect(check('withdrawal', 'USD', ' -0.5').amount).toBe('Must be more than 0.');
    expect(check('deposit', 'USD', '1.0000001').amount).toMatch(/at most 6 decimals/);
    expect(check('deposit', 'AAPL', '1.5').amount).toMatch(/whole units/);
  });

  it('limits a withdrawal to the available amount', () => {
    expect(check('withdrawal', 'USD', '150.000001').amount).toMatch(/Only 150.000000 USD is available/);
    expect(check('withdrawal', 'BTC', '1').amount).toMatch(/Only 0.00000000 BTC/);
  });

  it('needs a known asset', () => {
    expect(check('deposit', 'XYZ', '1').asset).toMatch(/Choose an asset/);
  });
});

describe('shownBalances', () => {
  const row = (asset: string, available: string, held: string): Balance => ({ asset, available, held, total: '0' });

  it('leaves out rows with nothing available and nothing held', () => {
    const usd = row('USD', '150.000000', '0.000000');
    const aapl = row('AAPL', '0', '5');
    expect(shownBalances([usd, row('MSFT', '0', '0'), aapl, row('BTC', '0.00000000', '0.00000000')])).toEqual([usd, aapl]);
  });

  it('shows every row when all are zero, and nothing before the first load', () => {
    const zeros = [row('USD', '0.000000', '0.000000'), row('MSFT', '0', '0')];
    expect(shownBalances(zeros)).toEqual(zeros);
    expect(shownBalances([])).toEqual([]);
    expect(shownBalances(undefined)).toBeUndefined();
  });
});
