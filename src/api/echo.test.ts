// Tests for quoting client input back in messages.
import { describe, expect, it } from 'vitest';
import { echo, MAX_ECHO } from './echo.ts';

describe('echo', () => {
  it('quotes short input whole and long input by its start and length', () => {
    expect(echo('AAPL')).toBe('AAPL');
    expect(echo('A'.repeat(MAX_ECHO))).toBe('A'.repeat(MAX_ECHO));
    expect(echo('A'.repeat(3000))).toBe(`${'A'.repeat(MAX_ECHO)}… (3000 characters)`);
  });
});
