// Which JSON numbers a double holds exactly, and where in a document the others are.
import { describe, expect, it } from 'vitest';
import { inexactNumbers, isExactNumber } from './exact-json.ts';

describe('isExactNumber', () => {
  it('holds what prints back as the same decimal, in any spelling', () => {
    for (const literal of ['0.1', '100.01', '-1', '0', '-0', '1e20', '1E-7', '0.30000000000000004', '9007199254740992', '100000000000000000000', '1.50000000000000000000']) {
      expect(isExactNumber(literal), literal).toBe(true);
    }
  });

  it('refuses what a double would round or cannot hold', () => {
    for (const literal of ['123456789.123456789', '9007199254740993', '0.12345678901234567891', '1e400', '-1e400', '100.004999999999999999']) {
      expect(isExactNumber(literal), literal).toBe(false);
    }
  });
});

describe('inexactNumbers', () => {
  it('names each inexact number by its path, through objects and arrays', () => {
    const text = '{"legs":[{"qty":"1","price":1.5},{"qty":9007199254740993,"price":"99"}],"note":"12345678901234567890","nested":{"a":[0,[1,123456789.123456789]]}}';
    expect(inexactNumbers(text).map((issue) => issue.path)).toEqual(['legs.1.qty', 'nested.a.1.1']);
  });

  it('finds nothing in strings, keys or exact numbers, and quickly in short documents', () => {
    expect(inexactNumbers('{"123456789.123456789":"9007199254740993","x":"a\\"1e400"}')).toEqual([]);
    expect(inexactNumbers('{"price":0.1,"qty":2}')).toEqual([]);
  });

  it('names a top-level number as the value, and reports what it found before malformed text', () => {
    expect(inexactNumbers('9007199254740993')).toEqual([{ path: '', message: expect.stringMatching(/^the value is the JSON number 9007199254740993/) as string }]);
    expect(inexactNumbers('{"a":9007199254740993,').map((issue) => issue.path)).toEqual(['a']);
  });

  it('says a number beyond any double is too large, rather than asking for it as a string', () => {
    expect(inexactNumbers('{"amount":1e400}')).toEqual([{ path: 'amount', message: 'amount is the JSON number 1e400, which is too large' }]);
    expect(inexactNumbers('{"amount":-1e400}')[0]?.message).toBe('amount is the JSON number -1e400, which is too large');
  });
});
