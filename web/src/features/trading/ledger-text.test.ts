import { describe, expect, it } from 'vitest';
import { ledgerReference } from './ledger-text.ts';

describe('ledgerReference', () => {
  it('names the order of a hold or release, the trade of a trade or fee, and a transfer by its memo', () => {
    expect(ledgerReference({ reason: 'hold', refId: 12, memo: null })).toBe('order #12');
    expect(ledgerReference({ reason: 'release', refId: 12, memo: null })).toBe('order #12');
    expect(ledgerReference({ reason: 'trade', refId: 99, memo: null })).toBe('trade #99');
    expect(ledgerReference({ reason: 'fee', refId: 99, memo: null })).toBe('trade #99');
    expect(ledgerReference({ reason: 'deposit', refId: 0, memo: 'salary' })).toBe('salary');
    expect(ledgerReference({ reason: 'withdrawal', refId: 0, memo: null })).toBe('—');
  });
});
