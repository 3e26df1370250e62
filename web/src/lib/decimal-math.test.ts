// Exact decimal arithmetic: sums, products, fees in basis points, step checks and division to a step.
import { describe, expect, it } from 'vitest';
import { addDecimal, atStepPrecision, basisPointsOf, divideToStep, fromUnits, isMultipleOf, multiplyDecimal, subtractDecimal, truncateDecimal } from './decimal-math.ts';

describe('decimal arithmetic', () => {
  it('adds and subtracts without float error', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(addDecimal('190.25', '3')).toBe('193.25');
    expect(subtractDecimal('1', '1.005')).toBe('-0.005');
    expect(subtractDecimal('190.25', '190.24')).toBe('0.01');
    expect(addDecimal('9007199254740993', '0.01')).toBe('9007199254740993.01');
  });

  it('multiplies exactly', () => {
    expect(multiplyDecimal('190.01', '3')).toBe('570.03');
    expect(multiplyDecimal('65000.25', '0.0003')).toBe('19.500075');
    expect(multiplyDecimal('-2.5', '0.4')).toBe('-1.00');
  });

  it('truncates toward zero and renders units', () => {
    expect(truncateDecimal('1.239', 2)).toBe('1.23');
    expect(truncateDecimal('-1.239', 2)).toBe('-1.23');
    expect(truncateDecimal('5', 2)).toBe('5.00');
    expect(fromUnits(-5n, 3)).toBe('-0.005');
    expect(atStepPrecision('190.257', '0.01')).toBe('190.25');
  });

  it('takes basis points rounding down, as the clearinghouse charges fees', () => {
    // 5 bps of 19.500075 USD at 6 places: 0.009750037... -> 0.009750
    expect(basisPointsOf('19.500075', 5, 6)).toBe('0.009750');
    expect(basisPointsOf('570.03', 1, 6)).toBe('0.057003');
    expect(basisPointsOf('0.000001', 1, 6)).toBe('0.000000');
    expect(basisPointsOf('100', 0, 2)).toBe('0.00');
  });

  it('checks multiples of a step', () => {
    expect(isMultipleOf('190.25', '0.05')).toBe(true);
    expect(isMultipleOf('190.26', '0.05')).toBe(false);
    expect(isMultipleOf('1.5', '1')).toBe(false);
    expect(isMultipleOf('0.0003', '0.0001')).toBe(true);
    expect(isMultipleOf('10', '0.0001')).toBe(true);
  });

  it('divides down to a whole number of steps', () => {
    expect(divideToStep('1000', '190.01', '1')).toBe('5');
    expect(divideToStep('1000', '65000', '0.0001')).toBe('0.0153');
    expect(divideToStep('10', '3', '0.5')).toBe('3.0');
    expect(() => divideToStep('1', '0', '1')).toThrow(RangeError);
  });
});
